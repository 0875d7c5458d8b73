"""Build the plugin zip for the QGIS plugin repository (developer tool, not shipped).

Usage (``make package`` runs it, then scans the unpacked copy with bandit and
detect-secrets through ``make scan``)::

    python3 tools/package.py [--dist dist] [--unpack-dir build/package]

It writes ``<dist>/community_asset_gaps.zip`` with one top folder,
``community_asset_gaps/``, holding only what a user needs (SHIPPED_FILES and
SHIPPED_DIRS below; compiled translations, never the .ts sources; no tests, tools,
caches or development files). Only files git tracks are packed: a file that is not
tracked in a shipped folder (a council's CSV, local settings) stops the build, so
nothing on the developer's disk leaks into the zip by accident; ignored files (caches)
are simply left out. It then checks the zip's metadata.txt with tools/check_metadata.py,
checks that every shipped Python file compiles, and unpacks the zip into
``<unpack-dir>/community_asset_gaps`` for the scans. Only what an earlier unpack made
(marked by UNPACK_MARKER) is ever deleted there.

The version is read from metadata.txt, the one place it is written; CHANGELOG.md must
have an entry for it.
"""

import argparse
import re
import shutil
import subprocess  # nosec B404 - developer tool, never shipped (runs lrelease)
import sys
import tempfile
import zipfile
from pathlib import Path

from check_metadata import check_zip, read_version

REPO_ROOT = Path(__file__).resolve().parent.parent
PLUGIN_NAME = "community_asset_gaps"
ZIP_NAME = f"{PLUGIN_NAME}.zip"

# CONTRIBUTING.md ships because the README links to it.
SHIPPED_FILES = ("metadata.txt", "LICENSE", "README.md", "CHANGELOG.md", "CONTRIBUTING.md",
                 "requirements.txt", "__init__.py", "plugin.py")
# docs/ ships so that the README's links, the guide and the parameter reference (which
# every algorithm's help link opens) work in the installed plugin, offline.
SHIPPED_DIRS = ("core", "algorithms", "ui", "resources", "docs")
REQUIRED_DIRS = ("core", "algorithms", "resources")
# Nothing below these folders, whatever the name, and no such file names.
SKIPPED_DIR_NAMES = {"__pycache__", ".pytest_cache", ".ruff_cache", ".hypothesis", ".git",
                     "tests", ".ipynb_checkpoints"}
SKIPPED_FILE_PATTERN = re.compile(
    r"(^\.|~$|\.(pyc|pyo|bak|orig|rej|swp|tmp|ts|pro)$|-(wal|shm|journal)$|"
    r"^Thumbs\.db$|^\.DS_Store$)")
# Paths a package must never contain (checked on the finished zip).
FORBIDDEN_TOP = ("tests", "tools", "benchmarks", "build", "dist", ".venv", ".ci", ".git",
                 "demo_output", "Makefile", "pyproject.toml", "requirements-dev.txt")


# Written beside each unpacked copy: an unpacked folder without it was not made here
# and is never deleted.
UNPACK_MARKER = f".{PLUGIN_NAME}.unpacked"


class PackageError(Exception):
    """A problem that stops the build, with a message for the developer."""


def _git_paths(root: Path, *options: str) -> set:
    """Paths (relative to ``root``) that ``git ls-files`` lists with ``options``."""
    try:
        listed = subprocess.run(["git", "ls-files", "-z", *options],  # nosec B603 B607
                                cwd=root, check=True, capture_output=True).stdout
    except (OSError, subprocess.CalledProcessError) as error:
        raise PackageError(f"{root} is not a git working tree (the package holds only "
                           f"tracked files): {error}") from error
    return {Path(name) for name in listed.decode("utf-8").split("\0") if name}


def tracked_files(root: Path) -> set:
    """Files git tracks under ``root``; raises PackageError naming any untracked,
    unignored file of a shipped folder."""
    untracked = sorted(path for path in _git_paths(root, "--others", "--exclude-standard")
                       if path.parts[0] in SHIPPED_DIRS or str(path) in SHIPPED_FILES)
    if untracked:
        raise PackageError("files in shipped folders are not tracked by git (add them or "
                           "move them away): " + ", ".join(map(str, untracked)))
    return _git_paths(root)


def shipped_files(root: Path = REPO_ROOT, staging=None) -> dict:
    """{path in the plugin folder: file to copy} for everything that goes into the zip:
    tracked files only.

    ``staging`` is a scratch folder for translations compiled on the fly."""
    tracked = tracked_files(root)
    files = {}
    for name in SHIPPED_FILES:
        if not (root / name).is_file():
            raise PackageError(f"{name} is missing: every package ships it")
        files[Path(name)] = root / name
    for name in REQUIRED_DIRS:
        if not (root / name).is_dir():
            raise PackageError(f"{name}/ is missing")
    for name in SHIPPED_DIRS:
        folder = root / name
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(root)
            if not path.is_file() or SKIPPED_DIR_NAMES.intersection(relative.parts[:-1]):
                continue
            if relative not in tracked:
                continue
            if SKIPPED_FILE_PATTERN.search(path.name):
                continue
            files[relative] = path
    files.update(translations(root, staging))
    return dict(sorted(files.items()))


