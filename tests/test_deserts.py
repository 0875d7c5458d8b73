"""assetgaps:deserts and core/deserts.py: hand-made cases with known answers, the Helsinki
sample through qgis_process, and the engine's helpers against brute force."""

import numpy as np
import processing
import pytest
from qgis.core import (
    NULL,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsVectorLayer,
)
from shapely import wkb
from shapely.geometry import MultiPolygon, Point, box

from community_asset_gaps.core.deserts import (
    DEFAULT_UNIT_SIZE_M,
    Desert,
    ScoredUnits,
    box_point_pairs,
    check_min_missing,
    find_deserts,
    locate_in_polygons,
    mean_score,
    missing_across,
    rank_deserts,
    scored_input_type,
    scored_kinds,
    unit_is_desert,
)
from community_asset_gaps.core.errors import InputError

from helpers import score_helsinki

KINDS = ("parks", "library", "gp")
X0, Y0 = 385000.0, 6672000.0
ALL = (1, 1, 1)
NONE = (0, 0, 0)
TWO = (0, 0, 1)          # misses parks and library
UNREACHED = None


def scored_layer(rows, geometry="Point", population=True, kinds=KINDS, name="scored",
                 population_type="double"):
    """A memory layer shaped like accessscore's OUTPUT.

    rows: (geometry WKT or (x, y), population, ok tuple or None for unreached)."""
    fields = ["field=id:integer"]
    if population:
        fields.append(f"field=population:{population_type}")
    for kind in kinds:
        fields += [f"field={kind}_cost:double", f"field={kind}_ok:integer"]
    fields += ["field=status:string", "field=n_reached:integer", "field=n_missing:integer",
               "field=missing:string", "field=score:double"]
    layer = QgsVectorLayer(f"{geometry}?crs=EPSG:3067&" + "&".join(fields), name, "memory")
    features = []
    for index, (where, people, ok) in enumerate(rows):
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromWkt(where) if isinstance(where, str)
                            else QgsGeometry.fromPointXY(QgsPointXY(*where)))
        values = [index] + ([people] if population else [])
        if ok is None:
            values += [None, None] * len(kinds) + ["unreached", None, None, None, None]
        else:
            for hit in ok:
                values += [5.0 if hit else 25.0, hit]
            reached = sum(ok)
            values += ["ok", reached, len(kinds) - reached,
                       ",".join(k for k, hit in zip(kinds, ok) if not hit),
                       round(100.0 * reached / len(kinds), 2)]
        feature.setAttributes(values)
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def cell(i, j):
    """Centre of grid cell (i, j), 100 m apart."""
    return (X0 + 100.0 * i, Y0 + 100.0 * j)


# (i, j): (population, ok); every other cell of the 5 x 4 grid reaches all, 50 people.
SPECIAL = {
    (0, 0): (10, NONE), (1, 0): (20, NONE), (0, 1): (30, TWO),  # desert 1: an L of 3 cells
    (1, 1): (0, NONE),                                           # no people: not a desert
    (3, 3): (5, TWO), (4, 3): (5, TWO),                          # desert 2: two cells
    (2, 2): (10, TWO),                                           # corner-touch only: its own
    (3, 0): (100, UNREACHED),                                    # off the network: never
}


def grid_rows():
    return [(cell(i, j), *SPECIAL.get((i, j), (50, ALL))) for j in range(4) for i in range(5)]


def is_null(value):
    return value is None or value == NULL


def run_deserts(layer, **params):
    result = processing.run("assetgaps:deserts", {"INPUT": layer, "OUTPUT": "memory:",
                                                  **params})
    return result["OUTPUT"]


def by_id(layer):
    return {f["desert_id"]: f for f in layer.getFeatures()}


def shapes_of(layer):
    return [wkb.loads(bytes(f.geometry().asWkb())) for f in layer.getFeatures()]


def is_desert_row(people, ok, min_missing, min_population, with_population=True):
    if ok is None:
        return False
    if len(ok) - sum(ok) < min_missing:
        return False
    return not with_population or people >= min_population


def check_contains_only_desert_units(deserts, rows, min_missing, min_population,
                                     with_population=True):
    """Every desert unit lies in exactly one desert; no other origin lies in any."""
    shapes = shapes_of(deserts)
    for where, people, ok in rows:
        point = Point(where)
        inside = sum(1 for shape in shapes if shape.intersects(point))
        expected = 1 if is_desert_row(people, ok, min_missing, min_population,
                                      with_population) else 0
        assert inside == expected, (where, people, ok)


