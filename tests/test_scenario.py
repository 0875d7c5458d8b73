"""assetgaps:scenario: the engine's reuse of the baseline against full re-runs,
the totals by hand, and the algorithm on the Helsinki sample against independent
assetgaps:accessscore runs; bad input, qgis_process, inputs unchanged."""

import sqlite3
import time

import numpy as np
import pytest
from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsVectorLayer,
    QgsWkbTypes,
)
from shapely.geometry import Point

from community_asset_gaps.core import scenario as scenario_module
from community_asset_gaps.core.access import Scores, locate_origins
from community_asset_gaps.core.attach import Seeds, attach_geometries
from community_asset_gaps.core.errors import InputError
from community_asset_gaps.core.network import build_network
from community_asset_gaps.core.scenario import (
    CHANGE_GAINED,
    CHANGE_LOST,
    CHANGE_SAME,
    KIND_NEW_SITES_ONLY,
    KIND_SEARCHED_AGAIN,
    KIND_UNCHANGED,
    ScenarioScores,
    change_labels,
    kind_costs,
    kind_index,
    scenario_costs,
    without_facilities,
)

from helpers import LogFeedback
from helpers import file_digest as _sha
from helpers import layer_source as _src
from helpers import rows as _rows

ALG = "assetgaps:scenario"
KINDS = ["libraries", "gp_surgeries", "pharmacies", "childrens_play", "parks"]
# Matches every library (OSM amenity=library) and nothing else; the polygon layers
# (childrens_play, parks) have no other_tags field, so it cannot be evaluated on them.
ALL_LIBRARIES = "\"other_tags\" LIKE '%\"amenity\"=>\"library\"%'"
SUMMARY_FIELDS = ["kind", "pop_before", "pop_after", "pop_change", "desert_pop_before",
                  "desert_pop_after", "mean_score_before", "mean_score_after"]


# --------------------------------------------------------------------------------------
# Engine (core/scenario.py)
# --------------------------------------------------------------------------------------

def _grid_network(size=8, step=100.0):
    """A square grid of streets, ``size`` x ``size`` blocks of ``step`` metres."""
    lines = []
    for k in range(size + 1):
        ticks = [step * i for i in range(size + 1)]
        lines.append(np.array([(x, step * k) for x in ticks]))
        lines.append(np.array([(step * k, y) for y in ticks]))
    return build_network(lines)


@pytest.fixture(scope="module")
def grid_case():
    """A grid, 60 origins (a few off the network) and two kinds of point assets."""
    network = _grid_network()
    rng = np.random.default_rng(9)
    xy = rng.uniform(-50.0, 850.0, size=(60, 2))
    origins = locate_origins(network, [Point(p) for p in xy], 40.0)
    kind_a = [Point(p) for p in rng.uniform(0.0, 800.0, size=(6, 2))]
    kind_b = [Point(p) for p in rng.uniform(0.0, 800.0, size=(4, 2))]
    seeds = [attach_geometries(network, shapes, 250.0).seeds for shapes in (kind_a, kind_b)]
    new_sites = [Point(p) for p in rng.uniform(0.0, 800.0, size=(3, 2))]
    added = attach_geometries(network, new_sites, 250.0).seeds
    return network, origins, seeds, added


def test_kind_index_accepts_sanitised_and_layer_names():
    kinds = ["libraries", "gp_surgeries", "parks", "parks_2"]
    assert kind_index("libraries", kinds) == 0
    assert kind_index("  Libraries ", kinds) == 0
    assert kind_index("GP surgeries", kinds) == 1
    assert kind_index("parks_2", kinds) == 3
    with pytest.raises(InputError) as raised:
        kind_index("swimming pools", kinds)
    message = str(raised.value)
    assert "ADD_KIND" in message and "swimming pools" in message
    assert "libraries, gp_surgeries, parks, parks_2" in message
    with pytest.raises(InputError) as raised:
        kind_index("", kinds)
    assert "ADD_KIND is empty" in str(raised.value) and "parks_2" in str(raised.value)


