"""assetgaps:areaprofile and core/profile.py: hand-made zones with known answers, and the
Helsinki sample end to end (accessscore -> deserts -> areaprofile with its report)."""

import html
import re
from html.parser import HTMLParser

import numpy as np
import processing
import pytest
from qgis.core import (
    NULL,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorLayer,
)
from shapely import wkb
from shapely.geometry import Point, box

from community_asset_gaps.core.profile import as_number, is_priority, people_text

from helpers import score_helsinki

KINDS = ("parks", "library", "gp")
X0, Y0 = 385000.0, 6672000.0
ALL, NONE, TWO = (1, 1, 1), (0, 0, 0), (0, 0, 1)
ATTRIBUTION = "Contains OpenStreetMap data © OpenStreetMap contributors (ODbL)"


def is_null(value):
    return value is None or value == NULL


def scored_layer(rows, population=True):
    """A memory layer shaped like accessscore's OUTPUT: rows of ((x, y), people, ok)."""
    fields = ["field=id:integer"] + (["field=population:double"] if population else [])
    for kind in KINDS:
        fields += [f"field={kind}_cost:double", f"field={kind}_ok:integer"]
    fields += ["field=status:string", "field=n_reached:integer", "field=n_missing:integer",
               "field=missing:string", "field=score:double"]
    layer = QgsVectorLayer("Point?crs=EPSG:3067&" + "&".join(fields), "scored", "memory")
    features = []
    for index, ((x, y), people, ok) in enumerate(rows):
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
        values = [index] + ([people] if population else [])
        if ok is None:
            values += [None, None] * len(KINDS) + ["unreached", None, None, None, None]
        else:
            for hit in ok:
                values += [5.0 if hit else 25.0, hit]
            values += ["ok", sum(ok), len(KINDS) - sum(ok),
                       ",".join(k for k, hit in zip(KINDS, ok) if not hit),
                       round(100.0 * sum(ok) / len(KINDS), 2)]
        feature.setAttributes(values)
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


SPECIAL = {(0, 0): (10, NONE), (1, 0): (20, NONE), (0, 1): (30, TWO), (1, 1): (0, NONE),
           (3, 3): (5, TWO), (4, 3): (5, TWO), (2, 2): (10, TWO), (3, 0): (100, None)}
ROWS = [((X0 + 100.0 * i, Y0 + 100.0 * j), *SPECIAL.get((i, j), (50, ALL)))
        for j in range(4) for i in range(5)]

# zones: A = columns 0-1 (decile 1), B = columns 2-3 (NULL decile), E = column 4
# (decile 2), C = far away, no origins (decile 2)
ZONES = [("Ward <A> & Co", 1, box(X0 - 50, Y0 - 50, X0 + 150, Y0 + 350)),
         ("B", None, box(X0 + 150, Y0 - 50, X0 + 350, Y0 + 350)),
         ("E", 2, box(X0 + 350, Y0 - 50, X0 + 450, Y0 + 350)),
         ("C", 2, box(X0 + 5000, Y0, X0 + 6000, Y0 + 1000))]


def zone_layer(crs="EPSG:3067"):
    layer = QgsVectorLayer(f"Polygon?crs={crs}&field=name:string&field=imd_decile:integer"
                           "&field=population:integer", "wards", "memory")
    transform = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:3067"),
                                       QgsCoordinateReferenceSystem(crs), QgsProject.instance())
    features = []
    for name, decile, shape in ZONES:
        geometry = QgsGeometry.fromWkt(shape.wkt)
        geometry.transform(transform)
        feature = QgsFeature(layer.fields())
        feature.setGeometry(geometry)
        feature.setAttributes([name, decile, -1])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def run_profile(scored, zones, **params):
    return processing.run("assetgaps:areaprofile", {"INPUT": scored, "ZONES": zones,
                                                    "OUTPUT": "memory:", **params})


def by_name(layer):
    return {f["name"]: f for f in layer.getFeatures()}


