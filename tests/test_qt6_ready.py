"""Ready for QGIS 4 (Qt 6), checked statically on whichever QGIS runs the suite.

QGIS 4 is built on Qt 6 and PyQt6, which is not packaged for Debian: these tests read the
plugin's shipped Python and .ui files and look every Qt name up in PyQt6 (from the package
index, in requirements-dev.txt) in a child Python that loads PyQt6 alone:

- every ``Class.Member`` path rooted at a name imported from ``qgis.PyQt`` (scoped enums,
  static methods, ``exec``) exists under the same path in PyQt6;
- every signal the plugin connects or emits exists on some PyQt6 or QGIS class, or is the
  plugin's own ``pyqtSignal``, and none is picked by an overload subscript (``[str]``);
- every .ui file compiles with PyQt6's uic, and the Qt names in the generated code exist;
- QGIS enums are used fully scoped (``Qgis.WkbType.Point``, not ``QgsWkbTypes.Point``);
- the one compatibility module (algorithms/qgis_compat.py) is left out of the path checks:
  it holds the older names on purpose, for the releases that have nothing newer;
- no ``exec_``, no direct PyQt5/PyQt6/sip import, no compiled Qt resources.
"""

import ast
import json
import subprocess  # nosec B404 - test code only, never shipped
import sys
import textwrap
from pathlib import Path

import pytest
from package import SHIPPED_DIRS, SHIPPED_FILES

REPO_ROOT = Path(__file__).resolve().parent.parent
COMPAT_MODULE = REPO_ROOT / "algorithms" / "qgis_compat.py"
QT_MODULES = ("QtCore", "QtGui", "QtWidgets")


def shipped_python() -> list:
    """The plugin's own Python files, as the package ships them."""
    files = [REPO_ROOT / name for name in SHIPPED_FILES if name.endswith(".py")]
    for folder in SHIPPED_DIRS:
        files += sorted((REPO_ROOT / folder).rglob("*.py"))
    return [path for path in files if "__pycache__" not in path.parts]


def shipped_ui() -> list:
    return sorted((REPO_ROOT / "ui").rglob("*.ui"))


def attribute_chain(node: ast.AST):
    """['Qt', 'AlignmentFlag', 'AlignLeft'] for Qt.AlignmentFlag.AlignLeft, else None."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return parts[::-1]


def imported_names(tree: ast.AST, package: str) -> dict:
    """{local name: (module, name)} for ``from package.Module import name`` in ``tree``."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(package):
            module = node.module[len(package):].lstrip(".")
            for alias in node.names:
                if module:
                    names[alias.asname or alias.name] = (module, alias.name)
                else:  # from qgis.PyQt import QtCore
                    names[alias.asname or alias.name] = (alias.name, None)
    return names


def longest_chains(tree: ast.AST, roots: dict) -> set:
    """Every maximal attribute chain whose first name is one of ``roots``."""
    inner = set()
    chains = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            if isinstance(node.value, ast.Attribute):
                inner.add(id(node.value))
    for node in ast.walk(tree):
        if isinstance(node, (ast.Attribute, ast.Name)) and id(node) not in inner:
            chain = attribute_chain(node)
            if chain and chain[0] in roots:
                chains.add(tuple(chain))
    return chains


def qt_paths(path: Path, tree: ast.AST) -> list:
    """[(file, 'QtWidgets', ['QDialogButtonBox', 'StandardButton', 'Ok'])...] used in ``tree``."""
    roots = imported_names(tree, "qgis.PyQt")
    paths = []
    for chain in longest_chains(tree, roots):
        module, name = roots[chain[0]]
        if module == "uic":
            continue
        if name is None:  # QtCore.Qt.X: the module is the root
            paths.append((str(path), module, list(chain[1:])))
        else:
            paths.append((str(path), module, [name, *chain[1:]]))
    return paths


