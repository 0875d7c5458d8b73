"""docs/parameters.md is generated from the algorithms' own parameter definitions
(tools/build_parameter_reference.py): it fails here when a parameter changed and the
reference was not rebuilt, and the hand-written docs link to it instead of copying it."""

import build_parameter_reference as reference

REPO = reference.REPO_ROOT


def test_the_parameter_reference_is_current():
    assert reference.REFERENCE.read_text(encoding="utf-8") == reference.reference_markdown(), \
        "docs/parameters.md is stale: run tools/build_parameter_reference.py"


def test_every_algorithm_and_network_parameter_is_in_the_reference():
    text = reference.REFERENCE.read_text(encoding="utf-8")
    for algorithm in ("catchments", "accessscore", "deserts", "areaprofile", "networkcheck",
                      "scenario", "bestsites", "assetgapspipeline"):
        assert f"`assetgaps:{algorithm}`" in text
    for name in ("NETWORK", "NETWORK_EXTRA", "NETWORK_PRESET", "NETWORK_FILTER", "STEP_FREE",
                 "CONNECT_TOLERANCE", "COST_TYPE", "WALK_SPEED", "MAX_SNAP_DISTANCE"):
        assert f"| `{name}` |" in text


def test_the_readme_and_the_guide_link_to_the_reference_instead_of_copying_it():
    for document in (REPO / "README.md", REPO / "docs" / "guide.md"):
        text = document.read_text(encoding="utf-8")
        assert "parameters.md" in text, document
        assert "| `MAX_SNAP_DISTANCE` |" not in text, document