def test_new_sites_only_equal_a_full_search_with_them(grid_case, monkeypatch):
    network, origins, seeds, added = grid_case
    calls = []
    real = scenario_module.node_costs
    monkeypatch.setattr(scenario_module, "node_costs",
                        lambda net, s, cutoff, **options: calls.append(len(s))
                        or real(net, s, cutoff, **options))
    result = scenario_costs(network, origins, seeds, [np.zeros(0, np.int64)] * 2,
                            [300.0, 300.0], added, added_kind=1)
    assert result.how == [KIND_UNCHANGED, KIND_NEW_SITES_ONLY]
    # two baseline searches, then one from the new sites alone (not the whole kind again)
    assert calls == [len(seeds[0]), len(seeds[1]), len(added)]
    full = kind_costs(network, Seeds.concat([seeds[1], added]), origins, 300.0)
    np.testing.assert_allclose(result.after[:, 1], full)
    np.testing.assert_array_equal(result.after[:, 0], result.before[:, 0])
    assert (result.after[:, 1] <= result.before[:, 1]).all()
    assert (result.after[:, 1] < result.before[:, 1]).any()


def test_closing_searches_that_kind_again_without_the_closed(grid_case, monkeypatch):
    network, origins, seeds, added = grid_case
    calls = []
    real = scenario_module.node_costs
    monkeypatch.setattr(scenario_module, "node_costs",
                        lambda net, s, cutoff, **options: calls.append(len(s))
                        or real(net, s, cutoff, **options))
    closed = [np.array([0, 2]), np.zeros(0, np.int64)]
    result = scenario_costs(network, origins, seeds, closed, [250.0, 400.0], added,
                            added_kind=0)
    assert result.how == [KIND_SEARCHED_AGAIN, KIND_UNCHANGED]
    left = without_facilities(seeds[0], closed[0])
    assert set(left.facility.tolist()) == {1, 3, 4, 5}
    assert calls == [len(seeds[0]), len(left) + len(added), len(seeds[1])]
    full = kind_costs(network, Seeds.concat([left, added]), origins, 250.0)
    np.testing.assert_allclose(result.after[:, 0], full)
    np.testing.assert_array_equal(result.after[:, 1], result.before[:, 1])
    # closing every facility of a kind leaves nothing within reach
    everything = scenario_costs(network, origins, seeds, [np.arange(6), np.arange(4)],
                                [250.0, 400.0])
    assert np.isinf(everything.after).all()


def test_scenario_costs_stops_when_cancelled(grid_case):
    network, origins, seeds, _ = grid_case
    assert scenario_costs(network, origins, seeds, [np.zeros(0, np.int64)] * 2,
                          [300.0, 300.0], cancelled=lambda: True) is None


def test_change_labels():
    before = np.array([[1, 0], [0, 0], [1, 0], [1, 1], [0, 1]], dtype=bool)
    after = np.array([[1, 1], [0, 0], [0, 1], [1, 1], [0, 1]], dtype=bool)
    scored = np.array([True, True, True, True, False])
    assert change_labels(before, after, scored) == [CHANGE_GAINED, CHANGE_SAME, CHANGE_LOST,
                                                    CHANGE_SAME, None]