# --- hand-made cases through the algorithm ----------------------------------------------

def test_grid_deserts_known_answer():
    rows = grid_rows()
    layer = scored_layer(rows)
    deserts = run_deserts(layer, MIN_MISSING=2, POPULATION_FIELD="population", UNIT_SIZE=100)
    assert deserts.featureCount() == 3
    assert deserts.crs().authid() == "EPSG:3067"
    found = sorted(((f["population"], f["area_ha"], f["n_units"], f["missing"],
                     f["mean_score"], f["rank"]) for f in deserts.getFeatures()),
                   key=lambda row: row[5])
    assert found[0] == (60.0, pytest.approx(3.0), 3, "parks,library,gp",
                        pytest.approx((30 * 33.33) / 60, abs=0.01), 1)
    # two deserts of 10 people: the larger area ranks first
    assert found[1][:4] == (10.0, pytest.approx(2.0), 2, "parks,library")
    assert found[1][5] == 2
    assert found[2][:4] == (10.0, pytest.approx(1.0), 1, "parks,library")
    assert found[2][5] == 3
    assert [f["desert_id"] for f in deserts.getFeatures()] == [1, 2, 3]
    check_contains_only_desert_units(deserts, rows, 2, 1)


@pytest.mark.parametrize("min_missing, min_population", [(1, 1), (2, 1), (2, 25), (3, 1),
                                                         (3, 0)])
def test_population_conserved_to_the_person(min_missing, min_population):
    rows = grid_rows()
    deserts = run_deserts(scored_layer(rows), MIN_MISSING=min_missing,
                          POPULATION_FIELD="population", MIN_POPULATION=min_population)
    expected = sum(people for _, people, ok in rows
                   if is_desert_row(people, ok, min_missing, min_population))
    units = sum(1 for _, people, ok in rows
                if is_desert_row(people, ok, min_missing, min_population))
    assert sum(f["population"] for f in deserts.getFeatures()) == expected
    assert sum(f["n_units"] for f in deserts.getFeatures()) == units
    assert sorted(f["rank"] for f in deserts.getFeatures()) == \
        list(range(1, deserts.featureCount() + 1))
    check_contains_only_desert_units(deserts, rows, min_missing, min_population)


def test_min_missing_three_one_square_desert():
    deserts = run_deserts(scored_layer(grid_rows()), MIN_MISSING=3,
                          POPULATION_FIELD="population")
    assert deserts.featureCount() == 1
    desert = next(deserts.getFeatures())
    assert (desert["population"], desert["n_units"], desert["rank"]) == (30.0, 2, 1)
    assert desert["area_ha"] == pytest.approx(2.0)
    assert desert["mean_score"] == 0.0
    assert QgsGeometry.fromRect(desert.geometry().boundingBox()).area() == pytest.approx(20000)


def test_without_population_ranked_by_area_and_plain_mean():
    rows = grid_rows()
    deserts = run_deserts(scored_layer(rows, population=False), MIN_MISSING=2)
    found = {f["rank"]: f for f in deserts.getFeatures()}
    assert len(found) == 3
    # the cell without people is a desert now: the L becomes a 2 x 2 square
    assert found[1]["area_ha"] == pytest.approx(4.0)
    assert found[1]["n_units"] == 4
    assert is_null(found[1]["population"])
    assert found[1]["mean_score"] == pytest.approx(33.33 / 4, abs=0.01)
    assert found[2]["area_ha"] == pytest.approx(2.0)
    assert found[3]["area_ha"] == pytest.approx(1.0)
    check_contains_only_desert_units(deserts, rows, 2, 1, with_population=False)


