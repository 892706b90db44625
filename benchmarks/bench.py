"""`make bench`: every benchmark, printed as a small report."""

import bench_animation
import bench_core
import bench_explorer
import bench_network

if __name__ == "__main__":
    bench_core.trajectory_rates()
    bench_core.sweep_against_loop()
    bench_explorer.slider_frame()
    bench_explorer.frame_encoding()
    bench_explorer.race_frame()
    bench_explorer.map_build()
    bench_explorer.surface_switch()
    bench_explorer.opening()
    bench_animation.gif_export()
    bench_network.runs_against_loop()
    bench_network.notebook_workload()
