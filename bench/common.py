"""What every benchmark shares: medians, the machine's load, and one JSON file of figures for the summary table.

Each figure is (what, median, unit, baseline name, baseline median): the baseline is measured in the same run, and
the figure is judged by the ratio, since the machine is shared and its load moves every absolute number.
"""

import json
import os
import statistics
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "var" / "bench"
# The description of the scanned pages bench/casefile.py uploads to its request: bench/pages.py opens another one.
CASEFILE_SCAN_MARK = "基准测试扫描件"


def load_average():
    return ", ".join(f"{x:.1f}" for x in os.getloadavg())


def median(values):
    return statistics.median(values) if values else float("nan")


def figure(what, value, unit, baseline_name, baseline, goal=""):
    ratio = value / baseline if baseline else float("nan")
    return {"what": what, "median": value, "unit": unit, "baseline": baseline_name, "baseline_median": baseline,
            "ratio": ratio, "goal": goal}


def save(bench, figures, **facts):
    RESULTS.mkdir(parents=True, exist_ok=True)
    data = {"bench": bench, "load": load_average(), "cpus": os.cpu_count(), "figures": figures, **facts}
    (RESULTS / f"{bench}.json").write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str))


def print_figures(figures):
    print(f"{'figure':44} {'median':>10} {'baseline':>34} {'median':>10} {'ratio':>7}  goal")
    for f in figures:
        print(f"{f['what'][:44]:44} {f['median']:10.2f} {f['baseline'][:34]:>34} {f['baseline_median']:10.2f} "
              f"{f['ratio']:7.2f}  {f['goal']}")