def test_group_totals_by_hand():
    # 5 origins, 2 kinds; origin 4 is unscored (off the network) and must count nowhere
    ok_before = np.array([[1, 1], [1, 0], [0, 0], [1, 0], [1, 1]], dtype=bool)
    ok_after = np.array([[0, 1], [0, 0], [0, 0], [1, 0], [1, 1]], dtype=bool)
    n_before = 2 - ok_before.sum(axis=1)
    n_after = 2 - ok_after.sum(axis=1)
    score_before = 50.0 * ok_before.sum(axis=1)
    score_after = 50.0 * ok_after.sum(axis=1)
    scored = np.array([True, True, True, True, False])
    people = np.array([10.0, 20.0, 30.0, 0.5, 1000.0])
    group = np.array([0, 0, 1, 1, 0])
    before = Scores(ok_before, 2 - n_before, n_before, score_before, [""] * 5)
    after = Scores(ok_after, 2 - n_after, n_after, score_after, [""] * 5)
    totals = ScenarioScores(before, after, scored, people, min_missing=2,
                            min_population=1.0).group_totals(group, 2)
    np.testing.assert_allclose(totals.people, [30.0, 30.5])
    np.testing.assert_allclose(totals.pop_before, [[30.0, 10.0], [0.5, 0.0]])
    np.testing.assert_allclose(totals.pop_after, [[0.0, 10.0], [0.5, 0.0]])
    np.testing.assert_allclose(totals.pop_change, [[-30.0, 0.0], [0.0, 0.0]])
    # deserts miss both kinds; origin 3 (0.5 people) is below MIN_POPULATION
    np.testing.assert_allclose(totals.desert_pop_before, [0.0, 30.0])
    np.testing.assert_allclose(totals.desert_pop_after, [20.0, 30.0])
    assert totals.mean_score_before[0] == pytest.approx((10 * 100 + 20 * 50) / 30)
    assert totals.mean_score_after[0] == pytest.approx((10 * 50) / 30)
    assert totals.mean_score_before[1] == pytest.approx(0.5 * 50 / 30.5)
    # without a population every scored origin counts one
    plain = ScenarioScores(before, after, scored, None, 2, 1.0).group_totals(
        np.zeros(5, np.int64), 1)
    np.testing.assert_allclose(plain.pop_before, [[3.0, 1.0]])
    np.testing.assert_allclose(plain.desert_pop_before, [1.0])
    assert plain.mean_score_before == [pytest.approx((100 + 50 + 0 + 50) / 4)]


# --------------------------------------------------------------------------------------
# The algorithm on the Helsinki sample
# --------------------------------------------------------------------------------------

def _params(gpkg, **extra):
    """The Helsinki grid, each cell judged at its point on surface (cells judged by area
    share are tested in the "By area share" section below)."""
    params = {"NETWORK": _src(gpkg, "walk_network"),
              "ORIGINS": _src(gpkg, "population_grid"),
              "POPULATION_FIELD": "population", "POLYGON_ORIGINS": 1,
              "ASSETS": [_src(gpkg, name) for name in KINDS],
              "THRESHOLDS": "10", "MIN_MISSING": 2,
              "OUTPUT": "memory:", "OUTPUT_SUMMARY": "memory:"}
    params.update(extra)
    return params


def _run(params, algorithm=ALG):
    import processing

    feedback = LogFeedback()
    return processing.run(algorithm, params, feedback=feedback), feedback


def _by_fid(layer):
    return {row["fid"]: row for row in _rows(layer)}


@pytest.fixture(scope="module")
def baseline(helsinki_gpkg):
    """An independent assetgaps:accessscore run on the same inputs: rows by fid."""
    params = _params(helsinki_gpkg)
    del params["OUTPUT_SUMMARY"], params["MIN_MISSING"]
    result, _ = _run(params, "assetgaps:accessscore")
    return _by_fid(result["OUTPUT"])


def _summary(result):
    layer = result["OUTPUT_SUMMARY"]
    assert [f.name() for f in layer.fields()] == SUMMARY_FIELDS
    assert layer.wkbType() == QgsWkbTypes.NoGeometry
    return {row["kind"]: row for row in _rows(layer)}


def _reached_people(baseline, kind):
    return sum(row["population"] for row in baseline.values()
               if row["status"] == "ok" and row[f"{kind}_ok"] == 1)