def test_residential_mask_clips_and_counts_points_inside():
    rows = grid_rows()
    mask = QgsVectorLayer("Polygon?crs=EPSG:3067", "homes", "memory")
    feature = QgsFeature()
    # columns 0 and the left 30 m of column 1; the points of column 1 lie outside
    feature.setGeometry(QgsGeometry.fromWkt(box(X0 - 50, Y0 - 50, X0 + 80, Y0 + 350).wkt))
    mask.dataProvider().addFeatures([feature])
    deserts = run_deserts(scored_layer(rows), MIN_MISSING=2, POPULATION_FIELD="population",
                          RESIDENTIAL_MASK=mask)
    assert deserts.featureCount() == 1
    desert = next(deserts.getFeatures())
    # units (0, 0) and (0, 1): 10 + 30 people; the cell (1, 0) has its point outside
    assert desert["population"] == 40.0
    assert desert["n_units"] == 2
    assert desert["area_ha"] == pytest.approx(1.0 * 2)
    assert desert.geometry().boundingBox().xMaximum() == pytest.approx(X0 + 50)


def test_close_points_share_their_cells():
    """Address points closer than UNIT_SIZE: each place goes to the nearer point, so the
    non-desert neighbour never lies in the desert."""
    rows = [((X0, Y0), 3, NONE), ((X0 + 40, Y0), 3, ALL), ((X0 + 500, Y0), 3, ALL)]
    deserts = run_deserts(scored_layer(rows), MIN_MISSING=3, POPULATION_FIELD="population")
    desert = next(deserts.getFeatures())
    assert desert["area_ha"] == pytest.approx(0.7)   # x from -50 to the bisector at +20
    check_contains_only_desert_units(deserts, rows, 3, 1)


def test_polygon_origins_used_as_they_are():
    rows = [(box(X0, Y0, X0 + 200, Y0 + 200).wkt, 40, NONE),
            (box(X0 + 200, Y0, X0 + 400, Y0 + 100).wkt, 60, TWO),
            (box(X0 + 1000, Y0, X0 + 1100, Y0 + 100).wkt, 5, TWO),
            (box(X0, Y0 + 200, X0 + 400, Y0 + 400).wkt, 500, ALL)]
    deserts = run_deserts(scored_layer(rows, geometry="Polygon"), MIN_MISSING=2,
                          POPULATION_FIELD="population", UNIT_SIZE=5)
    found = {f["rank"]: f for f in deserts.getFeatures()}
    assert (found[1]["population"], found[1]["n_units"]) == (100.0, 2)
    assert found[1]["area_ha"] == pytest.approx(6.0)
    assert found[1]["missing"] == "parks,library,gp"
    assert found[1]["mean_score"] == pytest.approx(60 * 33.33 / 100, abs=0.01)
    assert (found[2]["population"], found[2]["area_ha"]) == (5.0, pytest.approx(1.0))


def test_surface_input():
    layer = QgsVectorLayer("MultiPolygon?crs=EPSG:3067&field=n_reached:integer"
                           "&field=reached:string&field=missing:string", "surface", "memory")
    pieces = [(box(X0, Y0, X0 + 100, Y0 + 100), "gp", "parks,library"),
              (box(X0 + 100, Y0, X0 + 300, Y0 + 100), "", "parks,library,gp"),
              (box(X0 + 500, Y0, X0 + 600, Y0 + 100), "parks,library", "gp")]
    features = []
    for shape, reached, missing in pieces:
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromWkt(MultiPolygon([shape]).wkt))
        feature.setAttributes([len(reached.split(",")) if reached else 0, reached, missing])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    deserts = run_deserts(layer, MIN_MISSING=2)
    assert deserts.featureCount() == 1
    desert = next(deserts.getFeatures())
    assert desert["n_units"] == 2
    assert desert["area_ha"] == pytest.approx(3.0)
    assert desert["missing"] == "parks,library,gp"
    assert desert["rank"] == 1
    assert is_null(desert["population"])
    assert is_null(desert["mean_score"])   # the surface has no score
    with pytest.raises(QgsProcessingException, match="MIN_MISSING"):
        run_deserts(layer, MIN_MISSING=4)


def test_no_deserts_gives_an_empty_layer():
    rows = [(cell(i, 0), 10, ALL) for i in range(3)]
    deserts = run_deserts(scored_layer(rows), MIN_MISSING=1, POPULATION_FIELD="population")
    assert deserts.featureCount() == 0
    assert [f.name() for f in deserts.fields()] == ["desert_id", "area_ha", "population",
                                                   "n_units", "missing", "mean_score", "rank"]


def test_input_layer_is_not_modified():
    layer = scored_layer(grid_rows())
    before = [f.attributes() for f in layer.getFeatures()]
    run_deserts(layer, MIN_MISSING=2, POPULATION_FIELD="population")
    assert [f.attributes() for f in layer.getFeatures()] == before