CHILD = textwrap.dedent("""
    import ast, importlib, io, json, sys

    request = json.load(sys.stdin)
    missing = []

    def resolve(module, parts):
        value = importlib.import_module("PyQt6." + module)
        for part in parts:
            value = getattr(value, part)
        return value

    for where, module, parts in request["paths"]:
        try:
            resolve(module, parts)
        except (ImportError, AttributeError):
            missing.append(f"{where}: {module}.{'.'.join(parts)}")

    signals = set()
    for module in ("QtCore", "QtGui", "QtWidgets"):
        qt = importlib.import_module("PyQt6." + module)
        for cls in vars(qt).values():
            if isinstance(cls, type):
                signals.update(name for name in dir(cls))

    from PyQt6 import uic
    for ui_file in request["ui_files"]:
        code = io.StringIO()
        try:
            uic.compileUi(ui_file, code)
        except Exception as error:  # any failure is the finding
            missing.append(f"{ui_file}: PyQt6 uic cannot compile it: {error}")
            continue
        tree = ast.parse(code.getvalue())
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and not isinstance(node.ctx, ast.Store):
                parts = []
                inner = node
                while isinstance(inner, ast.Attribute):
                    parts.append(inner.attr)
                    inner = inner.value
                if isinstance(inner, ast.Name) and inner.id in ("QtCore", "QtGui", "QtWidgets"):
                    try:
                        resolve(inner.id, parts[::-1])
                    except AttributeError:
                        missing.append(f"{ui_file}: {inner.id}.{'.'.join(parts[::-1])}")
    print(json.dumps({"missing": sorted(set(missing)), "names": sorted(signals)}))
""")


@pytest.fixture(scope="module")
def pyqt6_report():
    """Look the plugin's Qt paths and .ui files up in PyQt6, in a child Python."""
    pytest.importorskip("PyQt6", reason="PyQt6 comes with requirements-dev.txt")
    paths = []
    for path in [path for path in shipped_python() if path != COMPAT_MODULE]:
        paths += qt_paths(path.relative_to(REPO_ROOT), ast.parse(path.read_text("utf-8")))
    request = {"paths": paths, "ui_files": [str(path) for path in shipped_ui()]}
    completed = subprocess.run(  # nosec B603 - this interpreter, test code only
        [sys.executable, "-c", CHILD], input=json.dumps(request), capture_output=True,
        text=True, timeout=300, check=False, env={"QT_QPA_PLATFORM": "offscreen"})
    assert completed.returncode == 0, completed.stderr
    report = json.loads(completed.stdout)
    report["paths"] = paths
    return report


def test_qt_paths_exist_in_pyqt6(pyqt6_report):
    """Scoped enums, classes and static members: the same path in PyQt6."""
    assert len(pyqt6_report["paths"]) > 30  # the scan finds the plugin's Qt names
    assert pyqt6_report["missing"] == []


def test_the_scan_finds_what_qt6_lacks(pyqt6_report):
    """Control: Qt 5 only names are reported (the check can fail)."""
    tree = ast.parse("from qgis.PyQt.QtCore import Qt\n"
                     "from qgis.PyQt.QtWidgets import QDialog, QSizePolicy\n"
                     "a = Qt.AlignLeft\nb = QDialog.exec_\nc = QSizePolicy.Policy.Expanding\n")
    request = {"paths": qt_paths(Path("example.py"), tree), "ui_files": []}
    completed = subprocess.run(  # nosec B603 - this interpreter, test code only
        [sys.executable, "-c", CHILD], input=json.dumps(request), capture_output=True,
        text=True, timeout=300, check=False, env={"QT_QPA_PLATFORM": "offscreen"})
    missing = json.loads(completed.stdout)["missing"]
    assert missing == ["example.py: QtCore.Qt.AlignLeft", "example.py: QtWidgets.QDialog.exec_"]


def plugin_signals(trees: list) -> set:
    """Names the plugin assigns a pyqtSignal to (its own signals)."""
    names = set()
    for tree in trees:
        for node in ast.walk(tree):
            if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
                    and getattr(node.value.func, "id", "") == "pyqtSignal"):
                names.update(target.id for target in node.targets if isinstance(target, ast.Name))
    return names


