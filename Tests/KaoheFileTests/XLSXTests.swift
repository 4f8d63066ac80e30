import Foundation
import KaoheCore
import Testing
@testable import KaoheFile

/// A small results sheet with the template's column keys and hand-checked
/// figures: names that look like formulas, escapes and line breaks, a
/// score that is not a number, and the errors that follow from it.
func resultsWorkbook() throws -> Workbook {
    let wb = Workbook()
    try wb.setParam("year", .number(2026))
    try wb.setParam("decimals", .number(2))
    try wb.addSheet("cadres")
    for (key, label) in [("id", "编号"), ("name", "姓名"), ("office", "所在办"), ("total", "总分"), ("status", "考核结果")] {
        try wb.addColumn(key, label: label, to: "cadres")
    }
    try wb.addColumn("rank", label: "名次", formula: "=RANK(total, cadres[total])", to: "cadres")
    try wb.addColumn("bottom", label: "末位", formula: "=rank>2", to: "cadres")
    try wb.addColumn("bonus", label: "考核奖", formula: "=IFERROR(ROUND(total*30.333, 2), 0)", to: "cadres")
    try wb.addColumn("payout", label: "合计发放", formula: "=bonus+100", to: "cadres")
    try wb.appendRows(to: "cadres", columns: ["id", "name", "office", "total", "status"], rows: [
        [.text("c01"), .text("张伟"), .text("党政办"), .number(93.5), .text("ok")],
        [.text("c02"), .text("=HYPERLINK(\"x\")"), .text("综治办"), .number(88.125), .text("admonish")],
        [.text("c03"), .text("two\nlines"), .text("综治办"), .text("n/a"), .empty],
        [.text("c04"), .text("_x0041_ a&b<c>\u{1}"), .text(" 党政办 "), .number(95), .text("ok")],
    ])
    return wb
}

@Suite("xlsx out")
struct XLSXExportTests {
    func book(_ wb: Workbook, _ options: XLSX.ExportOptions = .init()) throws -> XLSXBook {
        try XLSXReader.read(XLSX.export(wb, options: options), file: "out.xlsx")
    }

    @Test("the result sheet read back: title, header, rank order, values, types, formats, totals")
    func resultSheet() throws {
        let sheet = try book(resultsWorkbook()).sheets[0]
        #expect(sheet.name == "考核结果")
        #expect(sheet.cell("A1") == .init(value: .text("2026年度机关干部岗位目标考核结果"), bold: true))
        #expect(sheet.merges == ["A1:I1"])
        // The contract columns present, in the contract's order.
        let header = (0..<9).map { sheet.rows[2]?[$0]?.value.displayText ?? "" }
        #expect(header == ["编号", "姓名", "所在办", "总分", "名次", "末位", "考核结果", "考核奖", "合计发放"])
        #expect(sheet.rows[2]?.values.allSatisfy(\.bold) == true)
        // Rank order: c04 (95) 1, c01 (93.5) 2, c02 (88.125) 3, then c03 whose total is text.
        #expect((3...6).map { sheet.rows[$0]?[0]?.value } == [.text("c04"), .text("c01"), .text("c02"), .text("c03")])
        #expect(sheet.cell("B3")?.value == .text("_x0041_ a&b<c>\u{1}"))
        #expect(sheet.cell("C3")?.value == .text(" 党政办 "))
        #expect(sheet.cell("D3") == .init(value: .number(95), numberFormat: "0.00"))
        #expect(sheet.cell("E3") == .init(value: .number(1)))
        #expect(sheet.cell("F3")?.value == .text("否"))
        #expect(sheet.cell("G3")?.value == .text("合格"))
        // 95 × 30.333 = 2881.635 → 2881.64; payout 2981.64.
        #expect(sheet.cell("H3") == .init(value: .number(2881.64), numberFormat: "0.00"))
        #expect(sheet.cell("I3")?.value == .number(2981.64))
        // A name starting with = stays text: no formula in the cell.
        #expect(sheet.cell("B5") == .init(value: .text("=HYPERLINK(\"x\")")))
        // 88.125 shows as 88.13, and 88.13 is the number written; bottom (rank 3 > 2) reads 是, admonish 诫勉.
        #expect(sheet.cell("D5")?.value == .number(88.13))
        #expect(sheet.cell("F5")?.value == .text("是"))
        #expect(sheet.cell("G5")?.value == .text("诫勉"))
        #expect(sheet.cell("B6")?.value == .text("two\nlines"))
        #expect(sheet.cell("D6")?.value == .text("n/a"))
        #expect(sheet.cell("E6")?.value.isError == true)
        #expect(sheet.cell("G6") == nil)
        // Totals: 2881.64 + 2836.14 (93.5 × 30.333 = 2836.1355) + 2673.10 (88.125 × 30.333 = 2673.095625) + 0 = 8390.88;
        // payouts add 4 × 100.
        #expect(sheet.cell("A7") == .init(value: .text("合计"), bold: true))
        #expect(sheet.cell("H7") == .init(value: .number(8390.88), numberFormat: "0.00", bold: true, formula: "SUM(H3:H6)"))
        #expect(sheet.cell("I7")?.value == .number(8790.88))
        #expect(sheet.cell("D7") == nil)
    }

