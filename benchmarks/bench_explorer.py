"""Explorer figures: one slider change, a six-optimizer race frame, a 200 x 200 map."""

import statistics
import time

import numpy as np
from bench_core import best_of

from optim import OPTIMIZERS, Momentum, convergence_map, explore, race, run
from optim.plotting import PathView, draw_loss_axes, draw_surface, loss_curve, new_figure, png_bytes


def median_ms(values, change):
    """Median wall time of `change(value)` over `values`, in milliseconds."""
    times = []
    for value in values:
        start = time.perf_counter()
        change(value)
        times.append(time.perf_counter() - start)
    return 1e3 * statistics.median(times)


def rebuild_from_scratch(lr, resolution=400):
    """What a naive callback does: a new figure, a fine contour grid, everything redrawn."""
    trajectory = run(Momentum(lr=lr, momentum=0.9), "rosenbrock", steps=200)
    fig = new_figure()
    ax, loss_ax = fig.subplots(1, 2, width_ratios=[3, 2])
    value_range = draw_surface(ax, "rosenbrock", resolution=resolution)
    draw_loss_axes(loss_ax, "rosenbrock", 200, value_range)
    PathView(ax, "C0").show(trajectory, 200)
    loss_ax.plot(loss_curve(trajectory, "rosenbrock"))
    return png_bytes(fig)


def slider_frame():
    lrs = np.geomspace(1e-4, 2e-3, 21)
    explorer = explore("Momentum", "rosenbrock", lr=1e-3, momentum=0.9, steps=200)
    slider = explorer.entries[0].sliders["lr"]
    fast = median_ms(lrs, lambda lr: setattr(slider, "value", float(lr)))
    slow = median_ms(lrs[:5], rebuild_from_scratch)
    print("slider change (Momentum on rosenbrock, 200 steps, frame encoding included):")
    print(f"  explorer            {fast:7.1f} ms median")
    print(f"  rebuild from scratch {slow:6.1f} ms median (400 x 400 contour grid)")
    print(f"  ratio               {slow / fast:7.1f}x")
    schedule_and_noise()


def schedule_and_noise():
    """A schedule or noise change reruns every run, as an lr change reruns its own: the same
    cost (one optimizer here). The lr range stays in one decade: the lr axis is not redrawn."""
    explorer = explore("Momentum", "rosenbrock", lr=1e-3, momentum=0.9, steps=200)
    slider = explorer.entries[0].sliders["lr"]
    gamma = explorer.schedule.sliders["StepLR"]["gamma"]
    lrs, gammas = np.geomspace(2e-4, 9e-4, 21), np.linspace(0.3, 0.9, 21)
    sigmas = explorer.noise.stops[1:12]  # 1 to 10 on rosenbrock, |∇L(start)| = 163

    def moved(control, values):
        return median_ms(values, lambda v: setattr(control, "value", float(v)))

    moved(slider, lrs)  # warm-up
    constant = moved(slider, lrs)
    explorer.schedule.choice.value = "StepLR"
    scheduled, schedule = moved(slider, lrs), moved(gamma, gammas)
    noise = moved(explorer.noise, sigmas)
    print("  same explorer, lr 2e-4 .. 9e-4:")
    print(f"    lr moved, constant lr       {constant:6.1f} ms median")
    print(f"    lr moved, StepLR on         {scheduled:6.1f} ms median")
    print(f"    StepLR's gamma moved        {schedule:6.1f} ms median")
    print(f"    noise σ moved (StepLR on)   {noise:6.1f} ms median")


def frame_encoding():
    explorer = explore("Momentum", "rosenbrock", lr=1e-3, momentum=0.9, steps=200)
    scene = explorer.scene
    draw = median_ms(range(21), lambda _: scene.image())
    jpeg = median_ms(range(21), lambda _: scene.frame())
    png = median_ms(range(21), lambda _: scene.png())
    print("one explorer frame (1100 x 500), blit and encode:")
    print(f"  blit only           {draw:7.1f} ms median")
    print(f"  live JPEG frame     {jpeg:7.1f} ms median, {len(scene.frame()) / 1e3:.0f} kB")
    print(f"  PNG still           {png:7.1f} ms median, {len(scene.png()) / 1e3:.0f} kB")


def race_frame():
    settings = {name: {"lr": 0.05} for name in OPTIMIZERS}
    explorer = race(settings, "book", steps=200)
    play = median_ms(range(0, 200, 10), lambda k: setattr(explorer.step, "value", k))
    slider = explorer.entries[0].sliders["lr"]
    lr = median_ms(np.geomspace(0.01, 0.5, 21), lambda v: setattr(slider, "value", float(v)))
    print("race of six optimizers on book, 200 steps:")
    print(f"  Play frame (all six redrawn)       {play:6.1f} ms median")
    print(f"  lr change (one rerun, all redrawn) {lr:6.1f} ms median")


def surface_switch():
    """A surface change: new contours, the start and each unmoved lr set to the surface's own
    (one Hessian estimate per optimizer, ~0.4 ms), every run recomputed, a frame."""
    surfaces = ["rosenbrock", "beale", "book", "himmelblau"] * 3
    explorer = explore("Momentum", "book", lr=0.1, momentum=0.9, steps=100)
    one = median_ms(surfaces, lambda s: setattr(explorer.surface, "value", s))
    settings = {"SGD": {"lr": 0.95}, "Momentum": {"lr": 0.1}, "AdaGrad": {"lr": 1.5}}
    four = race({**settings, "Adam": {"lr": 0.3}}, "book", steps=30)
    several = median_ms(surfaces, lambda s: setattr(four.surface, "value", s))
    cmap = convergence_map("Momentum", "book", steps=200, size=100, lr_range=(1e-2, 2.0))
    mapped = median_ms(surfaces[:8], lambda s: setattr(cmap.surface, "value", s))
    print("surface change (rosenbrock, beale, book, himmelblau in turn):")
    print(f"  explorer, Momentum, 100 steps       {one:6.1f} ms median")
    print(f"  race of four, 30 steps              {several:6.1f} ms median")
    print(f"  convergence map 100 x 100, 200 steps {mapped:5.0f} ms median")


def opening():
    """A cell that shows an explorer: the runs, the first frame and the display bundle (the
    live widget plus what a page without a kernel shows); and a move of a start slider."""

    def shown(make):
        make()._repr_mimebundle_()

    one = median_ms(range(5), lambda _: shown(lambda: explore("Momentum", "book", lr=0.1)))
    settings = {"SGD": {"lr": 0.95}, "Momentum": {"lr": 0.1}, "AdaGrad": {"lr": 1.5}}
    four = median_ms(range(5), lambda _: shown(lambda: race({**settings, "Adam": {"lr": 0.3}})))
    explorer = explore("Momentum", "book", lr=0.1, steps=100)
    starts = np.linspace(-9.0, -5.0, 11)
    start = median_ms(starts, lambda x: setattr(explorer.x0, "value", float(x)))
    print("an explorer cell run (runs, first frame, display bundle):")
    print(f"  explorer, Momentum, 100 steps       {one:6.0f} ms median")
    print(f"  race of four, 100 steps             {four:6.0f} ms median")
    print(f"  start slider x0 moved               {start:6.1f} ms median")


def map_build(size=200):
    seconds = best_of(3, lambda: convergence_map("Momentum", "book", steps=200, size=size))
    print(f"convergence map {size} x {size} settings x 200 steps, sweep + figure: {seconds:.2f} s")


if __name__ == "__main__":
    slider_frame()
    frame_encoding()
    race_frame()
    surface_switch()
    opening()
    map_build()
