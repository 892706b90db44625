"""`make bench-browser`: the explorer in real JupyterLab (headless Chromium), where the time goes.

One explorer (Momentum on rosenbrock, 200 steps, as `bench_explorer.slider_frame`) in a
notebook of its own, its kernel-side handlers wrapped to log when they ran. Measured:

- key press on the lr slider to the new image painted, split into: browser to kernel (key
  press to the handler's start), the kernel (the optimizer run, the blit, the JPEG encode),
  kernel to browser (the handler's end to the image's new src: the frame's bytes through the
  comm and the widget's update), and the browser's decode and paint;
- Play: image frames painted per second for several Play intervals (the explorer's own first);
- how long Chromium takes to decode one frame as JPEG, PNG and WebP.

The kernel and the page run on one machine, so the kernel's time.time() and the page's
performance.timeOrigin + performance.now() share a clock. Needs Chromium and playwright, as
tests/browser does (its labdriver starts JupyterLab); nothing is asserted: numbers are printed.
"""

import base64
import io
import json
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))

import labdriver  # noqa: E402

KEY_PRESSES = 20
PLAY_SECONDS = 4.0
PLAY_INTERVALS = [None, 80, 33]  # None: the explorer's own
QUIET_MS = 300

SETUP = """\
import json, time
from optim import explore

explorer = explore("Momentum", "rosenbrock", lr=1e-3, momentum=0.9, steps=200)
LOG = open({log!r}, "a")

def timed(obj, name, logged):
    inner = getattr(obj, name)
    def wrapper(*args, **kwargs):
        start = time.time()
        result = inner(*args, **kwargs)
        size = len(result) if isinstance(result, bytes) else 0
        LOG.write(json.dumps([logged, start, time.time(), size]) + "\\n")
        LOG.flush()
        return result
    setattr(obj, name, wrapper)

blit = "_blit" if hasattr(explorer.scene, "_blit") else "image"  # before: image() blitted
for obj, name in [(explorer, "_on_setting"), (explorer, "_show"), (explorer, "_rerun"),
                  (explorer.scene, "frame"), (explorer.scene, blit)]:
    timed(obj, name, "blit" if name == blit else name)
explorer
"""

# Per key press on the handle: when it happened, when the image's src changed, when the new
# image was decoded, and the next animation frame after that (painted); all in epoch ms.
WATCH = """([img, handle]) => {
  const now = () => performance.timeOrigin + performance.now();
  const s = window.__bench = {presses: [], changes: []};
  handle.addEventListener('keydown', () => { s.presses.push({key: now()}); }, true);
  new MutationObserver(() => {
    const change = {src: now()};
    s.changes.push(change);
    const press = s.presses[s.presses.length - 1];
    if (press && press.src === undefined) press.src = change.src;
    img.decode().catch(() => {}).then(() => {
      change.decoded = now();
      requestAnimationFrame(() => {
        change.painted = now();
        if (press && press.src === change.src) press.painted = change.painted;
      });
    });
  }).observe(img, {attributes: true, attributeFilter: ['src']});
}"""

# Decode each encoded frame `repeat` times in fresh <img> elements: median ms per format.
DECODE = """async ([frames, repeat]) => {
  const out = {};
  for (const [format, b64] of Object.entries(frames)) {
    const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
    const times = [];
    for (let i = 0; i < repeat; i++) {
      const url = URL.createObjectURL(new Blob([bytes], {type: 'image/' + format}));
      const img = new Image();
      img.src = url;
      const t = performance.now();
      await img.decode();
      times.push(performance.now() - t);
      URL.revokeObjectURL(url);
    }
    times.sort((a, b) => a - b);
    out[format] = times[Math.floor(times.length / 2)];
  }
  return out;
}"""


def spread(values):
    """'median (min-max)' of milliseconds."""
    return f"{statistics.median(values):6.1f} ms ({min(values):.0f}-{max(values):.0f})"


