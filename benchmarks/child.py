"""Run one Processing algorithm in a fresh headless QGIS and time it (benchmarks only).

    /usr/bin/python3 benchmarks/child.py ALGORITHM PARAMS_JSON [--profile FILE.prof] [--stages]

Starts QGIS offscreen with the native algorithms and this plugin's provider (imported as
``community_asset_gaps`` from ``build/plugins``, like the tests), runs the algorithm once
with ``processing.run`` and prints one JSON line: {"seconds": wall time of the run alone,
"cpu_seconds": process CPU time of it, "log": the algorithm's log}. Start-up is not
timed. With ``--profile`` the run is under cProfile and the stats are saved to FILE.prof
(read them with ``python3 -m pstats``). With ``--stages`` the engine's main steps (see
STAGES) are timed without a profiler's overhead and reported as "stages": {name: [calls,
wall seconds, CPU seconds]}; times are inclusive, so a step's time also counts in the
step that calls it.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT / "tools"))
from headless import register_provider, start_qgis  # noqa: E402

PACKAGE = "community_asset_gaps"
# (module, function) pairs timed by --stages; modules outside the plugin are patched only
# where the plugin imported the function. Missing ones are skipped (the code moves on).
STAGES = [
    ("algorithms.layers", "read_lines"),
    ("algorithms.layers", "read_sites"),
    ("core.network", "build_network"),
    ("core.attach", "attach_geometries"),
    ("core.access", "locate_origin_points"),
    ("core.search", "node_costs"),
    ("core.reach", "reachable_parts"),
    ("core.access", "nearest_costs"),
    ("core.access", "overlay"),
    ("core.geometry", "part_coordinates"),
    ("core.geometry", "chain_parts"),
    ("core.geometry", "catchment_polygon"),
    ("shapely.ops", "unary_union"),
    ("core.catchments", "band_lines"),
    ("algorithms.layers", "from_shapely"),
]


def time_stages(stages=STAGES) -> dict:
    """Wrap each stage function wherever the plugin refers to it; returns the tally."""
    import functools
    import importlib

    tally = {}
    plugin_modules = [m for name, m in list(sys.modules.items())
                      if name == PACKAGE or name.startswith(PACKAGE + ".")]
    for module_name, function_name in stages:
        full = module_name if module_name.startswith("shapely") else f"{PACKAGE}.{module_name}"
        try:
            original = getattr(importlib.import_module(full), function_name)
        except (ImportError, AttributeError):
            continue
        label = f"{module_name}.{function_name}"

        def wrapper(*args, _original=original, _label=label, **kwargs):
            start, cpu = time.perf_counter(), time.process_time()
            try:
                return _original(*args, **kwargs)
            finally:
                calls, seconds, cpu_seconds = tally.get(_label, (0, 0.0, 0.0))
                tally[_label] = (calls + 1, seconds + time.perf_counter() - start,
                                 cpu_seconds + time.process_time() - cpu)

        functools.update_wrapper(wrapper, original)
        for module in plugin_modules:
            for attribute, value in list(vars(module).items()):
                if value is original:
                    setattr(module, attribute, wrapper)
    return tally


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("algorithm")
    parser.add_argument("parameters", help="JSON object of parameters")
    parser.add_argument("--profile", type=Path)
    parser.add_argument("--stages", action="store_true")
    arguments = parser.parse_args()
    app, provider = start_qgis(), register_provider()  # noqa: F841 - both must stay alive
    tally = time_stages() if arguments.stages else {}

    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProject

    class Feedback(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.lines = []

        def pushInfo(self, text):
            self.lines.append(text)

        def pushWarning(self, text):
            self.lines.append("WARNING " + text)

        def reportError(self, text, fatalError=False):
            self.lines.append("ERROR " + text)

    parameters = json.loads(arguments.parameters)
    feedback = Feedback()
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    profiler = None
    if arguments.profile:
        import cProfile

        profiler = cProfile.Profile()
    wall, cpu = time.perf_counter(), time.process_time()
    if profiler:
        profiler.enable()
    try:
        results = processing.run(arguments.algorithm, parameters, context=context,
                                 feedback=feedback)
        error = None
    except Exception as exc:  # report any failure as data for the caller
        results, error = {}, f"{type(exc).__name__}: {exc}"
    if profiler:
        profiler.disable()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    if profiler:
        profiler.dump_stats(str(arguments.profile))
    print(json.dumps({"seconds": wall, "cpu_seconds": cpu, "error": error,
                      "stages": {k: list(v) for k, v in tally.items()},
                      "results": {k: str(v) for k, v in results.items()},
                      "log": feedback.lines}))
    sys.stdout.flush()
    # QGIS's exit can crash after a run; the measurement is already out
    os._exit(0 if error is None else 1)


if __name__ == "__main__":
    sys.exit(main())
