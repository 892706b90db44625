"""The network's figures: R runs in one vectorised pass against the same runs one by one, where
one update's time goes (vectorising removes Python's per-call overhead, not the arithmetic: the
speed-up is bounded by one run's share of overhead), and a notebook-09-sized workload (every
optimizer over a grid of lrs and seeds)."""

import time

import numpy as np
from bench_core import interleaved
from threadpoolctl import threadpool_limits

from optim import OPTIMIZERS, Adam
from optim.digits import load_digits
from optim.network import MLP, train

SIZES = [64, 32, 10]
ITERS, BATCH = 300, 64


def runs_against_loop(runs=24, sizes=SIZES, iters=ITERS, batch_size=BATCH, repeats=3):
    """`runs` Adam runs (seeds 0 ... runs-1, lrs on a log grid) as one MLP of `runs` runs,
    against the same runs trained one after another: the same work, the same results."""
    data = load_digits()
    lrs = np.logspace(-4, -1, runs)

    def together():
        net = MLP(sizes, seed=list(range(runs)))
        train(net, Adam(lr=lrs.reshape(-1, 1, 1)), data, iters, batch_size)

    def one_by_one():
        for seed, lr in enumerate(lrs):
            train(MLP(sizes, seed=seed), Adam(lr=lr), data, iters, batch_size)

    seconds = interleaved(repeats, {"vectorised": together, "loop": one_by_one})
    print(f"{runs} runs of MLP {sizes}, Adam, {iters} updates of {batch_size} (CPU time):")
    print(f"  vectorised   {seconds['vectorised']:6.2f} s")
    print(f"  one by one   {seconds['loop']:6.2f} s")
    print(f"  ratio        {seconds['loop'] / seconds['vectorised']:6.1f}x")


def update_parts(runs=24, sizes=SIZES, batch_size=BATCH, repeats=200):
    """Where one update's time goes: the forward and backward pass, then Adam's step, for one
    network of `runs` runs against one run (CPU time per call, one BLAS thread as in train)."""
    X, y = load_digits().X_train[:batch_size], load_digits().y_train[:batch_size]
    works = {}
    for label, seed, lr in (("1 run", 0, 1e-3), (f"{runs} runs", list(range(runs)), 1e-3)):
        net = MLP(sizes, seed=seed)
        optimizer = Adam(lr=lr if seed == 0 else np.full((runs, 1, 1), lr))
        _, grads = net.loss_and_grads(X, y)
        works[label, "passes"] = lambda n=net: n._loss_and_grads(X, y)
        works[label, "step"] = lambda n=net, o=optimizer, g=grads: o.step(n.params, g)
    with threadpool_limits(1, user_api="blas"):
        seconds = interleaved(
            5, {key: lambda w=w: [w() for _ in range(repeats)] for key, w in works.items()}
        )
    print(f"one update of MLP {sizes}, batch {batch_size} (CPU time per call):")
    for label in dict.fromkeys(label for label, _ in works):
        passes, step = (1e3 * seconds[label, part] / repeats for part in ("passes", "step"))
        print(f"  {label:8s} forward + backward {passes:5.2f} ms, Adam step {step:5.2f} ms")


def notebook_workload(seeds=3, lrs=8, sizes=SIZES, iters=ITERS, batch_size=BATCH):
    """What notebook 09's tuned race costs: every optimizer × `lrs` lrs × `seeds` seeds, one
    vectorised train() per optimizer (lr grid 1e-4 ... 1, seeds 0 ... seeds-1)."""
    data = load_digits()
    grid = np.logspace(-4, 0, lrs)
    lr = np.repeat(grid, seeds).reshape(-1, 1, 1)  # run index = lr index × seeds + seed
    start, best = time.perf_counter(), {}
    for name, cls in OPTIMIZERS.items():
        net = MLP(sizes, seed=list(range(seeds)) * lrs)
        result = train(net, cls(lr=lr), data, iters, batch_size)
        accuracy = result.test_accuracy.reshape(lrs, seeds).mean(axis=1)
        best[name] = (grid[accuracy.argmax()], accuracy.max())
    seconds = time.perf_counter() - start
    print(
        f"notebook 09's race: {len(OPTIMIZERS)} optimizers x {lrs} lrs x {seeds} seeds, "
        f"MLP {sizes}, {iters} updates of {batch_size}: {seconds:.1f} s (wall)"
    )
    for name, (lr, accuracy) in best.items():
        print(f"  {name:9s} best lr {lr:8.2g}  mean test accuracy {accuracy:.3f}")


if __name__ == "__main__":
    runs_against_loop()
    runs_against_loop(sizes=[64, 16, 10], batch_size=32)
    update_parts()
    notebook_workload()