def brute_force(rows, zone_shape, min_missing=2, min_population=1, population=True):
    """Independent sums for one zone."""
    inside = [(people if population else 1, ok) for where, people, ok in rows
              if zone_shape.intersects(Point(where))]
    scored = [(p, ok) for p, ok in inside if ok is not None]
    total = sum(p for p, _ in scored)
    desert = sum(p for p, ok in scored if len(ok) - sum(ok) >= min_missing
                 and (not population or p >= min_population))
    return {"population": sum(p for p, _ in inside), "scored": total, "desert_pop": desert,
            "shares": [100.0 * sum(p for p, ok in scored if ok[k]) / total if total else None
                       for k in range(len(KINDS))],
            "mean_score": sum(p * 100.0 * sum(ok) / len(KINDS) for p, ok in scored) / total
            if total else None}


# --- hand-made cases ----------------------------------------------------------------------

def test_zone_figures_known_answer():
    result = run_profile(scored_layer(ROWS), zone_layer(), POPULATION_FIELD="population",
                         MIN_MISSING=2, DEPRIVATION_FIELD="imd_decile")
    zones = by_name(result["OUTPUT"])
    a = zones["Ward <A> & Co"]
    assert a["population"] == 260.0                   # the zone's own field is replaced
    assert a["parks_share"] == pytest.approx(100 * 200 / 260, abs=0.01)
    assert a["library_share"] == pytest.approx(100 * 200 / 260, abs=0.01)
    assert a["gp_share"] == pytest.approx(100 * 230 / 260, abs=0.01)
    assert a["desert_pop"] == 60.0
    assert a["desert_share"] == pytest.approx(100 * 60 / 260, abs=0.01)
    assert a["mean_score"] == pytest.approx((30 * 33.33 + 200 * 100) / 260, abs=0.01)
    assert a["priority"] == 1
    assert a["imd_decile"] == 1
    b = zones["B"]
    assert (b["population"], b["unreached_pop"], b["desert_pop"]) == (365.0, 100.0, 15.0)
    assert b["desert_share"] == pytest.approx(100 * 15 / 265, abs=0.01)
    assert b["priority"] == 0                           # NULL decile: never a priority
    e = zones["E"]
    assert (e["population"], e["desert_pop"], e["priority"]) == (155.0, 5.0, 0)
    c = zones["C"]                                      # no origins
    assert c["population"] == 0.0 and c["desert_pop"] == 0.0 and c["priority"] == 0
    for name in ("parks_share", "library_share", "gp_share", "desert_share", "mean_score"):
        assert is_null(c[name]), name
    assert [f.name() for f in result["OUTPUT"].fields()][:2] == ["name", "imd_decile"]


@pytest.mark.parametrize("population", [True, False])
def test_zone_figures_match_brute_force(population):
    params = {"POPULATION_FIELD": "population"} if population else {}
    result = run_profile(scored_layer(ROWS, population), zone_layer(), MIN_MISSING=2,
                         **params)
    zones = by_name(result["OUTPUT"])
    for name, _, shape in ZONES:
        expected = brute_force(ROWS, shape, population=population)
        zone = zones[name]
        assert zone["population"] == expected["population"]
        assert zone["desert_pop"] == expected["desert_pop"]
        for kind, share in zip(KINDS, expected["shares"]):
            got = zone[f"{kind}_share"]
            assert (is_null(got) if share is None else got == pytest.approx(share, abs=0.01))
        if expected["mean_score"] is None:
            assert is_null(zone["mean_score"])
        else:
            assert zone["mean_score"] == pytest.approx(expected["mean_score"], abs=0.01)
        assert zone["priority"] == 0                    # no deprivation field given
    # every origin lies in one zone: population is conserved
    assert sum(f["population"] for f in result["OUTPUT"].getFeatures()) == \
        sum(people if population else 1 for _, people, _ in ROWS)


def test_zones_in_another_crs_are_transformed():
    scored = scored_layer(ROWS)
    native = by_name(run_profile(scored, zone_layer(), POPULATION_FIELD="population")["OUTPUT"])
    result = run_profile(scored, zone_layer("EPSG:4326"), POPULATION_FIELD="population")
    assert result["OUTPUT"].crs().authid() == "EPSG:3067"
    for name, zone in by_name(result["OUTPUT"]).items():
        assert zone["population"] == native[name]["population"]
        assert zone["desert_pop"] == native[name]["desert_pop"]
        assert zone.geometry().boundingBox().xMinimum() == pytest.approx(
            native[name].geometry().boundingBox().xMinimum(), abs=0.01)


