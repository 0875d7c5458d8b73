"""The Welsh translation.

i18n/community_asset_gaps_cy.ts holds the sources and translations, i18n/..._cy.qm the
compiled file that ships (``make translations`` refreshes both with
tools/extract_strings.py and lrelease). Checked here:

- the .qm is what lrelease makes of the .ts (skipped when lrelease is not installed);
- at least 90% of the strings in the code have a finished Welsh translation, and every
  translation keeps its source's ``{placeholders}``;
- the strings are extracted under the contexts the code translates them with at run time
  (one "AssetGaps" context for Python, the form's class for the .ui, as uic does);
- with QGIS set to Welsh, the plugin (made by classFactory) installs the translation: the
  dialog's title, an algorithm's name, its parameters and an engine error through
  processing.run are Welsh, also under qgis_process; unload removes the translation.
"""

import os
import shutil
import string
import subprocess  # nosec B404 - test code only, never shipped
import sys
import xml.etree.ElementTree as ET  # nosec B405 - our own .ts file
from pathlib import Path

import processing
import pytest
from qgis.core import QgsApplication, QgsProcessingException, QgsSettings
from qgis.PyQt import uic

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tools"))
import extract_strings  # noqa: E402
from headless import BUILD_PLUGINS, PLUGIN_NAME  # noqa: E402

TS = REPO / "i18n" / "community_asset_gaps_cy.ts"
QM = TS.with_suffix(".qm")
MIN_TRANSLATED = 0.90
LOCALE_KEYS = ("locale/userLocale", "locale/overrideFlag")
WELSH_TITLE = "Bylchau Asedau Cymunedol"
WELSH_CATCHMENTS = "Dalgylchoedd rhwydwaith (ardaloedd gwasanaeth)"
# THRESHOLDS "abc" in time mode, as core/thresholds.py words it, in Welsh
WELSH_NOT_A_NUMBER = 'THRESHOLDS "abc": nid yw "abc" yn rhif. Disgwylid munudau'


def ts_messages(path=TS):
    """(context, source, translation, type) of every message of a .ts, parsed here."""
    messages = []
    for context in ET.parse(path).getroot().iter("context"):  # nosec B314 - our own file
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            messages.append((name, message.findtext("source"), translation.text or "",
                             translation.get("type", "")))
    return messages


def current(messages):
    return [m for m in messages if m[3] not in ("obsolete", "vanished")]


def finished(messages):
    return {(c, s): t for c, s, t, kind in current(messages) if t and kind == ""}


def fields(text):
    return sorted((name, conversion or "", spec or "")
                  for _, name, spec, conversion in string.Formatter().parse(text)
                  if name is not None)


@pytest.fixture(scope="module")
def code_messages():
    """The strings the code holds now (tools/extract_strings.py, .ui read without
    pylupdate5 so that the test does not depend on it), and the extractor's warnings."""
    return extract_strings.collect(REPO, use_pylupdate=False)


# --- the files ----------------------------------------------------------------------


def test_the_compiled_translation_ships_beside_its_source():
    assert TS.is_file() and QM.is_file()
    assert QM.stat().st_size > 1000


@pytest.mark.skipif(shutil.which("lrelease") is None,
                    reason="lrelease is not installed (Debian: qttools5-dev-tools), so the "
                           ".qm cannot be rebuilt to compare")
def test_the_qm_is_compiled_from_the_current_ts(tmp_path):
    rebuilt = tmp_path / "cy.qm"
    subprocess.run(["lrelease", "-silent", str(TS), "-qm", str(rebuilt)],  # nosec B603 B607
                   check=True, env={**os.environ, "QT_SELECT": "qt5"})
    assert rebuilt.read_bytes() == QM.read_bytes(), \
        "i18n/community_asset_gaps_cy.qm is older than its .ts: run `make translations`"


# --- coverage and placeholders --------------------------------------------------------


def test_welsh_is_at_least_90_percent_translated(code_messages):
    messages = current(ts_messages())
    done = finished(messages)
    assert len(done) >= MIN_TRANSLATED * len(messages), \
        f"{len(done)} of {len(messages)} messages of the .ts are translated"
    # measured against the strings in the code now: one missing from the .ts counts as
    # untranslated (`make translations` adds it)
    in_code = {m.key[:2] for m in code_messages[0]}
    translated = in_code & set(done)
    assert len(translated) >= MIN_TRANSLATED * len(in_code), \
        f"only {len(translated)} of the {len(in_code)} strings in the code have a " \
        f"Welsh translation: run `make translations` and translate the new ones " \
        f"(untranslated: {sorted(s for _, s in in_code - translated)[:10]})"


def test_every_translation_keeps_the_placeholders_of_its_source():
    wrong = [(source, translation) for (_, source), translation
             in finished(ts_messages()).items() if fields(translation) != fields(source)]
    assert not wrong


