import KaoheCore

/// The report's consequences, summaries and charts.
extension HTMLReport {
    /// Who is admonished, rated unqualified or given six months, and whose
    /// bonus is forfeited (SPEC section 1), each with office and total.
    static func consequences(_ wb: Workbook, rows: [RowID]) throws(WorkbookError) -> String {
        let decimals = NumberFormat.decimals(of: wb)
        func who(_ keep: (RowID) throws(WorkbookError) -> Bool) throws(WorkbookError) -> String {
            var names: [String] = []
            for row in rows where try keep(row) {
                let v = { (key: String) throws(WorkbookError) in try wb.value(row: row, column: key, sheet: cadres) }
                names.append("\(try v("name").displayText)（\(try v("office").displayText)，总分 \(try v("total").formatted(decimals: decimals))）")
            }
            return names.isEmpty ? "无" : escape(names.joined(separator: "、"))
        }
        var html = "<table>\n<thead><tr><th>处理</th><th>依据</th><th>人员</th></tr></thead>\n<tbody>\n"
        let rules: [(String, String, String)] = [
            ("admonish", "诫勉", "本年度考核末位"),
            ("unqualified", "评为不合格", "连续两年考核末位"),
            ("admonish-6m", "诫勉六个月", "连续三年考核末位"),
        ]
        for (status, action, reason) in rules {
            html += "<tr><td class=\"bad\">\(action)</td><td>\(reason)</td><td>"
            html += try who { row throws(WorkbookError) in try wb.value(row: row, column: "status", sheet: cadres) == .text(status) }
            html += "</td></tr>\n"
        }
        html += "<tr><td class=\"bad\">扣发考核奖</td><td>参与赌博，经查实（4.1）</td><td>"
        html += try who { row throws(WorkbookError) in try wb.value(row: row, column: "forfeit", sheet: cadres) == .bool(true) }
        return html + "</td></tr>\n</tbody>\n</table>\n"
    }

