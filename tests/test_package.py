"""The plugin zip (`make package`, tools/package.py): what it holds, its metadata, and that
it installs into a clean QGIS profile where qgis_process runs an algorithm from it."""

import json
import os
import posixpath
import re
import shutil
import subprocess  # nosec B404 - test code only, never shipped
import zipfile
from pathlib import Path

import check_metadata
import package
import pytest

from headless import PLUGIN_NAME, REPO_ROOT

QGIS_PROCESS = shutil.which("qgis_process.bin") or "/usr/bin/qgis_process.bin"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Build the zip with the same script `make package` runs: (zip path, names in it)."""
    dist = tmp_path_factory.mktemp("dist")
    assert package.main(["--dist", str(dist)]) == 0
    zip_path = dist / package.ZIP_NAME
    with zipfile.ZipFile(zip_path) as archive:
        names = archive.namelist()
    return zip_path, names


@pytest.fixture(scope="module")
def plugins_dir(built, tmp_path_factory):
    """A temporary plugins folder with the zip unpacked in it, as QGIS installs a zip."""
    folder = tmp_path_factory.mktemp("plugins")
    with zipfile.ZipFile(built[0]) as archive:
        archive.extractall(folder)
    return folder


def test_zip_has_one_top_folder_and_the_shipped_files(built):
    _, names = built
    assert {name.split("/", 1)[0] for name in names} == {PLUGIN_NAME}
    files = {name[len(PLUGIN_NAME) + 1:] for name in names if not name.endswith("/")}
    for required in ("metadata.txt", "LICENSE", "README.md", "CHANGELOG.md",
                     "requirements.txt", "__init__.py", "plugin.py",
                     "algorithms/provider.py", "core/network.py", "resources/icons/icon.svg",
                     "resources/data/helsinki_centre.gpkg", "resources/data/README.md",
                     "docs/guide.md", "docs/parameters.md", "docs/parameters.html",
                     "docs/architecture.md", "docs/images/demo_map.png"):
        assert required in files, required
    # every link of the shipped README and guide to a file of the plugin finds it
    with zipfile.ZipFile(built[0]) as archive:
        for document in ("README.md", "docs/guide.md"):
            text = archive.read(f"{PLUGIN_NAME}/{document}").decode("utf-8")
            folder = document.rsplit("/", 1)[0] + "/" if "/" in document else ""
            for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", text):
                path = posixpath.normpath(folder + target)
                assert path in files or any(f.startswith(path + "/") for f in files), \
                    (document, target)


def test_zip_has_no_development_files(built):
    _, names = built
    files = [name[len(PLUGIN_NAME) + 1:] for name in names]
    for name in files:
        top = name.split("/", 1)[0]
        assert top not in ("tests", "tools", "benchmarks", "build", "dist", ".venv", ".ci",
                           ".git", "demo_output"), name
        assert top not in ("Makefile", "pyproject.toml", "requirements-dev.txt",
                           ".gitignore"), name
        assert "__pycache__" not in name and not name.endswith((".pyc", ".ts")), name
        assert not name.split("/")[-1].startswith("."), name
        assert not name.endswith(("-wal", "-shm")), name
    assert not [n for n in files if n.startswith("i18n/") and not n.endswith((".qm", "/"))]
    assert package.check_contents(built[0]) == []


def test_zip_metadata_is_complete(built):
    assert check_metadata.check_zip(built[0]) == []


def test_version_comes_from_metadata_and_has_a_changelog_entry(built):
    version = check_metadata.read_version(REPO_ROOT / "metadata.txt")
    with zipfile.ZipFile(built[0]) as archive:
        shipped = archive.read(f"{PLUGIN_NAME}/metadata.txt").decode("utf-8")
    assert check_metadata.parse(shipped)["general"]["version"] == version
    assert package.check_changelog(version) == []


def test_metadata_checker_finds_problems():
    text = (REPO_ROOT / "metadata.txt").read_text(encoding="utf-8")
    assert check_metadata.problems(text, {"resources/icons/icon.svg"}) == []
    without_email = "\n".join(line for line in text.splitlines()
                              if not line.startswith("email="))
    assert any(p.startswith("email") for p in check_metadata.problems(without_email))
    assert any(p.startswith("icon") for p in check_metadata.problems(text, set()))
    broken = text.replace("hasProcessingProvider=yes", "hasProcessingProvider=maybe")
    assert any(p.startswith("hasProcessingProvider") for p in check_metadata.problems(broken))
    assert check_metadata.problems("no section") != []


def test_unpacked_package_passes_the_repository_scans(built, tmp_path):
    """bandit and detect-secrets over the unpacked zip: zero findings (`make scan`)."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    plugin_dir = package.unpack_and_compile(built[0], tmp_path / "unpacked")
    completed = subprocess.run(  # nosec B603 B607 - fixed command, test code only
        ["make", "--no-print-directory", "-C", str(REPO_ROOT), "scan",
         f"SCAN_ROOT={plugin_dir}"],
        capture_output=True, text=True, timeout=600, check=False)
    assert completed.returncode == 0, completed.stdout + completed.stderr


def qgis_process(args, plugins, home, cwd):
    """qgis_process.bin with a clean profile (HOME) and only ``plugins`` on the plugin path."""
    runtime = home / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = dict(os.environ, HOME=str(home), XDG_RUNTIME_DIR=str(runtime),
               QGIS_PLUGINPATH=str(plugins), QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONPATH", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return subprocess.run(  # nosec B603 - fixed executable, test code only
        [QGIS_PROCESS, *args], env=env, cwd=str(cwd), capture_output=True, text=True,
        timeout=600, check=False)


