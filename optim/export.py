"""`python -m optim.export`: the lecture's animations as GIF files for a teacher's own slides.

One GIF per optimizer and one race of them all, on the reference book's surface by default:

    python -m optim.export                         # gifs/SGD.gif ... gifs/race.gif
    python -m optim.export --surface rosenbrock --optimizers Momentum,Adam --out figures
"""

import argparse
import os
import pathlib
import sys

from optim.animation import animate, save_gif
from optim.figures import BOOK_SETTINGS
from optim.optimizers import OPTIMIZERS
from optim.surfaces import SURFACES, get_surface
from optim.trajectory import run

NOT_IN_THE_BOOK = {"Nesterov": {"lr": 0.1}, "RMSprop": {"lr": 0.3}}
SETTINGS = {name: BOOK_SETTINGS.get(name) or NOT_IN_THE_BOOK[name] for name in OPTIMIZERS}
"""Each optimizer's settings: the book's figure 6-8 where it has them (x²/20 + y², 30 steps)."""


def parse(argv):
    parser = argparse.ArgumentParser(
        prog="python -m optim.export", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--out", default="gifs", help="folder for the GIFs (made if missing)")
    parser.add_argument("--surface", default="book", help=f"one of {', '.join(SURFACES)}")
    parser.add_argument(
        "--optimizers", default=",".join(SETTINGS), help="comma-separated, e.g. SGD,Adam"
    )
    parser.add_argument("--steps", type=int, default=30, help="steps per run (frames - 1)")
    parser.add_argument("--fps", type=float, default=8.0, help="frames per second")
    args = parser.parse_args(argv)
    if args.surface not in SURFACES:
        parser.error(f"unknown surface {args.surface!r}; choose one of {', '.join(SURFACES)}")
    args.optimizers = [name.strip() for name in args.optimizers.split(",") if name.strip()]
    unknown = [name for name in args.optimizers if name not in OPTIMIZERS]
    if unknown or not args.optimizers:
        parser.error(f"unknown optimizer {unknown}; choose from {', '.join(OPTIMIZERS)}")
    if not 1 <= args.steps <= 1000:
        parser.error(f"--steps must be from 1 to 1000, got {args.steps}")
    if not 0 < args.fps <= 100:
        parser.error(f"--fps must be in (0, 100], got {args.fps}")
    args.out = pathlib.Path(args.out)
    try:
        args.out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        parser.error(f"cannot create the folder {str(args.out)!r}: {error.strerror}")
    if not os.access(args.out, os.W_OK):
        parser.error(f"the folder {str(args.out)!r} is not writable")
    return args


def main(argv=None):
    args = parse(sys.argv[1:] if argv is None else argv)
    surface = get_surface(args.surface)
    runs = {
        name: run(OPTIMIZERS[name](**SETTINGS[name]), surface, steps=args.steps)
        for name in args.optimizers
    }
    jobs = [(f"{name}.gif", {name: trajectory}) for name, trajectory in runs.items()]
    jobs.append(("race.gif", runs))
    for filename, trajectories in jobs:
        print(f"{filename}: {', '.join(trajectories)} on {surface.name}", flush=True)
        path = save_gif(animate(surface, trajectories), args.out / filename, args.fps, True)
        print(f"  -> {path} ({path.stat().st_size / 1e3:.0f} kB)", flush=True)


if __name__ == "__main__":
    main()
