"""The package's surface: a numpy-only core, lazy graphics exports, figures set up in IPython."""

import importlib
import json
import pathlib
import subprocess
import sys

import pytest

import optim

GRAPHICS = ("matplotlib", "ipywidgets", "IPython", "PIL")


def fresh_python(code):
    """What `code` prints as JSON, run in a new interpreter (nothing imported yet)."""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return json.loads(done.stdout)


def test_the_numerical_core_imports_with_numpy_alone():
    loaded = fresh_python(
        "import json, sys\n"
        "import optim.optimizers, optim.surfaces, optim.trajectory, optim.sweep, optim.inner\n"
        "import optim.network, optim.digits\n"
        "import optim\n"
        "optim.run(optim.Adam(lr=0.1), 'book', steps=3)\n"
        "optim.network.train(optim.network.MLP([64, 8, 10]), optim.Adam(), "
        "optim.digits.load_digits(), iters=3)\n"
        f"print(json.dumps([m for m in {GRAPHICS!r} if m in sys.modules]))"
    )
    assert loaded == []


def test_graphics_exports_load_on_first_use():
    loaded = fresh_python(
        "import json, sys, optim\n"
        "before = 'matplotlib' in sys.modules\n"
        "from optim import explore, race, convergence_map, style\n"
        "print(json.dumps([before, 'matplotlib' in sys.modules, style.__name__,\n"
        "                  explore.__module__, convergence_map.__module__]))"
    )
    assert loaded == [False, True, "optim.style", "optim.explorer", "optim.convergence"]


def test_all_and_dir_name_every_export_and_sweep_stays_the_function():
    importlib.import_module("optim.sweep")  # the submodule of that name must not replace it

    assert callable(optim.sweep) and optim.sweep.__module__ == "optim.sweep"
    for name in optim.__all__:
        assert name in dir(optim) and getattr(optim, name) is not None
    assert len(set(optim.__all__)) == len(optim.__all__)
    with pytest.raises(AttributeError, match="module 'optim' has no attribute 'explorer_'"):
        optim.explorer_  # noqa: B018


def test_in_an_ipython_kernel_figures_show_without_matplotlib_inline():
    """The lecture style (Korean font first fallback) and a PNG printer for Figure."""
    seen = fresh_python(
        "import json\n"
        "from IPython.core.interactiveshell import InteractiveShell\n"
        "shell = InteractiveShell.instance()\n"
        "import optim, matplotlib\n"
        "from matplotlib.figure import Figure\n"
        "png = shell.display_formatter.formatters['image/png'].lookup_by_type(Figure)\n"
        "print(json.dumps([png.__name__, matplotlib.rcParams['font.family']]))"
    )
    assert seen == ["png_bytes", ["DejaVu Sans", "NanumGothic"]]


def declared():
    """{distribution name: specifier} of pyproject.toml's [project] dependencies."""
    import tomllib

    from packaging.requirements import Requirement

    root = pathlib.Path(__file__).resolve().parents[1]
    with open(root / "pyproject.toml", "rb") as file:
        listed = tomllib.load(file)["project"]["dependencies"]
    return {req.name.lower(): req.specifier for req in map(Requirement, listed)}


def test_every_package_the_code_imports_is_a_declared_dependency():
    import ast

    distribution = {"PIL": "pillow", "koreanize_matplotlib": "koreanize-matplotlib"}
    found = set()
    for path in pathlib.Path(optim.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                found.add(node.module.split(".")[0])
    found.add("koreanize_matplotlib")  # optim.style finds its font files without importing it
    third_party = found - set(sys.stdlib_module_names) - {"optim"}
    assert {distribution.get(name, name).lower() for name in third_party} <= set(declared())


def test_the_exact_pins_lie_in_the_declared_ranges():
    root = pathlib.Path(__file__).resolve().parents[1]
    pins = dict(
        line.split("#")[0].strip().lower().split("==")
        for line in (root / "requirements.txt").read_text(encoding="utf-8").splitlines()
        if "==" in line.split("#")[0]
    )
    for name, specifier in declared().items():
        if name in pins:
            assert pins[name] in specifier, (name, pins[name], str(specifier))
