"""Figures that render fast, and the two-panel scene every trajectory figure shares.

`Scene`: static parts drawn once, moving artists blitted on top. The explorers call `frame()`
on every slider change; the background (contours, axes, labels) is kept as pixels until
`invalidate()` says a static part changed; each frame restores it, draws only the moving
artists, and encodes it as a JPEG that looks like the PNG.

`TrajectoryScene`: runs on a surface and their loss curves, step by step. The explorers show
its frames in their widget; `optim.animation` writes the same frames to GIF files.
"""

import base64
import io

import ipywidgets as widgets
import numpy as np
from ipyevents import Event
from PIL import Image

from optim import style
from optim.inner_panel import InnerPanel
from optim.plotting import (
    TITLE_WIDTH,
    PathView,
    draw_loss_axes,
    draw_surface,
    log_powers,
    loss_curve,
    loss_limits,
    loss_scale,
    new_figure,
    stack_notes,
    wrap_title,
)
from optim.surfaces import get_surface


def live_image():
    """The widget that shows `Scene.frame()`: as wide as the page, never wider than its own
    pixels (11 in at 100 dpi), so a slide on a 1080p projector keeps the controls in view."""
    return widgets.Image(format="jpeg", layout=widgets.Layout(width="100%", max_width="1100px"))


def watch_clicks(image, callback):
    """Call `callback(event)` on every click on the widget `image`; the event is ipyevents'
    dict (offsetX, offsetY, boundingRectWidth, boundingRectHeight, ...). Returns the Event
    widget, which must be kept (it is the link between the browser and the kernel)."""
    events = Event(source=image, watched_events=["click"])
    events.on_dom_event(callback)
    return events


def clicked_point(event, fig, ax):
    """The data point (x, y) of `ax` under a click `event` (from `watch_clicks`) on the image
    of `fig`, or None for a click outside the axes (or an event without a position).

    The image may be shown at any size (CSS width 100%), and on a slide in a box of another
    shape, the picture centred in it at its own proportions (CSS object-fit: contain): the
    click's offset from the picture's corner in displayed pixels is scaled to the figure's own
    pixels, and mapped to data through the axes' own transform (log axes and every layout
    included). A click on the box's margin beside the picture is outside the axes.
    """
    try:
        x, y = float(event["offsetX"]), float(event["offsetY"])
        shown_width = float(event["boundingRectWidth"])
        shown_height = float(event["boundingRectHeight"])
    except (KeyError, TypeError, ValueError):
        return None
    if not (shown_width > 0 and shown_height > 0 and np.isfinite([x, y]).all()):
        return None
    width, height = fig.canvas.get_width_height()
    scale = min(shown_width / width, shown_height / height)  # displayed pixels per own pixel
    x -= (shown_width - scale * width) / 2  # from the picture's corner, not the box's
    y -= (shown_height - scale * height) / 2
    # Display coordinates: pixels from the figure's bottom left; the browser's: from top left.
    pixel = (x / scale, height - y / scale)
    if not ax.bbox.contains(*pixel):
        return None
    return tuple(float(v) for v in ax.transData.inverted().transform(pixel))


class Scene:
    """A Figure plus the list of its moving artists."""

    def __init__(self, width=11.0, height=5.0):
        self.fig = new_figure(width, height)
        self.moving = []
        self._background, self._layout = None, True

    def track(self, *artists):
        """Mark artists as moving: left out of the background, drawn on every frame in the
        order of their zorder (as matplotlib draws), so that notes stay above later paths."""
        for artist in artists:
            artist.set_animated(True)
            self.moving.append(artist)
        self.moving.sort(key=lambda artist: artist.get_zorder())  # stable: ties keep their order
        return artists

    def forget(self):
        """Drop every moving artist (before the axes they live on are cleared)."""
        self.moving.clear()
        self.invalidate()

    def invalidate(self, layout=True):
        """A static part changed: redraw the background on the next frame, its layout solved
        again (constrained layout, about half of a full draw) unless `layout` is False: only
        limits changed, and the texts around the axes keep their places."""
        self._background = None
        self._layout = self._layout or layout

    def image(self):
        """The current frame as an RGB image (a copy: it stays as it is on later frames)."""
        return self._blit().convert("RGB")

    def _blit(self):
        """The current frame drawn on the canvas, as an RGBX image that shares the canvas'
        pixels (valid until the next draw; the JPEG encoder takes RGBX as it is)."""
        canvas = self.fig.canvas
        if self._background is None:
            self.fig.set_layout_engine("constrained" if self._layout else "none")
            canvas.draw()
            self.fig.set_layout_engine("none")  # keep this layout; no per-frame solve
            self._layout = False
            self._background = canvas.copy_from_bbox(self.fig.bbox)
        canvas.restore_region(self._background)
        for artist in self.moving:
            self.fig.draw_artist(artist)
        size, pixels = canvas.get_width_height(), canvas.buffer_rgba()
        return Image.frombuffer("RGBX", size, pixels, "raw", "RGBX", 0, 1)

    def frame(self):
        """The current frame for the live widget: a JPEG at quality 95 without chroma
        subsampling, as sharp to the eye as PNG and about 7x faster to encode (`make bench`),
        encoded straight from the canvas' pixels (no RGB copy)."""
        buffer = io.BytesIO()
        self._blit().save(buffer, format="jpeg", quality=95, subsampling=0)
        return buffer.getvalue()

    def png(self):
        """The current frame as PNG bytes (the still copy in a stored notebook)."""
        buffer = io.BytesIO()
        self.image().save(buffer, format="png", compress_level=1)
        return buffer.getvalue()


