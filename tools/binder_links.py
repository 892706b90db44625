"""Write a Binder badge and one launch link per notebook into README.md (`make binder-links`).

Teachers fork the course, so the links name the repository's own GitHub remote (`git remote
get-url origin`, https or ssh form), or the one given: `make binder-links REPO=owner/name`.
Each link opens its notebook in JupyterLab on mybinder.org:

    https://mybinder.org/v2/gh/OWNER/REPO/HEAD?urlpath=lab/tree/notebooks/NAME.ipynb

The links go between the two marker comments in README.md, and nothing else in the file
changes; running it again gives the same file. Standard library only: it needs no environment.
Run it from the repository's root (make does).
"""

import argparse
import re
import subprocess
import sys
from pathlib import Path

START = "<!-- binder-links: start (written by `make binder-links`; edits here are replaced) -->"
END = "<!-- binder-links: end -->"
BADGE = "https://mybinder.org/badge_logo.svg"
NAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}")
# https://github.com/o/r(.git), git@github.com:o/r(.git), ssh://git@github.com(:22)/o/r(.git)
GITHUB = re.compile(
    r"(?:https?://(?:[^@/]+@)?github\.com/|git@github\.com:|ssh://git@github\.com(?::\d+)?/)"
    r"(?P<repo>[^/]+/[^/]+?)(?:\.git)?/?"
)


class Refused(Exception):
    """Something the person running it must fix; README.md is left as it was."""


def github_repo(url):
    """'owner/name' of a GitHub remote URL, or None for another host."""
    match = GITHUB.fullmatch(url.strip())
    return match["repo"] if match and NAME.fullmatch(match["repo"]) else None


def origin_url(root):
    """The URL of the remote 'origin' of the repository at `root`, or None."""
    try:
        done = subprocess.run(
            ["git", "remote", "get-url", "origin"], cwd=root, capture_output=True, text=True
        )
    except FileNotFoundError:  # no git at all
        return None
    return done.stdout.strip() if done.returncode == 0 and done.stdout.strip() else None


def choose_repo(root, given):
    """'owner/name' from `given` (REPO=...) if set, else from the origin remote."""
    if given is not None:
        if not NAME.fullmatch(given):
            raise Refused(
                f"REPO must be a GitHub repository as owner/name, e.g. REPO=someone/course, "
                f"got {given!r}"
            )
        return given
    url = origin_url(root)
    if url is None:
        raise Refused(
            "This repository has no remote 'origin', so the links cannot name it. Give the "
            "GitHub repository that publishes the course: make binder-links REPO=owner/name"
        )
    repo = github_repo(url)
    if repo is None:
        raise Refused(
            f"The remote 'origin' ({url}) is not on GitHub, and mybinder.org's links here are "
            f"for GitHub. Give the GitHub repository: make binder-links REPO=owner/name"
        )
    return repo


def launch_url(repo, notebook):
    return f"https://mybinder.org/v2/gh/{repo}/HEAD?urlpath=lab/tree/notebooks/{notebook}"


def links(repo, notebooks):
    """The text between the markers: a badge (opening the first notebook) and a list."""
    if not notebooks:
        raise Refused("notebooks/ holds no .ipynb file to link to; run make notebooks first")
    lines = [
        f"[![Binder]({BADGE})]({launch_url(repo, notebooks[0])})",
        "",
        f"JupyterLab on mybinder.org, from github.com/{repo}:",
        "",
    ]
    lines += [f"- [{Path(name).stem}]({launch_url(repo, name)})" for name in notebooks]
    return "\n".join(lines)


def rewrite(readme, block):
    """`readme` with the text between the markers replaced by `block`."""
    if readme.count(START) != 1 or readme.count(END) != 1:
        raise Refused(
            f"README.md must hold each marker exactly once, on lines of their own:\n{START}\n{END}"
        )
    head, rest = readme.split(START)
    _, tail = rest.split(END)
    if not head.endswith("\n") or not tail.startswith("\n"):
        raise Refused(f"The markers {START} and {END} must each stand on a line of their own")
    return f"{head}{START}\n{block}\n{END}{tail}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", help="owner/name on GitHub (default: the origin remote's)")
    args = parser.parse_args(argv)
    root = Path.cwd()
    readme_path = root / "README.md"
    try:
        if not readme_path.is_file():
            raise Refused(f"No README.md in {root}; run this from the repository's root")
        repo = choose_repo(root, args.repo)
        notebooks = sorted(path.name for path in (root / "notebooks").glob("*.ipynb"))
        readme = readme_path.read_text(encoding="utf-8")
        new = rewrite(readme, links(repo, notebooks))
    except Refused as refused:
        print(f"binder-links: {refused}\nREADME.md was not changed.", file=sys.stderr)
        return 1
    if new != readme:
        readme_path.write_text(new, encoding="utf-8")
    print(f"binder-links: README.md links {len(notebooks)} notebooks on github.com/{repo}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