def test_priority_rule_is_configurable_and_sorted_in_report(tmp_path):
    report = tmp_path / "report.html"
    result = run_profile(scored_layer(ROWS), zone_layer(), POPULATION_FIELD="population",
                         MIN_MISSING=2, DEPRIVATION_FIELD="imd_decile", MOST_DEPRIVED=2,
                         PRIORITY_DESERT_SHARE=3, ZONE_NAME_FIELD="name",
                         ATTRIBUTION="Deprivation: made-up deciles.", OUTPUT_HTML=str(report))
    zones = by_name(result["OUTPUT"])
    assert {name for name, f in zones.items() if f["priority"]} == {"Ward <A> & Co", "E"}
    assert result["OUTPUT_HTML"] == str(report)
    text = report.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert "<h1>Access to community assets: area profile</h1>" in text
    assert ATTRIBUTION in text
    assert "Deprivation: made-up deciles." in text
    # zone names are escaped, never markup
    assert "Ward &lt;A&gt; &amp; Co" in text and "<A>" not in text
    assert "http" not in text and "<script" not in text and "<link" not in text
    priority = text.split("<h2>Priority zones</h2>")[1].split("<h2>")[0]
    rows = re.findall(r"<tr><td>(.*?)</td>", priority)
    assert rows == ["Ward &lt;A&gt; &amp; Co", "E"]      # by people in deserts: 60, then 5
    assert "&lt;10" in priority                          # E's 5 people in deserts
    summary = text.split("<h2>Summary</h2>")[1].split("<h2>")[0]
    assert ">80<" in summary                             # 60 + 15 + 5 people in deserts
    deserts = text.split("<h2>Largest deserts</h2>")[1].split("<h2>")[0]
    ranks = re.findall(r"<tr><td class=\"n\">(\d+)</td>", deserts)
    assert ranks == ["1", "2", "3"]
    assert "Deserts: 3." in deserts
    # deserts found again from point origins: the note says what a point stands for
    assert "Each point origin stands for a square of 100 m" in deserts


def test_report_with_deserts_layer_and_no_deprivation(tmp_path):
    scored = scored_layer(ROWS)
    deserts = processing.run("assetgaps:deserts", {"INPUT": scored, "MIN_MISSING": 2,
                                                   "POPULATION_FIELD": "population",
                                                   "OUTPUT": "memory:"})["OUTPUT"]
    report = tmp_path / "report.html"
    run_profile(scored, zone_layer(), POPULATION_FIELD="population", DESERTS=deserts,
                OUTPUT_HTML=str(report))
    text = report.read_text(encoding="utf-8")
    assert "no zone is flagged as a priority" in text
    assert "The deserts are those of the layer" in text
    assert "Zone 1" in text  # no name field: zones are named by feature id


# --- bad input ----------------------------------------------------------------------------

def test_bad_input_messages():
    zones = zone_layer()
    with pytest.raises(QgsProcessingException, match="MIN_MISSING is 5"):
        run_profile(scored_layer(ROWS), zones, MIN_MISSING=5)
    plain = QgsVectorLayer("Point?crs=EPSG:3067&field=population:double", "homes", "memory")
    with pytest.raises(QgsProcessingException, match="INPUT \"homes\" is not an access score"):
        run_profile(plain, zones)
    surface = QgsVectorLayer("Polygon?crs=EPSG:3067&field=n_reached:integer"
                             "&field=reached:string&field=missing:string", "surf", "memory")
    with pytest.raises(QgsProcessingException, match="access surface"):
        run_profile(surface, zones)


def test_mistyped_fields_name_the_parameter_and_the_layer():
    for parameter in ("DEPRIVATION_FIELD", "ZONE_NAME_FIELD"):
        with pytest.raises(QgsProcessingException,
                           match=f'{parameter} "imd" is not a field of ZONES "wards"'):
            run_profile(scored_layer(ROWS), zone_layer(), **{parameter: "imd"})
    # the layer's own spelling is used whatever the case typed
    result = run_profile(scored_layer(ROWS), zone_layer(), POPULATION_FIELD="population",
                         MIN_MISSING=2, DEPRIVATION_FIELD="IMD_Decile")
    assert by_name(result["OUTPUT"])["Ward <A> & Co"]["priority"] == 1


