import Foundation
import KaoheCore

/// The printable report for the approval meeting: one self-contained HTML
/// page (no network, no external file) with the ranking and its flags, the
/// consequences, the bonus and awards, a per-office summary and the score
/// distribution as inline SVG, and the parameters in force. Chinese
/// throughout, set for A4 paper; every figure as the screen shows it.
public enum HTMLReport {
    public static func page(_ wb: Workbook) throws(FileError) -> Data {
        do { return Data(try html(wb).utf8) } catch { throw FileError(file: "export", error.phrase) }
    }

    static let cadres = "cadres"

    static func html(_ wb: Workbook) throws(WorkbookError) -> String {
        let title = XLSX.title(wb, "结果")
        let order = try XLSX.rankOrder(wb)
        let existing = Set(try wb.columns(of: cadres).map(\.key))
        let ranking = ["rank", "id", "name", "office", "line", "rural", "petition", "rules", "democratic", "total", "bottom", "status"].filter(existing.contains)
        var body = "<h1>\(escape(title))</h1>\n"
        body += "<p class=\"meta\">\(escape(try overview(wb, rows: order)))</p>\n"
        body += "<h2>一、考核排名</h2>\n" + (try table(wb, sheet: cadres, keys: ranking, rows: order, flagged: true))
        if existing.isSuperset(of: ["status", "forfeit", "name", "office", "total"]) {
            body += "<h2>二、考核结果运用</h2>\n" + (try consequences(wb, rows: order))
        }
        if existing.isSuperset(of: XLSX.bonusNeeds) {
            body += "<h2>三、考核奖与先进奖励</h2>\n" + render(try XLSX.bonusSheet(wb, rows: order))
        }
        if wb.sheetNames.contains("awards") {
            let keys = try wb.columns(of: "awards").map(\.key)
            let shown = ["no", "recipient", "level", "kind", "content", "evidence", "amount", "status", "paid"].filter(keys.contains)
            body += "<h2>四、先进奖励明细</h2>\n" + (try table(wb, sheet: "awards", keys: shown, rows: wb.rows(of: "awards")))
        }
        if let summary = TownSummary.make(wb) {
            let decimals = NumberFormat.decimals(of: wb)
            body += "<h2>五、各办汇总</h2>\n" + officeChart(summary, decimals: decimals) + summaryTables(summary, decimals: decimals)
            let totals = order.compactMap { row -> Double? in
                guard (try? wb.value(row: row, column: "regular", sheet: cadres)) != .bool(false) else { return nil }
                return (try? wb.value(row: row, column: "total", sheet: cadres))?.number
            }
            body += "<h2>六、总分分布</h2>\n" + histogram(totals)
        }
        body += "<h2>七、考核参数</h2>\n" + render(XLSX.parameterSheet(wb))
        body += "<p class=\"sign\">党政办（盖章）<span></span>审核：<span></span>审批：<span></span>　　年　　月　　日</p>\n"
        return """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <title>\(escape(title))</title>
        <style>\(style)</style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }

    static let style = """

    @page { size: A4; margin: 14mm 12mm 16mm; }
    html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "SimSun", serif; font-size: 10.5pt;
      line-height: 1.6; color: #111; max-width: 186mm; margin: 0 auto; }
    h1, h2, th, .meta, svg { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "SimHei", sans-serif; }
    h1 { text-align: center; font-size: 17pt; letter-spacing: 0.08em; margin: 0 0 0.3em; }
    h2 { font-size: 12.5pt; border-bottom: 1.2pt solid #333; margin: 1.2em 0 0.5em; break-after: avoid; }
    .meta { text-align: center; color: #444; margin: 0 0 1em; }
    p { text-align: justify; margin: 0.3em 0; }
    table { border-collapse: collapse; width: 100%; font-size: 8.8pt; margin: 0.3em 0 0.8em; }
    th, td { border: 0.5pt solid #999; padding: 1.5pt 3pt; }
    th { background: #e8e8e8; font-weight: 600; white-space: nowrap; }
    thead { display: table-header-group; }
    tr { break-inside: avoid; }
    td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    tr.flag td { background: #fbe3e1; }
    tfoot td { font-weight: 600; background: #f4f4f4; }
    .bad { color: #b3261e; font-weight: 600; }
    svg { display: block; margin: 0.4em auto 0.8em; max-width: 100%; }
    .sign { margin-top: 2.5em; text-align: right; }
    .sign span { display: inline-block; width: 5em; }

    """

    /// `&`, `<`, `>` and `"` as entities: every text of the workbook goes through here.
    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }

    static func money(_ x: Double) -> String { Num.fixed(x, decimals: 2) }

    static func overview(_ wb: Workbook, rows: [RowID]) throws(WorkbookError) -> String {
        let flags = try rows.map { row throws(WorkbookError) in try wb.value(row: row, column: "regular", sheet: cadres) }
        let regular = flags.filter { $0 != .bool(false) }.count
        var text = "共 \(rows.count) 名干部，参加排名 \(regular) 名"
        if rows.count > regular { text += "，临聘人员 \(rows.count - regular) 名（不参加排名和考核奖分配）" }
        if let d = wb.param("pool_district")?.number, let t = wb.param("pool_town")?.number {
            text += "；考核奖每人 \(money(d + t)) 元（区 \(money(d)) 元、镇财政 \(money(t)) 元），总额 \(money((d + t) * Double(regular))) 元"
        }
        return text + "。报镇党委、政府审批。"
    }

    /// A sheet's columns for the given rows: labels as headers, values in
    /// Chinese, numbers in their column's format, a totals row under the
    /// money paid; with `flagged`, the bottom rows marked.
    static func table(_ wb: Workbook, sheet: String, keys: [String], rows: [RowID], flagged: Bool = false) throws(WorkbookError) -> String {
        let made = try XLSX.table(wb, sheet: sheet, keys: keys, rows: rows, name: sheet)
        let bottom = flagged && keys.contains("bottom") ? try rows.map { row throws(WorkbookError) in try wb.value(row: row, column: "bottom", sheet: sheet) == .bool(true) } : []
        return render(made, flagged: bottom)
    }

    /// A sheet as the xlsx has it, as an HTML table: the same headers,
    /// values and totals; rows whose `flagged` is true marked.
    static func render(_ sheet: XLSXSheet, flagged: [Bool] = []) -> String {
        var html = "<table>\n<thead><tr>" + sheet.columns.map { "<th>\(escape($0.header))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for r in 0..<sheet.rowCount {
            html += r < flagged.count && flagged[r] ? "<tr class=\"flag\">" : "<tr>"
            for column in sheet.columns { html += cell(column.values[r], format: column.format) }
            html += "</tr>\n"
        }
        html += "</tbody>\n"
        if sheet.hasTotals {
            html += "<tfoot><tr>"
            for (i, column) in sheet.columns.enumerated() {
                if column.total {
                    html += cell(column.sum, format: column.format)
                } else {
                    html += i == 0 ? "<td>\(XLSXSheet.totalsLabel)</td>" : "<td></td>"
                }
            }
            html += "</tr></tfoot>\n"
        }
        return html + "</table>\n"
    }

    static let badWords: Set<String> = ["诫勉", "不合格", "诫勉六个月", "待补书面依据"]

    static func cell(_ v: Value, format: XLSXSheet.Format) -> String {
        switch v {
        case .number(let x):
            if case .fixed(let p) = format { return "<td class=\"n\">\(Num.fixed(x, decimals: p))</td>" }
            return "<td class=\"n\">\(Num.general(x))</td>"
        case .text(let t) where badWords.contains(t): return "<td class=\"bad\">\(escape(t))</td>"
        case .error: return "<td class=\"bad\">\(escape(v.displayText))</td>"
        default: return "<td>\(escape(v.displayText))</td>"
        }
    }
}
