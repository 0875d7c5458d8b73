"""Collect the plugin's translatable strings and update the .ts sources (developer tool).

Usage::

    python3 tools/extract_strings.py [--ts i18n/community_asset_gaps_cy.ts ...] [--check]

pylupdate5 files ``self.tr()`` strings under the enclosing class's name, but the plugin
translates every Python string under the one context its ``tr()`` helpers use
("AssetGaps"). This tool reads the code as it runs instead:

- Python (plugin.py, __init__.py, core/, algorithms/, ui/): ``tr("...")``,
  ``self.tr("...")``, ``translate("Ctx", "...")`` and ``QT_TRANSLATE_NOOP("Ctx", "...")``
  with literal text (implicitly concatenated literals and ``"a" + "b"`` included). The
  context is resolved as at run time: a module's ``tr`` (defined or imported) translates
  under the context its body passes to ``translate``; ``self.tr`` under the context of the
  ``tr`` method its class (or a base class in the plugin) defines, else under the class
  name (Qt's ``QObject.tr``), which is reported; context names may be module constants
  (``TRANSLATION_CONTEXT``), also imported ones.
- Qt Designer files (ui/*.ui): every ``<string>`` not marked ``notr="true"``, under the
  form's ``<class>`` (the context uic's ``retranslateUi`` uses), read by ``pylupdate5``
  (Debian: pyqt5-dev-tools) when it is installed, else parsed here the same way.

Each .ts keeps the translations it has, gets new sources as unfinished and marks sources
that are gone as obsolete. The counts are printed; translations whose ``{placeholders}``
differ from their source's are listed and make the exit code 1. With ``--check`` nothing
is written: the exit code is 1 when a .ts lacks current sources or holds ones that are
gone. ``make translations`` runs this, then ``lrelease`` for the .qm files.
"""

import argparse
import ast
import os
import shutil
import string
import subprocess  # nosec B404 - developer tool, never shipped
import sys
import tempfile
import xml.etree.ElementTree as ET  # nosec B405 - our own files, developer tool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Tuple
from xml.sax.saxutils import escape, quoteattr  # nosec B406 - writing, not parsing

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TS = ["i18n/community_asset_gaps_cy.ts"]
PYTHON_SOURCES = ("plugin.py", "__init__.py", "core/*.py", "algorithms/*.py", "ui/*.py")
UI_SOURCES = ("ui/*.ui",)
TRANSLATE_FUNCTIONS = ("translate", "QT_TRANSLATE_NOOP")

Key = Tuple[str, str, str]  # (context, source, comment)


@dataclass
class Message:
    """One translatable string as found in the code."""

    context: str
    source: str
    comment: str = ""
    locations: List[Tuple[str, int]] = field(default_factory=list)  # (file, line)

    @property
    def key(self) -> Key:
        return (self.context, self.source, self.comment)


@dataclass
class Entry:
    """One message of a .ts file."""

    context: str
    source: str
    comment: str = ""
    translation: str = ""
    type: str = "unfinished"  # "" (finished), "unfinished", "obsolete" or "vanished"
    locations: List[Tuple[str, int]] = field(default_factory=list)

    @property
    def key(self) -> Key:
        return (self.context, self.source, self.comment)

    @property
    def finished(self) -> bool:
        return self.type == "" and bool(self.translation)

    @property
    def current(self) -> bool:
        return self.type not in ("obsolete", "vanished")


# --- Python ---------------------------------------------------------------------------