def test_closing_every_library_loses_the_library_population(helsinki_gpkg, baseline):
    result, feedback = _run(_params(helsinki_gpkg, REMOVE=ALL_LIBRARIES))
    summary = _summary(result)
    assert list(summary) == KINDS
    library_people = _reached_people(baseline, "libraries")
    assert library_people > 1000
    assert summary["libraries"]["pop_before"] == pytest.approx(library_people)
    assert summary["libraries"]["pop_after"] == 0
    assert summary["libraries"]["pop_change"] == pytest.approx(-library_people)
    for kind in KINDS[1:]:
        assert summary[kind]["pop_before"] == pytest.approx(_reached_people(baseline, kind))
        assert summary[kind]["pop_change"] == 0
    # area totals, the same on every row, against the access score run
    scored = [row for row in baseline.values() if row["status"] == "ok"]
    people = sum(row["population"] for row in scored)
    mean_before = sum(row["population"] * row["score"] for row in scored) / people
    desert_before = sum(row["population"] for row in scored if row["n_missing"] >= 2)
    desert_after = sum(row["population"] for row in scored
                       if row["n_missing"] + row["libraries_ok"] >= 2)
    mean_after = sum(row["population"] * (row["score"] - 20.0 * row["libraries_ok"])
                     for row in scored) / people
    for row in summary.values():
        assert row["desert_pop_before"] == pytest.approx(desert_before)
        assert row["desert_pop_after"] == pytest.approx(desert_after)
        assert row["mean_score_before"] == pytest.approx(mean_before, abs=0.01)
        assert row["mean_score_after"] == pytest.approx(mean_after, abs=0.01)
    assert desert_after > desert_before
    # the origins: before as the access score, after without libraries
    origins = _by_fid(result["OUTPUT"])
    assert len(origins) == len(baseline) == 92
    for fid, row in origins.items():
        want = baseline[fid]
        assert row["status"] == want["status"]
        if want["status"] != "ok":
            assert row["change"] is None and row["libraries_ok_before"] is None
            continue
        for kind in KINDS:
            assert row[f"{kind}_ok_before"] == want[f"{kind}_ok"]
            expected_after = 0 if kind == "libraries" else want[f"{kind}_ok"]
            assert row[f"{kind}_ok_after"] == expected_after
            # judged at a point, a cell's people are all within reach or none
            assert row[f"{kind}_share_before"] == 100.0 * want[f"{kind}_ok"]
            assert row[f"{kind}_share_after"] == 100.0 * expected_after
        assert row["change"] == ("lost" if want["libraries_ok"] else "same")
        assert row["n_missing_before"] == want["n_missing"]
        assert row["score_before"] == pytest.approx(want["score"], abs=0.01)
    log = feedback.text
    assert "REMOVE on \"libraries\": assets: 5; closed: 5." in log
    assert "libraries: searched again without the closed assets" in log


def test_remove_naming_a_field_a_layer_lacks_keeps_that_layer(helsinki_gpkg):
    result, feedback = _run(_params(helsinki_gpkg, REMOVE=ALL_LIBRARIES))
    log = feedback.text
    for layer in ("childrens_play", "parks"):
        assert f"REMOVE cannot be evaluated on \"{layer}\"" in log
        assert "other_tags" in log
    # the layers that have the field are evaluated: nothing of theirs matches
    assert "REMOVE on \"gp_surgeries\": assets: 7; closed: 0." in log
    assert "REMOVE on \"pharmacies\": assets: 6; closed: 0." in log
    summary = _summary(result)
    for kind in ("childrens_play", "parks"):
        assert summary[kind]["pop_change"] == 0
        assert summary[kind]["pop_after"] > 0
    # an expression every layer lacks changes nothing at all
    result, feedback = _run(_params(helsinki_gpkg, REMOVE="\"no_such_field\" = 1"))
    assert feedback.text.count("REMOVE cannot be evaluated") == len(KINDS)
    assert all(row["pop_change"] == 0 for row in _summary(result).values())
    assert {row["change"] for row in _rows(result["OUTPUT"])} == {"same", None}


def test_remove_reads_layer_variables_from_the_source_not_the_layer(helsinki_gpkg,
                                                                    monkeypatch):
    """REMOVE runs in the worker thread: the layer's variables (@layer_name) come from
    the feature source's scope, never from QgsExpressionContextUtils.layerScope(layer),
    which reads a layer that lives in the main thread."""
    from qgis.core import QgsExpressionContextUtils

    def main_thread_layer(layer):
        raise RuntimeError("layerScope(layer) read from the worker thread")

    monkeypatch.setattr(QgsExpressionContextUtils, "layerScope", main_thread_layer)
    params = _params(helsinki_gpkg, REMOVE="@layer_name = 'closing'")
    params["ASSETS"] = params["ASSETS"] + [_point_layer("closing", [(386450.0, 6671700.0)])]
    result, feedback = _run(params)
    assert 'REMOVE on "closing": assets: 1; closed: 1.' in feedback.text
    assert 'REMOVE on "libraries": assets: 5; closed: 0.' in feedback.text
    assert _summary(result)["closing"]["pop_after"] == 0