def kernel_spans(log, name, after, before):
    """(start, end) in epoch ms of the kernel's `name` calls that started in [after, before)."""
    spans = []
    for line in log.read_text().splitlines():
        entry, start, end, _ = json.loads(line)
        if entry == name and after <= 1e3 * start < before:
            spans.append((1e3 * start, 1e3 * end))
    return spans


def wait_quiet(page, name):
    labdriver.wait_for(
        page,
        name,
        f"""() => {{
          const s = window.__bench, last = s.changes.length ? s.changes.at(-1) : null;
          const t = performance.timeOrigin + performance.now();
          return (!last || (last.painted && t - last.painted > {QUIET_MS})) &&
                 window.__lab.kernelIdle({json.dumps(name)});
        }}""",
    )


def slider(root, page, label):
    exact = re.compile(rf"^\s*{re.escape(label)}\s*$")
    return root.locator(".widget-slider").filter(
        has=page.locator("label.widget-label", has_text=exact)
    )


def key_latency(page, name, explorer, log):
    """Key presses on the lr handle, one at a time: the breakdown of each."""
    lr = slider(explorer, page, "lr")
    handle = lr.locator(".noUi-handle").first
    image = explorer.locator("img.widget-image").first
    page.evaluate(WATCH, [image.element_handle(), handle.element_handle()])
    wait_quiet(page, name)
    rows = []
    for i in range(KEY_PRESSES):
        handle.press("ArrowRight" if i % 2 else "ArrowLeft")
        labdriver.wait_for(page, name, "n => window.__bench.presses[n].painted", i)
        wait_quiet(page, name)
    presses = page.evaluate("() => window.__bench.presses")
    changes = {c["src"]: c for c in page.evaluate("() => window.__bench.changes")}
    for press in presses:
        change = changes[press["src"]]
        (handler,) = kernel_spans(log, "_on_setting", press["key"], press["src"])
        parts = {
            name: sum(end - start for start, end in kernel_spans(log, name, *handler))
            for name in ("_rerun", "_show", "frame", "blit")
        }
        rows.append(
            {
                "total": press["painted"] - press["key"],
                "to kernel": handler[0] - press["key"],
                "kernel": handler[1] - handler[0],
                "optimizer run": parts["_rerun"],
                "blit": parts["blit"],
                "encode": parts["frame"] - parts["blit"],
                "to browser": press["src"] - handler[1],
                "decode": change["decoded"] - change["src"],
                "paint": change["painted"] - change["decoded"],
            }
        )
    print(f"lr key press -> new image painted, {len(rows)} presses, median (min-max):")
    for key in rows[0]:
        values = [row[key] for row in rows]
        print(f"  {key:<18} {spread(values)}")
    sizes = [json.loads(line)[3] for line in log.read_text().splitlines() if '"frame"' in line]
    print(f"  frame size         {statistics.median(sizes) / 1e3:6.0f} kB (JPEG)")
    return rows


def play_rate(page, name, explorer, log, interval):
    """Frames painted per second while playing, and how far the kernel lags at the end."""
    if interval is not None:
        run_code(page, name, f"explorer.play.interval = {interval}")
    shown = run_code(page, name, "explorer.play.interval")
    readout = slider(explorer, page, "step").locator(".widget-readout")
    run_code(page, name, "explorer.play.playing = False; explorer.step.value = 0")
    wait_quiet(page, name)
    before = page.evaluate("() => window.__bench.changes.length")
    start = time.time()
    explorer.locator(".widget-play button:has(.fa-play)").click()
    time.sleep(PLAY_SECONDS)
    elapsed = time.time() - start
    changes = page.evaluate("() => window.__bench.changes.length") - before
    at = int(readout.inner_text())
    pause = explorer.locator(".widget-play button:has(.fa-pause)")
    if pause.count():
        pause.click()
    wait_quiet(page, name)
    shows = kernel_spans(log, "_show", 1e3 * start, 1e3 * (start + elapsed))
    kernel = [end - begin for begin, end in shows]
    return {
        "interval": int(shown),
        "fps": changes / elapsed,
        "kernel fps": len(shows) / elapsed,
        "steps/s": at / elapsed,
        "kernel": statistics.median(kernel) if kernel else float("nan"),
    }