def translations(root: Path, staging=None) -> dict:
    """i18n/*.qm; a .ts without a .qm is compiled into ``staging`` with lrelease, when
    lrelease is installed (the source tree is left alone)."""
    folder = root / "i18n"
    if not folder.is_dir():
        return {}
    tracked = tracked_files(root)
    files = {path.relative_to(root): path for path in sorted(folder.glob("*.qm"))
             if path.relative_to(root) in tracked}
    for source in sorted(folder.glob("*.ts")):
        relative = source.relative_to(root).with_suffix(".qm")
        if relative in files:
            continue
        lrelease = shutil.which("lrelease")
        if lrelease is None or staging is None:
            print(f"warning: {source.relative_to(root)} has no .qm and lrelease is not "
                  "installed: that translation is left out", file=sys.stderr)
            continue
        compiled = Path(staging) / relative
        compiled.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([lrelease, "-silent", str(source), "-qm", str(compiled)],  # nosec
                       check=True)
        files[relative] = compiled
    return files


def write_zip(files: dict, zip_path: Path) -> None:
    """The zip: one ``community_asset_gaps/`` folder, folders listed before their files."""
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = zip_path.with_suffix(".zip.tmp")
    folders = sorted({parent for path in files for parent in path.parents
                      if parent != Path(".")})
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for folder in [""] + [f"{folder.as_posix()}/" for folder in folders]:
            info = zipfile.ZipInfo(f"{PLUGIN_NAME}/{folder}")
            info.external_attr = (0o40755 << 16) | 0x10
            archive.writestr(info, b"")
        for path, source in files.items():
            archive.write(source, f"{PLUGIN_NAME}/{path.as_posix()}")
    tmp.replace(zip_path)


def check_contents(zip_path: Path) -> list:
    """Problems with the file list: anything outside the top folder or not to ship."""
    found = []
    with zipfile.ZipFile(zip_path) as archive:
        names = archive.namelist()
    for name in names:
        parts = name.split("/")
        if parts[0] != PLUGIN_NAME:
            found.append(f"{name}: outside {PLUGIN_NAME}/")
        elif len(parts) > 1 and parts[1] in FORBIDDEN_TOP:
            found.append(f"{name}: development files are not shipped")
        elif "__pycache__" in parts or name.endswith((".pyc", ".ts")):
            found.append(f"{name}: caches and translation sources are not shipped")
    return found


def check_changelog(version: str, root: Path = REPO_ROOT) -> list:
    """CHANGELOG.md must have a heading for ``version``."""
    text = (root / "CHANGELOG.md").read_text(encoding="utf-8")
    if not re.search(rf"^##\s+\[?{re.escape(version)}\]?(\s|$)", text, re.MULTILINE):
        return [f"CHANGELOG.md has no '## {version}' entry for the version in metadata.txt"]
    return []


def unpack_and_compile(zip_path: Path, unpack_dir: Path) -> Path:
    """Unzip into ``unpack_dir/community_asset_gaps`` and compile every Python file;
    return the unpacked plugin folder.

    An earlier unpacked copy there is replaced only when UNPACK_MARKER says this tool made
    it; anything else in ``unpack_dir`` is left alone, and a plugin folder not made here
    stops the build instead of being deleted."""
    plugin_dir = unpack_dir / PLUGIN_NAME
    marker = unpack_dir / UNPACK_MARKER
    if plugin_dir.exists() or plugin_dir.is_symlink():
        if not marker.is_file() or plugin_dir.is_symlink():
            raise PackageError(f"{plugin_dir} exists and was not unpacked by this tool: "
                               "move it away or choose another --unpack-dir")
        shutil.rmtree(plugin_dir)
    unpack_dir.mkdir(parents=True, exist_ok=True)
    marker.write_text("unpacked by tools/package.py; the folder beside this file is "
                      "replaced on the next unpack\n", encoding="utf-8")
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(unpack_dir)
    for source in sorted(plugin_dir.rglob("*.py")):
        try:
            compile(source.read_text(encoding="utf-8"), str(source), "exec")
        except SyntaxError as error:
            raise PackageError(f"{source.relative_to(unpack_dir)} does not compile: "
                               f"{error}") from error
    return plugin_dir


def build(dist_dir: Path, unpack_dir=None, root: Path = REPO_ROOT) -> Path:
    """Build, check and (optionally) unpack the package; return the zip's path."""
    version = read_version(root / "metadata.txt")
    zip_path = Path(dist_dir).resolve() / ZIP_NAME
    with tempfile.TemporaryDirectory() as staging:
        write_zip(shipped_files(root, staging), zip_path)
    found = check_contents(zip_path) + check_zip(zip_path) + check_changelog(version, root)
    if found:
        raise PackageError("the package is not ready:\n  " + "\n  ".join(found))
    if unpack_dir is not None:
        unpack_and_compile(zip_path, Path(unpack_dir).resolve())
    return zip_path


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", default=str(REPO_ROOT / "dist"),
                        help="folder for the zip (default: dist/)")
    parser.add_argument("--unpack-dir", default=None,
                        help="also unpack the zip here, for the scans (only an earlier "
                             "unpacked copy is replaced)")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    try:
        zip_path = build(Path(args.dist), args.unpack_dir)
    except (PackageError, OSError, subprocess.CalledProcessError) as error:
        print(f"package: {error}", file=sys.stderr)
        return 1
    with zipfile.ZipFile(zip_path) as archive:
        count = sum(1 for name in archive.namelist() if not name.endswith("/"))
    print(f"package: {zip_path} (version {read_version(REPO_ROOT / 'metadata.txt')}, "
          f"{count} files, {zip_path.stat().st_size / 1024:.0f} KiB); metadata.txt has "
          "every required field")
    if args.unpack_dir:
        print(f"package: unpacked into {Path(args.unpack_dir).resolve() / PLUGIN_NAME}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
