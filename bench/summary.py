"""One table of every figure the benchmarks wrote to var/bench/*.json, each next to its baseline and their ratio.

    .venv/bin/python bench/summary.py        (make bench runs it last)
"""

import json
import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parent))
import common  # noqa: E402

ORDER = ["deadlines", "letters", "pages", "reports", "exports", "casefile", "verify_audit"]


def main():
    files = sorted(common.RESULTS.glob("*.json"), key=lambda p: (ORDER.index(p.stem) if p.stem in ORDER else 99,
                                                                  p.stem))
    if not files:
        sys.exit("no results in var/bench: run the benchmarks first (make bench)")
    print(f"{'bench':10} {'figure':52} {'median':>10} {'unit':4}  {'baseline':38} {'median':>10} {'ratio':>7}  "
          f"{'goal':10} load")
    for path in files:
        result = json.loads(path.read_text())
        for f in result["figures"]:
            print(f"{result['bench']:10} {f['what'][:52]:52} {f['median']:10.2f} {f['unit']:4}  {f['baseline'][:38]:38}"
                  f" {f['baseline_median']:10.2f} {f['ratio']:7.2f}  {f['goal'][:10]:10} {result['load']}")


if __name__ == "__main__":
    main()
