"""Core figures: import times, steps per second of one trajectory, the vectorised sweep."""

import subprocess
import sys
import time

import numpy as np

from optim import (
    OPTIMIZERS,
    SGD,
    Adam,
    CosineAnnealingLR,
    LinearLR,
    Momentum,
    SequentialLR,
    run,
    sweep,
)


def best_of(repeats, work):
    """Smallest wall time of `repeats` calls of `work()`, in seconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def import_times(repeats=3):
    """Seconds to start Python and import: the numerical core needs numpy alone."""
    print("import in a fresh interpreter (best of 3):")
    for code in ("import numpy", "import optim", "import optim; optim.explore"):
        command = [sys.executable, "-c", code]
        seconds = best_of(repeats, lambda c=command: subprocess.run(c, check=True))
        print(f"  {code:28s} {seconds:6.2f} s")


def trajectory_rates(steps=2000):
    print(f"single 2D trajectory on rosenbrock, {steps} steps:")
    for name, cls in OPTIMIZERS.items():
        optimizer = cls(lr=1e-4)
        seconds = best_of(3, lambda opt=optimizer: run(opt, "rosenbrock", steps=steps))
        print(f"  {name:9s} {steps / seconds:10,.0f} steps/s")


def interleaved(repeats, works):
    """Smallest CPU time of each of `works` ({name: work}), timed in turns: on a shared
    machine a slow spell then hits every variant alike, and waiting for a core is not counted."""
    times = {name: [] for name in works}
    for _ in range(repeats):
        for name, work in works.items():
            start = time.process_time()
            work()
            times[name].append(time.process_time() - start)
    return {name: min(seconds) for name, seconds in times.items()}


def schedule_and_noise_against_plain(steps=2000, size=100, sweep_steps=200):
    """A run (and a sweep) with a schedule, with noise, with both: time per step against plain."""
    warm_cosine = SequentialLR([LinearLR(0.1, 1.0, 100), CosineAnnealingLR(steps - 100)], [100])
    cosine, noisy = CosineAnnealingLR(sweep_steps), {"noise": 0.1, "seed": 0}
    variants = {"plain": (False, {}), "schedule": (True, {}), "noise": (False, noisy)}
    variants["both"] = (True, noisy)
    print(f"single 2D trajectory on rosenbrock, {steps} steps, with a schedule and noise:")
    for cls in (SGD, Adam):
        optimizer = cls(lr=1e-4)
        works = {}
        for name, (scheduled, kwargs) in variants.items():
            schedule = warm_cosine if scheduled else None
            works[name] = lambda o=optimizer, s=schedule, k=kwargs: run(
                o, "rosenbrock", steps=steps, schedule=s, **k
            )
        seconds = interleaved(7, works)
        for name, value in seconds.items():
            print(
                f"  {cls.__name__:5s} {name:9s} {value / steps * 1e6:6.1f} us/step "
                f"({value / seconds['plain']:4.2f}x plain)"
            )
    lrs, moms = np.logspace(-4, 0, size), np.linspace(0, 0.99, size)
    works = {}
    for name, (scheduled, kwargs) in variants.items():
        schedule = cosine if scheduled else None
        works[name] = lambda s=schedule, k=kwargs: sweep(
            Momentum, "book", steps=sweep_steps, schedule=s, lr=lrs, momentum=moms, **k
        )
    print(f"sweep {size}x{size} settings x {sweep_steps} steps (Momentum on book, cosine):")
    seconds = interleaved(5, works)
    for name, value in seconds.items():
        print(f"  {name:9s} {value:6.3f} s ({value / seconds['plain']:4.2f}x plain)")


def sweep_against_loop(size=200, steps=200, loop_sample=400):
    lrs, moms = np.logspace(-4, 0, size), np.linspace(0, 0.99, size)
    vectorised = best_of(3, lambda: sweep(Momentum, "book", steps=steps, lr=lrs, momentum=moms))
    rng = np.random.default_rng(0)
    sample = [(lrs[i], moms[j]) for i, j in rng.integers(0, size, (loop_sample, 2))]

    def loop():
        for lr, mom in sample:
            run(Momentum(lr=lr, momentum=mom), "book", steps=steps)

    per_setting = best_of(1, loop) / loop_sample
    looped = per_setting * size * size
    print(f"sweep {size}x{size} settings x {steps} steps (Momentum on book):")
    print(f"  vectorised   {vectorised:8.3f} s")
    print(f"  Python loop  {looped:8.1f} s (timed on {loop_sample} settings, scaled up)")
    print(f"  ratio        {looped / vectorised:8.0f}x")


if __name__ == "__main__":
    import_times()
    trajectory_rates()
    schedule_and_noise_against_plain()
    sweep_against_loop()
