"""`make binder-links` on a fresh clone with a made-up remote: every link opens a notebook that
exists, and README.md changes only between its markers."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = Path("tools") / "binder_links.py"
START = "<!-- binder-links: start"
END = "<!-- binder-links: end -->"
LINK = re.compile(r"\]\((https://mybinder\.org/v2/gh/[^)\s]+)\)")


def git(*args, cwd):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def clone(tmp_path):
    """A clone of this repository with the working tree's README, Makefile and script (what
    this test is about), its remote 'origin' renamed to a fork's."""
    path = tmp_path / "course"
    git("clone", "--quiet", "--no-hardlinks", str(ROOT), str(path), cwd=tmp_path)
    for name in ("README.md", "Makefile", str(SCRIPT)):
        shutil.copy(ROOT / name, path / name)
    git("remote", "set-url", "origin", "git@github.com:someone/course.git", cwd=path)
    return path


def binder_links(clone, *args):
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], cwd=clone, capture_output=True, text=True
    )


def outside_markers(readme):
    head, rest = readme.split(START)
    return head, rest.split(END)[1]


def launch_links(readme):
    inside = readme.split(START)[1].split(END)[0]
    return LINK.findall(inside)


def check_links(clone, repo):
    """Every link opens a notebook of the clone in JupyterLab; every notebook has one."""
    readme = (clone / "README.md").read_text(encoding="utf-8")
    urls = launch_links(readme)
    prefix = f"https://mybinder.org/v2/gh/{repo}/HEAD?urlpath=lab/tree/"
    assert urls and all(url.startswith(prefix) for url in urls), urls
    paths = [url.removeprefix(prefix) for url in urls]
    assert all((clone / path).is_file() for path in paths), paths
    stored = sorted(f"notebooks/{p.name}" for p in (clone / "notebooks").glob("*.ipynb"))
    assert paths[1:] == stored and paths[0] == stored[0]  # the badge opens the first one
    assert f"[![Binder](https://mybinder.org/badge_logo.svg)]({urls[0]})" in readme


def test_links_follow_an_ssh_remote_and_change_only_the_lines_between_the_markers(clone):
    before = (clone / "README.md").read_text(encoding="utf-8")
    done = binder_links(clone)
    assert done.returncode == 0, done.stderr
    check_links(clone, "someone/course")
    after = (clone / "README.md").read_text(encoding="utf-8")
    assert outside_markers(after) == outside_markers(before)
    assert binder_links(clone).returncode == 0  # a second run gives the same file
    assert (clone / "README.md").read_text(encoding="utf-8") == after


@pytest.mark.parametrize(
    "url",
    [
        "https://github.com/someone/course",
        "https://github.com/someone/course.git",
        "ssh://git@github.com/someone/course",
        "git@github.com:someone/course",
    ],
)
def test_https_and_ssh_remotes_name_the_same_repository(clone, url):
    git("remote", "set-url", "origin", url, cwd=clone)
    done = binder_links(clone)
    assert done.returncode == 0, done.stderr
    check_links(clone, "someone/course")


@pytest.mark.skipif(shutil.which("make") is None, reason="no make")
def test_make_binder_links_with_repo_overrides_the_remote_without_building_an_environment(
    clone,
):
    git("remote", "set-url", "origin", "https://gitlab.com/someone/course.git", cwd=clone)
    done = subprocess.run(
        ["make", "-s", "binder-links", "REPO=teacher/optim-course"],
        cwd=clone,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    check_links(clone, "teacher/optim-course")
    assert not (clone / ".venv").exists()


@pytest.mark.parametrize(
    "remote, args, message",
    [
        (None, [], "has no remote 'origin'"),
        ("https://gitlab.com/someone/course.git", [], "is not on GitHub"),
        ("git@github.com:someone/course.git", ["--repo", "someone"], "REPO must be"),
        ("git@github.com:someone/course.git", ["--repo", "a/b/c"], "REPO must be"),
        (None, ["--repo", "https://github.com/a/b"], "REPO must be"),
    ],
)
def test_without_a_github_repository_it_says_what_to_do_and_changes_nothing(
    clone, remote, args, message
):
    if remote is None:
        git("remote", "remove", "origin", cwd=clone)
    else:
        git("remote", "set-url", "origin", remote, cwd=clone)
    before = (clone / "README.md").read_bytes()
    done = binder_links(clone, *args)
    assert done.returncode != 0
    assert message in done.stderr and "README.md was not changed" in done.stderr
    assert "REPO=" in done.stderr
    assert (clone / "README.md").read_bytes() == before