def test_closing_some_parks_matches_an_access_score_without_them(helsinki_gpkg):
    closing = ("Esplanadinpuisto", "Vanha kirkkopuisto", "Kaisaniemen puisto")
    remove = "\"name\" IN ({})".format(", ".join(f"'{name}'" for name in closing))
    # the parks layer holds invalid polygons: REMOVE reads it as the engine does, unchecked
    # a 3-minute walk to a park, so that closing three of them matters
    result, feedback = _run(_params(helsinki_gpkg, REMOVE=remove, THRESHOLDS="10,10,10,10,3"))
    assert "REMOVE on \"parks\": assets: 18; closed: 3." in feedback.text
    parks = QgsVectorLayer(_src(helsinki_gpkg, "parks"), "parks", "ogr")
    kept = QgsVectorLayer("MultiPolygon?crs=EPSG:3067", "parks", "memory")
    kept.dataProvider().addFeatures([f for f in parks.getFeatures()
                                     if f["name"] not in closing])
    assert kept.featureCount() == 15
    params = _params(helsinki_gpkg, THRESHOLDS="10,10,10,10,3")
    params["ASSETS"] = [_src(helsinki_gpkg, k) if k != "parks" else kept for k in KINDS]
    del params["OUTPUT_SUMMARY"], params["MIN_MISSING"]
    without, _ = _run(params, "assetgaps:accessscore")
    expected = _by_fid(without["OUTPUT"])
    lost = 0
    for fid, row in _by_fid(result["OUTPUT"]).items():
        if row["status"] != "ok":
            continue
        assert row["parks_ok_after"] == expected[fid]["parks_ok"], fid
        assert row["n_missing_after"] == expected[fid]["n_missing"], fid
        lost += row["population"] * (row["parks_ok_before"] - row["parks_ok_after"])
    summary = _summary(result)
    assert lost > 0
    assert summary["parks"]["pop_change"] == pytest.approx(-lost)
    assert all(summary[k]["pop_change"] == 0 for k in KINDS if k != "parks")


def _point_layer(name, points):
    layer = QgsVectorLayer("Point?crs=EPSG:3067&field=label:string", name, "memory")
    features = []
    for n, (x, y) in enumerate(points):
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
        feature.setAttributes([f"site {n}"])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def _points_of(gpkg, name):
    layer = QgsVectorLayer(_src(gpkg, name), name, "ogr")
    return [(f.geometry().asPoint().x(), f.geometry().asPoint().y())
            for f in layer.getFeatures()]


def test_a_site_on_top_of_an_existing_one_gains_nothing(helsinki_gpkg):
    on_top = _point_layer("new libraries", _points_of(helsinki_gpkg, "libraries"))
    result, feedback = _run(_params(helsinki_gpkg, ADD_SITES=on_top, ADD_KIND="Libraries"))
    assert "libraries: one search from the new sites" in feedback.text
    summary = _summary(result)
    assert all(row["pop_change"] == 0 for row in summary.values())
    assert summary["libraries"]["pop_after"] == summary["libraries"]["pop_before"] > 0
    assert {row["change"] for row in _rows(result["OUTPUT"])} == {"same", None}