def test_terms_are_used_consistently():
    """One Welsh word for desert ("diffeithwch"), catchment ("dalgylch")."""
    welsh = " ".join(finished(ts_messages()).values()).lower()
    assert "diffeithwch" in welsh and "dalgylch" in welsh
    assert "anialwch" not in welsh


# --- extraction -----------------------------------------------------------------------


def test_strings_are_extracted_under_their_runtime_contexts(code_messages):
    messages, warnings = code_messages
    assert not warnings
    # uic's retranslateUi translates the form under the .ui's class name
    compiled = []
    uic.compileUi(str(REPO / "ui" / "main_dialog.ui"), _Lines(compiled))
    ui_contexts = {line.split('_translate("')[1].split('"')[0]
                   for line in compiled if '_translate("' in line}
    assert ui_contexts == {"AssetGapsDialog"}
    assert {m.context for m in messages} == {"AssetGaps", "AssetGapsDialog", "ScenarioDialog"}
    sources = {m.key[:2] for m in messages}
    for expected in [("AssetGapsDialog", "Community Asset Gaps"),
                     ("AssetGaps", "Check the network"),          # self.tr in an algorithm
                     ("AssetGaps", "Working CRS: {crs}"),          # base algorithm
                     ("AssetGaps", "Run"),                         # ui/main_dialog.py tr()
                     ("AssetGaps", "Cancelling…"),                 # ui/analysis_run.py tr()
                     ("AssetGaps", "{what} \"{text}\": \"{item}\" is not a number. "
                                   "Expected {expected}."),        # core QT_TRANSLATE_NOOP
                     ("AssetGaps", "Whole analysis: catchments, access, deserts, area "
                                   "profile"),                     # context from a constant
                     ("AssetGaps", "{name}: features without geometry, skipped: "
                                   "{count}.")]:                   # tr = algorithm.tr
        assert expected in sources


@pytest.mark.skipif(shutil.which("pylupdate5") is None,
                    reason="pylupdate5 is not installed (Debian: pyqt5-dev-tools)")
def test_ui_strings_read_alike_with_pylupdate5():
    ui = REPO / "ui" / "main_dialog.ui"
    ours = {(m.key, tuple(m.locations)) for m in extract_strings.ui_messages(ui, REPO, False)}
    theirs = {(m.key, tuple(m.locations)) for m in extract_strings.ui_messages(ui, REPO, True)}
    assert ours == theirs and len(ours) > 30


def test_refreshing_keeps_translations_adds_new_and_marks_gone(tmp_path):
    ts = tmp_path / "x_cy.ts"
    extract_strings.write_ts(ts, [
        extract_strings.Entry("AssetGaps", "kept", translation="cadw", type=""),
        extract_strings.Entry("AssetGaps", "gone", translation="wedi mynd", type=""),
        extract_strings.Entry("AssetGaps", "never translated", type="unfinished"),
    ], "cy")
    code = [extract_strings.Message("AssetGaps", "kept", locations=[("plugin.py", 1)]),
            extract_strings.Message("AssetGaps", "new <&> \"text\"\nline 2",
                                    locations=[("ui/x.py", 2)])]
    extract_strings.write_ts(ts, extract_strings.merge(extract_strings.read_ts(ts), code),
                             "cy")
    assert sorted(ts_messages(ts)) == [
        ("AssetGaps", "gone", "wedi mynd", "obsolete"),
        ("AssetGaps", "kept", "cadw", ""),
        ("AssetGaps", "new <&> \"text\"\nline 2", "", "unfinished")]


class _Lines:
    """A file-like object collecting what uic writes."""

    def __init__(self, lines):
        self.lines = lines

    def write(self, text):
        self.lines.extend(text.splitlines())


# --- Welsh at run time ----------------------------------------------------------------


@pytest.fixture
def welsh_plugin():
    """QGIS set to Welsh (locale/userLocale "cy", overrideFlag true) and the plugin made by
    classFactory; unloaded and the settings restored afterwards."""
    settings = QgsSettings()
    saved = {key: settings.value(key) for key in LOCALE_KEYS if settings.contains(key)}
    settings.setValue("locale/userLocale", "cy")
    settings.setValue("locale/overrideFlag", True)
    from community_asset_gaps import classFactory

    plugin = classFactory(None)
    try:
        yield plugin
    finally:
        plugin.unload()
        for key in LOCALE_KEYS:
            if key in saved:
                settings.setValue(key, saved[key])
            else:
                settings.remove(key)


def test_welsh_translates_the_dialog_title(welsh_plugin):
    from community_asset_gaps.ui.main_dialog import AssetGapsDialog
    from community_asset_gaps.ui.scenario_dialog import ScenarioDialog

    assert welsh_plugin.translator is not None
    dialog = AssetGapsDialog()
    try:
        assert dialog.windowTitle() == WELSH_TITLE
        assert dialog.networkGroup.title() == "1. Strydoedd a llwybrau"  # from the .ui
        assert dialog.runButton.text() == "Rhedeg"                        # from tr()
        what_if = ScenarioDialog(dialog)
        assert what_if.windowTitle().startswith(WELSH_TITLE)              # its own .ui
        assert what_if.runButton.text() == "Dangos pwy sy'n ennill a phwy sy'n colli"
        what_if.close()
        what_if.deleteLater()
    finally:
        dialog.close()
        dialog.deleteLater()


