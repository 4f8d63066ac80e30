"""`make test-browser`: the report as headless Chromium renders and prints it.

Exports the demo's report, prints it to PDF (A4, as the office would) and
takes a screenshot; checks the PDF's pages are A4, the report's CJK fonts are
the ones found (no boxes for missing glyphs) and its text holds the title, every section,
the consequences and the payout total that `bonus` prints. The PNG and PDF
stay in .build/test-browser/ to be looked at.

    python3 Tests/Browser/check_html.py KAOHE_BINARY
"""
import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, ".build", "test-browser")


def run(*args, cwd=OUT):
    out = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=180)
    if out.returncode != 0:
        sys.exit(f"{' '.join(args)} failed: {out.stdout}{out.stderr}")
    return out.stdout


def main():
    binary = os.path.abspath(sys.argv[1])
    os.makedirs(OUT, exist_ok=True)
    shutil.copy(os.path.join(ROOT, "Workbooks", "demo-2026.kaohe"), OUT)
    for f in ("report.html", "report.pdf", "report.png"):
        if os.path.exists(os.path.join(OUT, f)):
            os.remove(os.path.join(OUT, f))
    bonus = run(binary, "demo-2026.kaohe", "-c", "export html report.html", "-c", "bonus")
    payout = re.search(r"payout (\d+\.\d\d)", bonus).group(1)
    page = "file://" + os.path.join(OUT, "report.html")
    chromium = ["chromium", "--headless", "--no-sandbox", "--disable-gpu"]
    run(*chromium, "--no-pdf-header-footer", "--print-to-pdf=report.pdf", page)
    run(*chromium, "--hide-scrollbars", "--window-size=900,2400", "--screenshot=report.png", page)

    failures = []
    info = run("pdfinfo", "report.pdf")
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    if "(A4)" not in info:
        failures.append("the PDF's pages are not A4:\n" + info)
    # Chromium embeds the glyphs as Type 3 fonts, which keep no name: ask
    # fontconfig that the report's first choice of font is the one found.
    for family in ("Noto Sans CJK SC", "Noto Serif CJK SC"):
        found = run("fc-match", family)
        if "CJK" not in found:
            failures.append(f"{family} resolves to {found.strip()}: Chinese would print in a fallback font or as boxes")
    text = re.sub(r"\s+", "", run("pdftotext", "-layout", "report.pdf", "-"))
    expected = ["2026年度机关干部岗位目标考核结果", "一、考核排名", "二、考核结果运用", "三、考核奖与先进奖励", "四、先进奖励明细",
                "五、各办汇总", "六、总分分布", "七、考核参数", "诫勉", "评为不合格", "诫勉六个月", "扣发考核奖", "全镇",
                "总分（每格1分，柱上为人数）", payout, "党政办（盖章）"]
    failures += [f"the printed report lacks '{t}'" for t in expected if t not in text]
    if not 3 <= pages <= 8:
        failures.append(f"{pages} pages: expected the 60-cadre report on 3 to 8 A4 pages")
    if os.path.getsize(os.path.join(OUT, "report.png")) < 50_000:
        failures.append("the screenshot is nearly empty")
    for f in failures:
        print("FAIL", f)
    checks = 2 + 2 + len(expected) + 2
    print(f"browser checks: {pages} A4 pages, CJK fonts, {len(expected)} texts; see {OUT}/report.png and report.pdf")
    print(f"browser: {checks - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
