"""`python -m optim.export`: GIFs for the teacher's slides, and clear errors."""

import errno
import os
import pathlib
import re
import shlex
import signal
import subprocess
import sys
import time

import pytest
from PIL import Image

from optim import animation, export
from optim.digits import load_digits
from optim.export import main, parse
from optim.landscape import digits_slice, loss_slice
from optim.network import MLP
from optim.trajectory import run


def test_writes_one_gif_per_optimizer_and_a_race(tmp_path, capsys):
    main(["--out", str(tmp_path / "gifs"), "--optimizers", "SGD,Adam", "--steps", "3"])
    written = sorted(path.name for path in (tmp_path / "gifs").iterdir())
    assert written == ["Adam.gif", "SGD.gif", "race.gif"]
    for name in written:
        with Image.open(tmp_path / "gifs" / name) as gif:
            assert gif.format == "GIF" and gif.n_frames == 4  # steps 0..3
    out = capsys.readouterr().out
    assert "race.gif: SGD (lr=0.95), Adam (lr=0.3, beta1=0.9, beta2=0.999) on book" in out


def test_the_digits_surface_is_notebook_09s_loss_slice(tmp_path, capsys, monkeypatch):
    """--surface digits is made by digits_slice (whose numbers test_landscape checks); here a
    slice of a small network stands in for it, so that three GIFs take a second, not six."""
    assert export.MADE_ON_DEMAND["digits"] is digits_slice
    data = load_digits()
    net = MLP([64, 4, 10], seed=0)
    small = loss_slice(net, data.X_train[:200], data.y_train[:200], resolution=9)
    made = []
    monkeypatch.setitem(export.MADE_ON_DEMAND, "digits", lambda: made.append(1) or small)
    main(["--out", str(tmp_path), "--surface", "digits", "--optimizers", "SGD,Adam", "--steps=2"])
    assert made == [1]  # made once, for the settings and for the runs
    assert sorted(path.name for path in tmp_path.iterdir()) == ["Adam.gif", "SGD.gif", "race.gif"]
    with Image.open(tmp_path / "race.gif") as gif:
        assert gif.n_frames == 3 and "on the network surface" in gif.info["comment"].decode()
    assert "on network" in capsys.readouterr().out


def test_set_overrides_the_defaults_and_the_legend_and_alt_text_say_so(tmp_path):
    sets = ["--set", "Momentum:lr=0.001, momentum=0.8", "--set", "Adam:beta2=0.99"]
    main(
        [
            "--out",
            str(tmp_path),
            "--surface",
            "rosenbrock",
            "--optimizers",
            "Momentum,Adam",
            *sets,
            "--steps",
            "2",
        ]
    )
    with Image.open(tmp_path / "race.gif") as gif:
        comment = gif.info["comment"].decode()
    labels = "Momentum (lr=0.001, momentum=0.8), Adam (lr=0.08, beta1=0.9, beta2=0.99)"
    assert comment == (
        f"{labels}의 궤적이 로젠브록 곡면에서 2걸음 움직이는 애니메이션 / "
        f"Animation: {labels} taking 2 steps on the rosenbrock surface"
    )  # Adam's lr is rosenbrock's sensible one: a 4-wide window / 50


def readme_commands():
    """The `python -m optim.export` commands of the README, as argument lists."""
    text = (pathlib.Path(__file__).parents[1] / "README.md").read_text()
    lines = re.findall(r"^\.venv/bin/python -m optim\.export(.*?)(?:\s+#.*)?$", text, re.M)
    return [shlex.split(line) for line in lines]


