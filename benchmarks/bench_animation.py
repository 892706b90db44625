"""Animation export: time and size of a 100-frame GIF (and its notebook <img>) of a race."""

import pathlib
import tempfile
import time

from optim.animation import animate, save_gif, to_html
from optim.figures import book_runs


def timed(work):
    """(result, seconds) of one call of `work()`."""
    start = time.perf_counter()
    result = work()
    return result, time.perf_counter() - start


def gif_export(frames=100, dpi=80):
    """The book's four optimizers racing on 'book' for `frames` frames (steps 0..frames-1).

    (matplotlib's own path, `Animation.save` with `PillowWriter`, every frame drawn in full
    with one palette per frame, took 64 s and 1986 kB here: no longer offered.)
    """
    runs = book_runs(steps=frames - 1)
    anim, build = timed(lambda: animate("book", runs))
    print(f"animation: 4 optimizers on book, {frames} frames, {dpi} dpi (built in {build:.2f} s)")
    with tempfile.TemporaryDirectory() as folder:
        path, seconds = timed(lambda: save_gif(anim, pathlib.Path(folder, "race.gif"), dpi=dpi))
        size, per_frame = path.stat().st_size, seconds / frames * 1000
        print(f"  save_gif     {seconds:7.2f} s  {size / 1024:8.0f} kB  ({per_frame:.0f} ms/frame)")
        html, seconds = timed(lambda: to_html(anim, dpi=dpi))
        print(f"  to_html      {seconds:7.2f} s  {len(html) / 1024:8.0f} kB  (the GIF as an <img>)")


if __name__ == "__main__":
    gif_export()
