"""Test harness for the Community Asset Gaps QGIS plugin.

The repository root *is* the plugin folder. Tests import it under its installed
name, ``community_asset_gaps``, through a symlink
``build/plugins/community_asset_gaps -> ../..`` that this file creates; imports
inside the plugin are relative, so this works exactly like a real install.
``build/plugins`` is also the ``QGIS_PLUGINPATH`` given to ``qgis_process.bin``.

One headless QgsApplication is started for the whole session (offscreen), with
Processing, the native QGIS algorithms and, once it exists, our own provider
(``community_asset_gaps.algorithms.provider.AssetGapsProvider``).

Fixtures (see each one's docstring):

- ``qgis_app`` (session, autouse): the QgsApplication.
- ``repo_root`` (session): Path of the repository (plugin) root.
- ``helsinki_gpkg`` (session): Path of the bundled ``resources/data/helsinki_centre.gpkg``.
- ``sao_paulo_gpkg`` (session): Path of ``../shared/data/sao_paulo.gpkg``; skips if absent.
- ``tmp_copy``: ``tmp_copy(src, name=None) -> Path``, copies a file into ``tmp_path``.
- ``empty_project`` (session): Path of a saved empty ``.qgs`` (``--PROJECT_PATH=``).
- ``qgis_process`` (session): ``qgis_process(*args, project_path=None, timeout=600,
  json_output=True) -> subprocess.CompletedProcess`` running ``qgis_process.bin``.
"""

import gc
import json
import os
import shutil
import subprocess  # nosec B404 - test code only, never shipped
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
QGIS_PROCESS = shutil.which("qgis_process.bin") or "/usr/bin/qgis_process.bin"

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(REPO_ROOT / "tools"))
sys.path.insert(0, str(REPO_ROOT / "tests"))
from headless import (  # noqa: E402
    BUILD_PLUGINS,
    PLUGIN_NAME,
    make_plugin_importable,
    register_provider,
    start_qgis,
)

make_plugin_importable()


class _RepoRootIsNotATestPackage:
    """Collect the repository root as a plain directory, not as a Python package.

    The root holds the plugin's ``__init__.py``; left alone, pytest would import
    it a second time under the folder's name (``main``, or whatever a clone is
    called), next to ``community_asset_gaps``. Registered as a global plugin in
    ``pytest_configure`` because conftest hooks only apply below tests/.
    """

    @pytest.hookimpl(tryfirst=True)
    def pytest_collect_directory(self, path, parent):
        if Path(path).resolve() == REPO_ROOT:
            return pytest.Dir.from_parent(parent, path=Path(path))
        return None


def pytest_configure(config):
    """Install the repository-root collection rule (see _RepoRootIsNotATestPackage)."""
    name = "community-asset-gaps-repo-root"
    if not config.pluginmanager.has_plugin(name):
        config.pluginmanager.register(_RepoRootIsNotATestPackage(), name)


@pytest.fixture(scope="session", autouse=True)
def qgis_app():
    """The session's QgsApplication (offscreen), with Processing and providers registered."""
    app = start_qgis()
    provider = register_provider()
    yield app
    from qgis.core import QgsApplication, QgsProject
    from qgis.PyQt.QtCore import QCoreApplication, QEvent

    if provider is not None:
        QgsApplication.processingRegistry().removeProvider(provider)
    # Widgets left to deleteLater() and layers still in the project are released while
    # QGIS still runs: destroyed during interpreter shutdown, they crash QGIS >= 3.40.
    QgsProject.instance().clear()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    app.exitQgis()


@pytest.fixture(scope="session")
def repo_root():
    """Path of the repository root, which is the plugin folder."""
    return REPO_ROOT


@pytest.fixture(scope="session")
def helsinki_gpkg():
    """Path of the sample GeoPackage shipped with the plugin (resources/data)."""
    path = REPO_ROOT / "resources" / "data" / "helsinki_centre.gpkg"
    if not path.exists():
        pytest.fail(f"bundled sample data is missing: {path}")
    return path


