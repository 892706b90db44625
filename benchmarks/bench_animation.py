"""Animation export: time and size of a 100-frame GIF (and its notebook HTML) of a race."""

import pathlib
import tempfile
import time

from matplotlib.animation import PillowWriter

from optim.animation import animate, save_gif, to_html
from optim.figures import book_runs


def timed(work):
    """(result, seconds) of one call of `work()`."""
    start = time.perf_counter()
    result = work()
    return result, time.perf_counter() - start


def gif_export(frames=100, dpi=80, compare=False):
    """The book's four optimizers racing on 'book' for `frames` frames (steps 0..frames-1).

    compare=True also times matplotlib's own path (`Animation.save` with `PillowWriter`,
    every frame drawn in full, one palette per frame), which takes several times longer.
    """
    runs = book_runs(steps=frames - 1)
    anim, build = timed(lambda: animate("book", runs))
    print(f"animation: 4 optimizers on book, {frames} frames, {dpi} dpi (built in {build:.2f} s)")
    with tempfile.TemporaryDirectory() as folder:
        path, seconds = timed(lambda: save_gif(anim, pathlib.Path(folder, "race.gif"), dpi=dpi))
        size, per_frame = path.stat().st_size, seconds / frames * 1000
        print(f"  save_gif     {seconds:7.2f} s  {size / 1024:8.0f} kB  ({per_frame:.0f} ms/frame)")
        html, seconds = timed(lambda: to_html(anim, dpi=dpi))
        print(f"  to_html      {seconds:7.2f} s  {len(html) / 1024:8.0f} kB")
        if compare:
            plain = pathlib.Path(folder, "plain.gif")
            _, seconds = timed(lambda: anim.save(plain, writer=PillowWriter(fps=10), dpi=dpi))
            size = plain.stat().st_size
            print(
                f"  PillowWriter {seconds:7.2f} s  {size / 1024:8.0f} kB  (matplotlib's own path)"
            )


if __name__ == "__main__":
    gif_export(compare=True)
