#!/usr/bin/env python3
"""Benchmarks: this plugin's algorithms side by side with the closest QGIS native path.

    make bench                                   # everything but --national (see README)
    make bench BENCH_ARGS="--only region"        # one part (repeat --only for more)
    make bench BENCH_ARGS=--national             # the national case alone (4M edges)
    .venv/bin/python benchmarks/run.py --quick   # small sizes only: a smoke test
    .venv/bin/python benchmarks/run.py --profile # also cProfile the large runs

Every case runs in a child process (``qgis_process.bin``, or ``benchmarks/child.py`` for a
run timed inside QGIS without start-up); its wall time, CPU time and peak memory (maximum
resident set size, from ``os.wait4``) are measured. Data are generated street grids
(``benchmarks/networks.py``) and the real samples. At the end one table prints the
measurements, native ÷ ours ratios and the performance targets with PASS/FAIL, and a
second table the time of each stage of every run of ours (read network, build graph,
search, polygons, write...), parsed from the "Time by stage" line that ends each run's log.

Timings depend on what else runs on the machine: the load average is printed before and
after, and CPU times are printed beside wall times. Nothing here is run by the unit tests
except ``--quick`` (which checks that it works, never how fast).
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess  # nosec B404 - developer tool, never shipped
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple

import numpy as np

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import networks  # noqa: E402

PLUGIN_NAME = "community_asset_gaps"
BUILD_PLUGINS = REPO_ROOT / "build" / "plugins"
PLUGIN_LINK = BUILD_PLUGINS / PLUGIN_NAME
QGIS_PROCESS = shutil.which("qgis_process.bin") or "/usr/bin/qgis_process.bin"
SYSTEM_PYTHON = "/usr/bin/python3"
CHILD = HERE / "child.py"
MIB = 1024 ** 2
GIB = 1024 ** 3
WALK_SPEED_KMH = 4.8
METRES_PER_MINUTE = WALK_SPEED_KMH * 1000.0 / 60.0

TABLE_HEADER = ("| benchmark | edges | ours | QGIS native | native ÷ ours | peak MiB ours / native "
                "| target | result |")

# Targets (docs/architecture.md, "Performance"): beat the native POLYGON workflow by 20x,
# and get as close as possible to the native lines-only time: at least match it.
TARGET_RATIO = 20.0
LINES_ONLY_TARGET = "ours (with polygons) ≤ native lines only; 20x is against polygons"
TARGET_SECONDS = 30.0
TARGET_BYTES = 2 * GIB
TARGET_EXPONENT = 1.15
# With a DEM (walking time that knows the slope), the large merged catchments may take at
# most this many times their flat time.
TARGET_SLOPE_RATIO = 1.5
NATIVE_POLYGON_BUDGET_S = 600.0
# Polygon origins judged by area share: within this many times the access score of the
# point origins on the same network (the region's 500,000 points) or, where no such run
# is given, the same layer judged at one point on each polygon's surface.
AREA_SHARE_TARGET = 3.0
# The yardstick measured when the targets were set: native service area then buffer 25 m
# with dissolve, 100 facilities, 150 x 150 grid: 7.4 s + 88.5 s.
YARDSTICK = "yardstick: 7.4 s + 88.5 s for 100 facilities on 43k edges"
# Region size (a city region: the 1000 x 1000 grid, about 1.9 million edges), timed with
# qgis_process as a user would run it (its start-up, about 2 s, included).
REGION_ACCESS_SECONDS = 30.0
REGION_CATCHMENTS_SECONDS = 45.0
REGION_BYTES = 2 * GIB
# From half a million to four million edges, time roughly linear in edges.
TARGET_REGION_EXPONENT = 1.1
# National size (the 1400 x 1400 grid, about 4 million edges, 2 million origins, seven
# kinds): within five minutes and 12 GiB; a run is stopped after NATIONAL_TIMEOUT_S.
NATIONAL_SECONDS = 300.0
NATIONAL_BYTES = 12 * GIB
NATIONAL_TIMEOUT_S = 1800.0


@dataclass
class Sizes:
    """What each benchmark runs on; ``--quick`` shrinks everything."""

    headline_n: int = 150
    headline_facilities: int = 300
    headline_cost_m: float = 800.0
    headline_trim_m: float = 25.0
    large_n: int = 408
    large_facilities: int = 2000
    per_facility: int = 200
    native_probe: int = 20
    origins: int = 20000
    kind_facilities: int = 2000
    scaling: Sequence[int] = (50, 100, 200, 400)
    native_scaling: Sequence[int] = (50, 100, 200)
    engines_n: int = 408
    engines_facilities: int = 2000
    startup_repeats: int = 3
    # polygon origins: jittered tiles about this size (LSOA-like) over the large grid
    tile_m: float = 170.0
    # region size: the grid, its point origins, facilities for the catchments, facilities
    # of each kind, and LSOA-sized tiles (about 35,000 over it)
    region_n: int = 1000
    region_origins: int = 500_000
    region_facilities: int = 2000
    region_kind_facilities: int = 2000
    region_tile_m: float = 430.0
    # grids of the scaling from half a million to four million edges (facilities scaled
    # with the area: region_facilities on the region grid)
    region_scaling: Sequence[int] = (500, 700, 1000, 1400)
    # --national: the grid, its point origins and the facilities of each of seven kinds
    national_n: int = 1400
    national_origins: int = 2_000_000
    national_kind_facilities: int = 4000


QUICK = Sizes(headline_n=30, headline_facilities=12, large_n=40, large_facilities=20,
              per_facility=10, native_probe=4, origins=300, kind_facilities=20,
              scaling=(20, 30, 40, 60), native_scaling=(20, 30), engines_n=40,
              engines_facilities=20, startup_repeats=1, region_n=50, region_origins=3000,
              region_facilities=20, region_kind_facilities=20, region_scaling=(25, 35, 50, 70),
              national_n=60, national_origins=5000, national_kind_facilities=30)

KINDS = ("parks", "libraries", "gp_surgeries", "community_centres")
NATIONAL_KINDS = KINDS + ("schools", "pharmacies", "food_shops")

# The line that ends the log of every run of ours (algorithms/base.py, StageTimes):
# "Time by stage: read network 6.1 s, build graph 3.0 s, ...; total 38.2 s."
STAGE_LINE = re.compile(r"Time by stage: (?P<stages>.*); total (?P<total>[0-9.]+) s\.")
STAGE_ITEM = re.compile(r"(?P<name>.+) (?P<seconds>[0-9.]+) s")


# --------------------------------------------------------------------------- measuring

@dataclass
class Run:
    """One child process: wall and CPU seconds, peak resident memory, its output."""

    args: List[str]
    wall: float
    cpu: float
    peak_bytes: int
    returncode: int
    stdout: str
    stderr: str
    timed_out: bool = False
    seconds: Optional[float] = None  # the algorithm alone (benchmarks/child.py)
    data: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out

    def problem(self) -> str:
        if self.timed_out:
            return f"stopped after {self.wall:.0f} s"
        tail = (self.data.get("error") or self.stderr.strip() or self.stdout.strip())
        return f"exit {self.returncode}: {tail[-2000:]}"

    def log_lines(self) -> List[str]:
        """The algorithm's log: benchmarks/child.py gives a list, ``qgis_process --json``
        a dict of lists by level ("info", ...)."""
        log = self.data.get("log") or []
        if isinstance(log, dict):
            return [line for lines in log.values() for line in lines]
        return list(log)

    def stages(self) -> Optional[Tuple[Dict[str, float], float]]:
        """({stage: seconds}, total) from the log's last "Time by stage" line, or None."""
        for line in reversed(self.log_lines()):
            found = STAGE_LINE.search(line)
            if found:
                items = [STAGE_ITEM.fullmatch(item.strip())
                         for item in found["stages"].split(",")]
                return ({item["name"]: float(item["seconds"]) for item in items if item},
                        float(found["total"]))
        return None