def test_a_new_site_matches_an_access_score_run_that_includes_it(helsinki_gpkg):
    new_site = (386450.0, 6671700.0)
    added = _point_layer("new pharmacy", [new_site])
    result, _ = _run(_params(helsinki_gpkg, ADD_SITES=added, ADD_KIND="pharmacies"))
    # independent: the access score with the new pharmacy in the pharmacies layer
    with_it = _point_layer("pharmacies", _points_of(helsinki_gpkg, "pharmacies") + [new_site])
    params = _params(helsinki_gpkg)
    params["ASSETS"] = [_src(helsinki_gpkg, k) if k != "pharmacies" else with_it for k in KINDS]
    del params["OUTPUT_SUMMARY"], params["MIN_MISSING"]
    after, _ = _run(params, "assetgaps:accessscore")
    expected = _by_fid(after["OUTPUT"])
    origins = _by_fid(result["OUTPUT"])
    gained = 0
    for fid, row in origins.items():
        if row["status"] != "ok":
            continue
        assert row["pharmacies_ok_after"] == expected[fid]["pharmacies_ok"], fid
        if row["change"] == "gained":
            gained += row["population"]
            assert row["pharmacies_ok_before"] == 0 and row["pharmacies_ok_after"] == 1
    summary = _summary(result)
    assert summary["pharmacies"]["pop_change"] == pytest.approx(gained)
    assert gained > 0
    assert summary["pharmacies"]["pop_after"] == pytest.approx(
        sum(r["population"] for r in expected.values()
            if r["status"] == "ok" and r["pharmacies_ok"] == 1))


def test_the_first_site_of_a_kind_with_an_empty_layer(helsinki_gpkg):
    """"Build the first food bank": the kind's layer is empty and ADD_SITES fills it."""
    new_site = (386450.0, 6671700.0)
    params = _params(helsinki_gpkg, ADD_SITES=_point_layer("new food bank", [new_site]),
                     ADD_KIND="food_banks")
    params["ASSETS"] = params["ASSETS"] + [_point_layer("food_banks", [])]
    result, feedback = _run(params)
    assert 'The layer "food_banks" (assets) has no features.' in feedback.text
    summary = _summary(result)
    assert summary["food_banks"]["pop_before"] == 0
    # independent: the access score with the food bank already built
    built = _params(helsinki_gpkg)
    built["ASSETS"] = built["ASSETS"] + [_point_layer("food_banks", [new_site])]
    del built["OUTPUT_SUMMARY"], built["MIN_MISSING"]
    after, _ = _run(built, "assetgaps:accessscore")
    reached = sum(row["population"] for row in _rows(after["OUTPUT"])
                  if row["status"] == "ok" and row["food_banks_ok"] == 1)
    assert reached > 0
    assert summary["food_banks"]["pop_after"] == pytest.approx(reached)
    assert summary["food_banks"]["pop_change"] == pytest.approx(reached)


def test_zones_add_up_to_the_area(helsinki_gpkg):
    grid = QgsVectorLayer(_src(helsinki_gpkg, "population_grid"), "grid", "ogr")
    extent = grid.extent()
    middle = extent.center().x()
    zones = QgsVectorLayer("Polygon?crs=EPSG:3067&field=ward:string", "wards", "memory")
    halves = []
    for name, (x0, x1) in (("west", (extent.xMinimum() - 1, middle)),
                           ("east", (middle, extent.xMaximum() + 1))):
        feature = QgsFeature(zones.fields())
        feature.setGeometry(QgsGeometry.fromWkt(
            f"POLYGON(({x0} {extent.yMinimum() - 1}, {x1} {extent.yMinimum() - 1}, "
            f"{x1} {extent.yMaximum() + 1}, {x0} {extent.yMaximum() + 1}, "
            f"{x0} {extent.yMinimum() - 1}))"))
        feature.setAttributes([name])
        halves.append(feature)
    zones.dataProvider().addFeatures(halves)
    result, _ = _run(_params(helsinki_gpkg, REMOVE=ALL_LIBRARIES, ZONES=zones,
                             OUTPUT_ZONES="memory:"))
    rows = _rows(result["OUTPUT_ZONES"])
    assert [row["ward"] for row in rows] == ["west", "east"]
    summary = _summary(result)
    for kind in KINDS:
        for what in ("pop_before", "pop_after", "pop_change"):
            assert sum(row[f"{kind}_{what}"] for row in rows) == \
                pytest.approx(summary[kind][what])
    for what in ("desert_pop_before", "desert_pop_after"):
        assert sum(row[what] for row in rows) == pytest.approx(summary["libraries"][what])
    # without OUTPUT_ZONES the log says the zones were not used
    result, feedback = _run(_params(helsinki_gpkg, ZONES=zones))
    assert "OUTPUT_ZONES" not in result and "OUTPUT_ZONES is not" in feedback.text