    @Test("frozen header, print titles, A4 landscape fitted to the width, widths that fit the text")
    func pageSetup() throws {
        let sheet = try book(resultsWorkbook()).sheets[0]
        #expect(sheet.frozenRows == 2)
        #expect(sheet.printTitles == "'考核结果'!$1:$2")
        #expect(sheet.pageSetup["paperSize"] == "9")
        #expect(sheet.pageSetup["orientation"] == "landscape")
        #expect(sheet.pageSetup["fitToWidth"] == "1")
        #expect(sheet.pageSetup["fitToHeight"] == "0")
        // 姓名: the widest name is `=HYPERLINK("x")`, 15 columns, + 2.
        #expect(sheet.widths[1] == 17)
        // 所在办: " 党政办 ", 2 + 3 × 2 = 8, + 2.
        #expect(sheet.widths[2] == 10)
        // 合计发放: 2981.64 is 7 columns, the header 8, + 2.
        #expect(sheet.widths[8] == 10)
    }

    @Test("sheet= and cols= choose what is written; a decimals other than 2 gets its own format")
    func options() throws {
        let wb = try resultsWorkbook()
        try wb.setParam("decimals", .number(1))
        let sheet = try book(wb, .init(sheet: "cadres", columns: ["name", "total", "bonus"])).sheets
        #expect(sheet.count == 1)
        #expect((0..<3).map { sheet[0].rows[2]?[$0]?.value.displayText } == ["姓名", "总分", "考核奖"])
        // 93.5 at one decimal; money stays at two.
        #expect(sheet[0].cell("B4") == .init(value: .number(93.5), numberFormat: "0.0"))
        #expect(sheet[0].cell("C4")?.numberFormat == "0.00")
    }

    @Test("the demo's approval workbook: five sheets, and every figure as export csv shows it")
    func demo() throws {
        let wb = try Templates.demo(year: 2026)
        let read = try book(wb)
        #expect(read.sheets.map(\.name) == ["考核结果", "考核奖与先进奖励", "事件记录", "先进奖励", "参数"])
        #expect(read.sheets.allSatisfy { $0.frozenRows == 2 && $0.printTitles == "'\($0.name)'!$1:$2" })
        let csv = try CSV.read(CSV.export(wb, sheet: "cadres", options: .init(columns: Templates.contractColumns)), file: "csv")
        let byID = Dictionary(uniqueKeysWithValues: csv.dropFirst().map { ($0.fields[0], $0.fields) })
        let result = read.sheets[0]
        var compared = 0
        for r in 3..<(try 3 + wb.rowCount(of: "cadres")) {
            let id = result.rows[r]![0]!.value.displayText
            for (c, cell) in result.rows[r]! {
                guard case .number(let x) = cell.value else { continue }
                let shown = cell.numberFormat == "General" ? Num.general(x) : Num.fixed(x, decimals: cell.numberFormat.count - 2)
                #expect(shown == byID[id]![c], "\(id) column \(c)")
                compared += 1
            }
        }
        #expect(compared > 60 * 10)
        // The payout total is what bonus prints: paid + awards, to the fen.
        let totalsRow = 3 + 60
        let payouts = try wb.rows(of: "cadres").map { try wb.value(row: $0, column: "payout", sheet: "cadres").number! }
        var sum = ExactSum()
        for p in payouts { sum.add(Num.round(p, 2)) }
        #expect(result.rows[totalsRow]?[18]?.value == .number(Num.round(sum.value, 2)))
        #expect(read.sheets[4].rows.values.contains { $0[0]?.value == .text("year") && $0[1]?.value == .number(2026) })
        let events = read.sheets[2]
        #expect(events.rows.keys.max() == 2 + (try wb.rowCount(of: "events")))
    }

