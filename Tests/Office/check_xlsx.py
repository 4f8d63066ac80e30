"""`make test-office`: kaohe's .xlsx read by independent programs.

1. openpyxl reads every sheet of the demo's approval workbook: values and
   their types, number formats, bold headers, the frozen pane, print titles,
   A4 landscape page setup, the totals row's formula; every number is the
   figure `export csv` writes.
2. LibreOffice (headless) opens it and saves its first sheet as CSV: the
   numbers as LibreOffice formats them are the ones kaohe shows.
3. LibreOffice writes a roster .xlsx, and `import cadres` reads it.

    python Tests/Office/check_xlsx.py KAOHE_BINARY
"""
import csv
import io
import os
import shutil
import subprocess
import sys
import tempfile

import openpyxl

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
failures = []
checks = 0


def check(ok, what):
    global checks
    checks += 1
    if not ok:
        failures.append(what)
        print(f"FAIL {what}")


def kaohe(binary, workdir, workbook, *commands):
    args = [binary, workbook]
    for c in commands:
        args += ["-c", c]
    out = subprocess.run(args, cwd=workdir, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"kaohe failed: {out.stderr}")
    return out.stdout


def soffice(*args, cwd):
    out = subprocess.run(["soffice", "--headless", *args], cwd=cwd, capture_output=True, text=True, timeout=180)
    if out.returncode != 0:
        sys.exit(f"soffice {' '.join(args)} failed: {out.stdout}{out.stderr}")
    return out.stdout + out.stderr


def shown(value, number_format):
    """A number as the cell's format shows it (General, 0, 0.0, 0.00 …)."""
    if number_format == "General":
        return str(int(value)) if float(value).is_integer() else repr(value)
    places = len(number_format.split(".")[1]) if "." in number_format else 0
    return f"{value:.{places}f}"


