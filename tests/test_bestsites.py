"""assetgaps:bestsites: the greedy choice against brute force over every set
of k candidates, on hand-made cases and on the Helsinki sample (coverage from an
independent assetgaps:accessscore run); bad input, qgis_process, inputs unchanged."""

import itertools
import sqlite3

import numpy as np
import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsProcessingException, QgsVectorLayer

from community_asset_gaps.core.bestsites import greedy_sites

from helpers import LogFeedback
from helpers import file_digest as _sha
from helpers import layer_source as _src
from helpers import rows as _rows

ALG = "assetgaps:bestsites"
CRS = "EPSG:3067"
X0, Y0 = 385000.0, 6671000.0    # somewhere in Helsinki, so the CRS is a plausible one


# --------------------------------------------------------------------------------------
# The oracle: greedy by plain sets, and the best of every k-subset
# --------------------------------------------------------------------------------------

def _oracle_greedy(sets, people, already, k):
    """[(candidate, gain)] picking, k times, the candidate adding the most people (the
    lowest index among equals), stopping when nobody new can be reached."""
    reached = set(already)
    picks = []
    left = list(range(len(sets)))
    for _ in range(k):
        gains = [(sum(people[o] for o in sets[c] - reached), c) for c in left]
        if not gains:
            break
        best = max(gain for gain, _ in gains)
        if best <= 0:
            break
        chosen = min(c for gain, c in gains if gain == best)
        picks.append((chosen, best))
        reached |= sets[chosen]
        left.remove(chosen)
    return picks


def _best_subset(sets, people, already, k):
    """The most people any k candidates together add (brute force over all k-subsets)."""
    base = set(already)
    return max(sum(people[o] for o in set().union(*(sets[c] for c in combo)) - base)
               for combo in itertools.combinations(range(len(sets)), k))


def _as_matrix(sets, count):
    covered = np.zeros((len(sets), count), dtype=bool)
    for c, members in enumerate(sets):
        covered[c, sorted(members)] = True
    return covered


# --------------------------------------------------------------------------------------
# Engine (core/bestsites.py)
# --------------------------------------------------------------------------------------

def test_greedy_matches_brute_force_on_a_hand_made_case():
    # 10 origins; candidate 3 reaches the most, which leaves 0 and 1 with nothing new;
    # candidate 5 only reaches people already within reach of an existing site
    people = [50, 40, 30, 20, 10, 5, 5, 5, 100, 1]
    sets = [{0, 1}, {1, 2}, {2, 3}, {0, 1, 2, 8}, {5, 6, 7, 9}, {4}]
    already = {4}
    covered = _as_matrix(sets, len(people))
    picks = greedy_sites(covered, np.array(people, float), _as_matrix([already], 10)[0], 6)
    got = [(p.row, p.pop_gain) for p in picks]
    assert got == _oracle_greedy(sets, people, already, 6)
    assert got == [(3, 220.0), (2, 20.0), (4, 16.0)]
    # the first pick is the single best candidate
    singles = [sum(people[o] for o in s - already) for s in sets]
    assert picks[0].row == int(np.argmax(singles))
    # here greedy is optimal for every k: it equals the best k-subset
    for k in range(1, len(picks) + 1):
        assert picks[k - 1].cum_pop_gain == _best_subset(sets, people, already, k)
    # cumulative gains are running totals; candidate 5 (all already reached) never picked
    assert [p.cum_pop_gain for p in picks] == list(np.cumsum([p.pop_gain for p in picks]))
    assert 5 not in [p.row for p in picks]
    assert len(picks) == 3     # then nobody new is left to reach


def test_equal_gains_go_to_the_first_candidate():
    people = np.array([3.0, 3.0, 1.0])
    covered = np.array([[0, 1, 0], [1, 0, 0], [1, 0, 0], [0, 0, 1]], dtype=bool)
    picks = greedy_sites(covered, people, np.zeros(3, bool), 4)
    assert [p.row for p in picks] == [0, 1, 3]


def test_greedy_is_greedy_not_optimal():
    # the classic case: the largest set first, though two others together cover more
    people = [1, 1, 1, 1, 1, 1]
    sets = [{0, 1, 2, 3}, {0, 1, 4}, {2, 3, 5}]
    picks = greedy_sites(_as_matrix(sets, 6), np.ones(6), np.zeros(6, bool), 2)
    assert [(p.row, p.pop_gain) for p in picks] == _oracle_greedy(sets, people, set(), 2)
    assert picks[-1].cum_pop_gain == 5 < _best_subset(sets, people, set(), 2) == 6