# --- bad input ----------------------------------------------------------------------------

def test_min_missing_larger_than_kinds_is_an_error():
    with pytest.raises(QgsProcessingException,
                       match=r"MIN_MISSING is 4, more than the kinds .*: 3\)"):
        run_deserts(scored_layer(grid_rows()), MIN_MISSING=4)


def test_layer_without_score_fields_is_an_error():
    layer = QgsVectorLayer("Point?crs=EPSG:3067&field=id:integer&field=population:double",
                           "homes", "memory")
    with pytest.raises(QgsProcessingException,
                       match=r"INPUT \"homes\" is not an access score output.*status"):
        run_deserts(layer, MIN_MISSING=1)


def test_non_numeric_population_field_is_an_error():
    layer = scored_layer([(cell(0, 0), "12", NONE)], population_type="string")
    with pytest.raises(QgsProcessingException, match="POPULATION_FIELD \"population\""):
        run_deserts(layer, MIN_MISSING=1, POPULATION_FIELD="population")


# --- the Helsinki sample, headless ------------------------------------------------------

def test_qgis_process_deserts_on_helsinki(qgis_process, helsinki_gpkg, tmp_path):
    scored = tmp_path / "scored.gpkg"
    score_helsinki(helsinki_gpkg, scored)
    out = tmp_path / "deserts.gpkg"
    result = qgis_process("run", "assetgaps:deserts", f"--INPUT={scored}", "--MIN_MISSING=2",
                          "--POPULATION_FIELD=population", f"--OUTPUT={out}")
    assert result.returncode == 0, result.stderr + result.stdout
    deserts = QgsVectorLayer(str(out), "deserts", "ogr")
    assert deserts.isValid()
    assert deserts.crs().authid() == "EPSG:3067"
    origins = QgsVectorLayer(str(scored), "scored", "ogr")
    expected = sum(f["population"] for f in origins.getFeatures()
                   if f["status"] == "ok" and f["n_missing"] >= 2 and f["population"] >= 1)
    assert deserts.featureCount() >= 1
    assert sum(f["population"] for f in deserts.getFeatures()) == expected
    assert sorted(f["rank"] for f in deserts.getFeatures()) == \
        list(range(1, deserts.featureCount() + 1))


# --- the engine ---------------------------------------------------------------------------

def test_unit_is_desert_rule():
    assert unit_is_desert(3, 10, 3, 1)
    assert not unit_is_desert(2, 10, 3, 1)
    assert not unit_is_desert(3, 0.5, 3, 1)
    assert unit_is_desert(3, None, 3, 1)          # no population field: MIN_POPULATION off
    assert not unit_is_desert(None, 10, 1, 1)     # unreached: never
    assert not unit_is_desert(float("nan"), 10, 1, 1)


def test_scored_fields_and_kinds():
    names = ["id", "parks_cost", "parks_ok", "gp_ok", "status", "n_reached", "n_missing",
             "missing", "score", "lib_cost", "lib_ok"]
    assert scored_kinds(names) == ["parks", "lib"]        # gp_ok has no gp_cost
    assert scored_input_type(names, "x") == "origins"
    assert scored_input_type(["n_reached", "reached", "missing"], "x") == "surface"
    with pytest.raises(InputError, match="lacks the fields status, n_missing"):
        scored_input_type(["parks_cost", "parks_ok", "n_reached", "missing", "score"], "x")
    with pytest.raises(InputError):
        check_min_missing(3, ["a", "b"])
    check_min_missing(2, ["a", "b"])


def test_box_point_pairs_matches_brute_force():
    rng = np.random.default_rng(7)
    xy = rng.uniform(0, 1000, (3000, 2))
    xy[::97] = np.nan
    lo = rng.uniform(0, 1000, (400, 2))
    boxes = np.column_stack([lo, lo + rng.uniform(0, 150, (400, 2))])
    got = set(zip(*(a.tolist() for a in box_point_pairs(boxes, xy))))
    inside = ((xy[None, :, 0] >= boxes[:, None, 0]) & (xy[None, :, 0] <= boxes[:, None, 2])
              & (xy[None, :, 1] >= boxes[:, None, 1]) & (xy[None, :, 1] <= boxes[:, None, 3]))
    assert got == set(zip(*(a.tolist() for a in np.nonzero(inside))))