def test_the_readme_shows_set_and_its_commands_run_without_divergence(tmp_path):
    commands = readme_commands()
    assert len(commands) >= 2 and any("--set" in argv for argv in commands)
    for argv in commands:
        args = parse([*argv, "--out", str(tmp_path)])
        for name, optimizer in args.optimizers.items():
            trajectory = run(optimizer, args.surface, steps=args.steps)
            assert trajectory.diverged_at is None, (argv, name)


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--surface", "moon"], "unknown surface 'moon'; choose one of book,"),
        (["--optimizers", "SGD,Adamax"], "--optimizers: unknown optimizer ['Adamax']; choose"),
        (["--optimizers", ""], "--optimizers: no optimizer in ''; choose from SGD, Momentum,"),
        (["--optimizers", " , "], "--optimizers: no optimizer in ' , '; choose from SGD,"),
        (["--steps", "0"], "--steps must be from 1 to 1000"),
        (["--fps", "-1"], "--fps must be from 0.01 to 100, got -1"),
        (["--fps", "0.001"], "--fps must be from 0.01 to 100, got 0.001"),  # was OverflowError
        (["--fps", "nan"], "--fps must be from 0.01 to 100, got nan"),
        (["--set", "Adamax:lr=1"], "--set 'Adamax:lr=1': 'Adamax' is no optimizer; choose from"),
        (
            ["--optimizers", "SGD", "--set", "Adam:lr=1"],
            "--set 'Adam:lr=1': 'Adam' is not among --optimizers; choose from SGD",
        ),
        (
            ["--set", "SGD:momentum=0.9"],
            "--set 'SGD:momentum=0.9': SGD has no setting 'momentum'; write NAME:key=value,... "
            "with keys from lr",
        ),
        (["--set", "SGD"], "--set 'SGD': write NAME:key=value,..."),
        (["--set", "SGD:lr"], "--set 'SGD:lr': write NAME:key=value,..."),
        (["--set", "Adam:lr=fast"], "--set 'Adam:lr=fast': lr='fast' is not a number"),
        (
            ["--set", "Momentum:lr=-1"],
            "--set Momentum: Invalid learning rate: -1.0 (lr must be finite and > 0)",
        ),
        (
            ["--set", "Momentum:momentum=1"],
            "--set Momentum: Invalid momentum value: 1.0 (momentum must lie in [0, 1))",
        ),
        (["--set", "Adam:eps=nan"], "--set Adam: Invalid epsilon value: nan (eps must be finite"),
    ],
)
def test_bad_arguments_are_named(argv, message, capsys):
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    assert message in capsys.readouterr().err


def test_a_file_in_place_of_the_folder_is_an_error(tmp_path, capsys):
    blocker = tmp_path / "gifs"
    blocker.write_text("not a folder")
    with pytest.raises(SystemExit):
        main(["--out", str(blocker)])
    assert f"cannot create the folder '{blocker}'" in capsys.readouterr().err


def test_a_folder_where_a_gif_goes_is_a_usage_error_before_anything_is_drawn(tmp_path, capsys):
    (tmp_path / "SGD.gif").mkdir()
    with pytest.raises(SystemExit) as stop:
        main(["--out", str(tmp_path), "--optimizers", "Adam,SGD", "--steps", "2"])
    assert stop.value.code == 2
    captured = capsys.readouterr()
    assert f"cannot write the GIF {tmp_path / 'SGD.gif'}: it is a folder" in captured.err
    assert captured.out == "" and os.listdir(tmp_path) == ["SGD.gif"]


def test_an_unwritable_folder_is_a_usage_error(tmp_path, capsys, monkeypatch):
    """As the folder's owner would see it (root may write anywhere, so the refusal is faked)."""

    def refuse(file, mode="r", *args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(animation, "open", refuse, raising=False)
    with pytest.raises(SystemExit) as stop:
        main(["--out", str(tmp_path), "--optimizers", "SGD"])
    assert stop.value.code == 2
    expected = f"cannot write the GIF {tmp_path / 'SGD.gif'} in the folder {tmp_path}: Permission"
    assert expected in capsys.readouterr().err


def test_a_write_that_fails_midway_ends_with_the_reason(tmp_path, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(export, "save_gif", full)
    with pytest.raises(SystemExit) as stop:
        main(["--out", str(tmp_path), "--optimizers", "SGD", "--steps", "2"])
    assert stop.value.code == "python -m optim.export: error: No space left on device"


def test_sigterm_leaves_no_partial_file(tmp_path):
    """SIGTERM in the middle of SGD.gif: the hidden unfinished file goes, as with Ctrl-C."""
    command = [
        sys.executable,
        "-m",
        "optim.export",
        "--out",
        str(tmp_path),
        "--optimizers",
        "SGD",
        "--steps",
        "1000",
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while not list(tmp_path.glob(".SGD-*.gif")) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert list(tmp_path.glob(".SGD-*.gif")), "the export never started SGD.gif"
        time.sleep(0.5)  # well inside the drawing of 1001 frames
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=60) == -signal.SIGTERM  # ended by the signal, as before
    finally:
        process.kill()
    assert os.listdir(tmp_path) == []
