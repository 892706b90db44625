"""`make bench`: every benchmark, printed as a small report."""

import bench_core

if __name__ == "__main__":
    bench_core.trajectory_rates()
    bench_core.sweep_against_loop()