def test_helsinki_scenario_takes_about_a_second(helsinki_gpkg):
    params = _params(helsinki_gpkg, REMOVE=ALL_LIBRARIES,
                     ADD_SITES=_point_layer("new pharmacy", [(386450.0, 6671700.0)]),
                     ADD_KIND="pharmacies")
    _run(params)  # warm up (imports, caches)
    start = time.perf_counter()
    _run(params)
    assert time.perf_counter() - start < 3.0


# --------------------------------------------------------------------------------------
# Bad input, qgis_process, inputs unchanged
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize("change, words", [
    ({"ADD_SITES": "libraries", "ADD_KIND": "swimming_pools"},
     ["ADD_KIND", "swimming_pools", "libraries, gp_surgeries, pharmacies, childrens_play, "
                                    "parks"]),
    ({"ADD_SITES": "libraries", "ADD_KIND": ""}, ["ADD_KIND is empty", "parks"]),
    ({"ADD_KIND": "pools"}, ["ADD_KIND", "pools", "childrens_play"]),
    ({"REMOVE": "\"name\" = "}, ["REMOVE", "not a valid expression"]),
], ids=["unknown_kind", "empty_kind", "unknown_kind_without_sites", "bad_expression"])
def test_bad_input(helsinki_gpkg, tmp_copy, change, words):
    gpkg = tmp_copy(helsinki_gpkg)
    before = _sha(gpkg)
    params = _params(gpkg, OUTPUT=str(gpkg.parent / "out.gpkg"),
                     OUTPUT_SUMMARY=str(gpkg.parent / "summary.gpkg"))
    params.update(change)
    if params.get("ADD_SITES") == "libraries":
        params["ADD_SITES"] = _src(gpkg, "libraries")
    with pytest.raises(QgsProcessingException) as raised:
        _run(params)
    message = str(raised.value)
    assert all(word in message for word in words), message
    assert "Traceback" not in message
    assert _sha(gpkg) == before
    assert not (gpkg.parent / "out.gpkg").exists()


def test_qgis_process(qgis_process, helsinki_gpkg, tmp_copy):
    gpkg = tmp_copy(helsinki_gpkg)
    before = _sha(gpkg)
    out = gpkg.parent / "scenario.gpkg"
    result = qgis_process(
        "run", ALG, f"--NETWORK={_src(gpkg, 'walk_network')}",
        f"--ORIGINS={_src(gpkg, 'population_grid')}", "--POPULATION_FIELD=population",
        *[f"--ASSETS={_src(gpkg, kind)}" for kind in KINDS], "--THRESHOLDS=10",
        f"--REMOVE={ALL_LIBRARIES}", f"--ADD_SITES={_src(gpkg, 'pharmacies')}",
        "--ADD_KIND=pharmacies", "--MIN_MISSING=2",
        f"--OUTPUT=ogr:dbname='{out}' table=\"origins\" (geom)",
        f"--OUTPUT_SUMMARY=ogr:dbname='{out}' table=\"summary\"")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.json is not None, result.stdout
    summary = QgsVectorLayer(f"{out}|layername=summary", "summary", "ogr")
    assert summary.isValid()
    rows = {row["kind"]: row for row in _rows(summary)}
    # qgis_process judges the grid cells by area share by default
    reference = _summary(_run(_params(helsinki_gpkg, REMOVE=ALL_LIBRARIES,
                                      POLYGON_ORIGINS=0))[0])
    assert list(rows) == KINDS
    for kind in KINDS:
        for name in SUMMARY_FIELDS[1:]:
            assert rows[kind][name] == pytest.approx(reference[kind][name]), (kind, name)
    origins = QgsVectorLayer(f"{out}|layername=origins", "origins", "ogr")
    assert origins.featureCount() == 92
    log = "\n".join(result.json["log"]["info"])
    assert "pharmacies: one search from the new sites" in log
    with sqlite3.connect(out) as db:   # the origins open styled by change
        assert db.execute("SELECT styleName FROM layer_styles WHERE f_table_name = "
                          "'origins'").fetchall() == [("scenario",)]
    assert _sha(gpkg) == before