def test_locate_in_polygons_first_holder_and_none():
    polygons = [box(0, 0, 10, 10), None, box(10, 0, 20, 10), box(100, 100, 110, 110).buffer(1)]
    xy = np.array([[5, 5], [10, 5], [15, 5], [50, 50], [np.nan, 1], [105, 105]])
    assert locate_in_polygons(polygons, xy).tolist() == [0, 0, 2, -1, -1, 3]


def test_multipart_unit_stays_one_desert():
    shapes = [MultiPolygon([box(0, 0, 100, 100), box(500, 0, 600, 100)]), box(100, 0, 200, 100)]
    units = ScoredUnits(shapes=shapes, kinds=list(KINDS), n_missing=np.array([3.0, 3.0]),
                        missing=["parks,library,gp"] * 2, score=np.array([0.0, 0.0]),
                        population=np.array([7.0, 8.0]))
    deserts = find_deserts(units, 2, 1)
    assert len(deserts) == 1
    assert deserts[0].n_units == 2 and deserts[0].population == 15.0
    assert deserts[0].area_ha == pytest.approx(3.0)


def test_mask_fragment_joins_its_unit():
    """A mask that cuts a unit in two keeps both pieces in the unit's desert."""
    shapes = [Point(50, 50)]
    units = ScoredUnits(shapes=shapes, kinds=["a"], n_missing=np.array([1.0]), missing=["a"],
                        score=np.array([0.0]), population=np.array([4.0]))
    deserts = find_deserts(units, 1, 1, unit_size=DEFAULT_UNIT_SIZE_M, mask=box(0, 0, 100, 100))
    assert len(deserts) == 1 and deserts[0].area_ha == pytest.approx(1.0)
    mask = box(0, 0, 100, 55).union(box(0, 60, 100, 100))
    deserts = find_deserts(units, 1, 1, mask=mask)
    assert len(deserts) == 1
    assert deserts[0].units == [0] and deserts[0].population == 4.0
    assert deserts[0].area_ha == pytest.approx(0.95)


def test_summaries():
    assert missing_across(["gp", "parks,gp", "library,parks,gp", ""], KINDS) == \
        "gp,parks,library"
    assert missing_across(["library", "parks"], KINDS) == "parks,library"   # tie: kind order
    assert mean_score(np.array([0.0, 100.0]), np.array([1.0, 3.0])) == 75.0
    assert mean_score(np.array([0.0, 100.0]), None) == 50.0
    assert mean_score(np.array([0.0, 100.0]), np.array([0.0, 0.0])) == 50.0
    assert mean_score(np.array([np.nan]), None) is None
    deserts = [Desert(box(0, 0, 1, 1), [0], desert_id=i, area_ha=area, population=people,
                      missing="", mean_score=None)
               for i, (area, people) in enumerate([(1, 10), (2, 10), (2, 10), (5, 3)], 1)]
    rank_deserts(deserts)
    assert [d.rank for d in deserts] == [3, 1, 2, 4]


def test_cancelled_find_deserts_returns_at_once(monkeypatch):
    """Cancelled, locating stops early and leaves units unlocated: they must not each
    search their nearest piece (units x pieces; 3,000 cells took 11 s)."""
    from community_asset_gaps.core import deserts as engine

    xy = [(X0 + 100.0 * (i % 60) + 30.0 * (i // 60 % 2), Y0 + 100.0 * (i // 60))
          for i in range(3000)]
    units = ScoredUnits(shapes=[Point(p) for p in xy], kinds=list(KINDS),
                        n_missing=np.full(3000, 3.0), missing=["parks,library,gp"] * 3000,
                        score=np.zeros(3000), population=np.ones(3000))
    nearest = []
    monkeypatch.setattr(engine, "_nearest",
                        lambda geometries, point: nearest.append(point) or 0)
    assert find_deserts(units, 2, 1, cancelled=lambda: True) == []
    assert nearest == []
    mask = box(X0 - 100, Y0 - 100, X0 + 7000, Y0 + 6000)
    assert find_deserts(units, 2, 1, mask=mask, cancelled=lambda: True) == []
    assert nearest == []
    assert len(find_deserts(units, 2, 1)) >= 1   # not cancelled: found as before
