import Foundation
import KaoheCore
import Testing
@testable import KaoheFile

@Suite("html report")
struct HTMLReportTests {
    @Test("the demo's report: every section, the figures as the screen shows them, nothing fetched")
    func demo() throws {
        let wb = try Templates.demo(year: 2026)
        let html = String(decoding: try HTMLReport.page(wb), as: UTF8.self)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-CN\">"))
        #expect(html.contains("<h1>2026年度机关干部岗位目标考核结果</h1>"))
        for section in ["一、考核排名", "二、考核结果运用", "三、考核奖与先进奖励", "四、先进奖励明细", "五、各办汇总", "六、总分分布", "七、考核参数"] {
            #expect(html.contains("<h2>\(section)</h2>"), "\(section)")
        }
        #expect(html.contains("@page { size: A4;"))
        #expect(html.components(separatedBy: "<svg ").count == 3)
        // No network and no other file: no src, no link, no url(), no script.
        for fetch in ["src=", "<link", "url(", "<script", "@import"] { #expect(!html.contains(fetch), "\(fetch)") }
        // The payout total is the one the xlsx totals row has, to the fen.
        let payout = try XLSX.table(wb, sheet: "cadres", keys: ["payout"], rows: wb.rows(of: "cadres"), name: "x").columns[0].sum
        #expect(html.contains("<td class=\"n\">\(Num.fixed(payout.number!, decimals: 2))</td>"))
        // The three bottom cadres' rows are marked, and the statuses read in Chinese.
        #expect(html.components(separatedBy: "<tr class=\"flag\">").count == 4)
        #expect(html.contains("<td class=\"bad\">诫勉</td>"))
    }

    @Test("names are escaped, a formula-looking name is text, an error shows as its text")
    func escaping() throws {
        let wb = try resultsWorkbook()
        try wb.addColumn("regular", formula: "=TRUE", to: "cadres")
        let rows = try wb.rows(of: "cadres")
        _ = try wb.set(.text("<script>alert(1)</script>"), row: rows[0], column: "name", sheet: "cadres")
        let html = String(decoding: try HTMLReport.page(wb), as: UTF8.self)
        #expect(html.contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>"))
        #expect(!html.contains("<script>"))
        #expect(html.contains("<td>=HYPERLINK(&quot;x&quot;)</td>"))
        #expect(html.contains("<td class=\"bad\">#VALUE!</td>"))
        // 88.125 shows as 88.13, as on the screen and in the xlsx.
        #expect(html.contains("<td class=\"n\">88.13</td>"))
    }

    @Test("the histogram counts each ranked total once, in bands of 1, 2 or 5 points")
    func histogram() {
        // 80.5 in the band from 80, 81 in the one from 81, 95.5 in the last, from 95:
        // 16 bands of 1 point, three of them with a bar.
        let svg = HTMLReport.histogram([80.5, 81, 95.5])
        #expect(svg.components(separatedBy: "<rect ").count == 4)
        #expect(svg.contains(">95</text>") && svg.contains(">96</text>") && !svg.contains(">97</text>"))
        #expect(svg.contains("每格 1 分"))
        // From 60 to 100, 41 bands of 1 would be too many; 2 points gives 21, 5 gives 9.
        #expect(HTMLReport.histogram([60, 100]).contains("每格 5 分"))
        #expect(HTMLReport.histogram([]).contains("无参加排名的干部"))
        // A total typed far out of range widens the bands instead of drawing a million bars: 0 to 1e6 in bands of 100,000.
        #expect(HTMLReport.histogram([0, 1e6]).contains("每格 100000 分"))
    }
}