# --------------------------------------------------------------------------------------
# By area share: the grid cells' people count by the share of each cell within reach
# --------------------------------------------------------------------------------------

def _people_within(rows, kind):
    """People within reach of ``kind`` in an access score output: each scored origin's
    people times its share within reach."""
    return sum(row["population"] * row[f"{kind}_share"] / 100.0 for row in rows
               if row["status"] == "ok")


def test_by_area_closing_every_library_loses_the_shares_of_the_access_score(helsinki_gpkg):
    params = _params(helsinki_gpkg, POLYGON_ORIGINS=0)
    result, _ = _run(dict(params, REMOVE=ALL_LIBRARIES))
    summary = _summary(result)
    del params["OUTPUT_SUMMARY"], params["MIN_MISSING"]
    scores = _rows(_run(params, "assetgaps:accessscore")[0]["OUTPUT"])
    # some cells lie partly within reach: the judgement by area is not vacuous
    assert any(0 < row["libraries_share"] < 100 for row in scores if row["status"] == "ok")
    for kind in KINDS:
        # K_share is written with 2 decimals: a cell of 1,000 people is 0.05 people off
        expected = _people_within(scores, kind)
        assert summary[kind]["pop_before"] == pytest.approx(expected, abs=0.5), kind
        assert summary[kind]["pop_after"] == pytest.approx(
            0.0 if kind == "libraries" else expected, abs=0.5), kind
    origins = _by_fid(result["OUTPUT"])
    for row in scores:
        origin = origins[row["fid"]]
        assert origin["status"] == row["status"]
        if row["status"] != "ok":
            continue
        for kind in KINDS:
            assert origin[f"{kind}_ok_before"] == row[f"{kind}_ok"]
            assert origin[f"{kind}_share_before"] == pytest.approx(row[f"{kind}_share"],
                                                                   abs=0.01)
            assert row[f"{kind}_ok"] == int(row[f"{kind}_share"] >= 50.0)
            if kind != "libraries":
                assert origin[f"{kind}_share_after"] == origin[f"{kind}_share_before"]
        assert origin["libraries_share_after"] == 0.0
        assert origin["score_before"] == pytest.approx(row["score"], abs=0.01)
        assert origin["libraries_ok_after"] == 0
        assert origin["change"] == ("lost" if row["libraries_ok"] else "same")


def test_by_area_a_new_site_matches_an_access_score_run_that_includes_it(helsinki_gpkg):
    new_site = (386450.0, 6671700.0)
    params = _params(helsinki_gpkg, POLYGON_ORIGINS=0)
    result, _ = _run(dict(params, ADD_SITES=_point_layer("new pharmacy", [new_site]),
                          ADD_KIND="pharmacies"))
    with_it = _point_layer("pharmacies", _points_of(helsinki_gpkg, "pharmacies") + [new_site])
    params["ASSETS"] = [_src(helsinki_gpkg, k) if k != "pharmacies" else with_it for k in KINDS]
    del params["OUTPUT_SUMMARY"], params["MIN_MISSING"]
    expected = _rows(_run(params, "assetgaps:accessscore")[0]["OUTPUT"])
    summary = _summary(result)
    assert summary["pharmacies"]["pop_after"] == pytest.approx(
        _people_within(expected, "pharmacies"), abs=0.5)
    assert summary["pharmacies"]["pop_change"] > 0
    origins = _by_fid(result["OUTPUT"])
    for row in expected:
        if row["status"] == "ok":
            assert origins[row["fid"]]["pharmacies_ok_after"] == row["pharmacies_ok"]