def test_report_in_a_missing_folder_is_a_clear_error(tmp_path):
    report = tmp_path / "no_such_folder" / "report.html"
    with pytest.raises(QgsProcessingException,
                       match="OUTPUT_HTML: the folder .*no_such_folder.* does not exist"):
        run_profile(scored_layer(ROWS), zone_layer(), OUTPUT_HTML=str(report))
    assert not report.parent.exists()


def test_qgis_process_mistyped_field_and_folder_are_messages(qgis_process, tmp_path):
    scored, zones = tmp_path / "scored.gpkg", tmp_path / "wards.gpkg"
    for layer, path in ((scored_layer(ROWS), scored), (zone_layer(), zones)):
        processing.run("native:savefeatures", {"INPUT": layer, "OUTPUT": str(path)})
    common = ["run", "assetgaps:areaprofile", f"--INPUT={scored}", f"--ZONES={zones}",
              f"--OUTPUT={tmp_path / 'profile.gpkg'}"]
    for extra, words in (("--DEPRIVATION_FIELD=imd_decle", 'DEPRIVATION_FIELD "imd_decle"'),
                         ("--ZONE_NAME_FIELD=nmae", 'ZONE_NAME_FIELD "nmae"'),
                         (f"--OUTPUT_HTML={tmp_path / 'missing' / 'report.html'}",
                          "does not exist")):
        result = qgis_process(*common, extra, json_output=False)
        text = result.stdout + result.stderr
        assert result.returncode != 0 and words in text, text
        assert "Traceback" not in text and "KeyError" not in text


def test_priority_is_decided_on_the_share_as_written():
    """9.9999% of people in deserts is written as 10.0: with a threshold of 10 it is a
    priority, as the field says."""
    rows = [((X0, Y0), 1.0, NONE), ((X0 + 100, Y0), 9.0001, ALL)]
    result = run_profile(scored_layer(rows), zone_layer(), POPULATION_FIELD="population",
                         MIN_MISSING=2, DEPRIVATION_FIELD="imd_decile",
                         PRIORITY_DESERT_SHARE=10)
    zone = by_name(result["OUTPUT"])["Ward <A> & Co"]
    assert zone["desert_share"] == 10.0
    assert zone["priority"] == 1


# --- the engine ---------------------------------------------------------------------------

def test_priority_rule_and_formatting():
    assert is_priority(10.0, 3, 10, 3)
    assert not is_priority(9.99, 1, 10, 3)
    assert is_priority(9.996, 1, 10, 3)       # written as 10.0: judged as written
    assert not is_priority(50.0, 4, 10, 3)
    assert not is_priority(50.0, None, 10, 3)
    assert not is_priority(None, 1, 10, 3)
    assert as_number("3") == 3.0 and as_number(NULL) is None and as_number("x") is None
    assert [people_text(v) for v in (0, 0.4, 9.4, 9.6, 12, 12345.4)] == \
        ["0", "<10", "<10", "10", "12", "12,345"]


# --- Helsinki, end to end -------------------------------------------------------------------

@pytest.fixture(scope="module")
def helsinki_scored(helsinki_gpkg, tmp_path_factory):
    path = tmp_path_factory.mktemp("helsinki") / "scored.gpkg"
    score_helsinki(helsinki_gpkg, path)
    return QgsVectorLayer(str(path), "scored", "ogr")


def quarter_zones(layer, deciles=(1, 2, None, 5)):
    """A 2 x 2 grid of zones over the layer's extent, with a made-up imd_decile."""
    extent = layer.extent()
    xmid, ymid = extent.center().x(), extent.center().y()
    xs = (extent.xMinimum() - 1, xmid, extent.xMaximum() + 1)
    ys = (extent.yMinimum() - 1, ymid, extent.yMaximum() + 1)
    zones = QgsVectorLayer(f"Polygon?crs={layer.crs().authid()}&field=name:string"
                           "&field=imd_decile:integer", "quarters", "memory")
    features = []
    for n, (i, j) in enumerate(((0, 0), (1, 0), (0, 1), (1, 1))):
        feature = QgsFeature(zones.fields())
        feature.setGeometry(QgsGeometry.fromWkt(box(xs[i], ys[j], xs[i + 1], ys[j + 1]).wkt))
        feature.setAttributes([f"Quarter {n + 1}", deciles[n]])
        features.append(feature)
    zones.dataProvider().addFeatures(features)
    return zones