def main():
    binary = os.path.abspath(sys.argv[1])
    work = tempfile.mkdtemp(prefix="kaohe-office-")
    shutil.copy(os.path.join(ROOT, "Workbooks", "demo-2026.kaohe"), work)
    kaohe(binary, work, "demo-2026.kaohe", "export xlsx demo.xlsx",
          "export csv demo.csv cols=" + ",".join(CONTRACT))
    with open(os.path.join(work, "demo.csv"), encoding="utf-8", newline="") as f:
        screen = {r[0]: r for r in list(csv.reader(f))[1:]}

    wb = openpyxl.load_workbook(os.path.join(work, "demo.xlsx"))
    check(wb.sheetnames == ["考核结果", "考核奖与先进奖励", "事件记录", "先进奖励", "参数"], f"sheets {wb.sheetnames}")
    for ws in wb.worksheets:
        check(ws.freeze_panes == "A3", f"{ws.title}: frozen at {ws.freeze_panes}")
        check(ws.print_title_rows in ("1:2", "$1:$2"), f"{ws.title}: print titles {ws.print_title_rows}")
        check(ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "landscape", f"{ws.title}: page setup")
        check(ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1, f"{ws.title}: fit to width")
        check(ws["A1"].font.b and ws["A1"].value.startswith("2026年度机关干部岗位目标考核"), f"{ws.title}: title {ws['A1'].value}")
        check(all(c.font.b for c in ws[2]), f"{ws.title}: header not bold")
        check(ws.column_dimensions["B"].width >= 6, f"{ws.title}: column B width {ws.column_dimensions['B'].width}")

    ws = wb["考核结果"]
    check(ws["A1"].value == "2026年度机关干部岗位目标考核结果", "result title")
    header = [c.value for c in ws[2]]
    check(header == LABELS, f"result header {header}")
    formats = {"总分": "0.00", "线上工作": "0.00", "名次": "General", "考核奖": "0.00", "合计发放": "0.00"}
    compared = 0
    for row in ws.iter_rows(min_row=3, max_row=62):
        cadre = screen[row[0].value]
        for i, cell in enumerate(row):
            if isinstance(cell.value, bool):
                failures.append(f"{cell.coordinate}: a boolean; flags are words")
            elif isinstance(cell.value, (int, float)):
                check(shown(cell.value, cell.number_format) == cadre[i],
                      f"{cell.coordinate} {cell.value} as {cell.number_format} ≠ csv {cadre[i]}")
                if header[i] in formats:
                    check(cell.number_format == formats[header[i]], f"{cell.coordinate} format {cell.number_format}")
                compared += 1
            elif cell.value is not None:
                check(cell.data_type == "s", f"{cell.coordinate} type {cell.data_type}")
        check(row[15].value in ("合格", "诫勉", "不合格", "诫勉六个月", None), f"status {row[15].value}")
        check(row[14].value in ("是", "否", None), f"bottom {row[14].value}")
    check(compared > 600, f"only {compared} numbers compared")
    totals = ws[63]
    check(totals[0].value == "合计" and totals[18].value == "=SUM(S3:S62)", f"totals row {totals[0].value} {totals[18].value}")
    check(totals[18].number_format == "0.00" and totals[18].font.b, "totals format")
    cached = openpyxl.load_workbook(os.path.join(work, "demo.xlsx"), data_only=True)["考核结果"]
    payout = sum(round(float(screen[k][18]) * 100) for k in screen)
    check(round(cached["S63"].value * 100) == payout, f"payout total {cached['S63'].value} ≠ {payout / 100}")
    params = {r[0].value: r[1].value for r in wb["参数"].iter_rows(min_row=3)}
    check(params.get("year") == 2026 and params.get("pool_town") == 2000, f"parameters {params}")

    # LibreOffice opens it, and its own formatting of the first sheet is the screen's.
    soffice("--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", "lo", "demo.xlsx", cwd=work)
    with open(os.path.join(work, "lo", "demo.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    check(rows[0][0] == "2026年度机关干部岗位目标考核结果" and rows[1] == LABELS, "LibreOffice: title and header")
    shown_alike = 0
    for r in rows[2:62]:
        cadre = screen[r[0]]
        for i, text in enumerate(r):
            if cadre[i] and cadre[i][0].isdigit():
                check(text == cadre[i], f"LibreOffice shows {text} for {r[0]} {LABELS[i]}, kaohe {cadre[i]}")
                shown_alike += 1
    check(shown_alike == compared, f"LibreOffice: {shown_alike} numbers, openpyxl {compared}")
    check(rows[62][0] == "合计" and rows[62][18] == f"{payout / 100:.2f}", f"LibreOffice totals {rows[62][18]}")

    # A roster LibreOffice writes, imported.
    source = os.path.join(ROOT, "Tests", "Transcripts", "fixtures", "roster-libreoffice.csv")
    shutil.copy(source, work)
    soffice("--infilter=CSV:44,34,76", "--convert-to", "xlsx", "--outdir", work, source, cwd=work)
    shutil.copy(os.path.join(ROOT, "Workbooks", "town-template.kaohe"), work)
    out = kaohe(binary, work, "town-template.kaohe", "office add 党政办", "office add 综治办", "office add 城建办",
                "import cadres roster-libreoffice.xlsx", "show cols id,name,instructor,staff,democratic")
    check("imported 4 cadres from roster-libreoffice.xlsx" in out and "王, 小二" in out and "_x0041_" in out,
          f"import of LibreOffice's roster:\n{out}")

    shutil.rmtree(work)
    print(f"office checks: {len(wb.sheetnames)} sheets, {compared} numbers by openpyxl and by LibreOffice, a LibreOffice roster imported")
    print(f"office: {checks - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


CONTRACT = ["id", "name", "office", "instructor", "staff", "line", "rural_raw", "rural", "petition_raw", "petition",
            "rules", "democratic", "total", "rank", "bottom", "status", "bonus", "award_money", "payout"]
LABELS = ["编号", "姓名", "所在办", "农村指导员", "人员类别", "线上工作", "农村指导员工作原始分", "农村指导员工作", "信访稳定工作原始分",
          "信访稳定工作", "机关制度", "民主评议", "总分", "名次", "末位", "考核结果", "考核奖", "先进奖励", "合计发放"]

if __name__ == "__main__":
    sys.exit(main())