def measure(args: Sequence[str], env: Optional[dict] = None,
            timeout: Optional[float] = None) -> Run:
    """Run ``args`` and measure it with ``os.wait4`` (this child's own rusage)."""
    args = [str(a) for a in args]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(args, stdout=out, stderr=err, env=env)  # nosec B603
        lock = threading.Lock()
        state = {"reaped": False, "timed_out": False}

        def stop():
            with lock:
                if not state["reaped"]:
                    state["timed_out"] = True
                    process.kill()

        timer = threading.Timer(timeout, stop) if timeout else None
        if timer:
            timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        with lock:
            state["reaped"] = True
        wall = time.perf_counter() - start
        if timer:
            timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    return Run(args, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024,
               process.returncode, stdout, stderr, state["timed_out"])


def ensure_plugin_link() -> None:
    """build/plugins/community_asset_gaps -> ../.. (as tests/conftest.py makes it)."""
    BUILD_PLUGINS.mkdir(parents=True, exist_ok=True)
    if PLUGIN_LINK.is_symlink() and PLUGIN_LINK.resolve() == REPO_ROOT:
        return
    if PLUGIN_LINK.is_symlink():
        PLUGIN_LINK.unlink()
    elif PLUGIN_LINK.exists():
        raise SystemExit(f"{PLUGIN_LINK} exists and is not a symlink; remove it (make clean)")
    try:
        PLUGIN_LINK.symlink_to(Path("..") / "..", target_is_directory=True)
    except FileExistsError:  # made by a concurrent test run meanwhile
        pass


class Qgis:
    """qgis_process.bin with a private profile where this plugin is enabled, and
    benchmarks/child.py for runs timed inside QGIS."""

    def __init__(self, work: Path):
        self.work = work
        home = work / "home"
        runtime = work / "xdg_runtime"
        home.mkdir(parents=True, exist_ok=True)
        runtime.mkdir(parents=True, exist_ok=True)
        runtime.chmod(0o700)
        self.env = dict(os.environ, HOME=str(home), XDG_RUNTIME_DIR=str(runtime),
                        QGIS_PLUGINPATH=str(BUILD_PLUGINS), QT_QPA_PLATFORM="offscreen")
        enable = measure([QGIS_PROCESS, "plugins", "enable", PLUGIN_NAME], self.env, 300)
        if not enable.ok:
            raise SystemExit(f"qgis_process.bin plugins enable failed: {enable.problem()}")
        self.project = work / "empty.qgs"
        made = measure([SYSTEM_PYTHON, "-c",
                        "import sys\nfrom qgis.core import QgsApplication, QgsProject\n"
                        "app = QgsApplication([], False)\napp.initQgis()\n"
                        "sys.exit(0 if QgsProject().write(sys.argv[1]) else 1)",
                        self.project], self.env, 120)
        if not made.ok:
            raise SystemExit(f"could not write an empty QGIS project: {made.problem()}")
        self.count = 0

    def output(self, name: str, ext: str = "gpkg") -> Path:
        self.count += 1
        path = self.work / "out" / f"{self.count:03d}_{name}.{ext}"
        path.parent.mkdir(exist_ok=True)
        return path

    def process(self, algorithm: str, parameters: Dict[str, object], project: bool = False,
                timeout: float = 3600.0) -> Run:
        """qgis_process.bin run ALGORITHM --json --NAME=VALUE... (lists repeat NAME)."""
        args = [QGIS_PROCESS, "run", algorithm, "--json"]
        for name, value in parameters.items():
            for item in value if isinstance(value, (list, tuple)) else [value]:
                args.append(f"--{name}={item}")
        if project:
            args.append(f"--PROJECT_PATH={self.project}")
        run = measure(args, self.env, timeout)
        try:
            run.data = json.loads(run.stdout)
        except ValueError:
            run.data = {}
        return run

    def inside(self, algorithm: str, parameters: Dict[str, object],
               profile: Optional[Path] = None, stages: bool = False,
               timeout: float = 3600.0) -> Run:
        """The algorithm timed inside a fresh QGIS, without start-up (benchmarks/child.py)."""
        args = [SYSTEM_PYTHON, CHILD, algorithm, json.dumps(parameters)]
        if profile:
            args += ["--profile", profile]
        if stages:
            args.append("--stages")
        run = measure(args, self.env, timeout)
        lines = [line for line in run.stdout.splitlines() if line.startswith("{")]
        if lines:
            run.data = json.loads(lines[-1])
            run.seconds = run.data.get("seconds")
        return run


# --------------------------------------------------------------------------- reporting

@dataclass
class Row:
    benchmark: str
    edges: Optional[int] = None
    ours: str = ""
    native: str = ""
    ratio: str = ""
    memory: str = ""
    target: str = ""
    result: str = ""


@dataclass
class StagedRun:
    """A run of ours with its time by stage: ``outside`` is the run's own time (inside
    QGIS, or the qgis_process wall minus its start-up) that no stage holds."""

    label: str
    run: Run
    stages: Dict[str, float]
    total: float
    outside: float


