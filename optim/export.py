"""`python -m optim.export`: the lecture's animations as GIF files for a teacher's own slides.

One GIF per optimizer and one race of them all, on the reference book's surface by default:

    python -m optim.export                         # gifs/SGD.gif ... gifs/race.gif
    python -m optim.export --surface digits --out gifs/digits   # notebook 09's loss slice
    python -m optim.export --surface rosenbrock --optimizers Momentum,Adam --out figures
    python -m optim.export --surface rosenbrock --optimizers Momentum,Adam \
        --set Momentum:lr=0.0005,momentum=0.95 --set Adam:lr=0.05

`--surface digits` is notebook 09's slice of a trained network's loss (optim.landscape's
`digits_slice`, trained and cut in under a second). Settings not given with --set are the
surface's sensible ones (`optim.defaults`); on the book's surface, those of the book's figure
6-8. The legend shows each optimizer's settings.
"""

import argparse
import os
import pathlib
import sys

from optim.animation import FPS_RANGE, animate, new_gif_file, save_gif
from optim.defaults import sensible_settings
from optim.figures import BOOK_SETTINGS
from optim.landscape import digits_slice
from optim.optimizers import OPTIMIZERS
from optim.surfaces import SURFACES, get_surface
from optim.trajectory import run

NOT_IN_THE_BOOK = {"Nesterov": {"lr": 0.1}, "RMSprop": {"lr": 0.3}}
BOOK_FIGURE = {name: BOOK_SETTINGS.get(name) or NOT_IN_THE_BOOK[name] for name in OPTIMIZERS}
"""Settings on the book's surface: its figure 6-8 where it has them (x²/20 + y², 30 steps)."""
MADE_ON_DEMAND = {"digits": digits_slice}
"""Surfaces beyond optim.surfaces' named ones: name -> the function that makes it."""
SURFACE_NAMES = [*SURFACES, *MADE_ON_DEMAND]


def make_surface(name):
    """The Surface called `name` (one of SURFACE_NAMES)."""
    return MADE_ON_DEMAND[name]() if name in MADE_ON_DEMAND else get_surface(name)


def default_settings(name, surface):
    """The settings `name` runs with on the Surface `surface` unless --set says otherwise."""
    if surface.name == "book":
        return dict(BOOK_FIGURE[name])
    return sensible_settings(name, surface)


def settings_given(parser, texts, chosen):
    """{name: {key: value}} from the --set texts 'NAME:key=value,key=value', checked."""
    given = {}
    for text in texts:
        name, _, pairs = (part.strip() for part in text.partition(":"))
        where = f"--set {text!r}"
        if name not in chosen:
            known = "is not among --optimizers" if name in OPTIMIZERS else "is no optimizer"
            parser.error(f"{where}: {name!r} {known}; choose from {', '.join(chosen)}")
        keys = list(OPTIMIZERS[name]().hyperparameters)
        for pair in pairs.split(","):
            key, equals, value = (part.strip() for part in pair.partition("="))
            if not equals or key not in keys:
                unknown = f"{name} has no setting {key!r}; " if equals else ""
                parser.error(
                    f"{where}: {unknown}write NAME:key=value,... with keys from {', '.join(keys)}"
                )
            try:
                given.setdefault(name, {})[key] = float(value)
            except ValueError:
                parser.error(f"{where}: {key}={value!r} is not a number")
    return given


def legend_label(optimizer):
    """'Momentum (lr=0.001, momentum=0.9)': the class and its settings but eps."""
    shown = {k: v for k, v in optimizer.hyperparameters.items() if k != "eps"}
    return f"{type(optimizer).__name__} ({', '.join(f'{k}={v:g}' for k, v in shown.items())})"


def parse(argv):
    parser = argparse.ArgumentParser(
        prog="python -m optim.export", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--out", default="gifs", help="folder for the GIFs (made if missing)")
    parser.add_argument("--surface", default="book", help=f"one of {', '.join(SURFACE_NAMES)}")
    parser.add_argument(
        "--optimizers", default=",".join(OPTIMIZERS), help="comma-separated, e.g. SGD,Adam"
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME:key=value,...",
        help="an optimizer's settings, e.g. Momentum:lr=0.001,momentum=0.9 (repeatable); the "
        "rest are the surface's sensible ones (optim.defaults), on book the book's figure's",
    )
    parser.add_argument("--steps", type=int, default=30, help="steps per run (frames - 1)")
    parser.add_argument("--fps", type=float, default=8.0, help="frames per second")
    args = parser.parse_args(argv)
    if args.surface not in SURFACE_NAMES:
        choices = ", ".join(SURFACE_NAMES)
        parser.error(f"unknown surface {args.surface!r}; choose one of {choices}")
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
    given, names = settings_given(parser, args.set, args.optimizers), args.optimizers
    args.surface = make_surface(args.surface)
    args.optimizers = {}  # name -> the optimizer, made with its settings
    for name in names:
        settings = {**default_settings(name, args.surface), **given.get(name, {})}
        try:
            args.optimizers[name] = OPTIMIZERS[name](**settings)
        except ValueError as error:  # the optimizer's own message, e.g. Invalid learning rate
            parser.error(f"--set {name}: {error}")
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
    surface = args.surface
    runs = {
        legend_label(optimizer): run(optimizer, surface, steps=args.steps)
        for optimizer in args.optimizers.values()
    }
    jobs = [(f"{name}.gif", dict([item])) for name, item in zip(args.optimizers, runs.items())]
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