def literal_text(node) -> Optional[str]:
    """The text of a string literal (adjacent literals are one Constant already), or of
    literals joined with ``+``; None for anything computed."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = literal_text(node.left), literal_text(node.right)
        if left is not None and right is not None:
            return left + right
    return None


def _call_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


class Module:
    """What one Python file defines and imports, for resolving names across files."""

    def __init__(self, path: Path, root: Path):
        self.path = path
        self.relative = path.relative_to(root).as_posix()
        self.tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        self.constants: Dict[str, ast.AST] = {}
        self.imports: Dict[str, Tuple[Path, str]] = {}  # local name -> (file, name there)
        self.functions: Dict[str, ast.FunctionDef] = {}
        self.classes: Dict[str, ast.ClassDef] = {}
        for node in self.tree.body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and \
                    isinstance(node.targets[0], ast.Name):
                self.constants[node.targets[0].id] = node.value
            elif isinstance(node, ast.FunctionDef):
                self.functions[node.name] = node
            elif isinstance(node, ast.ClassDef):
                self.classes[node.name] = node
            elif isinstance(node, ast.ImportFrom) and node.level > 0:
                base = path.parent
                for _ in range(node.level - 1):
                    base = base.parent
                target = base.joinpath(*(node.module or "").split(".")) if node.module \
                    else base
                target = target / "__init__.py" if target.is_dir() else \
                    target.with_suffix(".py")
                for alias in node.names:
                    self.imports[alias.asname or alias.name] = (target, alias.name)


class PythonExtractor:
    """Finds the translatable strings of a set of Python files (see the module doc)."""

    def __init__(self, files: Iterable[Path], root: Path):
        self.root = root
        self.modules = {path.resolve(): Module(path.resolve(), root) for path in files}
        self.messages: Dict[Key, Message] = {}
        self.warnings: List[str] = []

    # names -------------------------------------------------------------------------

    def _lookup(self, module: Module, name: str, kind: str, depth: int = 0):
        """(module, node) of ``name`` in ``module`` (a constant, function or class),
        following relative imports; (None, None) when it is not in the plugin."""
        table = {"constant": module.constants, "function": module.functions,
                 "class": module.classes}[kind]
        if name in table:
            return module, table[name]
        if name in module.imports and depth < 10:
            target, original = module.imports[name]
            other = self.modules.get(target.resolve())
            if other is not None:
                return self._lookup(other, original, kind, depth + 1)
        return None, None

    def resolve_text(self, module: Module, node, depth: int = 0) -> Optional[str]:
        """A literal, a constant holding one, or QT_TRANSLATE_NOOP(ctx, literal)."""
        text = literal_text(node)
        if text is not None or depth > 10:
            return text
        if isinstance(node, ast.Name):
            owner, value = self._lookup(module, node.id, "constant")
            return None if owner is None else self.resolve_text(owner, value, depth + 1)
        if isinstance(node, ast.Call) and _call_name(node) == "QT_TRANSLATE_NOOP" and \
                len(node.args) >= 2:
            return self.resolve_text(module, node.args[1], depth + 1)
        return None

    def _translate_context(self, module: Module, body_owner) -> Optional[str]:
        """The context of the first ``translate(ctx, ...)`` inside ``body_owner``; or,
        when it calls the module's ``tr``, that function's context."""
        for node in ast.walk(body_owner):
            if isinstance(node, ast.Call) and _call_name(node) == "translate" and node.args:
                return self.resolve_text(module, node.args[0])
        for node in ast.walk(body_owner):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
                    node.func.id == "tr":
                return self.function_context(module)
        return None

    def function_context(self, module: Module) -> Optional[str]:
        """The context of the module-level ``tr`` that ``module`` uses."""
        owner, function = self._lookup(module, "tr", "function")
        return None if owner is None else self._translate_context(owner, function)

    def class_context(self, module: Module, class_name: str, depth: int = 0
                      ) -> Optional[str]:
        """The context ``self.tr`` translates under in the class ``class_name``: that of
        the ``tr`` method of the class or of its nearest plugin base class; None when no
        plugin class defines one (Qt's QObject.tr then uses the class name)."""
        owner, node = self._lookup(module, class_name, "class")
        if owner is None or depth > 10:
            return None
        for item in node.body:
            if isinstance(item, ast.FunctionDef) and item.name == "tr":
                return self._translate_context(owner, item)
        for base in node.bases:
            if isinstance(base, ast.Name):
                context = self.class_context(owner, base.id, depth + 1)
                if context is not None:
                    return context
        return None

    # strings -----------------------------------------------------------------------

    def add(self, context: str, text: str, comment: str, file: str, line: int) -> None:
        if not text:
            return
        message = self.messages.setdefault((context, text, comment),
                                           Message(context, text, comment))
        message.locations.append((file, line))

    def extract(self) -> List[Message]:
        for module in sorted(self.modules.values(), key=lambda m: m.relative):
            self._visit(module, module.tree, None)
        return list(self.messages.values())

    def plugin_context(self) -> Optional[str]:
        """The context of every ``tr`` the plugin defines, when they all share one."""
        contexts = set()
        for module in self.modules.values():
            for name, function in module.functions.items():
                if name == "tr":
                    contexts.add(self._translate_context(module, function))
            for node in module.classes.values():
                for item in node.body:
                    if isinstance(item, ast.FunctionDef) and item.name == "tr":
                        contexts.add(self._translate_context(module, item))
        return contexts.pop() if len(contexts) == 1 else None

    def _visit(self, module: Module, node, class_name: Optional[str],
               borrowed_tr: bool = False) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                self._visit(module, child, child.name)
                continue
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                # ``tr = algorithm.tr``: a plugin object's tr, used as a local function
                borrowed = any(
                    isinstance(item, ast.Assign) and
                    any(isinstance(t, ast.Name) and t.id == "tr" for t in item.targets) and
                    isinstance(item.value, ast.Attribute) and item.value.attr == "tr"
                    for item in ast.walk(child))
                self._visit(module, child, class_name, borrowed)
                continue
            if isinstance(child, ast.Call):
                self._call(module, child, class_name, borrowed_tr)
            self._visit(module, child, class_name, borrowed_tr)

    def _call(self, module: Module, node: ast.Call, class_name: Optional[str],
              borrowed_tr: bool = False) -> None:
        name, where = _call_name(node), (module.relative, node.lineno)
        if name in TRANSLATE_FUNCTIONS and len(node.args) >= 2:
            text = literal_text(node.args[1])
            if text is None:
                return  # a helper passing its argument on (def tr, InputError.translated)
            context = self.resolve_text(module, node.args[0])
            comment = literal_text(node.args[2]) if len(node.args) > 2 else ""
            if context is None:
                self.warnings.append(f"{where[0]}:{where[1]}: cannot resolve the context "
                                     f"{ast.unparse(node.args[0])}; string skipped")
                return
            self.add(context, text, comment or "", *where)
        elif name == "tr" and node.args:
            text = literal_text(node.args[0])
            if text is None:
                return
            comment = literal_text(node.args[1]) if len(node.args) > 1 else ""
            func = node.func
            if isinstance(func, ast.Name):
                context = self.plugin_context() if borrowed_tr else \
                    self.function_context(module)
            elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and \
                    func.value.id == "self" and class_name:
                context = self.class_context(module, class_name)
                if context is None:
                    context = class_name
                    self.warnings.append(
                        f"{where[0]}:{where[1]}: self.tr in {class_name} is Qt's QObject.tr, "
                        f"context \"{class_name}\", not the plugin's")
            else:
                context = None
            if context is None:
                self.warnings.append(f"{where[0]}:{where[1]}: cannot tell which context "
                                     f"{ast.unparse(func)} translates under; string skipped")
                return
            self.add(context, text, comment or "", *where)


# --- Qt Designer ----------------------------------------------------------------------


def ui_messages_parsed(path: Path, root: Path) -> List[Message]:
    """The strings of a .ui file as uic translates them: context = the form's <class>."""
    document = ET.parse(path)  # nosec B314 - our own .ui file
    form = document.getroot().findtext("class") or ""
    relative = path.relative_to(root).as_posix()
    messages: Dict[Key, Message] = {}
    lines = _string_lines(path)
    for index, element in enumerate(document.getroot().iter("string")):
        if element.get("notr", "false").lower() == "true" or not (element.text or ""):
            continue
        message = messages.setdefault((form, element.text, element.get("comment", "")),
                                      Message(form, element.text,
                                              element.get("comment", "")))
        message.locations.append((relative, lines[index] if index < len(lines) else 0))
    return list(messages.values())


def _string_lines(path: Path) -> List[int]:
    """The line of each <string> element, in document order."""
    lines = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        lines += [number] * line.count("<string")
    return lines


def ui_messages_pylupdate(path: Path, root: Path, tool: str) -> List[Message]:
    """The strings of a .ui file as pylupdate5 reads them."""
    relative = path.relative_to(root).as_posix()
    with tempfile.TemporaryDirectory() as scratch:
        ts = Path(scratch) / "scratch.ts"
        subprocess.run([tool, str(path), "-ts", str(ts)], check=True,  # nosec B603
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        entries = read_ts(ts)
    return [Message(e.context, e.source, e.comment,
                    [(relative, line) for _, line in e.locations]) for e in entries]


def ui_messages(path: Path, root: Path, use_pylupdate: Optional[bool] = None
                ) -> List[Message]:
    """pylupdate5's reading when it is installed (or asked for), else ours."""
    tool = shutil.which("pylupdate5")
    if use_pylupdate or (use_pylupdate is None and tool):
        if not tool:
            raise SystemExit("pylupdate5 is not installed (Debian: apt-get install "
                             "pyqt5-dev-tools)")
        return ui_messages_pylupdate(path, root, tool)
    return ui_messages_parsed(path, root)


# --- collecting -----------------------------------------------------------------------


def source_files(root: Path, patterns) -> List[Path]:
    return sorted({path for pattern in patterns for path in root.glob(pattern)})


def collect(root: Path = ROOT, use_pylupdate: Optional[bool] = None
            ) -> Tuple[List[Message], List[str]]:
    """Every translatable string of the plugin (Python and .ui), and the warnings."""
    extractor = PythonExtractor(source_files(root, PYTHON_SOURCES), root)
    messages = extractor.extract()
    for path in source_files(root, UI_SOURCES):
        messages += ui_messages(path, root, use_pylupdate)
    return messages, extractor.warnings


# --- .ts files ------------------------------------------------------------------------


def read_ts(path: Path) -> List[Entry]:
    """The messages of a .ts file (an absent file has none)."""
    if not Path(path).is_file():
        return []
    entries = []
    for context in ET.parse(path).getroot().iter("context"):  # nosec B314 - our own file
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            locations = [(loc.get("filename", ""), int(loc.get("line", "0") or 0))
                         for loc in message.iter("location")]
            entries.append(Entry(
                name, message.findtext("source") or "", message.findtext("comment") or "",
                (translation.text or "") if translation is not None else "",
                translation.get("type", "") if translation is not None else "unfinished",
                locations))
    return entries


def merge(entries: List[Entry], messages: List[Message]) -> List[Entry]:
    """The .ts entries for ``messages``: translations kept, new sources unfinished, sources
    that are gone obsolete (dropped when they were never translated)."""
    existing = {entry.key: entry for entry in entries}
    merged = []
    for message in messages:
        old = existing.get(message.key)
        if old is None:
            entry = Entry(message.context, message.source, message.comment)
        elif old.current:
            entry = Entry(message.context, message.source, message.comment, old.translation,
                          old.type)
        else:  # back from obsolete: kept, but to be checked again
            entry = Entry(message.context, message.source, message.comment, old.translation,
                          "unfinished")
        entry.locations = list(message.locations)
        merged.append(entry)
    found = {message.key for message in messages}
    for entry in entries:
        if entry.key not in found and entry.translation:
            merged.append(Entry(entry.context, entry.source, entry.comment,
                                entry.translation, "obsolete"))
    return merged


def language_of(path: Path) -> str:
    """The language code in a .ts file name: ``name_cy.ts`` -> ``cy``."""
    return Path(path).stem.rsplit("_", 1)[-1]


def write_ts(path: Path, entries: List[Entry], language: str, root: Path = ROOT) -> None:
    """Write ``entries`` as a Qt Linguist .ts file (contexts sorted, messages in the order
    found, obsolete ones last); locations are relative to ``root`` in ``entries`` and
    relative to the file in it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    contexts: Dict[str, List[Entry]] = {}
    for entry in entries:
        contexts.setdefault(entry.context, []).append(entry)
    out = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>",
           f'<TS version="2.1" language="{language}" sourcelanguage="en">']
    for name in sorted(contexts):
        out += ["<context>", f"    <name>{escape(name)}</name>"]
        for entry in sorted(contexts[name], key=lambda e: not e.current):
            out.append("    <message>")
            for file, line in entry.locations:
                target = Path(os.path.relpath(root / file, path.parent.resolve())).as_posix()
                out.append(f"        <location filename={quoteattr(target)} line=\"{line}\"/>")
            out.append(f"        <source>{escape(entry.source)}</source>")
            if entry.comment:
                out.append(f"        <comment>{escape(entry.comment)}</comment>")
            kind = f" type=\"{entry.type}\"" if entry.type else ""
            out.append(f"        <translation{kind}>{escape(entry.translation)}</translation>")
            out.append("    </message>")
        out.append("</context>")
    out.append("</TS>")
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


# --- checks ---------------------------------------------------------------------------


def placeholders(text: str) -> Optional[List[Tuple[str, str, str]]]:
    """The ``{name!conversion:spec}`` fields of a format string, sorted; None when the
    text is not a valid format string."""
    try:
        return sorted((name, conversion or "", spec or "")
                      for _, name, spec, conversion in string.Formatter().parse(text)
                      if name is not None)
    except ValueError:
        return None


def placeholder_problems(entries: Iterable[Entry]) -> List[str]:
    """Current translations whose placeholders differ from their source's."""
    problems = []
    for entry in entries:
        if entry.current and entry.translation and \
                placeholders(entry.translation) != placeholders(entry.source):
            problems.append(f"[{entry.context}] {entry.source!r}: the translation "
                            f"{entry.translation!r} has other placeholders")
    return problems


def summary(entries: List[Entry]) -> Tuple[int, int, int]:
    """(current messages, finished ones, obsolete ones)."""
    current = [entry for entry in entries if entry.current]
    return (len(current), sum(entry.finished for entry in current),
            len(entries) - len(current))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ts", nargs="*", default=DEFAULT_TS,
                        help="the .ts files to update (relative to the plugin folder)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 when a .ts is not current")
    parser.add_argument("--no-pylupdate", action="store_true",
                        help="read .ui files here even when pylupdate5 is installed")
    args = parser.parse_args(argv)
    messages, warnings = collect(ROOT, False if args.no_pylupdate else None)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    status = 0
    for ts_name in args.ts:
        ts_path = ROOT / ts_name
        old = read_ts(ts_path)
        merged = merge(old, messages)
        current_keys = {e.key for e in old if e.current}
        new = [m for m in messages if m.key not in current_keys]
        gone = current_keys - {m.key for m in messages}
        if not args.check:
            write_ts(ts_path, merged, language_of(ts_path))
        total, finished, obsolete = summary(merged)
        contexts = sorted({e.context for e in merged if e.current})
        print(f"{ts_name}: {total} messages in {len(contexts)} contexts "
              f"({', '.join(contexts)}), {finished} finished "
              f"({100.0 * finished / max(total, 1):.1f}%), {len(new)} new, "
              f"{len(gone)} no longer in the code, {obsolete} obsolete kept")
        problems = placeholder_problems(merged)
        for problem in problems:
            print(f"error: {ts_name}: {problem}", file=sys.stderr)
        if problems or (args.check and (new or gone)):
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