def test_greedy_matches_the_oracle_on_random_cases():
    rng = np.random.default_rng(11)
    for _ in range(40):
        count, candidates = 12, 7
        covered = rng.random((candidates, count)) < 0.3
        people = rng.integers(0, 6, size=count).astype(float)
        already = rng.random(count) < 0.2
        sets = [set(np.flatnonzero(row).tolist()) for row in covered]
        picks = greedy_sites(covered, people, already, 4)
        assert [(p.row, p.pop_gain) for p in picks] == _oracle_greedy(
            sets, people.tolist(), set(np.flatnonzero(already).tolist()), 4)
        if picks:
            assert picks[0].pop_gain == max(
                people[row & ~already].sum() for row in covered)


# --------------------------------------------------------------------------------------
# The algorithm on a hand-made street
# --------------------------------------------------------------------------------------

def _run(params, algorithm=ALG):
    import processing

    feedback = LogFeedback()
    return processing.run(algorithm, params, feedback=feedback), feedback


def _points(name, points, fields="field=label:string", values=None):
    layer = QgsVectorLayer(f"Point?crs={CRS}&{fields}", name, "memory")
    features = []
    for n, (x, y) in enumerate(points):
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
        feature.setAttributes(values[n] if values else [f"{name} {n}"])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def _street():
    layer = QgsVectorLayer(f"LineString?crs={CRS}", "street", "memory")
    feature = QgsFeature()
    feature.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(X0, Y0),
                                                    QgsPointXY(X0 + 2000.0, Y0)]))
    layer.dataProvider().addFeatures([feature])
    return layer


# Origins every 100 m along a 2 km street, 10 m off it; their people.
ORIGIN_X = [100.0 * i for i in range(21)]
PEOPLE = [5, 8, 30, 12, 1, 0, 7, 9, 40, 40, 3, 2, 15, 6, 6, 6, 20, 11, 4, 9, 13]
ORIGIN_GAP = 10.0
THRESHOLD = 150.0      # metres (COST_TYPE 1)
# Candidates on the street (fid 1, 2, ...): 4 and 5 stand at the same place (a tie),
# 6 on top of the existing site.
CANDIDATE_X = [220.0, 850.0, 1300.0, 1600.0, 1600.0, 1900.0, 50.0]
EXISTING_X = [1900.0]


def _street_sets():
    """Origins within reach of each candidate and of the existing site, by the straight
    walk along the street (the only way)."""
    def reach(x):
        return {i for i, ox in enumerate(ORIGIN_X) if abs(ox - x) + ORIGIN_GAP <= THRESHOLD}
    return [reach(x) for x in CANDIDATE_X], set().union(*(reach(x) for x in EXISTING_X))


def _street_params(**extra):
    params = {"NETWORK": _street(), "COST_TYPE": 1,
              "ORIGINS": _points("homes", [(X0 + x, Y0 + ORIGIN_GAP) for x in ORIGIN_X],
                                 "field=people:integer", [[p] for p in PEOPLE]),
              "POPULATION_FIELD": "people",
              "ASSETS": _points("existing", [(X0 + x, Y0) for x in EXISTING_X]),
              "CANDIDATES": _points("candidates", [(X0 + x, Y0) for x in CANDIDATE_X]),
              "THRESHOLD": THRESHOLD, "N_SITES": 5, "OUTPUT": "memory:"}
    params.update(extra)
    return params


