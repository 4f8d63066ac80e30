"""numpy anchor: the assessment sheet as a vectorised full recompute.

usage: numpy_anchor.py N [--reps R]   (prints `RESULT {json}` last)
"""
import time

import numpy as np

from common import checks, median, ms_since, parse_args, report
from workload import EDIT_ID, edit_values, generate


def build(cols):
    # Blank raw scores become NaN; only instructors' entries are ever read.
    nan = float("nan")
    return {
        "instructor": np.array(cols["instructor"], dtype=bool),
        "line_rank": np.array(cols["line_rank"], dtype=np.float64),
        "rural_raw": np.array([nan if v is None else v for v in cols["rural_raw"]], dtype=np.float64),
        "petition_raw": np.array([nan if v is None else v for v in cols["petition_raw"]], dtype=np.float64),
        "deductions": np.array(cols["deductions"], dtype=np.float64),
        "democratic": np.array(cols["democratic"], dtype=np.float64),
    }


def recompute(a):
    instr = a["instructor"]
    line = 25 + (3 - a["line_rank"]) * 1
    rural = np.where(instr, a["rural_raw"], a["rural_raw"][instr].mean())
    petition = np.where(instr, a["petition_raw"], a["petition_raw"][instr].mean())
    rules = np.maximum(0, 10 - a["deductions"])
    # Same addition order as the sheet's E+G+I+K+L, so totals match bit for bit.
    total = line + rural + petition + rules + a["democratic"]
    # rank = 1 + count of strictly greater totals (ties share the best rank).
    rank = 1 + (total.size - np.searchsorted(np.sort(total), total, side="right"))
    bonus = 3000 * total.size * total / total.sum()
    return rural, total, rank, bonus


def main():
    n, reps = parse_args(default_reps=21)
    cols = generate(n)

    t0 = time.perf_counter()
    a = build(cols)
    build_ms = ms_since(t0)

    full, chk = [], None
    for _ in range(reps):
        t0 = time.perf_counter()
        rural, total, rank, bonus = recompute(a)
        full.append(ms_since(t0))
        if chk is None:
            first_non_instr = int(np.argmin(a["instructor"]))
            chk = checks(total.tolist(), rank.tolist(), bonus.tolist(), rural[first_non_instr])

    i = EDIT_ID - 1
    edit = []
    for v in edit_values(cols["deductions"][i], reps):
        t0 = time.perf_counter()
        a["deductions"][i] = v
        _, total, rank, bonus = recompute(a)
        float(total[i]), int(rank[i]), float(bonus[i])  # read the edited row back
        edit.append(ms_since(t0))

    report("numpy", n, build_ms, median(full), median(edit), reps, chk)


if __name__ == "__main__":
    main()
