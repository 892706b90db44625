"""Where a drawn figure's texts and marks landed: inside the figure, off each other.

`assert_no_collisions(fig)` draws nothing itself; it measures a figure that was just drawn
(`png_bytes(fig)`, or an explorer's frame) with the canvas' renderer.
"""

import numpy as np
from matplotlib.legend import Legend
from matplotlib.text import Text

from optim import style

TOLERANCE = 1.0  # pixels: antialiasing, rounding of the extents


def drawn_tick_labels(axis):
    """The tick labels of `axis` that show: visible, not empty, at a tick inside the view."""
    return [label for tick in axis._update_ticks() for label in (tick.label1, tick.label2)]


def texts(fig):
    """[(name, Text)] of every text of `fig` that shows, legends' texts left out."""
    found = [("figure text", text) for text in fig.texts]  # the suptitle is one of them
    for i, ax in enumerate(fig.axes):
        if not ax.get_visible():  # hidden axes draw nothing (an explorer's other panel)
            continue
        found += [(f"axes {i} title", t) for t in (ax.title, ax._left_title, ax._right_title)]
        found += [(f"axes {i} text {t.get_text()!r}", t) for t in ax.texts]
        for axis in ax._axis_map.values():
            if not axis.get_visible():
                continue
            found.append((f"axes {i} {axis.axis_name}-label", axis.label))
            found.append((f"axes {i} {axis.axis_name} offset", axis.offsetText))
            if ax.name != "3d":  # mplot3d places its tick labels while drawing, not here
                found += [(f"axes {i} {axis.axis_name}-tick", t) for t in drawn_tick_labels(axis)]
    return [
        (f"{name} {text.get_text()!r}", text)
        for name, text in found
        if isinstance(text, Text) and text.get_visible() and text.get_text().strip()
    ]


def legends(fig):
    found = [legend for ax in fig.axes if (legend := ax.get_legend())]
    return [legend for legend in [*found, *fig.legends] if isinstance(legend, Legend)]


def diverged_marks(fig):
    """The X marks of diverged runs (white X markers) that show."""
    return [
        line
        for ax in fig.axes
        for line in ax.get_lines()
        if line.get_visible()
        and line.get_marker() == "X"
        and line.get_markerfacecolor() == style.DIVERGED_COLOR
        and len(line.get_xdata())
    ]


def overlap(a, b):
    """True if bounding boxes a and b share more than TOLERANCE pixels each way."""
    dx, dy = min(a.x1, b.x1) - max(a.x0, b.x0), min(a.y1, b.y1) - max(a.y0, b.y0)
    if dx > TOLERANCE and dy > TOLERANCE:
        return f"{dx:.0f} x {dy:.0f} px"
    return None


def outside(box, frame):
    """True if `box` leaves `frame` by more than TOLERANCE pixels."""
    margins = (box.x0 - frame.x0, box.y0 - frame.y0, frame.x1 - box.x1, frame.y1 - box.y1)
    return min(margins) < -TOLERANCE


def collisions(fig, marks=True):
    """A list of sentences, one per text outside the figure or two boxes that overlap."""
    renderer = fig.canvas.get_renderer()
    boxes = [(name, text.get_window_extent(renderer)) for name, text in texts(fig)]
    for i, legend in enumerate(legends(fig)):
        boxes.append((f"legend {i}", legend.get_window_extent(renderer)))
    found = [f"{name} leaves the figure: {box}" for name, box in boxes if outside(box, fig.bbox)]
    for line in diverged_marks(fig) if marks else []:
        boxes.append((f"diverged X at {line.get_xydata()[0]}", line.get_window_extent(renderer)))
    for i, (name, box) in enumerate(boxes):
        for other, other_box in boxes[i + 1 :]:
            both_marks = name.startswith("diverged X") and other.startswith("diverged X")
            if not both_marks and (shared := overlap(box, other_box)):  # Xs may share a place
                found.append(f"{name} overlaps {other} by {shared}")
    return found + legend_over_points(fig, renderer)


def legend_over_points(fig, renderer):
    """Legends inside an axes that cover one of its drawn points (paths, markers, the star)."""
    found = []
    for ax in fig.axes:
        legend = ax.get_legend()
        if legend is None or ax.name == "3d":
            continue
        box = legend.get_window_extent(renderer)
        for line in ax.get_lines():
            xy = line.get_transform().transform(np.reshape(line.get_xydata(), (-1, 2)))
            drawn = xy[[ax.bbox.contains(x, y) for x, y in xy]] if line.get_visible() else xy[:0]
            if box.count_contains(drawn):
                found.append(f"the legend covers points of {line.get_label()!r}")
    return found


def assert_no_collisions(fig, case="", marks=True):
    found = collisions(fig, marks)
    assert not found, f"{case}: " + "; ".join(found)