class Report:
    def __init__(self, quick: bool):
        self.quick = quick
        self.rows: List[Row] = []
        self.notes: List[str] = []
        self.errors: List[str] = []
        self.judged: List[bool] = []
        self.staged: List[StagedRun] = []
        self.boot = 0.0  # qgis_process start-up, once measured

    def judge(self, passed: Optional[bool], count: bool = True) -> str:
        """PASS/FAIL; ``count`` False for a cross-check left out of the tally."""
        if passed is None:
            return "-"
        if self.quick:
            return "n/a (quick)"
        if count:
            self.judged.append(passed)
        return "PASS" if passed else "FAIL"

    def error(self, what: str, run: Run) -> None:
        self.errors.append(f"{what}: {run.problem()}")
        print(f"  ERROR {what}: {run.problem()}", flush=True)

    def note(self, text: str) -> None:
        self.notes.append(text)
        print(f"  {text}", flush=True)

    def stages(self, label: str, run: Run) -> Optional[float]:
        """Keep the time by stage of one run of ours for the stage table and print it;
        returns the stages' total (the run inside QGIS, without start-up) or None."""
        found = run.stages()
        if found is None:
            self.note(f"{label}: no 'Time by stage' line in its log")
            return None
        stages, total = found
        seconds = run.seconds if run.seconds is not None else run.wall - self.boot
        self.staged.append(StagedRun(label, run, stages, total, seconds - total))
        print("  time by stage: " + ", ".join(f"{name} {seconds:.1f} s"
                                               for name, seconds in stages.items())
              + f"; total {s(total)}; outside the stages {s(seconds - total)} (process: "
              f"wall {s(run.wall)}, CPU {s(run.cpu)}, peak {mib(run)} MiB)", flush=True)
        return total

    def stage_table(self) -> str:
        """One row per run of ours, one column per stage (each placed after the stage
        that came before it in the run that first met it)."""
        names: List[str] = []
        for staged in self.staged:
            before = None
            for name in staged.stages:
                if name not in names:
                    names.insert(names.index(before) + 1 if before else 0, name)
                before = name
        lines = ["| run | " + " | ".join(names) + " | total | outside the stages "
                 "| process wall / CPU | peak MiB |",
                 "|---|" + "---:|" * (len(names) + 4)]
        for staged in self.staged:
            run = staged.run
            cells = [f"{staged.stages[name]:.1f} s" if name in staged.stages else "-"
                     for name in names]
            lines.append(f"| {staged.label} | " + " | ".join(cells) + f" | {s(staged.total)} "
                         f"| {s(staged.outside)} | {s(run.wall)} / {s(run.cpu)} "
                         f"| {mib(run)} |")
        return "\n".join(lines)

    def table(self) -> str:
        lines = [TABLE_HEADER, "|---|---:|---:|---:|---:|---:|---|---|"]
        for r in self.rows:
            edges = f"{r.edges:,}" if r.edges else ""
            lines.append(f"| {r.benchmark} | {edges} | {r.ours} | {r.native} | {r.ratio} | "
                         f"{r.memory} | {r.target} | {r.result} |")
        return "\n".join(lines)


def s(seconds: Optional[float]) -> str:
    return "-" if seconds is None else f"{seconds:.2f} s" if seconds < 10 else f"{seconds:.1f} s"


def mib(run: Optional[Run]) -> str:
    return "-" if run is None else f"{run.peak_bytes / MIB:,.0f}"


def ratio(native: Optional[float], ours: Optional[float]) -> Optional[float]:
    if native is None or ours is None or ours <= 0:
        return None
    return native / ours


def x(value: Optional[float]) -> str:
    return "-" if value is None else f"{value:.1f}x"


