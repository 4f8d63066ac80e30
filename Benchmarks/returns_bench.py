"""Department returns at 100,000 cadres and 200,000 events (issue 14), run by `make bench`.

One `kaohe FILE` process is fed commands through a pipe, as scenario_bench.py
does; each timed step is followed by `log by=-` (a table of no entries, whose
footer marks the end of the step's output). Wall time and the kaohe process's
own CPU time (from /proc) are both shown: on a loaded machine the CPU time
is what the step costs.

Timed, medians of 3 (undo between rounds):
  - `import events` of a 10,000-row CSV; comparators in the same run: Python's
    csv module reading the same file, and the same rows typed as `deduct`
    commands one by one (200 of them, each journaled as typing does).
  - `merge` of a department's copy that recorded 10,000 events and changed
    1,000 cells since it was copied (`kaohe-bench --copy`).
  - save and open with a change log of 200,000 entries, against the same
    workbook without a log (`kaohe-bench --log`, in its own process).
"""
import csv
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BENCH = os.path.join(ROOT, ".build", "release", "kaohe-bench")
KAOHE = os.path.join(ROOT, ".build", "release", "kaohe")
N, EVENTS, ROWS, CELLS, LOG, ROUNDS, TYPED = 100_000, 200_000, 10_000, 1_000, 200_000, 3, 200
MARK = "log by=-"
MARKED = "0 changes "
TICK = os.sysconf("SC_CLK_TCK")


class Repl:
    def __init__(self, path):
        self.p = subprocess.Popen([KAOHE, path], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                  cwd=os.path.dirname(path), env=dict(os.environ, KAOHE_TODAY="2026-12-02", KAOHE_USER="党政办"))

    def cpu_ms(self):
        with open(f"/proc/{self.p.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) * 1000 / TICK

    def step(self, lines, expect=None):
        """Writes the lines and the mark, reads to the mark; returns (wall ms, CPU ms, the lines said)."""
        start, cpu = time.perf_counter(), self.cpu_ms()
        self.p.stdin.write("".join(l + "\n" for l in lines + [MARK]))
        self.p.stdin.flush()
        said = []
        for line in self.p.stdout:
            if line.startswith(MARKED):
                wall = (time.perf_counter() - start) * 1000
                if expect and not any(l.startswith(expect) for l in said):
                    sys.exit(f"returns bench: {lines[0]} did not say '{expect}':\n" + "".join(said))
                return wall, self.cpu_ms() - cpu, said
            said.append(line)
        sys.exit(f"returns bench: kaohe ended during '{lines[0]}' (exit {self.p.wait()})")

    def close(self):
        self.p.stdin.close()
        self.p.wait()


def write_return(path, ids):
    rng = random.Random(5)
    rules = ["4.1", "4.2a", "4.2c", "4.3a", "4.3b", "4.4a"]
    rows = [(f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", rng.choice(ids), rng.choice(rules), rng.randint(1, 3), f"第{i}条")
            for i in range(ROWS)]
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["日期", "编号", "条款", "次数", "备注"])
        w.writerows(rows)
    return rows


def main():
    work = tempfile.mkdtemp()
    try:
        base = os.path.join(work, "town.kaohe")
        subprocess.run([BENCH, "--town", str(N), str(EVENTS), base], check=True)
        copy = os.path.join(work, "宣传委员.kaohe")
        subprocess.run([BENCH, "--copy", base, copy, str(ROWS), str(CELLS)], check=True)
        ids = [f"c{i:06d}" for i in range(1, N + 1)]
        ret = os.path.join(work, "return.csv")
        rows = write_return(ret, ids)

        def read_csv():
            with open(ret, encoding="utf-8", newline="") as f:
                return sum(1 for _ in csv.reader(f))
        python_csv = []
        for _ in range(5):
            t = time.perf_counter()
            read_csv()
            python_csv.append((time.perf_counter() - t) * 1000)

        r = Repl(base)
        first = r.step(["export csv first.csv"], "wrote ")
        imports, merges = [], []
        for _ in range(ROUNDS):
            imports.append(r.step(["import events return.csv"], f"imported {ROWS} events"))
            r.step(["undo"])
        after_import = r.step(["import events return.csv", "export csv after.csv"], "wrote ")
        r.step(["undo"])
        for _ in range(ROUNDS):
            merges.append(r.step(["merge 宣传委员.kaohe"], f"merged 宣传委员's copy (宣传委员.kaohe): {ROWS} events, {CELLS} cells"))
            r.step(["undo"])
        r.step(["export csv warm.csv"], "wrote ")
        typed = r.step([f"deduct {c} {rule} x{times} date={date}" for date, c, rule, times, _ in rows[:TYPED]])
        r.close()
        log = json.loads([l for l in subprocess.run([BENCH, "--log", str(N), str(EVENTS), str(LOG)], check=True, capture_output=True,
                                                    text=True).stdout.splitlines() if l.startswith("RESULT ")][-1][len("RESULT "):])
    finally:
        shutil.rmtree(work, ignore_errors=True)

    med = statistics.median
    imp_wall, imp_cpu = med(w for w, _, _ in imports), med(c for _, c, _ in imports)
    mer_wall, mer_cpu = med(w for w, _, _ in merges), med(c for _, c, _ in merges)
    typed_each = typed[0] / TYPED
    print(f"Department returns at {N:,} cadres, {EVENTS:,} events (the town template), medians of {ROUNDS} (wall ms; kaohe's CPU ms)")
    print(f"  open + first full computation (export csv on a fresh process): {first[0]:,.0f} ms (CPU {first[1]:,.0f})")
    print(f"  import events, {ROWS:,} rows: {imp_wall:,.0f} ms (CPU {imp_cpu:,.0f}); then the figures exported: "
          f"{after_import[0] - imp_wall:,.0f} ms more")
    print(f"    comparator: Python's csv reads the file in {med(python_csv):,.1f} ms ({imp_wall / med(python_csv):,.0f}× faster than importing it); "
          f"typing the rows as deduct: {typed_each:,.1f} ms each, ≈ {typed_each * ROWS / 1000:,.0f} s for {ROWS:,} "
          f"(the import {typed_each * ROWS / imp_wall:,.0f}× faster)")
    print(f"  merge of a copy with {ROWS:,} events and {CELLS:,} cells changed: {mer_wall:,.0f} ms (CPU {mer_cpu:,.0f})")
    print(f"  change log of {LOG:,} entries ({log['size_mb'] - log['bare_size_mb']:,.1f} MB of the file): save {log['save_ms']:,.0f} ms "
          f"(CPU {log['save_cpu_ms']:,.0f}), open {log['open_ms']:,.0f} ms (CPU {log['open_cpu_ms']:,.0f}); "
          f"without a log: save {log['bare_save_ms']:,.0f} ms, open {log['bare_open_ms']:,.0f} ms")
    missed = 0
    for ok, text in [(imp_wall <= 1000, f"import events of {ROWS:,} rows ≤ 1 s  (measured {imp_wall:,.0f} ms)"),
                     (mer_wall <= 2000, f"merge of {ROWS:,} events and {CELLS:,} cells ≤ 2 s  (measured {mer_wall:,.0f} ms)"),
                     (log["open_ms"] <= 1500, f"open with a log of {LOG:,} ≤ 1.5 s  (measured {log['open_ms']:,.0f} ms)"),
                     (log["save_ms"] <= 1500, f"save with a log of {LOG:,} ≤ 1.5 s  (measured {log['save_ms']:,.0f} ms)")]:
        missed += not ok
        print(f"  {'met   ' if ok else 'MISSED'} {text}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