    @Test("the same workbook exports to the same bytes")
    func deterministic() throws {
        let wb = try resultsWorkbook()
        #expect(try XLSX.export(wb) == XLSX.export(wb))
    }

    @Test("a sheet of several megabytes zipped in pieces reads back whole; a cell after an empty one keeps its reference")
    func longSheet() throws {
        let n = 40_000
        let columns = [
            XLSXSheet.Column(header: "编号", format: .general, values: (0..<n).map { .text("c\($0)") }),
            XLSXSheet.Column(header: "分", format: .fixed(2), values: (0..<n).map { $0 % 7 == 0 ? .empty : .number(Double($0) / 8) }),
            XLSXSheet.Column(header: "办", format: .general, values: (0..<n).map { .text(["党政办", "综治办", "财政所"][$0 % 3]) }),
        ]
        let empty = XLSXSheet(name: "空", title: "空", columns: [XLSXSheet.Column(header: "编号", format: .general, values: [])])
        let book = try XLSXReader.read(XLSXWriter.data([XLSXSheet(name: "长", title: "长表", columns: columns), empty], title: "长"), file: "long.xlsx")
        let sheet = book.sheets[0]
        #expect(sheet.rows.count == 2 + n)
        for r in [0, 1, 6, 7, 8, 20_000, 26_249, n - 1] {
            #expect(sheet.rows[3 + r]?[0]?.value == .text("c\(r)"))
            #expect(sheet.rows[3 + r]?[1]?.value == (r % 7 == 0 ? nil : .number(Num.round(Double(r) / 8, 2))), "row \(r)")
            #expect(sheet.rows[3 + r]?[2]?.value == .text(["党政办", "综治办", "财政所"][r % 3]))
        }
        #expect(book.sheets[1].rows.count == 2)
    }
}

@Suite("xml writer")
struct XMLWriterTests {
    func written(_ x: Double, _ places: Int?) -> String {
        var w = XMLWriter()
        let start = w.bytes.count
        w.number(x, places: places)
        return String(decoding: w.bytes[start...], as: UTF8.self)
    }

    @Test("numbers are written as Num.general writes the figure shown")
    func numbers() {
        // 2.675 shows as 2.68 (half away from zero on the decimal value), -0.004 as 0.00 (written 0),
        // 1234567.5 at 0 places as 1234568, 0.05 at 2 as 0.05, 3000 as 3000.
        #expect(written(2.675, 2) == "2.68")
        #expect(written(-0.004, 2) == "0")
        #expect(written(1234567.5, 0) == "1234568")
        #expect(written(0.05, 2) == "0.05")
        #expect(written(-12.5, 1) == "-12.5")
        #expect(written(3000, nil) == "3000")
        #expect(written(0.1 + 0.2, nil) == "0.3")
        var rng = SplitMix64(seed: 16)
        for _ in 0..<20_000 {
            let p = rng.randint(0, 4)
            let x = Double(rng.randint(-10_000_000, 10_000_000)) / Double([1, 8, 1000, 3, 100_000][rng.randint(0, 4)])
            #expect(written(x, p) == Num.general(Num.round(x, p)), "\(x) at \(p)")
            #expect(written(x, nil) == Num.general(x), "\(x)")
        }
        #expect(written(1e20, 2) == Num.general(1e20))
    }
}