def test_street_picks_match_the_oracle():
    result, feedback = _run(_street_params())
    rows = _rows(result["OUTPUT"])
    assert [f.name() for f in result["OUTPUT"].fields()] == ["label", "rank", "pop_gain",
                                                             "cum_pop_gain"]
    sets, already = _street_sets()
    expected = _oracle_greedy(sets, PEOPLE, already, 5)
    assert [(row["label"], row["pop_gain"]) for row in rows] == \
        [(f"candidates {c}", float(gain)) for c, gain in expected]
    assert [row["rank"] for row in rows] == list(range(1, len(rows) + 1))
    assert [row["cum_pop_gain"] for row in rows] == list(np.cumsum([g for _, g in expected]))
    labels = [row["label"] for row in rows]
    # the tie at 1600 m goes to the lower feature id; the candidate on top of the existing
    # site gains nothing and is never chosen
    assert "candidates 3" in labels and "candidates 4" not in labels
    assert "candidates 5" not in labels
    # the first pick is the single best candidate
    singles = [sum(PEOPLE[o] for o in s - already) for s in sets]
    assert labels[0] == f"candidates {int(np.argmax(singles))}"
    for k in (1, 2):
        assert rows[k - 1]["cum_pop_gain"] == _best_subset(sets, PEOPLE, already, k)
    assert "Within 150 m of an existing site" in feedback.text


def test_log_names_the_picks_by_feature_id():
    result, feedback = _run(_street_params(N_SITES=2))
    sets, already = _street_sets()
    first, second = (c for c, _ in _oracle_greedy(sets, PEOPLE, already, 2))
    picks = [line for line in feedback.lines if line.startswith("  ") and ". " in line]
    # memory layer feature ids start at 1: candidate row c is feature id c + 1; the
    # candidates' "name" field names them
    assert picks[0].startswith(f"  1. candidates {first} (feature id {first + 1}): +")
    assert picks[1].startswith(f"  2. candidates {second} (feature id {second + 1}): +")
    assert [row["rank"] for row in _rows(result["OUTPUT"])] == [1, 2]


def test_street_without_existing_sites_or_population():
    result, _ = _run(_street_params(ASSETS=None, POPULATION_FIELD=None, N_SITES=2))
    rows = _rows(result["OUTPUT"])
    sets, _ = _street_sets()
    expected = _oracle_greedy(sets, [1] * len(ORIGIN_X), set(), 2)
    assert [(row["label"], row["pop_gain"]) for row in rows] == \
        [(f"candidates {c}", float(gain)) for c, gain in expected]


def test_street_with_an_empty_existing_layer_has_no_existing_sites():
    """ASSETS given but empty: nobody is within reach yet, as without ASSETS."""
    result, feedback = _run(_street_params(ASSETS=_points("existing", []), N_SITES=3))
    without, _ = _run(_street_params(ASSETS=None, N_SITES=3))
    assert [(row["label"], row["pop_gain"]) for row in _rows(result["OUTPUT"])] == \
        [(row["label"], row["pop_gain"]) for row in _rows(without["OUTPUT"])]
    assert 'The layer "existing" (existing sites) has no features.' in feedback.text


def test_street_stops_when_nobody_new_is_in_reach():
    result, feedback = _run(_street_params(N_SITES=7))
    rows = _rows(result["OUTPUT"])
    sets, already = _street_sets()
    assert len(rows) == len(_oracle_greedy(sets, PEOPLE, already, 7)) < 7
    assert all(row["pop_gain"] > 0 for row in rows)
    assert "no other candidate brings anyone new" in feedback.text


# --------------------------------------------------------------------------------------
# The Helsinki sample, against an independent access score run
# --------------------------------------------------------------------------------------

def _helsinki_params(gpkg, **extra):
    params = {"NETWORK": _src(gpkg, "walk_network"),
              "ORIGINS": _src(gpkg, "population_grid"),
              "POPULATION_FIELD": "population",
              "ASSETS": _src(gpkg, "pharmacies"),
              "CANDIDATES": _src(gpkg, "food_retail"),
              "THRESHOLD": 5, "N_SITES": 5, "OUTPUT": "memory:"}
    params.update(extra)
    return params


