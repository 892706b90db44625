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


def schedule_and_noise_against_plain(steps=2000, size=100, sweep_steps=200):
    """A run (and a sweep) with a schedule, with noise, with both: time per step against plain."""
    schedule = SequentialLR([LinearLR(0.1, 1.0, 100), CosineAnnealingLR(steps - 100)], [100])
    variants = {
        "plain": {},
        "schedule": {"schedule": schedule},
        "noise": {"noise": 0.1, "seed": 0},
        "both": {"schedule": schedule, "noise": 0.1, "seed": 0},
    }
    print(f"single 2D trajectory on rosenbrock, {steps} steps, with a schedule and noise:")
    for cls in (SGD, Adam):
        optimizer = cls(lr=1e-4)
        plain = None
        for name, kwargs in variants.items():
            seconds = best_of(
                5, lambda o=optimizer, k=kwargs: run(o, "rosenbrock", steps=steps, **k)
            )
            plain = plain or seconds
            print(
                f"  {cls.__name__:5s} {name:9s} {seconds / steps * 1e6:6.1f} us/step "
                f"({seconds / plain:4.2f}x plain)"
            )
    lrs, moms = np.logspace(-4, 0, size), np.linspace(0, 0.99, size)
    print(f"sweep {size}x{size} settings x {sweep_steps} steps (Momentum on book):")
    plain = None
    for name, kwargs in variants.items():
        kwargs = (
            {**kwargs, "schedule": CosineAnnealingLR(sweep_steps)}
            if "schedule" in kwargs
            else kwargs
        )
        seconds = best_of(
            3,
            lambda k=kwargs: sweep(Momentum, "book", steps=sweep_steps, lr=lrs, momentum=moms, **k),
        )
        plain = plain or seconds
        print(f"  {name:9s} {seconds:6.3f} s ({seconds / plain:4.2f}x plain)")


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
