"""Frames to an animated GIF with Pillow's public API, and to an <img> that embeds it.

Every frame is mapped to the palette of the first one, so pixels that did not move keep their
index and Pillow stores only the box that changed from one frame to the next: a 100-frame race
takes about 200 kB instead of 2 MB (`make bench`).
"""

import base64
import io
from html import escape

import numpy as np
from PIL import Image

from optim import style


def lecture_palette(frame, colors=96):
    """A palette image: white, the lecture's colours, and the commonest other ones of `frame`.

    The commonest colours are counted on every fourth pixel across and down: the same colours
    (no blend is made), found in a sixteenth of the time. Colours of the frame within 8 levels
    of one of ours are left out: Pillow maps pixels to a palette through a coarse cache, which
    would otherwise turn white into a near-white grey.
    """
    own = ["#FFFFFF", style.INK, style.DIVERGED_COLOR, style.MINIMUM_COLOR, *style.COLORS.values()]
    own = np.array([[int(c[i : i + 2], 16) for i in (1, 3, 5)] for c in dict.fromkeys(own)])
    sample = frame.resize((max(1, frame.width // 4), max(1, frame.height // 4)), Image.NEAREST)
    found = np.array(sample.quantize(colors, dither=Image.Dither.NONE).getpalette()[: 3 * colors])
    found = found.reshape(-1, 3)
    distinct = np.abs(found[:, None, :] - own[None, :, :]).max(axis=2).min(axis=1) >= 8
    palette = Image.new("P", (1, 1))
    palette.putpalette(np.concatenate([own, found[distinct]]).ravel().tolist())
    return palette


def quantized(frames):
    """The RGB `frames` as palette images, all on the palette of the first (a list)."""
    palette, images = None, []
    for frame in frames:
        palette = palette or lecture_palette(frame)
        images.append(frame.quantize(palette=palette, dither=Image.Dither.NONE))
    if not images:
        raise ValueError("a GIF needs at least one frame")
    return images


def write_gif(file, frames, duration, comment=None):
    """Write the RGB `frames` to `file` (a path or a binary file) as a GIF that loops.

    duration: milliseconds per frame, or one per frame. comment: text stored in the GIF
    (its description, read back as `Image.open(...).info['comment']`).
    """
    first, *rest = quantized(frames)
    extra = {"comment": comment} if comment else {}
    first.save(file, "GIF", save_all=True, append_images=rest, duration=duration, loop=0, **extra)


def gif_bytes(frames, duration, comment=None):
    """The GIF of `write_gif` as bytes: the same frames give the same bytes."""
    buffer = io.BytesIO()
    write_gif(buffer, frames, duration, comment)
    return buffer.getvalue()


def img_tag(gif, alt):
    """An <img> showing the GIF bytes `gif` from a data URI, with `alt` as its text."""
    data = base64.b64encode(gif).decode("ascii")
    return f'<img src="data:image/gif;base64,{data}" alt="{escape(alt)}">'
