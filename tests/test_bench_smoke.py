"""Smoke test of the benchmarks: ``benchmarks/run.py --quick`` runs and prints its tables
(the national case too, alone, at its quick size).

Only that it works is checked; timings are never asserted in tests (they live in
``make bench``).
"""

import subprocess  # nosec B404 - test code only, never shipped
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
TABLE_HEADER = "| benchmark | edges | ours | QGIS native | native ÷ ours |"
STAGE_HEADER = "| run | read network | build graph |"


def run_quick(data_dir, *options):
    result = subprocess.run(  # nosec B603 - fixed interpreter and script, test code only
        [sys.executable, str(REPO_ROOT / "benchmarks" / "run.py"), "--quick",
         "--data-dir", str(data_dir), *options],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return result.stdout


def stage_rows(output):
    """The rows of the stage table: label -> its cells."""
    table = output[output.index(STAGE_HEADER):].split("\n\n")[0].splitlines()[2:]
    return {row.split(" | ")[0].lstrip("| "): row.split(" | ")[1:] for row in table}


def test_quick_benchmarks_run_and_print_the_tables(tmp_path):
    output = run_quick(tmp_path)
    assert TABLE_HEADER in output
    assert "buckets (ours column) vs networkx" in output and "PASS (max diff" in output
    for row in ("region accessscore: 3,000 point origins", "region catchments 5,10 min",
                "polygon origins (~430 m tiles) by area share",
                "fitted exponent k, time ∝ edges^k, n=25..70"):
        assert row in output
    assert "national" not in output
    # every run of ours has its time by stage: the region runs and the scaling series too
    rows = stage_rows(output)
    for label in ("region access, n=50", "region merged, n=50", "scaling n=70: merged "
                  "catchments (inside QGIS)", "large access, n=40"):
        assert label in rows, sorted(rows)
    assert "no 'Time by stage' line" not in output


def test_quick_national_case_runs_alone(tmp_path):
    output = run_quick(tmp_path, "--national")
    assert "parts: national\n" in output
    assert "national accessscore: 5,000 point origins, 7 kinds x 30 facilities" in output
    assert "region" not in output and "vs networkx" not in output
    assert "national access, n=60" in stage_rows(output)