def test_signals_exist_and_are_not_picked_by_overload(pyqt6_report):
    """``x.signal.connect``/``emit``: a known signal name, never ``x.signal[str]``."""
    from qgis import core, gui

    qgis_names = set()
    for module in (core, gui):
        for cls in vars(module).values():
            if isinstance(cls, type):
                qgis_names.update(dir(cls))
    trees = {path: ast.parse(path.read_text("utf-8")) for path in shipped_python()}
    known = set(pyqt6_report["names"]) | qgis_names | plugin_signals(trees.values())
    problems = []
    for path, tree in trees.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in ("connect", "emit", "disconnect"):
                signal = node.value
                if isinstance(signal, ast.Subscript):
                    problems.append(f"{path.name}:{node.lineno} overload subscript")
                elif isinstance(signal, ast.Attribute) and signal.attr not in known:
                    problems.append(f"{path.name}:{node.lineno} {signal.attr}")
    assert problems == []


def test_qgis_enums_are_fully_scoped():
    """Outside the compatibility module, a QGIS enum member is reached through its enum."""
    from qgis import core, gui

    problems = []
    for path in shipped_python():
        if path == COMPAT_MODULE:
            continue
        tree = ast.parse(path.read_text("utf-8"))
        roots = {name: getattr(module, name) for name, module in qgis_imports(tree, core, gui)}
        for chain in longest_chains(tree, roots):
            value = roots[chain[0]]
            for part in chain[1:]:
                parent, value = value, getattr(value, part, None)
                if value is None:
                    break
                if is_enum_member(value) and parent is not type(value):
                    problems.append(f"{path.name}: {'.'.join(chain)}")
                    break
    assert problems == []


def qgis_imports(tree: ast.AST, core, gui) -> list:
    """[(name, module)] for ``from qgis.core import name`` / ``from qgis.gui import name``."""
    modules = {"qgis.core": core, "qgis.gui": gui}
    return [(alias.asname or alias.name, modules[node.module])
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module in modules
            for alias in node.names if hasattr(modules[node.module], alias.name)]


def is_enum_member(value) -> bool:
    """A member of a Python enum (PyQt6, newer sip) or of a sip enum type (PyQt5)."""
    import enum

    kind = type(value)
    return isinstance(value, enum.Enum) or type(kind).__name__ == "enumtype"


def test_no_exec_underscore_pyqt_imports_or_compiled_resources():
    problems = []
    for path in shipped_python():
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in ("exec_", "print_"):
                problems.append(f"{path.name}:{node.lineno} {node.attr}")
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                modules = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                           else [node.module or ""])
                problems += [f"{path.name}: imports {name}" for name in modules
                             if name.split(".")[0] in ("PyQt5", "PyQt6", "sip")]
    compiled = [str(path) for folder in SHIPPED_DIRS
                for pattern in ("*.qrc", "*_rc.py", "resources_rc*")
                for path in (REPO_ROOT / folder).rglob(pattern)]
    assert problems == [] and compiled == []


def test_metadata_offers_the_plugin_to_qgis_4():
    text = (REPO_ROOT / "metadata.txt").read_text("utf-8").splitlines()
    assert "supportsQt6=True" in text
    assert "qgisMaximumVersion=4.99" in text


def test_a_deprecated_call_in_the_plugin_fails_the_suite():
    """pyproject.toml turns a DeprecationWarning raised from the plugin's code into an error
    (newer QGIS releases deprecate what QGIS 4 removes), and leaves other code's alone."""
    code = compile("import warnings\nwarnings.warn('old call', DeprecationWarning)",
                   "example.py", "exec")
    with pytest.raises(DeprecationWarning):
        exec(code, {"__name__": "community_asset_gaps.algorithms.example"})  # nosec B102
    with pytest.warns(DeprecationWarning):
        exec(code, {"__name__": "someone_elses_plugin"})  # nosec B102