@pytest.fixture(scope="session")
def sao_paulo_gpkg():
    """Path of ../shared/data/sao_paulo.gpkg beside the repository; skips when absent."""
    path = REPO_ROOT.parent / "shared" / "data" / "sao_paulo.gpkg"
    if not path.exists():
        pytest.skip(f"São Paulo sample data not found at {path} (it is not shipped)")
    return path


@pytest.fixture
def tmp_copy(tmp_path):
    """Return ``copy(src, name=None) -> Path``: copy a file into this test's tmp_path.

    Use it so that a test works on its own copy of an input, and can check
    afterwards that the input is byte-identical (inputs are never modified).
    """

    def copy(src, name=None):
        src = Path(src)
        dest = tmp_path / (name or src.name)
        shutil.copyfile(src, dest)
        return dest

    return copy


@pytest.fixture(scope="session")
def empty_project(tmp_path_factory):
    """Path of a saved empty QGIS project, for ``--PROJECT_PATH=`` (native:servicearea*)."""
    from qgis.core import QgsProject

    path = tmp_path_factory.mktemp("project") / "empty.qgs"
    project = QgsProject()
    if not project.write(str(path)):
        pytest.fail(f"could not write an empty project to {path}")
    return path


def _qgis_process_env(home, runtime_dir):
    """Environment for qgis_process.bin: private profile, our plugin path, offscreen."""
    env = dict(os.environ)
    env.update(
        HOME=str(home),
        XDG_RUNTIME_DIR=str(runtime_dir),
        QGIS_PLUGINPATH=str(BUILD_PLUGINS),
        QT_QPA_PLATFORM="offscreen",
    )
    return env


@pytest.fixture(scope="session")
def qgis_process(tmp_path_factory):
    """Return ``run(*args, project_path=None, timeout=600, json_output=True)``.

    ``run`` executes ``qgis_process.bin [--json] *args [--PROJECT_PATH=project_path]``
    with a temporary HOME (its own QGIS profile), ``QGIS_PLUGINPATH=build/plugins``
    and ``QT_QPA_PLATFORM=offscreen``, and returns the ``subprocess.CompletedProcess``
    (text mode). When stdout parses as JSON, it is also available as ``result.json``
    (else ``result.json`` is None). For example::

        res = qgis_process("run", "assetgaps:catchments", f"--NETWORK={net}", ...)
        assert res.returncode == 0, res.stderr
        out = res.json["results"]["OUTPUT"]

    ``json_output`` puts ``--json`` right after the command (``run``, ``help``,
    ``list``...); pass False for plain text. The plugin is enabled in the profile
    (``qgis_process.bin plugins enable community_asset_gaps``) once per session,
    as soon as the plugin's ``__init__.py`` exists; failing to enable it fails.
    """
    home = tmp_path_factory.mktemp("qgis_home")
    runtime_dir = tmp_path_factory.mktemp("xdg_runtime")
    runtime_dir.chmod(0o700)
    env = _qgis_process_env(home, runtime_dir)

    if (REPO_ROOT / "__init__.py").exists():
        enable = subprocess.run(  # nosec B603 - fixed executable, test code only
            [QGIS_PROCESS, "plugins", "enable", PLUGIN_NAME],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if enable.returncode != 0:
            pytest.fail(
                f"qgis_process.bin plugins enable {PLUGIN_NAME} failed "
                f"({enable.returncode}):\n{enable.stdout}\n{enable.stderr}"
            )

    def run(*args, project_path=None, timeout=600, json_output=True):
        args = [str(a) for a in args]
        if json_output and args and not args[0].startswith("-"):
            args.insert(1, "--json")
        if project_path is not None:
            args.append(f"--PROJECT_PATH={project_path}")
        result = subprocess.run(  # nosec B603 - fixed executable, test code only
            [QGIS_PROCESS, *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        try:
            result.json = json.loads(result.stdout)
        except ValueError:
            result.json = None
        return result

    return run
