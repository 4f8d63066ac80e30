"""IronCalc anchor: the assessment sheet built in IronCalc 0.9.1 (raw API).

usage: ironcalc_anchor.py N [--reps R]   (prints `RESULT {json}` last)

IronCalc's Model.evaluate() recomputes the whole workbook every time, so an
edit costs a full recompute; at N=10,000 that is tens of seconds, hence the
small default rep count.
"""
import time

import ironcalc as ic

from common import checks, median, ms_since, parse_args, report
from workload import EDIT_ID, edit_values, generate

SHEET = 0
HEADER = ["id", "office", "instructor", "line_rank", "line", "rural_raw", "rural", "petition_raw",
          "petition", "deductions", "rules", "democratic", "total", "rank", "bonus"]
# 1-based column numbers of the cells read back or edited.
COL_RURAL, COL_DEDUCTIONS, COL_TOTAL, COL_RANK, COL_BONUS = 7, 10, 13, 14, 15


def build(cols, n):
    m = ic.create("kaohe", "en", "UTC")
    for c, name in enumerate(HEADER, 1):
        m.update_cell_with_text(SHEET, 1, c, name)
    last = n + 1  # bounded ranges over the data rows 2..N+1
    num, formula = m.update_cell_with_number, m.update_cell_with_formula
    for i in range(n):
        r = i + 2
        num(SHEET, r, 1, i + 1)
        m.update_cell_with_text(SHEET, r, 2, cols["office"][i])
        m.update_cell_with_bool(SHEET, r, 3, cols["instructor"][i])
        num(SHEET, r, 4, cols["line_rank"][i])
        formula(SHEET, r, 5, f"=25+(3-D{r})*1")
        if cols["rural_raw"][i] is not None:  # non-instructors leave F and H blank
            num(SHEET, r, 6, cols["rural_raw"][i])
        formula(SHEET, r, 7, f"=IF(C{r},F{r},AVERAGEIF($C$2:$C${last},TRUE,$F$2:$F${last}))")
        if cols["petition_raw"][i] is not None:
            num(SHEET, r, 8, cols["petition_raw"][i])
        formula(SHEET, r, 9, f"=IF(C{r},H{r},AVERAGEIF($C$2:$C${last},TRUE,$H$2:$H${last}))")
        num(SHEET, r, 10, cols["deductions"][i])
        formula(SHEET, r, 11, f"=MAX(0,10-J{r})")
        num(SHEET, r, 12, cols["democratic"][i])
        formula(SHEET, r, 13, f"=E{r}+G{r}+I{r}+K{r}+L{r}")
        formula(SHEET, r, 14, f"=RANK(M{r},$M$2:$M${last})")
        formula(SHEET, r, 15, f"=3000*{n}*M{r}/SUM($M$2:$M${last})")
    return m


def column(m, col, n):
    return [m.get_cell_value(SHEET, r, col) for r in range(2, n + 2)]


def main():
    n, reps = parse_args(default_reps=3)
    cols = generate(n)

    t0 = time.perf_counter()
    m = build(cols, n)
    build_ms = ms_since(t0)

    full, chk = [], None
    for _ in range(reps):
        t0 = time.perf_counter()
        m.evaluate()
        full.append(ms_since(t0))
        if chk is None:
            first_non_instr = cols["instructor"].index(False) + 2
            chk = checks(column(m, COL_TOTAL, n), column(m, COL_RANK, n), column(m, COL_BONUS, n),
                         m.get_cell_value(SHEET, first_non_instr, COL_RURAL))

    row = EDIT_ID + 1
    edit = []
    for v in edit_values(cols["deductions"][EDIT_ID - 1], reps):
        t0 = time.perf_counter()
        m.update_cell_with_number(SHEET, row, COL_DEDUCTIONS, v)
        m.evaluate()
        [m.get_cell_value(SHEET, row, c) for c in (COL_TOTAL, COL_RANK, COL_BONUS)]  # read the edited row back
        edit.append(ms_since(t0))

    report("ironcalc", n, build_ms, median(full), median(edit), reps, chk)


if __name__ == "__main__":
    main()
