"""`python -m optim.export`: GIFs for the teacher's slides, and clear errors."""

import pytest
from PIL import Image

from optim.export import main


def test_writes_one_gif_per_optimizer_and_a_race(tmp_path, capsys):
    main(["--out", str(tmp_path / "gifs"), "--optimizers", "SGD,Adam", "--steps", "3"])
    written = sorted(path.name for path in (tmp_path / "gifs").iterdir())
    assert written == ["Adam.gif", "SGD.gif", "race.gif"]
    for name in written:
        with Image.open(tmp_path / "gifs" / name) as gif:
            assert gif.format == "GIF" and gif.n_frames == 4  # steps 0..3
    assert "race.gif: SGD, Adam on book" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--surface", "moon"], "unknown surface 'moon'; choose one of book,"),
        (["--optimizers", "SGD,Adamax"], "unknown optimizer ['Adamax']"),
        (["--steps", "0"], "--steps must be from 1 to 1000"),
        (["--fps", "-1"], "--fps must be in (0, 100]"),
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
