"""`python -m optim.export`: the lecture's animations as GIF files for a teacher's own slides.

One GIF per optimizer and one race of them all, on the reference book's surface by default:

    python -m optim.export                         # gifs/SGD.gif ... gifs/race.gif
    python -m optim.export --surface rosenbrock --optimizers Momentum,Adam --out figures
"""

import argparse
import os
import pathlib
import sys

from optim.animation import FPS_RANGE, animate, new_gif_file, save_gif
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
    given = args.optimizers
    args.optimizers = list(dict.fromkeys(n.strip() for n in given.split(",") if n.strip()))
    unknown = [name for name in args.optimizers if name not in OPTIMIZERS]
    if unknown or not args.optimizers:
        what = f"unknown optimizer {unknown}" if unknown else f"no optimizer in {given!r}"
        parser.error(f"--optimizers: {what}; choose from {', '.join(OPTIMIZERS)}")
    if not 1 <= args.steps <= 1000:
        parser.error(f"--steps must be from 1 to 1000, got {args.steps}")
    if not FPS_RANGE[0] <= args.fps <= FPS_RANGE[1]:
        parser.error(f"--fps must be from {FPS_RANGE[0]:g} to {FPS_RANGE[1]:g}, got {args.fps:g}")
    args.out = pathlib.Path(args.out)
    try:
        args.out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        parser.error(f"cannot create the folder {str(args.out)!r}: {error.strerror}")
    for name in [*args.optimizers, "race"]:  # each GIF can be written: try as save_gif will
        try:
            _, probe = new_gif_file(args.out / f"{name}.gif")
        except OSError as error:
            parser.error(error.strerror or str(error))
        os.unlink(probe)
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
        try:
            path = save_gif(animate(surface, trajectories), args.out / filename, args.fps, True)
        except OSError as error:  # e.g. the disk is full: no traceback, the reason
            sys.exit(f"python -m optim.export: error: {error.strerror or error}")
        except KeyboardInterrupt:  # save_gif removed its unfinished file
            sys.exit(f"python -m optim.export: interrupted; {filename} was not written")
        print(f"  -> {path} ({path.stat().st_size / 1e3:.0f} kB)", flush=True)


if __name__ == "__main__":
    main()
