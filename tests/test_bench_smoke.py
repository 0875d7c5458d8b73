"""Smoke test of the benchmarks: ``benchmarks/run.py --quick`` runs and prints its table.

Only that it works is checked; timings are never asserted in tests (they live in
``make bench``).
"""

import subprocess  # nosec B404 - test code only, never shipped
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
TABLE_HEADER = "| benchmark | edges | ours | QGIS native | native ÷ ours |"


def test_quick_benchmarks_run_and_print_the_table(tmp_path):
    result = subprocess.run(  # nosec B603 - fixed interpreter and script, test code only
        [sys.executable, str(REPO_ROOT / "benchmarks" / "run.py"), "--quick",
         "--data-dir", str(tmp_path)],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert TABLE_HEADER in result.stdout
    assert "Dijkstra" in result.stdout and "PASS (max diff" in result.stdout