def test_helsinki_end_to_end(helsinki_scored, tmp_path):
    scored = helsinki_scored
    origins = list(scored.getFeatures())
    desert_units = [f for f in origins
                    if f["status"] == "ok" and f["n_missing"] >= 2 and f["population"] >= 1]
    expected = sum(f["population"] for f in desert_units)
    assert expected > 0

    deserts = processing.run("assetgaps:deserts", {
        "INPUT": scored, "MIN_MISSING": 2, "POPULATION_FIELD": "population",
        "OUTPUT": "memory:"})["OUTPUT"]
    assert deserts.featureCount() >= 1
    assert sum(f["population"] for f in deserts.getFeatures()) == expected
    assert sum(f["n_units"] for f in deserts.getFeatures()) == len(desert_units)
    ranks = {f["rank"]: f for f in deserts.getFeatures()}
    assert sorted(ranks) == list(range(1, len(ranks) + 1))
    people = [ranks[r]["population"] for r in sorted(ranks)]
    assert people == sorted(people, reverse=True)
    # every desert polygon holds only desert units: no other origin overlaps it
    shapes = [wkb.loads(bytes(f.geometry().asWkb())) for f in deserts.getFeatures()]
    ids = {f.id() for f in desert_units}
    for origin in origins:
        cell = wkb.loads(bytes(origin.geometry().asWkb()))
        overlap = sum(cell.intersection(shape).area for shape in shapes)
        if origin.id() in ids:
            assert overlap == pytest.approx(cell.area, rel=1e-6)
        else:
            assert overlap < 1.0

    zones = quarter_zones(scored)
    report = tmp_path / "helsinki.html"
    result = processing.run("assetgaps:areaprofile", {
        "INPUT": scored, "ZONES": zones, "POPULATION_FIELD": "population", "MIN_MISSING": 2,
        "DEPRIVATION_FIELD": "imd_decile", "ZONE_NAME_FIELD": "name", "DESERTS": deserts,
        "OUTPUT": "memory:", "OUTPUT_HTML": str(report)})
    profile = list(result["OUTPUT"].getFeatures())
    assert len(profile) == 4
    assert sum(f["population"] for f in profile) == sum(f["population"] for f in origins)
    assert sum(f["desert_pop"] for f in profile) == expected
    assert sum(f["unreached_pop"] for f in profile) == sum(
        f["population"] for f in origins if f["status"] != "ok")
    for zone in profile:
        share = zone["desert_share"]
        decile = zone["imd_decile"]
        wanted = not is_null(share) and share >= 10 and not is_null(decile) and decile <= 3
        assert zone["priority"] == int(wanted), zone["name"]
    null_zone = next(f for f in profile if is_null(f["imd_decile"]))
    assert null_zone["priority"] == 0

    text = report.read_text(encoding="utf-8")
    assert ATTRIBUTION in text
    summary = text.split("<h2>Summary</h2>")[1].split("<h2>")[0]
    assert html.escape(f"{round(expected):,}") in summary
    assert f"{round(sum(f['population'] for f in origins)):,}" in summary
    top = text.split("<h2>Largest deserts</h2>")[1].split("<h2>")[0]
    assert f"{round(ranks[1]['population']):,}" in top
    # kinds are named for people to read, with the reach threshold the access score
    # recorded (K_limit) and their profile field beside them
    for name, readable in (("libraries", "Libraries"), ("gp_surgeries", "GP surgeries"),
                           ("pharmacies", "Pharmacies"), ("childrens_play", "Children's play"),
                           ("parks", "Parks")):
        limit = next(iter(origins))[f"{name}_limit"]
        assert f"<tr><td>{html.escape(readable)}</td><td>{limit:g} min walk</td>" \
            f"<td>{name}_share</td>" in text
    assert html.escape("within that kind's reach threshold") in text
    assert "Deserts: " in text and "deserts in all" not in text
    kinds = text.split("<h2>Who can walk to each kind of asset</h2>")[1].split("<h2>")[0]
    scored_pop = sum(f["population"] for f in origins if f["status"] == "ok")
    # the grid cells are judged by area share: their people count by the share of each
    # cell within reach
    parks = sum(f["population"] * f["parks_share"] / 100.0 for f in origins
                if f["status"] == "ok")
    assert f"{100 * parks / scored_pop:.1f}" in kinds
    priorities = [f for f in profile if f["priority"]]
    section = text.split("<h2>Priority zones</h2>")[1].split("<h2>")[0]
    listed = re.findall(r"<tr><td>(Quarter \d)</td>", section)
    assert listed == [f["name"] for f in sorted(priorities, key=lambda f: -f["desert_pop"])]