    static func summaryTables(_ s: TownSummary, decimals: Int) -> String {
        func score(_ x: Double?) -> String { x.map { Num.fixed($0, decimals: decimals) } ?? "—" }
        func extreme(_ e: (total: Double, names: [String])?) -> String {
            e.map { "\(escape($0.names.joined(separator: "、"))) \(score($0.total))" } ?? "—"
        }
        var html = "<table>\n<thead><tr><th>所在办</th><th>人数</th><th>其中临聘</th><th>平均总分</th><th>最高</th><th>最低</th><th>考核奖</th><th>先进奖励</th></tr></thead>\n<tbody>\n"
        func row(_ g: TownSummary.Group, name: String) -> String {
            "<tr><td>\(escape(name))</td><td class=\"n\">\(g.headcount)</td><td class=\"n\">\(g.temporary)</td><td class=\"n\">\(score(g.averageTotal))</td>"
                + "<td>\(extreme(g.best))</td><td>\(extreme(g.worst))</td><td class=\"n\">\(money(g.bonus))</td><td class=\"n\">\(money(g.awards))</td></tr>\n"
        }
        for g in s.offices { html += row(g, name: g.name.isEmpty ? "（未填）" : g.name) }
        html += "</tbody>\n<tfoot>" + row(s.town, name: "全镇") + "</tfoot>\n</table>\n"
        html += "<table>\n<thead><tr><th>考核类别</th><th>平均</th><th>最高</th><th>最低</th></tr></thead>\n<tbody>\n"
        for c in s.categories {
            html += "<tr><td>\(escape(c.label.isEmpty ? c.key : c.label))</td><td class=\"n\">\(score(c.average))</td><td class=\"n\">\(score(c.highest))</td><td class=\"n\">\(score(c.lowest))</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    /// Each office's average total as a horizontal bar, on an axis from a
    /// round number below the lowest average (differences of a few points
    /// are what the meeting looks at).
    static func officeChart(_ s: TownSummary, decimals: Int) -> String {
        let bars = s.offices.compactMap { g in g.averageTotal.map { (g.name.isEmpty ? "（未填）" : g.name, $0) } }
        guard let high = bars.map(\.1).max(), let low = bars.map(\.1).min() else { return "" }
        let start = max(0, (low / 10).rounded(.down) * 10 - (low.truncatingRemainder(dividingBy: 10) < 2 ? 10 : 0))
        let end = max(start + 10, (high / 5).rounded(.up) * 5)
        let left = 96.0, width = 520.0, barHeight = 18.0, gap = 6.0
        let height = Double(bars.count) * (barHeight + gap) + 28
        func x(_ v: Double) -> Double { left + (v - start) / (end - start) * width }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"660\" height=\"\(Int(height))\" viewBox=\"0 0 660 \(Int(height))\" role=\"img\" aria-label=\"各办平均总分\">\n"
        var tick = start
        while tick <= end {
            svg += "<line x1=\"\(x(tick))\" y1=\"0\" x2=\"\(x(tick))\" y2=\"\(height - 20)\" stroke=\"#ccc\" stroke-width=\"0.6\"/>"
            svg += "<text x=\"\(x(tick))\" y=\"\(height - 6)\" font-size=\"10\" text-anchor=\"middle\" fill=\"#555\">\(Num.general(tick))</text>\n"
            tick += 5
        }
        for (i, bar) in bars.enumerated() {
            let y = Double(i) * (barHeight + gap) + 2
            svg += "<text x=\"\(left - 6)\" y=\"\(y + 13)\" font-size=\"11\" text-anchor=\"end\">\(escape(bar.0))</text>"
            svg += "<rect x=\"\(left)\" y=\"\(y)\" width=\"\(max(1, x(bar.1) - left))\" height=\"\(barHeight)\" fill=\"#4a78a8\"/>"
            svg += "<text x=\"\(x(bar.1) + 4)\" y=\"\(y + 13)\" font-size=\"10\">\(Num.fixed(bar.1, decimals: decimals))</text>\n"
        }
        return svg + "</svg>\n"
    }

    /// How many ranked cadres scored in each band of the total: bands of 1,
    /// 2 or 5 points (or 10, 20, 50, … for totals typed far out of the
    /// scheme's range), the narrowest that gives at most 20 bars.
    static func histogram(_ scores: [Double]) -> String {
        let totals = scores.filter(\.isFinite)
        guard let high = totals.max(), let low = totals.min() else { return "<p>无参加排名的干部。</p>\n" }
        let steps = (0..<69).lazy.map { Num.exactPowerOfTen($0 / 3) * [1.0, 2, 5][$0 % 3] }
        guard let step = steps.first(where: { ((high - low) / $0).rounded(.down) + 1 <= 20 }) else {
            return "<p>总分相差过大，无法绘制分布图。</p>\n"
        }
        let first = (low / step).rounded(.down) * step
        let count = Int(((high - first) / step).rounded(.down)) + 1
        var bins = [Int](repeating: 0, count: count)
        for t in totals { bins[min(count - 1, Int(((t - first) / step).rounded(.down)))] += 1 }
        let top = Double(bins.max()!)
        let left = 36.0, barWidth = min(40.0, 580.0 / Double(count)), plot = 150.0
        let width = left + barWidth * Double(count) + 20
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"200\" viewBox=\"0 0 \(Int(width)) 200\" role=\"img\" aria-label=\"总分分布\">\n"
        svg += "<line x1=\"\(left)\" y1=\"\(plot + 10)\" x2=\"\(width - 10)\" y2=\"\(plot + 10)\" stroke=\"#333\" stroke-width=\"0.8\"/>\n"
        for (i, n) in bins.enumerated() {
            let x = left + Double(i) * barWidth
            let h = Double(n) / top * (plot - 14)
            if n > 0 {
                svg += "<rect x=\"\(x + 2)\" y=\"\(plot + 10 - h)\" width=\"\(barWidth - 4)\" height=\"\(h)\" fill=\"#4a78a8\"/>"
                svg += "<text x=\"\(x + barWidth / 2)\" y=\"\(plot + 6 - h)\" font-size=\"10\" text-anchor=\"middle\">\(n)</text>"
            }
            svg += "<text x=\"\(x)\" y=\"\(plot + 24)\" font-size=\"9\" text-anchor=\"middle\" fill=\"#555\">\(Num.general(first + Double(i) * step))</text>\n"
        }
        svg += "<text x=\"\(left + Double(count) * barWidth)\" y=\"\(plot + 24)\" font-size=\"9\" text-anchor=\"middle\" fill=\"#555\">\(Num.general(first + Double(count) * step))</text>\n"
        svg += "<text x=\"\(width / 2)\" y=\"194\" font-size=\"10\" text-anchor=\"middle\" fill=\"#333\">总分（每格 \(Num.general(step)) 分，柱上为人数）</text>\n"
        return svg + "</svg>\n"
    }
}