def run_code(page, name, code):
    """Run `code` in the notebook's kernel (a scratch cell at the end); its text output."""
    return page.evaluate(
        """async ([path, code]) => {
          const panel = window.__lab.panel(path);
          const kernel = panel.sessionContext.session.kernel;
          let text = '';
          const future = kernel.requestExecute({code});
          future.onIOPub = msg => {
            const c = msg.content;
            if (c.data && c.data['text/plain']) text += c.data['text/plain'];
            if (c.text) text += c.text;
          };
          await future.done;
          return text;
        }""",
        [name, code],
    )


def decode_costs(page):
    """Chromium's decode time for one explorer frame in each format, and its size."""
    from PIL import Image

    from optim import explore

    image = explore("Momentum", "rosenbrock", lr=1e-3, momentum=0.9, steps=200).scene.image()
    frames = {}
    for format, options in [
        ("jpeg", {"quality": 95, "subsampling": 0}),
        ("png", {"compress_level": 1}),
        ("webp", {"quality": 95}),
    ]:
        buffer = io.BytesIO()
        start = time.perf_counter()
        image.save(buffer, format=format, **options)
        encode = 1e3 * (time.perf_counter() - start)
        frames[format] = (buffer.getvalue(), encode)
    assert isinstance(image, Image.Image)
    decoded = page.evaluate(
        DECODE, [{k: base64.b64encode(v[0]).decode() for k, v in frames.items()}, 15]
    )
    print(f"one frame ({image.width} x {image.height}), Pillow encode / Chromium decode / size:")
    for format, (data, encode) in frames.items():
        print(
            f"  {format:<5} {encode:6.1f} ms / {decoded[format]:5.1f} ms / "
            f"{len(data) / 1e3:4.0f} kB"
        )


def main():
    from playwright.sync_api import sync_playwright

    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} (1 and 5 min), 2 cores")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        tmp = Path(tmp)
        log = tmp / "kernel.log"
        log.touch()
        browser = playwright.chromium.launch(
            executable_path=labdriver.CHROMIUM, args=labdriver.CHROMIUM_ARGS, headless=True
        )
        try:
            with labdriver.lab_server(tmp / "lab") as lab:
                notebook = labdriver.write_notebook(
                    tmp / "bench_explorer.ipynb", [SETUP.format(log=str(log))]
                )
                name = lab.add(notebook)
                context = browser.new_context(viewport={"width": 1400, "height": 1000})
                page = context.new_page()
                page.set_default_timeout(60_000)
                labdriver.prepare_page(page)
                labdriver.open_notebook(page, lab, name)
                labdriver.run_all(page, name)
                found = labdriver.problems(page, name)
                if found:
                    raise RuntimeError(labdriver.describe(found))
                explorer = page.locator(".jp-OutputArea-output").filter(
                    has=page.locator("img.widget-image")
                )
                shown = explorer.locator("img.widget-image").first.evaluate(
                    "img => [img.naturalWidth, img.getBoundingClientRect().width]"
                )
                print(f"image: {shown[0]} px wide, shown {shown[1]:.0f} px wide (1400 px window)")
                key_latency(page, name, explorer, log)
                print(f"Play ({PLAY_SECONDS:.0f} s each), frames per second:")
                for interval in PLAY_INTERVALS:
                    rate = play_rate(page, name, explorer, log, interval)
                    print(
                        f"  interval {rate['interval']:3d} ms: {rate['fps']:5.1f} painted, "
                        f"{rate['kernel fps']:5.1f} drawn by the kernel, "
                        f"{rate['steps/s']:5.1f} steps/s; kernel {rate['kernel']:.1f} ms a frame"
                    )
                decode_costs(page)
                context.close()
                lab.shutdown_kernels()
        finally:
            browser.close()


if __name__ == "__main__":
    main()
