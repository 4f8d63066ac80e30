"""Shared plumbing for the anchor benchmarks: arguments, timing, checks and
the final `RESULT {json}` line that `make bench` reads."""
import argparse
import json
import math
import resource
import statistics
import time

from workload import EDIT_ID


def parse_args(default_reps):
    p = argparse.ArgumentParser()
    p.add_argument("n", type=int, help="number of people (rows)")
    p.add_argument("--reps", type=int, default=default_reps, help="timed repetitions (median reported)")
    a = p.parse_args()
    if a.n < EDIT_ID or a.reps < 1:
        p.error(f"need n >= {EDIT_ID} (the edited person) and reps >= 1")
    return a.n, a.reps


def ms_since(t0):
    return (time.perf_counter() - t0) * 1000.0


def median(xs):
    return statistics.median(xs)


def checks(total, rank, bonus, rural_first_non_instructor):
    """Sanity figures from sequences of row values (index i = person i+1)."""
    i = EDIT_ID - 1
    return {
        "sum_total": math.fsum(total),
        "sum_bonus": math.fsum(bonus),
        "total_500": float(total[i]),
        "rank_500": int(rank[i]),
        "bonus_500": float(bonus[i]),
        "rural_avg": float(rural_first_non_instructor),
        "n_rank1": sum(1 for r in rank if r == 1),
        "max_rank": int(max(rank)),
    }


def report(engine, n, build_ms, full_ms, edit_ms, reps, chk):
    out = {
        "engine": engine, "n": n,
        "build_ms": build_ms, "full_ms": full_ms, "edit_ms": edit_ms,
        "reps": reps,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,  # Linux: KiB
        "checks": chk,
    }
    print("RESULT " + json.dumps(out, separators=(",", ":")), flush=True)