def test_sao_paulo_conservation(sao_paulo_gpkg, tmp_path):
    """Two kinds made from the hexagons' own counts (schools, jobs) as point assets."""
    hexes = QgsVectorLayer(f"{sao_paulo_gpkg}|layername=hexgrid", "hexgrid", "ogr")
    assets = {}
    for kind, test in (("schools", lambda f: f["schools"] > 0),
                       ("jobs", lambda f: f["jobs"] >= 2000)):
        layer = QgsVectorLayer(f"Point?crs={hexes.crs().authid()}", kind, "memory")
        features = []
        for hexagon in hexes.getFeatures():
            if test(hexagon):
                feature = QgsFeature()
                feature.setGeometry(hexagon.geometry().centroid())
                features.append(feature)
        layer.dataProvider().addFeatures(features)
        assets[kind] = layer
    scored = processing.run("assetgaps:accessscore", {
        "NETWORK": f"{sao_paulo_gpkg}|layername=street_network", "ORIGINS": hexes,
        "POPULATION_FIELD": "population", "ASSETS": list(assets.values()),
        "THRESHOLDS": "5", "OUTPUT": str(tmp_path / "sp.gpkg")})["OUTPUT"]
    scored = QgsVectorLayer(scored, "sp", "ogr")
    origins = list(scored.getFeatures())
    expected = sum(f["population"] for f in origins
                   if f["status"] == "ok" and f["n_missing"] >= 1 and f["population"] >= 1)
    deserts = processing.run("assetgaps:deserts", {
        "INPUT": scored, "MIN_MISSING": 1, "POPULATION_FIELD": "population",
        "OUTPUT": "memory:"})["OUTPUT"]
    assert deserts.featureCount() >= 1
    assert sum(f["population"] for f in deserts.getFeatures()) == pytest.approx(expected,
                                                                                abs=1e-6)
    assert sorted(f["rank"] for f in deserts.getFeatures()) == \
        list(range(1, deserts.featureCount() + 1))
    profile = processing.run("assetgaps:areaprofile", {
        "INPUT": scored, "ZONES": quarter_zones(scored, (1, None, 3, 8)),
        "POPULATION_FIELD": "population", "MIN_MISSING": 1,
        "OUTPUT": "memory:"})["OUTPUT"]
    assert sum(f["desert_pop"] for f in profile.getFeatures()) == pytest.approx(expected,
                                                                               abs=1e-6)
    assert sum(f["population"] for f in profile.getFeatures()) == pytest.approx(
        sum(f["population"] for f in origins), abs=1e-6)
    assert np.isfinite([f["mean_score"] for f in profile.getFeatures()
                        if not is_null(f["mean_score"])]).all()


class _Tables(HTMLParser):
    """The report's tables as lists of rows of cell texts, by the heading before them, and
    its key paragraph."""

    def __init__(self):
        super().__init__()
        self.tables, self.heading, self.key, self._in = {}, "", "", None
        self._row, self._text = None, ""

    def handle_starttag(self, tag, attrs):
        if tag in ("h2", "td", "th") or (tag == "p" and ("class", "key") in attrs):
            self._in, self._text = tag, ""
        elif tag == "tr":
            self._row = []

    def handle_endtag(self, tag):
        if tag == "h2" and self._in == "h2":
            self.heading, self._in = self._text, None
        elif tag == "p" and self._in == "p":
            self.key, self._in = self._text, None
        elif tag in ("td", "th") and self._in == tag:
            self._row.append(self._text)
            self._in = None
        elif tag == "tr":
            self.tables.setdefault(self.heading, []).append(self._row)

    def handle_data(self, data):
        if self._in:
            self._text += data