def test_zip_installs_and_runs_in_qgis_process(plugins_dir, tmp_path):
    """The README's commands, run from the unpacked plugin folder on its own sample."""
    home = tmp_path / "home"
    home.mkdir()
    plugin = plugins_dir / PLUGIN_NAME
    enable = qgis_process(["plugins", "enable", PLUGIN_NAME], plugins_dir, home, plugin)
    assert enable.returncode == 0, enable.stdout + enable.stderr

    out = tmp_path / "catchments.gpkg"
    sample = "resources/data/helsinki_centre.gpkg"
    run = qgis_process(
        ["--json", "run", "assetgaps:catchments",
         f"--NETWORK={sample}|layername=walk_network",
         f"--FACILITIES={sample}|layername=libraries",
         "--THRESHOLDS=5,10", "--OVERLAP=1", "--COST_TYPE=0", f"--OUTPUT={out}"],
        plugins_dir, home, plugin)
    assert run.returncode == 0, run.stdout + run.stderr
    result = json.loads(run.stdout)
    assert result["algorithm_details"]["id"] == "assetgaps:catchments"
    assert out.exists()
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(str(out), "catchments", "ogr")
    assert layer.isValid()
    assert sorted(f["threshold"] for f in layer.getFeatures()) == [5.0, 10.0]
    # the plugin was imported from the zip's folder (Python cached its bytecode there)
    assert (plugin / "algorithms" / "__pycache__").is_dir()


def minimal_plugin(root):
    """A git working tree holding the files a package needs, every one committed;
    __pycache__ is ignored, as in the repository."""
    for name in package.SHIPPED_FILES:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x\n", encoding="utf-8")
    for folder in package.REQUIRED_DIRS:
        (root / folder).mkdir(parents=True, exist_ok=True)
        (root / folder / "__init__.py").write_text("\n", encoding="utf-8")
    (root / ".gitignore").write_text("__pycache__/\n", encoding="utf-8")
    commit_all(root)
    return root


def commit_all(root):
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(git + ["init", "-q"], cwd=root, check=True)  # nosec B603 B607
    subprocess.run(git + ["add", "-A"], cwd=root, check=True)  # nosec B603 B607
    subprocess.run(git + ["commit", "-q", "-m", "files"], cwd=root,  # nosec B603 B607
                   check=True)


def test_only_tracked_files_ship_and_untracked_ones_stop_the_build(tmp_path):
    root = minimal_plugin(tmp_path / "plugin")
    (root / "core" / "__pycache__").mkdir()
    (root / "core" / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"")  # ignored
    assert set(package.shipped_files(root)) >= {Path("core/__init__.py")}
    council = root / "resources" / "council_addresses.csv"
    council.write_text("uprn,name\n1,A house\n", encoding="utf-8")
    with pytest.raises(package.PackageError, match="council_addresses.csv"):
        package.shipped_files(root)
    shutil.copy(REPO_ROOT / "metadata.txt", root / "metadata.txt")
    with pytest.raises(package.PackageError, match="not tracked"):
        package.build(tmp_path / "dist", root=root)
    assert not (tmp_path / "dist" / package.ZIP_NAME).exists()
    # once ignored (a local cache), it stays out of the zip without stopping the build
    (root / ".gitignore").write_text("__pycache__/\n*.csv\n", encoding="utf-8")
    assert Path("resources/council_addresses.csv") not in package.shipped_files(root)


def test_unpacking_deletes_only_what_it_made(tmp_path, built):
    unpack = tmp_path / "scan"
    unpack.mkdir()
    keep = unpack / "notes.txt"
    keep.write_text("mine\n", encoding="utf-8")
    plugin = package.unpack_and_compile(built[0], unpack)
    assert (plugin / "metadata.txt").is_file() and keep.read_text() == "mine\n"
    (plugin / "stale.py").write_text("\n", encoding="utf-8")
    package.unpack_and_compile(built[0], unpack)  # its own earlier copy is replaced
    assert not (plugin / "stale.py").exists() and keep.read_text() == "mine\n"
    other = tmp_path / "other"
    (other / PLUGIN_NAME).mkdir(parents=True)
    precious = other / PLUGIN_NAME / "work.py"
    precious.write_text("# not made by the packager\n", encoding="utf-8")
    with pytest.raises(package.PackageError, match="not unpacked by this tool"):
        package.unpack_and_compile(built[0], other)
    assert precious.read_text() == "# not made by the packager\n"


def test_translations_ship_compiled_never_as_sources(tmp_path):
    """i18n/*.qm ship; a .ts ships only compiled (with lrelease), never as itself."""
    root = tmp_path / "plugin"
    root.mkdir()
    (root / "core" / "__pycache__").mkdir(parents=True)
    (root / "i18n").mkdir()
    (root / "i18n" / "fr.qm").write_bytes(b"compiled")
    (root / "i18n" / "fr.ts").write_text("<TS/>\n", encoding="utf-8")
    (root / "i18n" / "cy.ts").write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" '
        'language="cy"><context><name>AssetGaps</name><message><source>Hello</source>'
        '<translation>Helo</translation></message></context></TS>\n', encoding="utf-8")
    (root / "core" / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"")
    minimal_plugin(root)
    staging = tmp_path / "staging"
    files = {path.as_posix() for path in package.shipped_files(root, staging)}
    assert "i18n/fr.qm" in files
    assert not [name for name in files if name.endswith((".ts", ".pyc"))]
    assert ("i18n/cy.qm" in files) == (shutil.which("lrelease") is not None)
    assert not (root / "i18n" / "cy.qm").exists()  # compiled outside the source tree