class TrajectoryScene(Scene):
    """Runs on a surface (left) and their loss curves (right), shown at one step at a time.

    Each run has a path (`PathView`), a loss curve and a dot at its current loss; a black ring
    marks the starts, the loss panel's title counts the steps, and the legend under both
    panels names the runs and the start. With `set_runs(..., lrs=True)` (a schedule is on) the
    loss panel also shows each run's lr(t), dashed, on a second (log) y axis. Contours, axes
    and legend are the background (`set_surface`, `set_runs`); `show(k)` moves the rest to
    step k. The ring moves too: a new start costs a frame, not a full draw. With counter=False (a
    live explorer, whose readout says the step) the counter shows only in `frames` (files,
    stored notebooks): an empty title spares each live frame a text (2.5 ms, as much as the
    rest of the blit) and each background its title placement.

    `set_panel("inner")` turns the right panel to each run's inner state (`InnerPanel`: the
    effective lr or the velocity per coordinate, step by step); "loss" turns it back. Files
    (`frames`) always show the loss.
    """

    PANELS = ("loss", "inner")

    def __init__(self, surface, labels, colors, arrows, width=11.0, height=5.0, counter=True):
        super().__init__(width, height)
        self.counting = counter
        self.labels, self.colors, self.arrows = list(labels), list(colors), arrows
        self.size = (width, height)  # without the legend's further rows
        self.ax, self.loss_ax = self.fig.subplots(1, 2, width_ratios=[3, 2])
        self.last, self.k, self.columns = 0, 0, None  # the legend's, found once
        self.lr_ax, self.lr_lines = None, []
        self.panel, self.inner = "loss", None  # the InnerPanel, made when first shown
        self.set_surface(surface)

    def set_surface(self, surface):
        """Draw `surface` and the empty parts of every run; `set_runs` gives them data."""
        self._set_lr_axis(None)  # its lines leave `moving` first
        if self.inner is not None:
            self.inner.clear()  # its artists leave `moving` first
        self.forget()
        if hasattr(self, "surface"):  # new axes (the first surface) are clear: 15 ms each
            self.ax.clear()
            self.loss_ax.clear()
        self.surface = get_surface(surface)
        self.grid_range = draw_surface(self.ax, self.surface)
        self.views, self.curves, self.dots, self._limits = [], [], [], None
        for slot, (label, color) in enumerate(zip(self.labels, self.colors, strict=True)):
            view = PathView(self.ax, color, label, self.arrows, slot)
            (curve,) = self.loss_ax.plot([], [], color=color)
            (dot,) = self.loss_ax.plot([], [], "o", color=color, ms=9, mec="k", clip_on=False)
            moving = [artist for artist in view.artists() if artist is not view.diverged]
            self.track(*moving, view.diverged, curve, dot)  # blitted in this order
            self.views.append(view)
            self.curves.append(curve)
            self.dots.append(dot)
        (self.start,) = self.ax.plot(
            [], [], "o", ms=20, mfc="none", mec=style.INK, mew=2.5, zorder=9, label="출발 (start)"
        )
        self.track(self.start)
        (self.counter,) = self.track(self.loss_ax.set_title("", fontweight="bold"))
        for legend in list(self.fig.legends):  # the last surface's
            legend.remove()
        entries = len(self.labels) + 1
        self.legend, self.columns = figure_legend(self.fig, entries, self.columns)
        width, height = self.size
        rows = -(-entries // self.columns)
        self.fig.set_size_inches(width, height + 0.3 * (rows - 1))  # the axes keep their size
        # Runs on another surface: `set_runs` gives new ones.
        self.runs, self.losses, self.lrs = [], [], None
        self._show_panel()

    def set_runs(self, trajectories, last=None, base_lrs=None):
        """Show `trajectories` (one per label) over steps 0..last (default: the longest run's);
        with `base_lrs` (a schedule is on: the optimizers' own lrs), their `lrs` too, lr(t)
        on a second axis of the loss panel.

        The loss axes reach every loss of the runs (a diverging run's too); the lr axis spans
        four decades, its top the power of ten above the largest base lr, so a schedule's
        settings never move it (an lr below it, e.g. 0, drops off its bottom). The background
        is drawn again only when these limits change.
        """
        known = {id(run): loss for run, loss in zip(self.runs, self.losses, strict=True)}
        self.runs = list(trajectories)
        self.losses = [  # only a new run's curve is computed
            known[id(run)] if id(run) in known else loss_curve(run, self.surface)
            for run in self.runs
        ]
        self.last = max(trajectory.steps for trajectory in self.runs) if last is None else last
        losses = np.concatenate([trajectory.losses for trajectory in self.runs])
        losses = losses[np.isfinite(losses)]
        low, high = self.grid_range
        if losses.size:
            low, high = min(low, float(losses.min())), max(high, float(losses.max()))
        starts = np.unique([trajectory.positions[0] for trajectory in self.runs], axis=0)
        self.start.set_data(starts[:, 0], starts[:, 1])
        self.lrs = None if base_lrs is None else [trajectory.lrs for trajectory in self.runs]
        limits = (loss_limits(self.surface, self.last, (low, high)), lr_limits(base_lrs))
        if limits != self._limits:
            (before_x, _), before_lr = self._limits or ((None, None), None)
            draw_loss_axes(self.loss_ax, self.surface, self.last, (low, high))
            if limits[1] != before_lr:
                self._set_lr_axis(limits[1])
                self._show_panel()
            self._limits = limits
            # Only the top of a log loss axis moved (its labels 10⁻¹⁰ ... 10ᵏ keep their
            # width): the layout stays. New steps, a new lr axis or linear labels: solved again.
            gap = loss_scale(self.surface) == "gap"  # labels 10⁻¹⁰ ... 10ᵏ
            same_texts = (limits[0][0], limits[1]) == (before_x, before_lr) and gap
            self.invalidate(layout=not same_texts)
        if self.panel == "inner" and self.inner.set_runs(self.runs):
            self._fit_title()
            self.invalidate()

    def set_panel(self, panel):
        """Show the loss ("loss") or each run's inner state ("inner") on the right, at the
        current step; the runs' inner states are computed once (no optimizer runs again)."""
        if panel not in self.PANELS:
            raise ValueError(f"panel must be one of {self.PANELS}, got {panel!r}")
        if panel == self.panel:
            return
        self.panel = panel
        if panel == "inner" and self.inner is None:
            self.inner = InnerPanel(self)
        if panel == "inner" and self.runs:
            self.inner.set_runs(self.runs)
        self._show_panel()
        self.invalidate()
        if self.runs:
            self.show(self.k)

    def _show_panel(self):
        """The chosen panel's axes in the layout and its artists drawn; the other's not."""
        loss = self.panel == "loss"
        for ax in (self.loss_ax, self.lr_ax):
            if ax is not None:
                ax.set_visible(loss)
                ax.set_in_layout(loss)
        for artist in (*self.curves, *self.dots, *self.lr_lines):
            artist.set_visible(loss)
        if self.inner is not None:
            self.inner.set_shown(not loss)
        self._fit_title()

    def _fit_title(self):
        """The surface's title in shorter lines while the right panel has a second y axis on
        its right (lr(t), or the velocity beside the effective lr): the contour panel is
        narrower then, and a long title (Himmelblau's) reached over its tick labels."""
        if self.panel == "loss":
            second = self.lr_ax is not None
        else:
            second = self.inner is not None and self.inner.both()
        self.ax.set_title(wrap_title(self.surface.title, TITLE_WIDTH - 6 * second))

    def _set_lr_axis(self, limits):
        """The loss panel's second y axis for lr(t) over `limits`, with a dashed line per run
        (moving artists); None removes them."""
        if self.lr_ax is not None:
            for line in self.lr_lines:
                self.moving.remove(line)
            self.lr_ax.remove()
            self.lr_ax, self.lr_lines = None, []
        if limits is None:
            return
        self.lr_ax = self.loss_ax.twinx()
        log_powers(self.lr_ax)
        self.lr_ax.set_ylim(limits)
        self.lr_ax.set_ylabel("학습률 lr (점선)")
        self.lr_ax.tick_params(axis="x", bottom=False, labelbottom=False)  # the loss axis' own
        for color in self.colors:
            (line,) = self.lr_ax.plot([], [], "--", color=color, lw=1.5)
            self.lr_lines.append(line)
        self.track(*self.lr_lines)

    def show(self, k):
        """Step k of every run (a run that ended stays at its end); the notes kept apart."""
        bottom = self.loss_ax.get_ylim()[0]  # a loss below the axis: its dot sits on the axis
        for view, curve, dot, loss, trajectory in zip(
            self.views, self.curves, self.dots, self.losses, self.runs, strict=True
        ):
            view.show(trajectory, k)
            shown = min(k, trajectory.steps) + 1
            curve.set_data(np.arange(shown), loss[:shown])
            dot.set_data([shown - 1], [max(loss[shown - 1], bottom)])
        for line, lrs in zip(self.lr_lines, self.lrs or [], strict=True):
            shown = min(k + 1, len(lrs))  # lr(t) for t = 0 .. k: k the lr of the next update
            line.set_data(np.arange(shown), lrs[:shown])
        if self.panel == "inner":
            self.inner.show(k)
        stack_notes(self.views)
        self.counter.set_text(f"step {k} / {self.last}" if self.counting else "")
        self.k = k

    def frames(self, steps, dpi=None):
        """Each step of `steps` as an RGB image at `dpi`, the right panel the loss's; then the
        figure is as it was.

        At the figure's own dpi (None) the background already drawn serves every frame; another
        dpi costs two full draws (one now, one when the figure is next shown as it was)."""
        dpi_before, k_before, counting = self.fig.dpi, self.k, self.counting
        panel = self.panel
        self.set_panel("loss")  # a file shows the loss
        redraw = dpi is not None and dpi != dpi_before
        if redraw:
            self.fig.set_dpi(dpi)
            self.invalidate()
        self.counting = True
        try:
            for k in steps:
                self.show(k)
                yield self.image()
        finally:
            self.counting = counting
            if redraw:
                self.fig.set_dpi(dpi_before)
                self.invalidate()
            self.set_panel(panel)
            self.show(k_before)


def lr_limits(base_lrs):
    """The lr axis' (bottom, top) for schedules from `base_lrs` (None: no lr axis): four
    decades below the power of ten above the largest base lr (the explorers' schedules
    multiply it by factors of at most 1; a cosine's eta_min may lie above, off the top)."""
    if base_lrs is None:
        return None
    top = 10.0 ** (np.floor(np.log10(max(base_lrs))) + 1)
    return (float(top * 1e-4), float(top))


def figure_legend(fig, entries, columns=None):
    """(legend, columns): the legend of every axes under them, in `columns` or else in as
    many columns as the width takes."""
    if columns is not None:
        legend = fig.legend(loc="outside lower center", ncols=columns, fontsize=12, frameon=False)
        return legend, columns
    renderer = fig.canvas.get_renderer()
    for columns in range(entries, 0, -1):
        legend = fig.legend(loc="outside lower center", ncols=columns, fontsize=12, frameon=False)
        if columns == 1 or legend.get_window_extent(renderer).width <= fig.bbox.width:
            break
        legend.remove()
    return legend, columns


def describe(labels, surface, steps):
    """What an animation of runs `labels` shows, in Korean and English: its alt text."""
    labels, surface = ", ".join(labels), get_surface(surface)
    place = surface.title.split(":")[0]
    return (
        f"{labels}의 궤적이 {place} 곡면에서 {steps}걸음 움직이는 애니메이션 / "
        f"Animation: {labels} taking {steps} steps on the {surface.name} surface"
    )


class LiveFigure:
    """Base of the explorers: `widget` shows the frames of `scene` in `image`.

    Displayed, it offers the live widget, what a page without a kernel shows instead (GitHub,
    nbviewer, nbconvert's HTML: `stored_view`) and a text summary. A frontend with a kernel
    shows the widget, whose mime type it ranks first.
    """

    def summary(self):
        raise NotImplementedError

    def stored_view(self):
        """{mime type: data} for a page without a kernel: here a still PNG of the frame."""
        return {"image/png": base64.b64encode(self.scene.png()).decode("ascii")}

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle.update(self.stored_view())
        bundle["text/plain"] = self.summary()
        return bundle