def progress(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


def cpu_note(label: str, run: Run) -> str:
    return (f"{label}: wall {run.wall:.2f} s, CPU {run.cpu:.2f} s, "
            f"peak {run.peak_bytes / MIB:.0f} MiB")


def net(seconds: float, boot: float) -> float:
    """Seconds minus the start-up, never below 10 ms (tiny runs are all start-up)."""
    return max(0.01, seconds - boot)


def gpkg_area(path: Path) -> float:
    """Total area of every polygon in the GeoPackage's first layer (square metres)."""
    from osgeo import ogr

    source = ogr.Open(str(path))
    if source is None:
        return float("nan")
    layer = source.GetLayer(0)
    return sum(f.GetGeometryRef().GetArea() for f in layer if f.GetGeometryRef() is not None)


# --------------------------------------------------------------------------- benchmarks

def catchment_parameters(network: str, facilities: str, output: Path, thresholds: str,
                         overlap: int, cost_type: int = 0, trim: Optional[float] = None
                         ) -> dict:
    parameters = {"NETWORK": network, "FACILITIES": facilities, "THRESHOLDS": thresholds,
                  "COST_TYPE": cost_type, "OVERLAP": overlap, "OUTPUT": str(output)}
    if trim is not None:
        parameters["TRIM_DISTANCE"] = trim
    return parameters


def access_parameters(data, origins: str, kinds: Sequence[str], output: Path,
                      **more) -> dict:
    """assetgaps:accessscore on ``data``'s grid: one asset layer per kind (layer named like
    the kind), 10 minutes for every kind."""
    return dict({"NETWORK": data.uri("network"), "ORIGINS": origins,
                 "ASSETS": [data.uri(kind) for kind in kinds], "ASSET_NAMES": ",".join(kinds),
                 "THRESHOLDS": "10", "OUTPUT": str(output)}, **more)


def native_service_area(qgis: Qgis, network: str, points: str, cost_m: float, output: Path,
                        timeout: float = 3600.0, inside: bool = False) -> Run:
    """native:serviceareafromlayer, lines only, shortest (distance), both directions; with
    ``inside``, timed inside QGIS (benchmarks/child.py) instead of by qgis_process."""
    parameters = {"INPUT": network, "STRATEGY": 0, "DEFAULT_DIRECTION": 2, "TOLERANCE": 0,
                  "START_POINTS": points, "TRAVEL_COST2": cost_m, "INCLUDE_BOUNDS": False,
                  "OUTPUT_LINES": str(output)}
    if inside:
        return qgis.inside("native:serviceareafromlayer", parameters, timeout=timeout)
    return qgis.process("native:serviceareafromlayer", parameters, project=True,
                        timeout=timeout)


def startup(qgis: Qgis, sizes: Sizes, data_dir: Path, report: Report) -> tuple:
    """qgis_process start-up: native:buffer on a one-point layer (median of runs)."""
    progress("qgis_process start-up (native:buffer on one point)")
    point = networks.write_one_point(data_dir / "one_point.gpkg")
    walls, cpus = [], []
    for _ in range(sizes.startup_repeats):
        run = qgis.process("native:buffer", {"INPUT": f"{point}|layername=point",
                                             "DISTANCE": 10, "OUTPUT": str(qgis.output("buf"))})
        if not run.ok:
            report.error("start-up run", run)
            return 0.0, 0.0
        walls.append(run.wall)
        cpus.append(run.cpu)
    value = statistics.median(walls)
    report.note(f"qgis_process start-up: {value:.2f} s (median of "
                f"{', '.join(f'{w:.2f}' for w in walls)}; CPU {statistics.median(cpus):.2f} s), "
                "subtracted where marked 'net'")
    return value, statistics.median(cpus)


def headline(qgis: Qgis, sizes: Sizes, data_dir: Path, boot: float, boot_cpu: float,
             report: Report, profile_dir: Optional[Path] = None) -> None:
    n, count = sizes.headline_n, sizes.headline_facilities
    layer = f"facilities_{count}"
    data = networks.grid_data(n, data_dir, {layer: count})
    cost = sizes.headline_cost_m
    progress(f"merged catchments vs native:serviceareafromlayer: n={n}, {data.edges:,} edges, "
             f"{count} facilities, {cost:g} m")
    ours_out = qgis.output("ours_headline")
    parameters = catchment_parameters(data.uri("network"), data.uri(layer), ours_out,
                                      f"{cost:g}", 1, cost_type=1, trim=sizes.headline_trim_m)
    ours = qgis.process("assetgaps:catchments", parameters)
    if not ours.ok:
        report.error("assetgaps:catchments (headline)", ours)
        return
    report.note(cpu_note("ours (catchments, polygons)", ours))
    report.stages(f"headline: merged catchments, n={n} (qgis_process)", ours)
    native_lines = qgis.output("native_headline_lines")
    native = native_service_area(qgis, data.uri("network"), data.uri(layer), cost, native_lines)
    if not native.ok:
        report.error("native:serviceareafromlayer (headline)", native)
        return
    report.note(cpu_note("native service area (lines)", native))
    ours_net, native_net = net(ours.wall, boot), net(native.wall, boot)
    ours_cpu, native_cpu = net(ours.cpu, boot_cpu), net(native.cpu, boot_cpu)
    lines_ratio = ratio(native_net, ours_net)
    label = f"merged catchments {cost:g} m, {count} facilities (net)"
    report.rows.append(Row(
        f"{label} vs native:serviceareafromlayer, lines only", data.edges,
        f"{s(ours_net)} (CPU {s(ours_cpu)})", f"{s(native_net)} (CPU {s(native_cpu)})",
        f"{x(lines_ratio)} (CPU {x(ratio(native_cpu, ours_cpu))})", f"{mib(ours)} / {mib(native)}",
        LINES_ONLY_TARGET,
        report.judge(lines_ratio is not None and lines_ratio >= 1.0)))

    progress("the same two runs timed inside QGIS (no start-up to subtract)")
    ours_inside = qgis.inside("assetgaps:catchments", dict(
        parameters, OUTPUT=str(qgis.output("ours_headline_inside"))))
    native_inside = native_service_area(qgis, data.uri("network"), data.uri(layer), cost,
                                        qgis.output("native_headline_inside"), inside=True)
    if ours_inside.ok:
        report.stages(f"headline: merged catchments, n={n} (inside QGIS)", ours_inside)
    if ours_inside.ok and native_inside.ok:
        inside_ratio = ratio(native_inside.seconds, ours_inside.seconds)
        report.rows.append(Row(
            f"{label.replace(' (net)', '')} vs native lines only, both timed inside QGIS "
            "(no start-up)", data.edges,
            f"{s(ours_inside.seconds)} (CPU {s(ours_inside.data['cpu_seconds'])})",
            f"{s(native_inside.seconds)} (CPU {s(native_inside.data['cpu_seconds'])})",
            x(inside_ratio), f"{mib(ours_inside)} / {mib(native_inside)}",
            f"cross-check of the first row ({LINES_ONLY_TARGET})",
            report.judge(inside_ratio is not None and inside_ratio >= 1.0, count=False)))
    else:
        report.error("headline inside QGIS", ours_inside if not ours_inside.ok else native_inside)

    progress(f"native polygon workflow: native:buffer {sizes.headline_trim_m:g} m, dissolved, "
             f"on the service-area lines (stopped after {NATIVE_POLYGON_BUDGET_S:.0f} s)")
    native_polygons = qgis.output("native_headline_polygons")
    buffer = qgis.process("native:buffer", {
        "INPUT": str(native_lines), "DISTANCE": sizes.headline_trim_m, "SEGMENTS": 5,
        "DISSOLVE": True, "OUTPUT": str(native_polygons)},
        timeout=max(1.0, NATIVE_POLYGON_BUDGET_S - native.wall))
    if buffer.timed_out:
        report.rows.append(Row(
            f"{label} vs native service area + buffer {sizes.headline_trim_m:g} m dissolved",
            data.edges, s(ours_net), f"> {NATIVE_POLYGON_BUDGET_S:.0f} s (skipped)",
            f"> {NATIVE_POLYGON_BUDGET_S / ours_net:.0f}x", f"{mib(ours)} / {mib(buffer)}",
            f"native ÷ ours ≥ {TARGET_RATIO:g}x", report.judge(
                NATIVE_POLYGON_BUDGET_S / ours_net >= TARGET_RATIO)))
        report.note(f"native polygon workflow stopped after {NATIVE_POLYGON_BUDGET_S:.0f} s; "
                    f"{YARDSTICK}")
        return
    if not buffer.ok:
        report.error("native:buffer (headline polygons)", buffer)
        return
    report.note(cpu_note("native buffer + dissolve", buffer))
    polygon_net = native_net + net(buffer.wall, boot)
    polygon_cpu = native_cpu + net(buffer.cpu, boot_cpu)
    polygon_ratio = ratio(polygon_net, ours_net)
    report.rows.append(Row(
        f"{label} vs native service area + buffer {sizes.headline_trim_m:g} m dissolved",
        data.edges, f"{s(ours_net)} (CPU {s(ours_cpu)})",
        f"{s(polygon_net)} (CPU {s(polygon_cpu)})",
        f"{x(polygon_ratio)} (CPU {x(ratio(polygon_cpu, ours_cpu))})",
        f"{mib(ours)} / {max(native.peak_bytes, buffer.peak_bytes) / MIB:,.0f}",
        f"native ÷ ours ≥ {TARGET_RATIO:g}x",
        report.judge(polygon_ratio is not None and polygon_ratio >= TARGET_RATIO)))
    ours_area, native_area = gpkg_area(ours_out), gpkg_area(native_polygons)
    report.note(f"same catchment? area ours {ours_area / 1e4:,.1f} ha, native buffered lines "
                f"{native_area / 1e4:,.1f} ha ({100 * (ours_area / native_area - 1):+.2f}%; "
                "ours adds the walk from each point to the street and uses the walkability "
                "preset)")
    if profile_dir is not None:
        profile_case(qgis, "assetgaps:catchments", parameters, profile_dir / "headline.prof",
                     report)


def large(qgis: Qgis, sizes: Sizes, data_dir: Path, boot: float, report: Report,
          profile_dir: Optional[Path]) -> None:
    n = sizes.large_n
    merged_layer = f"facilities_{sizes.large_facilities}"
    per_layer = f"facilities_{sizes.per_facility}"
    probe_layer = f"facilities_{sizes.native_probe}"
    origin_layer = f"origins_{sizes.origins}"
    points = {merged_layer: sizes.large_facilities, per_layer: sizes.per_facility,
              probe_layer: sizes.native_probe, origin_layer: sizes.origins}
    points.update({kind: sizes.kind_facilities for kind in KINDS})
    data = networks.grid_data(n, data_dir, points)
    network = data.uri("network")
    ten_minutes = 10 * METRES_PER_MINUTE

    progress(f"native service area at n={n} ({data.edges:,} edges): {sizes.per_facility} and "
             f"{sizes.native_probe} facilities, {ten_minutes:g} m (10 minutes), lines only")
    native = native_service_area(qgis, network, data.uri(per_layer), ten_minutes,
                                 qgis.output("native_large"))
    probe = native_service_area(qgis, network, data.uri(probe_layer), ten_minutes,
                                qgis.output("native_probe"))
    estimate = None
    if native.ok and probe.ok:
        report.note(cpu_note(f"native service area, {sizes.per_facility} facilities", native))
        report.note(cpu_note(f"native service area, {sizes.native_probe} facilities", probe))
        per_site = max(0.0, (native.wall - probe.wall) / (sizes.per_facility - sizes.native_probe))
        fixed = max(0.0, probe.wall - sizes.native_probe * per_site)
        estimate = {count: fixed + count * per_site
                    for count in (sizes.large_facilities, sizes.kind_facilities)}
        report.note(f"native service area model: {fixed:.1f} s (start-up, reading, graph) + "
                    f"{per_site:.3f} s per facility")
    else:
        report.error("native:serviceareafromlayer (large)", native if not native.ok else probe)

    def target_row(name: str, run: Run, native_text: str, native_seconds: Optional[float],
                   native_run: Optional[Run]):
        passed = run.wall < TARGET_SECONDS and run.peak_bytes < TARGET_BYTES
        report.rows.append(Row(
            name, data.edges,
            f"{s(run.wall)} (net {s(net(run.wall, boot))}, CPU {s(run.cpu)})", native_text,
            x(ratio(native_seconds, run.wall)), f"{mib(run)} / {mib(native_run)}",
            f"< {TARGET_SECONDS:g} s and < {TARGET_BYTES / GIB:g} GiB", report.judge(passed)))

    cases = [
        ("merged", f"catchments 5,10 min, {sizes.large_facilities:,} facilities, polygons "
                   "(OVERLAP=1)", "assetgaps:catchments",
         catchment_parameters(network, data.uri(merged_layer), qgis.output("ours_merged"),
                              "5,10", 1),
         sizes.large_facilities),
        ("per_facility", f"catchments 5,10 min per facility, {sizes.per_facility} facilities "
                         "(OVERLAP=0)", "assetgaps:catchments",
         catchment_parameters(network, data.uri(per_layer), qgis.output("ours_per_facility"),
                              "5,10", 0),
         sizes.per_facility),
        ("access", f"accessscore: {sizes.origins:,} origins, 4 kinds x "
                   f"{sizes.kind_facilities:,} facilities, 10 min", "assetgaps:accessscore",
         access_parameters(data, data.uri(origin_layer), KINDS, qgis.output("ours_access")),
         None),
    ]
    timed = {}
    for key, name, algorithm, parameters, facilities in cases:
        progress(f"{name} (n={n})")
        run = qgis.process(algorithm, parameters)
        if not run.ok:
            report.error(name, run)
            continue
        timed[key] = run
        report.note(cpu_note(f"ours, {key}", run))
        report.stages(f"large {key}, n={n}", run)
        if key == "per_facility":
            native_run = native if native.ok else None
            native_seconds = native.wall if native.ok else None
            native_text = (f"{s(native_seconds)} ({sizes.per_facility} service areas, lines)"
                           if native_run else "-")
        elif key == "merged":
            native_seconds = estimate and estimate[facilities]
            native_text = (f"≈ {s(native_seconds)} (est., lines only)" if native_seconds
                           else "-")
            native_run = None
        else:
            native_seconds = estimate and 4 * estimate[sizes.kind_facilities]
            native_text = (f"≈ {s(native_seconds)} (est. 4 service areas, no scores)"
                           if native_seconds else "-")
            native_run = None
        target_row(name, run, native_text, native_seconds, native_run)
        if profile_dir is not None:
            profile_case(qgis, algorithm, parameters, profile_dir / f"{key}.prof", report)
    slope_case(qgis, sizes, data_dir, data, boot, report, timed.get("merged"), profile_dir)
    polygon_origins(qgis, data, sizes.tile_m, sizes.kind_facilities, data_dir, report,
                    profile_dir)


def slope_case(qgis: Qgis, sizes: Sizes, data_dir: Path, data, boot: float, report: Report,
               flat: Optional[Run], profile_dir: Optional[Path]) -> None:
    """The large merged catchments again over a synthetic 10 m DEM (rolling hills), against
    their flat time: walking time that knows the slope may cost at most
    TARGET_SLOPE_RATIO times as much."""
    n = sizes.large_n
    dem = networks.grid_dem(n, data_dir)
    name = (f"catchments 5,10 min, {sizes.large_facilities:,} facilities, with a 10 m DEM "
            "(slope)")
    parameters = catchment_parameters(data.uri("network"),
                                      data.uri(f"facilities_{sizes.large_facilities}"),
                                      qgis.output("ours_merged_dem"), "5,10", 1)
    parameters["DEM"] = str(dem)
    progress(f"{name} (n={n})")
    run = qgis.process("assetgaps:catchments", parameters)
    if not run.ok:
        report.error(name, run)
        return
    report.note(cpu_note("ours, merged with a DEM", run))
    report.stages(f"large merged with a DEM, n={n}", run)
    slower = run.wall / flat.wall if flat is not None and flat.wall > 0 else None
    report.rows.append(Row(
        name, data.edges, f"{s(run.wall)} (net {s(net(run.wall, boot))}, CPU {s(run.cpu)})",
        f"flat: {s(flat.wall)}" if flat is not None else "-",
        f"{slower:.2f}x the flat time" if slower is not None else "-", f"{mib(run)} / -",
        f"≤ {TARGET_SLOPE_RATIO:g}x the flat time",
        report.judge(slower <= TARGET_SLOPE_RATIO if slower is not None else None)))
    if profile_dir is not None:
        profile_case(qgis, "assetgaps:catchments", parameters, profile_dir / "merged_dem.prof",
                     report)


def polygon_origins(qgis: Qgis, data, tile_m: float, kind_facilities: int, data_dir: Path,
                    report: Report, profile_dir: Optional[Path],
                    point_run: Optional[Run] = None) -> None:
    """The access score of LSOA-sized polygon origins (jittered tiles about ``tile_m``
    across over ``data``'s grid, with people) judged by area share, judged against the
    access score of the ``point_run`` (point origins on the same grid) when given, else
    against the same layer judged at one point on each polygon's surface (POLYGON_ORIGINS
    1), whose ratio is shown in either case."""
    tiles, count = networks.tile_data(data.n, tile_m, data_dir)
    runs = {}
    for judgement, label in ((1, "at one point"), (0, "by area share")):
        name = (f"accessscore: {count:,} polygon origins (~{tile_m:g} m tiles) "
                f"{label}, 4 kinds x {kind_facilities:,} facilities, 10 min")
        progress(f"{name} (n={data.n})")
        case = access_parameters(data, tiles, KINDS,
                                 qgis.output(f"ours_polygons_{judgement}"),
                                 POPULATION_FIELD="population", POLYGON_ORIGINS=judgement)
        run = qgis.process("assetgaps:accessscore", case)
        if not run.ok:
            report.error(name, run)
            return
        report.note(cpu_note(f"ours, polygon origins {label}, n={data.n}", run))
        report.stages(f"polygon origins {label}, n={data.n}", run)
        runs[judgement] = run
        if judgement == 1:
            report.rows.append(Row(
                name, data.edges, f"{s(run.wall)} (CPU {s(run.cpu)})", "-", "-",
                f"{mib(run)} / -", "reference for the row below", "-"))
        else:
            at_one_point = ratio(run.wall, runs[1].wall)
            if point_run is None:
                times = at_one_point
                target = f"≤ {AREA_SHARE_TARGET:g} x at one point ({x(times)})"
            else:
                times = ratio(run.wall, point_run.wall)
                target = (f"≤ {AREA_SHARE_TARGET:g} x the point origins' run ({x(times)}; "
                          f"{x(at_one_point)} at one point)")
            report.rows.append(Row(
                name, data.edges, f"{s(run.wall)} (CPU {s(run.cpu)})", "-", "-",
                f"{mib(run)} / -", target,
                report.judge(times is not None and times <= AREA_SHARE_TARGET)))
        if profile_dir is not None:
            profile_case(qgis, "assetgaps:accessscore", case,
                         profile_dir / f"polygons_n{data.n}_{judgement}.prof", report)


def profile_case(qgis: Qgis, algorithm: str, parameters: dict, path: Path,
                 report: Report, top: int = 20) -> None:
    """Run the case again inside QGIS, first with its main steps timed (no overhead), then
    under cProfile, and print where the time goes."""
    import io
    import pstats

    progress(f"timing the steps of {algorithm}")
    run = qgis.inside(algorithm, parameters, stages=True)
    if not run.ok:
        report.error(f"step timing of {algorithm}", run)
        return
    print(f"  run inside QGIS: {run.seconds:.2f} s (CPU {run.data['cpu_seconds']:.2f} s); "
          "steps (inclusive) wall, CPU, calls:")
    for name, (calls, seconds, cpu) in sorted(run.data.get("stages", {}).items(),
                                              key=lambda item: -item[1][1]):
        print(f"    {seconds:7.2f} s  {cpu:7.2f} s  {calls:6d} x  {name}")
    progress(f"profiling {algorithm} -> {path}")
    run = qgis.inside(algorithm, parameters, profile=path)
    if not run.ok:
        report.error(f"profile of {algorithm}", run)
        return
    buffer = io.StringIO()
    stats = pstats.Stats(str(path), stream=buffer)
    stats.sort_stats("tottime").print_stats(top)
    print(f"  profiled run: {run.seconds:.2f} s inside QGIS (cProfile adds overhead)")
    print(buffer.getvalue())


def fit_exponent(edges: Sequence[float], seconds: Sequence[float]) -> Optional[float]:
    if len(edges) < 2:
        return None
    return float(np.polyfit(np.log(edges), np.log(seconds), 1)[0])


def scaling(qgis: Qgis, sizes: Sizes, data_dir: Path, report: Report) -> None:
    """Merged catchments from 5,000 to 300,000 edges (n²/80 facilities), against the native
    service area on the smaller grids."""
    scaling_series(qgis, data_dir, report, sizes.scaling, lambda n: max(1, round(n * n / 80)),
                   TARGET_EXPONENT, "(n log n)", sizes.native_scaling)


def region_scaling(qgis: Qgis, sizes: Sizes, data_dir: Path, report: Report) -> None:
    """Merged catchments from half a million to four million edges, facilities scaled with
    the area (as many per junction as on the region grid)."""
    density = sizes.region_facilities / sizes.region_n ** 2
    scaling_series(qgis, data_dir, report, sizes.region_scaling,
                   lambda n: max(1, round(density * n * n)), TARGET_REGION_EXPONENT,
                   "(roughly linear)")


def scaling_series(qgis: Qgis, data_dir: Path, report: Report, grid_sizes: Sequence[int],
                   facilities: Callable[[int], int], target: float, target_text: str,
                   native_sizes: Sequence[int] = ()) -> None:
    """Merged catchments 5,10 min timed inside QGIS on grids of each size n (with
    ``facilities(n)`` facilities; the native service area too on ``native_sizes``), one
    row each, then the exponent k fitted to time ∝ edges^k, judged against ``target``."""
    edges, walls, cpus, native_edges, native_seconds = [], [], [], [], []
    for n in grid_sizes:
        count = facilities(n)
        layer = f"facilities_{count}"
        data = networks.grid_data(n, data_dir, {layer: count})
        progress(f"scaling n={n}: {data.edges:,} edges, {count} facilities, 5,10 min merged")
        ours = qgis.inside("assetgaps:catchments", catchment_parameters(
            data.uri("network"), data.uri(layer), qgis.output(f"scaling_{n}"), "5,10", 1))
        if not ours.ok:
            report.error(f"scaling n={n}", ours)
            continue
        report.stages(f"scaling n={n}: merged catchments (inside QGIS)", ours)
        edges.append(data.edges)
        walls.append(ours.seconds)
        cpus.append(ours.data["cpu_seconds"])
        native = None
        if n in native_sizes:
            native = native_service_area(qgis, data.uri("network"), data.uri(layer),
                                         10 * METRES_PER_MINUTE, qgis.output(f"native_{n}"),
                                         inside=True)
            if native.ok:
                native_edges.append(data.edges)
                native_seconds.append(native.seconds)
            else:
                report.error(f"native scaling n={n}", native)
                native = None
        report.rows.append(Row(
            f"scaling: merged catchments 5,10 min, n={n}, {count} facilities (inside QGIS"
            f"{'; native: service area lines' if native_sizes else ''})", data.edges,
            f"{s(ours.seconds)} (CPU {s(cpus[-1])})",
            f"{s(native.seconds)} (CPU {s(native.data['cpu_seconds'])})" if native else "-",
            x(ratio(native.seconds, ours.seconds)) if native else "-",
            f"{mib(ours)} / {mib(native)}"))
    exponent = fit_exponent(edges, walls)
    if exponent is not None:
        last = fit_exponent(edges[-2:], walls[-2:])
        native_exponent = fit_exponent(native_edges, native_seconds)
        report.rows.append(Row(
            f"scaling: fitted exponent k, time ∝ edges^k, n={grid_sizes[0]}..{grid_sizes[-1]} "
            f"(last step {last:.2f}; CPU-time fit {fit_exponent(edges, cpus):.2f})", None,
            f"k = {exponent:.2f}",
            f"k = {native_exponent:.2f}" if native_exponent is not None else "-", "", "",
            f"k ≤ {target:g} {target_text}", report.judge(exponent <= target)))


def region(qgis: Qgis, sizes: Sizes, data_dir: Path, boot: float, report: Report,
           profile_dir: Optional[Path]) -> None:
    """A city region (the region grid, about 1.9 million edges) run as a user would, with
    qgis_process: the access score of half a million point origins with four kinds, the
    merged catchments of 2,000 facilities, and LSOA-sized polygon origins."""
    n = sizes.region_n
    facilities = f"facilities_{sizes.region_facilities}"
    origins = f"origins_{sizes.region_origins}"
    points = {facilities: sizes.region_facilities, origins: sizes.region_origins}
    points.update({kind: sizes.region_kind_facilities for kind in KINDS})
    progress(f"region data: n={n} grid and its points (written on first use)")
    data = networks.grid_data(n, data_dir, points)
    cases = [
        ("access", f"region accessscore: {sizes.region_origins:,} point origins, 4 kinds x "
                   f"{sizes.region_kind_facilities:,} facilities, 10 min",
         "assetgaps:accessscore",
         access_parameters(data, data.uri(origins), KINDS, qgis.output("region_access")),
         REGION_ACCESS_SECONDS),
        ("merged", f"region catchments 5,10 min, {sizes.region_facilities:,} facilities, "
                   "polygons (OVERLAP=1)", "assetgaps:catchments",
         catchment_parameters(data.uri("network"), data.uri(facilities),
                              qgis.output("region_merged"), "5,10", 1),
         REGION_CATCHMENTS_SECONDS),
    ]
    done = {}
    for key, name, algorithm, parameters, seconds in cases:
        progress(f"{name} (n={n}, {data.edges:,} edges)")
        run = qgis.process(algorithm, parameters)
        if not run.ok:
            report.error(name, run)
            continue
        done[key] = run
        report.note(cpu_note(f"ours, region {key}", run))
        budget_row(report, name, data.edges, run, boot, seconds, REGION_BYTES,
                   report.stages(f"region {key}, n={n}", run))
        if profile_dir is not None:
            profile_case(qgis, algorithm, parameters, profile_dir / f"region_{key}.prof",
                         report)
    polygon_origins(qgis, data, sizes.region_tile_m, sizes.region_kind_facilities, data_dir,
                    report, profile_dir, done.get("access"))


def national(qgis: Qgis, sizes: Sizes, data_dir: Path, boot: float, report: Report) -> None:
    """A whole nation on one machine (the national grid, about 4 million edges): the access
    score of two million point origins with seven kinds, run with qgis_process."""
    n = sizes.national_n
    origins = f"origins_{sizes.national_origins}"
    points = {origins: sizes.national_origins}
    points.update({kind: sizes.national_kind_facilities for kind in NATIONAL_KINDS})
    progress(f"national data: n={n} grid, {sizes.national_origins:,} origins, "
             f"{len(NATIONAL_KINDS)} kinds (written on first use, then reused)")
    started = time.perf_counter()
    data = networks.grid_data(n, data_dir, points)
    report.note(f"national data ready in {time.perf_counter() - started:.0f} s "
                f"({data.edges:,} edges)")
    name = (f"national accessscore: {sizes.national_origins:,} point origins, "
            f"{len(NATIONAL_KINDS)} kinds x {sizes.national_kind_facilities:,} facilities, "
            "10 min")
    progress(f"{name} (n={n}, {data.edges:,} edges)")
    run = qgis.process("assetgaps:accessscore",
                       access_parameters(data, data.uri(origins), NATIONAL_KINDS,
                                         qgis.output("national_access")),
                       timeout=NATIONAL_TIMEOUT_S)
    if not run.ok and not run.timed_out:
        report.error(name, run)
        return
    report.note(cpu_note("ours, national", run))
    budget_row(report, name, data.edges, run, boot, NATIONAL_SECONDS, NATIONAL_BYTES,
               None if run.timed_out else report.stages(f"national access, n={n}", run))


def budget_row(report: Report, name: str, edges: int, run: Run, boot: float,
               seconds: float, memory: int, inside: Optional[float]) -> None:
    """A row judged on the qgis_process wall time (start-up included) and peak memory;
    ``inside`` is the run inside QGIS (its stages' total)."""
    if run.timed_out:
        ours = f"> {s(run.wall)} (stopped)"
    else:
        ours = (f"{s(run.wall)} (net {s(net(run.wall, boot))}, in QGIS {s(inside)}, "
                f"CPU {s(run.cpu)})")
    report.rows.append(Row(
        name, edges, ours, "-", "-", f"{mib(run)} / -",
        f"≤ {seconds:g} s and ≤ {memory / GIB:g} GiB",
        report.judge(not run.timed_out and run.wall <= seconds and run.peak_bytes <= memory)))


def samples(qgis: Qgis, data_dir: Path, report: Report) -> None:
    cases = []
    if networks.HELSINKI.exists():
        cases.append(("Helsinki centre: libraries", f"{networks.HELSINKI}|layername=walk_network",
                      f"{networks.HELSINKI}|layername=libraries"))
    schools = networks.sao_paulo_schools(data_dir)
    if schools is not None:
        cases.append(("São Paulo centre: hexagons with schools",
                      f"{networks.SAO_PAULO}|layername=street_network",
                      f"{schools}|layername=schools"))
    else:
        report.note(f"São Paulo sample not found at {networks.SAO_PAULO}: skipped")
    for name, network, facilities in cases:
        progress(f"sample: {name}, 800 m")
        edges = networks.feature_count(*_split(network))
        ours = qgis.inside("assetgaps:catchments", catchment_parameters(
            network, facilities, qgis.output("sample"), "800", 1, cost_type=1, trim=25))
        native = native_service_area(qgis, network, facilities, 800, qgis.output("sample_n"),
                                     inside=True)
        if not ours.ok or not native.ok:
            report.error(name, ours if not ours.ok else native)
            continue
        report.stages(f"sample {name} (inside QGIS)", ours)
        count = networks.feature_count(*_split(facilities))
        report.rows.append(Row(
            f"sample {name} ({count}), merged 800 m vs native service area lines (inside "
            "QGIS)", edges, s(ours.seconds), s(native.seconds),
            x(ratio(native.seconds, ours.seconds)), f"{mib(ours)} / {mib(native)}"))


def _split(uri: str):
    path, layer = uri.split("|layername=")
    return Path(path), layer


def engines(sizes: Sizes, report: Report) -> None:
    """Our search in buckets of cost against networkx's Dijkstra on the same multi-source
    search: the same costs, and how much faster."""
    ensure_plugin_link()
    sys.path.insert(0, str(BUILD_PLUGINS))
    from shapely.geometry import Point

    from community_asset_gaps.core.attach import attach_geometries
    from community_asset_gaps.core.network import build_network
    from community_asset_gaps.core.search import node_costs

    n, count = sizes.engines_n, sizes.engines_facilities
    progress(f"search engines: buckets vs networkx, n={n}, {count} seeds")
    lines = list(networks.grid_lines(n))
    start = time.perf_counter()
    network = build_network(lines)
    built = time.perf_counter() - start
    xy = networks.random_points(n, count, 7)
    start = time.perf_counter()
    seeds = attach_geometries(network, [Point(p) for p in xy.tolist()], 250.0).seeds
    attached = time.perf_counter() - start
    report.note(f"core only (n={n}): build_network {built:.2f} s for {network.edge_count:,} "
                f"edges; attach_geometries {attached:.2f} s for {count} points")
    for cutoff in (10 * METRES_PER_MINUTE, 30 * METRES_PER_MINUTE):
        times, results = {}, {}
        for engine in ("buckets", "networkx"):
            network._cache.pop("csr", None)
            network._cache.pop("networkx", None)
            start = time.perf_counter()
            results[engine] = node_costs(network, seeds, cutoff, engine=engine)
            times[engine] = time.perf_counter() - start
        a, b = results["buckets"], results["networkx"]
        same_reach = np.array_equal(np.isfinite(a), np.isfinite(b))
        finite = np.isfinite(a) & np.isfinite(b)
        difference = float(np.max(np.abs(a[finite] - b[finite]))) if finite.any() else 0.0
        identical = same_reach and difference <= 1e-6
        report.rows.append(Row(
            f"search, {count} seeds, cutoff {cutoff:g} m: buckets (ours column) vs networkx "
            f"(native column); {int(finite.sum()):,} junctions reached",
            network.edge_count, s(times["buckets"]), f"networkx {s(times['networkx'])}",
            x(ratio(times["networkx"], times["buckets"])), "",
            "same costs (≤ 1e-6 m)",
            ("PASS" if identical else "FAIL") + f" (max diff {difference:.1e} m)"))
        if not identical:
            report.errors.append(f"buckets and networkx disagree at cutoff {cutoff:g} m "
                                 f"(same reach: {same_reach}, max diff {difference} m)")


PARTS = ("headline", "large", "scaling", "region", "region-scaling", "engines", "samples",
         "national")
# what a plain run runs: everything but the national case
DEFAULT_PARTS = PARTS[:-1]
# the parts that run qgis_process, whose start-up is measured first
STARTUP_PARTS = {"headline", "large", "scaling", "samples", "region", "national"}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Benchmarks against QGIS native algorithms.")
    parser.add_argument("--quick", action="store_true", help="small sizes only (smoke test)")
    parser.add_argument("--profile", action="store_true",
                        help="also run the large cases under cProfile and print the top")
    parser.add_argument("--only", choices=PARTS, action="append",
                        help="run only these benchmarks (repeatable)")
    parser.add_argument("--national", action="store_true",
                        help="run the national case (about 4 million edges, 2 million "
                             "origins): alone, or with the parts named by --only")
    parser.add_argument("--data-dir", type=Path, default=REPO_ROOT / "build" / "bench" / "data")
    parser.add_argument("--keep", action="store_true", help="keep the outputs (build/bench)")
    arguments = parser.parse_args(argv)
    sizes = QUICK if arguments.quick else Sizes()
    only = set(arguments.only or ())
    if arguments.national:
        only.add("national")
    only = only or set(DEFAULT_PARTS)
    report = Report(arguments.quick)
    ensure_plugin_link()
    work_root = REPO_ROOT / "build" / "bench"
    work_root.mkdir(parents=True, exist_ok=True)
    arguments.data_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="run_", dir=work_root))
    started = time.time()
    load_before = os.getloadavg()
    print(f"Benchmarks {'(quick sizes) ' if arguments.quick else ''}on "
          f"{time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, "
          f"load average {load_before[0]:.2f}; qgis_process: {QGIS_PROCESS}; parts: "
          f"{', '.join(part for part in PARTS if part in only)}", flush=True)
    try:
        qgis = Qgis(work)
        boot, boot_cpu = startup(qgis, sizes, arguments.data_dir, report) \
            if only & STARTUP_PARTS else (0.0, 0.0)
        report.boot = boot
        profiles = work_root / "profiles" if arguments.profile else None
        if profiles:
            profiles.mkdir(exist_ok=True)
        if "headline" in only:
            headline(qgis, sizes, arguments.data_dir, boot, boot_cpu, report, profiles)
        if "large" in only:
            large(qgis, sizes, arguments.data_dir, boot, report, profiles)
        if "scaling" in only:
            scaling(qgis, sizes, arguments.data_dir, report)
        if "region" in only:
            region(qgis, sizes, arguments.data_dir, boot, report, profiles)
        if "region-scaling" in only:
            region_scaling(qgis, sizes, arguments.data_dir, report)
        if "national" in only:
            national(qgis, sizes, arguments.data_dir, boot, report)
        if "samples" in only:
            samples(qgis, arguments.data_dir, report)
        if "engines" in only:
            engines(sizes, report)
    finally:
        if not arguments.keep:
            shutil.rmtree(work, ignore_errors=True)
    load_after = os.getloadavg()
    print()
    print(report.table())
    print()
    if report.staged:
        print("Time by stage of each run of ours (from the 'Time by stage' line that ends its "
              "log; total = their sum; outside the stages = the rest of the run's own time, "
              "inside QGIS or the qgis_process wall minus its start-up):")
        print()
        print(report.stage_table())
        print()
    print(f"Measured {time.strftime('%Y-%m-%d')} in {(time.time() - started) / 60:.1f} minutes on "
          f"{os.cpu_count()} cores; load average {load_before[0]:.2f} before, "
          f"{load_after[0]:.2f} after (above ~0.5 means other work shared the CPUs and wall "
          "times are inflated).")
    print("ours/native: wall time of the qgis_process run; 'net' = minus the start-up; 'in "
          "QGIS' = the run's stages (its log) without start-up; scaling rows time our "
          "algorithm inside QGIS (no start-up). Peak = maximum resident memory of the child "
          "process.")
    for note in report.notes:
        print(f"- {note}")
    if report.judged:
        print(f"Targets met: {sum(report.judged)} of {len(report.judged)}")
    if report.errors:
        print("ERRORS:")
        for error in report.errors:
            print(f"- {error}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
