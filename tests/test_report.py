"""core/report.py, the area profile's HTML report, without QGIS: one section at a time,
every value escaped, small counts shown as "<10", the words passed through the translate
function given."""

from shapely.geometry import box

from community_asset_gaps.core.profile import ZoneProfile
from community_asset_gaps.core.report import AreaReport, ReportData, readable_kind, readable_kinds


def _profile(population, desert_pop, share, priority=0):
    return ZoneProfile(population=population, unreached_pop=0.0, shares=[share, 100.0],
                       desert_pop=desert_pop,
                       desert_share=100.0 * desert_pop / population if population else None,
                       mean_score=50.0, priority=priority)


def _data(**changes):
    profiles = [_profile(120.0, 60.0, 25.0, priority=1), _profile(8.0, 0.0, 50.0)]
    data = ReportData(
        date="2024-01-31", input_name="scores <1>", zones_name="wards & co",
        kinds=["gp_surgeries", "parks"], total=_profile(128.0, 60.0, 26.6),
        profiles=profiles, zone_names=["North", "South"],
        zone_shapes=[box(0, 0, 10, 10), box(10, 0, 20, 10)], outside=2,
        deprivation=[2.0, None], deprivation_field="imd", min_missing=1, most_deprived=3.0,
        priority_share=10.0,
        deserts=[(1.0, box(1, 1, 2, 2), 60.0, 0.5, "gp_surgeries", 50.0)],
        deserts_note="Found again.", attribution="Contains HSY data")
    for key, value in changes.items():
        setattr(data, key, value)
    return data


def _english(context, text):
    assert context == "AssetGaps"
    return text


def test_the_report_has_every_section_in_order():
    html = AreaReport(_data(), _english).html()
    headings = ["Summary", "Who can walk to each kind of asset", "Largest deserts",
                "Priority zones", "Notes"]
    positions = [html.index(f"<h2>{h}</h2>") for h in headings]
    assert positions == sorted(positions)
    assert html.startswith("<!DOCTYPE html>") and html.endswith("</html>\n")


def test_values_are_escaped_and_small_counts_hidden():
    html = AreaReport(_data(), _english).html()
    assert "scores &lt;1&gt;" in html and "wards &amp; co" in html
    assert "<td>GP surgeries</td>" in html
    assert "&lt;10" in html          # South's 8 people
    assert "Contains HSY data." in html and "OpenStreetMap contributors" in html


def test_the_largest_deserts_name_their_zone():
    section = AreaReport(_data(), _english).largest_deserts()
    assert "<td>North</td>" in section


def test_without_a_deprivation_field_no_zone_is_a_priority():
    section = AreaReport(_data(deprivation_field=""), _english).priority_zones()
    assert "No deprivation field was given" in section


def test_words_go_through_the_translate_function():
    welsh = {"Summary": "Crynodeb", "Notes": "Nodiadau"}
    html = AreaReport(_data(), lambda context, text: welsh.get(text, text)).html()
    assert "<h2>Crynodeb</h2>" in html and "<h2>Nodiadau</h2>" in html


def test_readable_kinds():
    assert readable_kind("gp_surgeries") == "GP surgeries"
    assert readable_kinds("food_retail,nhs_dentists") == "Food retail, NHS dentists"


def test_readable_kinds_keep_their_meaning():
    assert readable_kind("childrens_play") == "Children's play"
    assert readable_kind("children_s_play_area") == "Children's play area"
    assert readable_kind("sports_leisure") == "Sports and leisure"
    assert readable_kind("sports_leisure_centres") == "Sports and leisure centres"


def test_thresholds_and_whole_area_are_stated_up_front():
    whole = _profile(300.0, 90.0, 40.0)
    data = _data(whole=whole, limits={"gp_surgeries": 20.0, "parks": 10.0}, unit="time_min")
    report = AreaReport(data, _english)
    coverage = report.coverage()
    assert "<td>GP surgeries</td><td>20 min walk</td>" in coverage
    assert "<td>Parks</td><td>10 min walk</td>" in coverage
    summary = report.summary()
    # the whole area first, then the zones; the key says why they differ
    assert "<td>People</td><td class=\"n\">300</td><td class=\"n\">128</td>" in summary
    assert "The access scores cover 300 people" in summary
    assert "172 people (2 homes, grid cells or areas) live outside every zone" in summary
    metres = AreaReport(_data(limits={"parks": 800.0}, unit="distance_m"), _english)
    assert "<td>800 m</td>" in metres.coverage()
    unrecorded = AreaReport(_data(), _english).coverage()
    assert "does not record its thresholds" in unrecorded


def test_the_map_draws_zones_and_deserts():
    section = AreaReport(_data(), _english).desert_map()
    assert section.count('<path class="zone"') == 2
    assert section.count('<path class="desert"') == 1
    assert ">North</text>" in section and ">1</text>" in section
    html = AreaReport(_data(), _english).html()
    assert html.count("<section") == 5 and "@media print" in html