def test_welsh_algorithm_names_parameters_and_helpers(welsh_plugin):
    from community_asset_gaps import plugin as plugin_module
    from community_asset_gaps.algorithms import layers
    from community_asset_gaps.algorithms.base import AssetGapsAlgorithm
    from community_asset_gaps.ui import analysis_run, main_dialog

    registry = QgsApplication.processingRegistry()
    assert registry.algorithmById("assetgaps:catchments").displayName() == WELSH_CATCHMENTS
    assert registry.providerById("assetgaps").name() == "Bylchau asedau cymunedol"
    assert registry.algorithmById("assetgaps:assetgapspipeline").displayName() == \
        "Y dadansoddiad cyfan: dalgylchoedd, mynediad, ardaloedd diffeithwch, proffil ardal"
    made = registry.createAlgorithmById("assetgaps:catchments")
    assert made.parameterDefinition("THRESHOLDS").description() == \
        "Trothwyon (wedi'u gwahanu gan goma)"
    # every tr() helper translates under the context the strings were extracted with
    assert plugin_module.tr("Community Asset Gaps…") == WELSH_TITLE + "…"
    assert layers.tr("Check the network") == "Gwirio'r rhwydwaith"
    assert AssetGapsAlgorithm().tr("Inputs") == "Mewnbynnau"
    assert main_dialog.tr("Run") == "Rhedeg"
    assert analysis_run.tr("Cancelling…") == "Yn canslo…"


def test_welsh_engine_error_through_processing_run(welsh_plugin, helsinki_gpkg):
    with pytest.raises(QgsProcessingException) as raised:
        processing.run("assetgaps:catchments", {
            "NETWORK": f"{helsinki_gpkg}|layername=walk_network",
            "FACILITIES": f"{helsinki_gpkg}|layername=libraries",
            "THRESHOLDS": "abc", "OUTPUT": "memory:"})
    assert WELSH_NOT_A_NUMBER in str(raised.value)
    assert '"5, 10" neu "10 mins"' in str(raised.value)  # the {expected} value too


def test_unload_removes_the_translation():
    from community_asset_gaps import classFactory
    from community_asset_gaps.algorithms.layers import tr

    settings = QgsSettings()
    saved = {key: settings.value(key) for key in LOCALE_KEYS if settings.contains(key)}
    try:
        settings.setValue("locale/overrideFlag", True)
        settings.setValue("locale/userLocale", "cy_GB")
        plugin = classFactory(None)
        assert tr("Check the network") == "Gwirio'r rhwydwaith"
        plugin.unload()
        assert plugin.translator is None
        assert tr("Check the network") == "Check the network"
        settings.setValue("locale/userLocale", "en_GB")  # no English .qm: nothing installed
        english = classFactory(None)
        assert english.translator is None
        english.unload()
    finally:
        for key in LOCALE_KEYS:
            if key in saved:
                settings.setValue(key, saved[key])
            else:
                settings.remove(key)


def test_qgis_process_speaks_welsh(tmp_path, helsinki_gpkg):
    """A qgis_process run in a Welsh profile: the plugin's name and errors are Welsh."""
    qgis_process = shutil.which("qgis_process.bin") or "/usr/bin/qgis_process.bin"
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env = {**os.environ, "HOME": str(tmp_path), "XDG_RUNTIME_DIR": str(runtime),
           "QGIS_PLUGINPATH": str(BUILD_PLUGINS), "QT_QPA_PLATFORM": "offscreen"}

    def run(*args):
        return subprocess.run([qgis_process, *args], env=env, capture_output=True,  # nosec
                              text=True, timeout=300, check=False)

    enabled = run("plugins", "enable", PLUGIN_NAME)
    assert enabled.returncode == 0, enabled.stderr
    ini = tmp_path / ".local/share/QGIS/QGIS3/profiles/default/QGIS/QGIS3.ini"
    with ini.open("a", encoding="utf-8") as settings:
        settings.write("\n[locale]\nuserLocale=cy\noverrideFlag=true\n")
    described = run("help", "assetgaps:catchments")
    assert WELSH_CATCHMENTS in described.stdout, described.stderr
    failed = run("run", "assetgaps:catchments",
                 f"--NETWORK={helsinki_gpkg}|layername=walk_network",
                 f"--FACILITIES={helsinki_gpkg}|layername=libraries",
                 "--THRESHOLDS=abc", f"--OUTPUT={tmp_path / 'out.gpkg'}")
    assert failed.returncode != 0
    assert WELSH_NOT_A_NUMBER in failed.stdout + failed.stderr
