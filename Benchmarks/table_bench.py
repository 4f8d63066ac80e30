"""Whole-table commands at 100,000 cadres and 200,000 events (issue 10 item 6), run by `make bench`.

One `kaohe FILE` process is fed commands through a pipe, so its output is not
a terminal: every column side by side, no pager, as `kaohe FILE -c rank >
out.txt` writes it. A first `rank` makes the figures current; then `rank`,
`bonus` and `export csv FILE force` are timed ROUNDS times each, from writing
the command to the line it prints last (medians). What is measured is the
rendering and writing of 100,000 rows, not the computation.

Comparators, same run, same rows (read back from kaohe's own CSV):
- rank: SQLite (Python's sqlite3) ordering by total with RANK() and Python
  writing the aligned table to a file;
- bonus: Python writing the same aligned table of six columns to a file;
- export csv: Python's csv module writing every row and column to a file.
"""
import csv
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BENCH = os.path.join(ROOT, ".build", "release", "kaohe-bench")
KAOHE = os.path.join(ROOT, ".build", "release", "kaohe")
N, EVENTS, ROUNDS = 100_000, 200_000, 5
TARGET_MS = 300


class Repl:
    def __init__(self, path):
        self.p = subprocess.Popen([KAOHE, path], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.fd = self.p.stdout.fileno()

    def step(self, line, until):
        """Writes one command, reads its output in large chunks until a whole
        line holding `until`; returns (ms, bytes read)."""
        marker = until.encode()
        start = time.perf_counter()
        self.p.stdin.write((line + "\n").encode())
        self.p.stdin.flush()
        tail, size = b"\n", 0
        while True:
            chunk = os.read(self.fd, 1 << 20)
            if not chunk:
                sys.exit(f"table bench: kaohe ended before '{until}' (exit {self.p.wait()})")
            size += len(chunk)
            seen = tail + chunk
            at = seen.rfind(marker)
            if at >= 0 and seen.find(b"\n", at + 1) >= 0:
                return (time.perf_counter() - start) * 1000, size
            tail = seen[-4096:]

    def close(self):
        self.p.stdin.close()
        self.p.wait()


def comparators(csv_path, out_dir):
    with open(csv_path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    col = {k: i for i, k in enumerate(header)}

    def aligned(path, headers, table, right):
        widths = [max([len(h)] + [len(r[i]) for r in table]) for i, h in enumerate(headers)]
        with open(path, "w", encoding="utf-8") as out:
            out.write("  ".join(h.rjust(w) if right[i] else h.ljust(w) for i, (h, w) in enumerate(zip(headers, widths))).rstrip() + "\n")
            out.write("  ".join("─" * w for w in widths) + "\n")
            for r in table:
                out.write("  ".join(c.rjust(w) if right[i] else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths))).rstrip() + "\n")

    def sqlite_rank():
        db = sqlite3.connect(":memory:")
        db.execute("CREATE TABLE cadres (id TEXT, name TEXT, office TEXT, total REAL, bottom TEXT, status TEXT)")
        db.executemany("INSERT INTO cadres VALUES (?, ?, ?, ?, ?, ?)",
                       ((r[col["id"]], r[col["name"]], r[col["office"]], float(r[col["total"]] or 0), r[col["bottom"]], r[col["status"]])
                        for r in body))
        start = time.perf_counter()
        table = [[str(rank), i, n, o, f"{t:.2f}", b, s] for rank, i, n, o, t, b, s in db.execute(
            "SELECT RANK() OVER (ORDER BY total DESC), id, name, office, total, bottom, status FROM cadres ORDER BY total DESC, rowid")]
        aligned(os.path.join(out_dir, "rank.txt"), ["rank", "id", "name", "office", "total", "bottom", "status"], table,
                [True, False, False, False, True, False, False])
        return (time.perf_counter() - start) * 1000

    def python_bonus():
        keys = ["id", "name", "total", "bonus", "award_money", "payout"]
        start = time.perf_counter()
        table = [[r[col[k]] for k in keys] for r in body]
        aligned(os.path.join(out_dir, "bonus.txt"), keys, table, [False, False, True, True, True, True])
        return (time.perf_counter() - start) * 1000

    def python_csv():
        start = time.perf_counter()
        with open(os.path.join(out_dir, "copy.csv"), "w", newline="", encoding="utf-8") as f:
            csv.writer(f).writerows(rows)
        return (time.perf_counter() - start) * 1000

    return {name: statistics.median(fn() for _ in range(ROUNDS))
            for name, fn in [("rank", sqlite_rank), ("bonus", python_bonus), ("export csv", python_csv)]}


def main():
    work = tempfile.mkdtemp()
    path = os.path.join(work, "town100k.kaohe")
    subprocess.run([BENCH, "--town", str(N), str(EVENTS), path], check=True, capture_output=True)
    out_csv = os.path.join(work, "cadres.csv")
    repl = Repl(path)
    warm_ms, _ = repl.step("rank", " ranked; ")
    steps = [("rank", "rank", " ranked; "), ("bonus", "bonus", "awards    "),
             ("export csv", f"export csv {out_csv} force", "wrote ")]
    times, sizes = {}, {}
    for _ in range(ROUNDS):
        for name, line, until in steps:
            ms, size = repl.step(line, until)
            times.setdefault(name, []).append(ms)
            sizes[name] = size
    repl.close()
    anchors = comparators(out_csv, work)
    print(f"Whole-table commands at {N:,} cadres, {EVENTS:,} events (the town template), output piped, medians of {ROUNDS}")
    print(f"  first rank (computes the figures, then renders): {warm_ms:,.0f} ms")
    missed = 0
    for name, _, _ in steps:
        ms = statistics.median(times[name])
        what = "bytes printed" if name != "export csv" else "bytes of reply"
        print(f"  {name}: {ms:,.0f} ms ({sizes[name]:,} {what}); comparator {anchors[name]:,.0f} ms"
              f" (kaohe {ms / anchors[name]:.2f}× the comparator)")
    for name, _, _ in steps:
        ms = statistics.median(times[name])
        ok = ms <= TARGET_MS
        missed += not ok
        print(f"  {'met   ' if ok else 'MISSED'} {name} at {N:,} ≤ {TARGET_MS} ms  (measured {ms:,.0f} ms)")
    print("  comparators: rank = SQLite RANK() ORDER BY total + Python writing the aligned table;"
          " bonus = Python writing the aligned table; export csv = Python's csv module, same rows")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