def test_report_states_thresholds_and_whole_area_totals(helsinki_gpkg, tmp_path):
    """The report read back: each kind's threshold is the K_limit the access score
    recorded, the whole-area figures are the access score's own (every scored person,
    zones or not), the zones' figures are those of the zones, and the key paragraph says
    up front how many people live outside the zones."""
    log = []

    class Feedback(QgsProcessingFeedback):
        def pushInfo(self, info):
            log.append(info)

    kinds = ("libraries", "childrens_play", "sports_leisure", "parks")
    scored = processing.run("assetgaps:accessscore", {
        "NETWORK": f"{helsinki_gpkg}|layername=walk_network",
        "ORIGINS": f"{helsinki_gpkg}|layername=population_grid",
        "POPULATION_FIELD": "population",
        "ASSETS": [f"{helsinki_gpkg}|layername={k}" for k in kinds],
        "OUTPUT": "memory:"}, feedback=Feedback())["OUTPUT"]
    origins = list(scored.getFeatures())
    # two of the four quarters: many cells lie outside the zones
    zones = quarter_zones(scored)
    zones.dataProvider().deleteFeatures([3, 4])
    report = tmp_path / "report.html"
    processing.run("assetgaps:areaprofile", {
        "INPUT": scored, "ZONES": zones, "POPULATION_FIELD": "population",
        "ZONE_NAME_FIELD": "name", "OUTPUT": "memory:", "OUTPUT_HTML": str(report)})
    parser = _Tables()
    parser.feed(report.read_text(encoding="utf-8"))
    summary = {row[0]: row[1:] for row in parser.tables["Summary"][1:]}
    whole = sum(f["population"] for f in origins)
    scored_ok = [f for f in origins if f["status"] == "ok"]
    scored_pop = sum(f["population"] for f in scored_ok)
    points = [wkb.loads(bytes(f.geometry().asWkb())).representative_point() for f in origins]
    shapes = [wkb.loads(bytes(z.geometry().asWkb())) for z in zones.getFeatures()]
    inside = [f for f, p in zip(origins, points) if any(s.covers(p) for s in shapes)]
    in_zones = sum(f["population"] for f in inside)
    assert 0 < in_zones < whole
    assert summary["People"] == [people_text(whole), people_text(in_zones)]
    assert summary["People near enough to the network to be scored"][0] == \
        people_text(scored_pop)
    assert f"The access scores cover {people_text(whole)} people" in parser.key
    assert f"{people_text(whole - in_zones)} people ({len(origins) - len(inside)} " in parser.key
    # per kind: the recorded threshold, and the same share of people as the access
    # score's own log line
    rows = {row[2]: row for row in parser.tables["Who can walk to each kind of asset"][1:]}
    for kind in kinds:
        limit = origins[0][f"{kind}_limit"]
        assert limit == (10 if kind in ("childrens_play", "parks") else 20)
        row = rows[f"{kind}_share"]
        assert row[1] == f"{limit:g} min walk"
        # grid cells are judged by area share: each adds its share of its people
        reached = sum(f["population"] * f[f"{kind}_share"] / 100.0 for f in scored_ok)
        assert row[3] == people_text(reached)
        assert float(row[4]) == pytest.approx(100 * reached / scored_pop, abs=0.05)
        line = next(t for t in log if t.strip().startswith(f"{kind} within {limit:g} min"))
        logged = float(re.findall(r"([\d.]+)% of people", line)[0])
        assert float(row[4]) == pytest.approx(logged, abs=0.5)
    assert rows["childrens_play_share"][0] == "Children's play"
    assert rows["sports_leisure_share"][0] == "Sports and leisure"
    # a map of the zones and the deserts, drawn inline
    text = report.read_text(encoding="utf-8")
    assert "<h2>Map of the zones and the deserts</h2>" in text
    assert text.count('<path class="zone"') == 2
    assert "@media print" in text and "break-before:page" in text
