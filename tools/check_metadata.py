"""Check metadata.txt against what the QGIS plugin repository requires (developer tool).

Usage::

    python3 tools/check_metadata.py [metadata.txt | community_asset_gaps.zip]

Given a zip, it checks the ``<plugin>/metadata.txt`` inside it and that the icon it
names is in the zip. Exit code 0 when every check passes; otherwise each problem is
printed on its own line and the exit code is 1.
"""

import configparser
import re
import sys
import zipfile
from pathlib import Path

REQUIRED_FIELDS = (
    "name", "qgisMinimumVersion", "description", "about", "version", "author", "email",
    "repository", "tracker", "homepage", "icon", "tags", "category", "license",
    "hasProcessingProvider",
)
URL_FIELDS = ("repository", "tracker", "homepage")
BOOLEAN_WORDS = ("yes", "no", "true", "false")


def parse(text: str) -> configparser.ConfigParser:
    """metadata.txt parsed as QGIS parses it (configparser, '%' interpolation on)."""
    parser = configparser.ConfigParser()
    parser.optionxform = str  # keys are case-sensitive: qgisMinimumVersion
    parser.read_string(text)
    return parser


def read_version(metadata_path) -> str:
    """The plugin's version: the one place it is written is metadata.txt."""
    return parse(Path(metadata_path).read_text(encoding="utf-8"))["general"]["version"]


def problems(text: str, plugin_files=None) -> list:
    """Every problem with a metadata.txt; ``plugin_files`` (paths relative to the plugin
    folder), when given, must hold the icon."""
    try:
        parser = parse(text)
    except configparser.Error as error:
        return [f"metadata.txt cannot be parsed: {error}"]
    if not parser.has_section("general"):
        return ["metadata.txt has no [general] section"]
    general = parser["general"]
    found = []
    values = {}
    for field in REQUIRED_FIELDS:
        try:
            value = general.get(field, "").strip()
        except configparser.Error as error:  # a stray '%' in the value
            found.append(f"{field}: cannot be read ({error})")
            continue
        if not value:
            found.append(f"{field}: missing or empty")
        values[field] = value
    if values.get("version") and not re.fullmatch(r"\d+\.\d+(\.\d+)?([-.]?\w+)?",
                                                  values["version"]):
        found.append(f"version: '{values['version']}' is not a version number like 0.1.0")
    if values.get("qgisMinimumVersion") and not re.fullmatch(r"3\.\d+(\.\d+)?",
                                                             values["qgisMinimumVersion"]):
        found.append("qgisMinimumVersion: expected 3.x")
    if values.get("email") and "@" not in values["email"]:
        found.append("email: not an e-mail address")
    for field in URL_FIELDS:
        if values.get(field) and not values[field].startswith(("https://", "http://")):
            found.append(f"{field}: not a web address")
    flag = values.get("hasProcessingProvider", "").lower()
    if flag and flag not in BOOLEAN_WORDS:
        found.append("hasProcessingProvider: expected yes or no")
    if values.get("icon") and plugin_files is not None and values["icon"] not in plugin_files:
        found.append(f"icon: {values['icon']} is not in the package")
    return found


def check_zip(zip_path) -> list:
    """Problems with the metadata.txt of a plugin zip (one top folder)."""
    with zipfile.ZipFile(zip_path) as archive:
        names = archive.namelist()
        tops = {name.split("/", 1)[0] for name in names}
        if len(tops) != 1:
            return [f"the zip must hold one top folder, not {sorted(tops)}"]
        top = tops.pop()
        metadata = f"{top}/metadata.txt"
        if metadata not in names:
            return [f"{metadata} is not in the zip"]
        text = archive.read(metadata).decode("utf-8")
    files = {name[len(top) + 1:] for name in names if not name.endswith("/")}
    return problems(text, files)


def main(argv=None) -> int:
    """Check the given metadata.txt or plugin zip; print problems; return the exit code."""
    argv = sys.argv[1:] if argv is None else argv
    target = Path(argv[0]) if argv else Path(__file__).resolve().parent.parent / "metadata.txt"
    if target.suffix == ".zip":
        found = check_zip(target)
    else:
        root = target.resolve().parent
        files = {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}
        found = problems(target.read_text(encoding="utf-8"), files)
    for problem in found:
        print(f"{target}: {problem}", file=sys.stderr)
    if not found:
        print(f"{target}: metadata has every field the plugin repository requires")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