def test_helsinki_matches_an_access_score_of_every_candidate(helsinki_gpkg):
    """Each candidate as its own kind in one access score run gives who it reaches (the
    grid cells judged at their point on surface, as best sites judges them)."""
    candidates = QgsVectorLayer(_src(helsinki_gpkg, "food_retail"), "food_retail", "ogr")
    layers, fids = [], []
    for feature in candidates.getFeatures():
        point = feature.geometry().asPoint()
        layers.append(_points(f"c{feature.id()}", [(point.x(), point.y())]))
        fids.append(feature.id())
    scores, _ = _run({"NETWORK": _src(helsinki_gpkg, "walk_network"),
                      "ORIGINS": _src(helsinki_gpkg, "population_grid"),
                      "POPULATION_FIELD": "population", "POLYGON_ORIGINS": 1,
                      "ASSETS": [_src(helsinki_gpkg, "pharmacies")] + layers,
                      "THRESHOLDS": "5", "OUTPUT": "memory:"}, "assetgaps:accessscore")
    origins = _rows(scores["OUTPUT"])
    people = [row["population"] if row["status"] == "ok" else 0 for row in origins]
    already = {i for i, row in enumerate(origins) if row["pharmacies_ok"] == 1}
    sets = [{i for i, row in enumerate(origins) if row[f"c{fid}_ok"] == 1} for fid in fids]
    expected = _oracle_greedy(sets, people, already, 5)
    result, _ = _run(_helsinki_params(helsinki_gpkg))
    rows = _rows(result["OUTPUT"])
    assert [(row["fid"], row["pop_gain"]) for row in rows] == \
        [(fids[c], float(gain)) for c, gain in expected]
    assert rows[0]["pop_gain"] == max(sum(people[o] for o in s - already) for s in sets)
    assert [row["rank"] for row in rows] == list(range(1, len(rows) + 1))
    assert [f.name() for f in result["OUTPUT"].fields()][-3:] == ["rank", "pop_gain",
                                                                   "cum_pop_gain"]


# --------------------------------------------------------------------------------------
# Bad input, qgis_process, inputs unchanged
# --------------------------------------------------------------------------------------

def _empty_candidates():
    return QgsVectorLayer(f"Point?crs={CRS}&field=label:string", "no candidates", "memory")


@pytest.mark.parametrize("change, words", [
    ({"N_SITES": 0}, ["N_SITES", "1 or more"]),
    ({"CANDIDATES": "empty"}, ["no candidates", "candidate sites", "no features"]),
    ({"THRESHOLD": 0}, ["THRESHOLD", "above 0"]),
    ({"CANDIDATES": "parks"}, ['CANDIDATES "parks" holds polygons: give a layer of points']),
], ids=["n_sites_0", "empty_candidates", "threshold_0", "polygon_candidates"])
def test_bad_input(helsinki_gpkg, tmp_copy, change, words):
    gpkg = tmp_copy(helsinki_gpkg)
    before = _sha(gpkg)
    out = gpkg.parent / "sites.gpkg"
    params = _helsinki_params(gpkg, OUTPUT=str(out))
    params.update(change)
    if params["CANDIDATES"] == "empty":
        params["CANDIDATES"] = _empty_candidates()
    elif params["CANDIDATES"] == "parks":   # by its path, as qgis_process gives it
        params["CANDIDATES"] = _src(gpkg, "parks")
    with pytest.raises(QgsProcessingException) as raised:
        _run(params)
    message = str(raised.value)
    assert all(word in message for word in words), message
    assert "Traceback" not in message
    assert _sha(gpkg) == before
    assert not out.exists()


def test_qgis_process(qgis_process, helsinki_gpkg, tmp_copy):
    gpkg = tmp_copy(helsinki_gpkg)
    before = _sha(gpkg)
    out = gpkg.parent / "best.gpkg"
    result = qgis_process(
        "run", ALG, f"--NETWORK={_src(gpkg, 'walk_network')}",
        f"--ORIGINS={_src(gpkg, 'population_grid')}", "--POPULATION_FIELD=population",
        f"--ASSETS={_src(gpkg, 'pharmacies')}", f"--CANDIDATES={_src(gpkg, 'food_retail')}",
        "--THRESHOLD=5", "--N_SITES=3", f"--OUTPUT={out}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.json is not None, result.stdout
    layer = QgsVectorLayer(result.json["results"]["OUTPUT"], "best", "ogr")
    assert layer.isValid()
    rows = _rows(layer)
    reference = _rows(_run(_helsinki_params(helsinki_gpkg, N_SITES=3))[0]["OUTPUT"])
    assert [(r["osm_id"], r["rank"], r["pop_gain"], r["cum_pop_gain"]) for r in rows] == \
        [(r["osm_id"], r["rank"], r["pop_gain"], r["cum_pop_gain"]) for r in reference]
    assert len(rows) == 3
    with sqlite3.connect(out) as db:   # the sites open styled, labelled with their rank
        assert [name for (name,) in db.execute("SELECT styleName FROM layer_styles")] == \
            ["bestsites"]
    assert _sha(gpkg) == before
