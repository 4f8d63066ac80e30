import KaoheCore
import PropertyBased
import Testing
@testable import KaoheFile

/// A small town sheet with everything the format must carry: parameters of
/// every kind, Chinese text, labels, formulas, overrides and formula cells,
/// text that needs escaping, and a second sheet.
func sampleWorkbook() throws -> Workbook {
    let wb = Workbook()
    try wb.setParam("decimals", .number(2))
    try wb.setParam("town", .text("东湖镇"))
    try wb.setParam("strict", .bool(true))
    try wb.setParam("rate", .number(0.1))
    try wb.addSheet("cadres")
    try wb.addColumn("id", label: "编号", to: "cadres")
    try wb.addColumn("name", label: "姓名", to: "cadres")
    try wb.addColumn("rules", label: "机关制度", to: "cadres")
    try wb.addColumn("note", to: "cadres")
    try wb.addColumn("total", label: "总分", formula: "=ROUND(rules*10 + 0.5, decimals)", to: "cadres")
    try wb.addColumn("rank", label: "名次", formula: "=RANK(total, cadres[total])", to: "cadres")
    try wb.appendRows(to: "cadres", columns: ["id", "name", "rules", "note"], rows: [
        [.text("c01"), .text("张伟"), .number(9.5), .text("line one\nline \"two\", with a comma")],
        [.text("c02"), .text("=SUM(1)"), .number(8), .empty],
        [.text("c03"), .text("李娜"), .empty, .text("back\\slash\ttab")],
        [.text("c04"), .text("王芳"), .number(1e-7), .error(.na)],
    ])
    let rows = try wb.rows(of: "cadres")
    try wb.set(.number(100), row: rows[1], column: "total", sheet: "cadres")
    try wb.setFormula("=rules*2", row: rows[2], column: "rules", sheet: "cadres")
    try wb.set(.text(""), row: rows[3], column: "rank", sheet: "cadres")
    try wb.addSheet("offices")
    try wb.addColumn("name", to: "offices")
    try wb.addColumn("rank", to: "offices")
    try wb.appendRows(to: "offices", columns: ["name", "rank"], rows: [[.text("党政办"), .number(3)], [.text("农办"), .empty]])
    return wb
}

/// Every value of every sheet, for comparing two workbooks.
func allValues(_ wb: Workbook) throws -> [String: [Value]] {
    var out: [String: [Value]] = [:]
    for sheet in wb.sheetNames {
        for (key, _, _) in try wb.columns(of: sheet) {
            let ref = try wb.columnRef(key, sheet: sheet)
            out["\(sheet).\(key)"] = try wb.rows(of: sheet).map { wb.value(CellRef(ref, $0)) }
        }
    }
    return out
}

@Suite("The .kaohe file")
struct WorkbookFileTests {
    @Test("the writer's output, line by line")
    func layout() throws {
        let text = WorkbookFile.write(try sampleWorkbook())
        #expect(text == #"""
            kaohe 2

            param decimals = 2
            param town = "东湖镇"
            param strict = TRUE
            param rate = 0.1

            sheet cadres
            column id "编号"
            column name "姓名"
            column rules "机关制度"
            column note
            column total "总分" =ROUND(rules*10 + 0.5, decimals)
            column rank "名次" =RANK(total, cadres[total])
            row "c01", "张伟", 9.5, "line one\nline \"two\", with a comma"
            row "c02", "=SUM(1)", 8
              cell total 100
            row "c03", "李娜", , "back\\slash\ttab"
              cell rules =rules*2
            row "c04", "王芳", 0.0000001, #N/A
              cell rank ""

            sheet offices
            column name
            column rank
            row "党政办", 3
            row "农办"

            end

            """#)
    }

    @Test("read and written again, byte-identical, with the same values")
    func roundTrip() throws {
        let wb = try sampleWorkbook()
        let text = WorkbookFile.write(wb)
        let again = try WorkbookFile.read(text, file: "sample.kaohe")
        #expect(WorkbookFile.write(again) == text)
        #expect(try allValues(again) == allValues(wb))
        #expect(!again.canUndo)
        // rules*2 reads itself: the formula cell is a cycle, both before and after.
        #expect(try again.value(row: again.rows(of: "cadres")[2], column: "rules", sheet: "cadres") == .error(.cycle))
    }

    @Test("random workbooks round-trip")
    func randomRoundTrip() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...Int.max)) { seed in
            do {
                let wb = try randomWorkbook(seed: UInt64(seed))
                let text = WorkbookFile.write(wb)
                let again = try WorkbookFile.read(text, file: "random.kaohe")
                #expect(WorkbookFile.write(again) == text)
                #expect(try allValues(again) == allValues(wb))
            } catch {
                Issue.record("seed \(seed): \(error)")
            }
        }
    }

    @Test("a formula naming a removed column survives the round trip as #REF!")
    func brokenFormula() throws {
        let wb = try sampleWorkbook()
        try wb.removeColumn("rules", sheet: "cadres")
        let text = WorkbookFile.write(wb)
        let again = try WorkbookFile.read(text, file: "x.kaohe")
        #expect(WorkbookFile.write(again) == text)
        #expect(try again.value(row: again.rows(of: "cadres")[0], column: "total", sheet: "cadres") == .error(.ref))
    }

    @Test("a copy omitting rows and columns' entries is the workbook with them removed and cleared")
    func omittingCopy() throws {
        let wb = try workedTown()
        let cadres = try wb.rows(of: "cadres")
        try wb.set(.number(99), row: cadres[1], column: "total", sheet: "cadres")
        try wb.setFormula("=line*2", row: cadres[2], column: "rural", sheet: "cadres")
        try wb.set(.text("x"), row: try wb.rows(of: "events")[0], column: "note", sheet: "events")
        let emptied: Set<String> = ["democratic", "rural_raw", "total", "rural", "rank"]
        // As year next did it before: the whole copy, then the bulk edits.
        let removed = try WorkbookFile.read(WorkbookFile.write(wb), file: "w")
        try removed.removeRows(removed.rows(of: "events"), sheet: "events")
        for key in emptied.sorted() { try removed.clearColumn(key, sheet: "cadres") }
        try removed.clearColumn("line_rank", sheet: "offices")
        let copy = try WorkbookFile.read(WorkbookFile.write(wb, omitting: WorkbookFile.Omitting(
            rows: ["events"], entries: ["cadres": emptied, "offices": ["line_rank"]])), file: "w")
        #expect(WorkbookFile.write(copy) == WorkbookFile.write(removed))
        #expect(try allValues(copy) == allValues(removed))
        #expect(try copy.rowCount(of: "events") == 0 && copy.rowCount(of: "cadres") == 6)
    }

    @Test("a column read packed turns into values at its first text, in place, numbers canonical throughout")
    func packedThenText() throws {
        // 0.1 + 0.2 written with 17 digits is kept as the 15 digits it shows, 0.3.
        let text = "kaohe 2\nsheet t\ncolumn a\ncolumn b\ncolumn c =a\nrow 1, TRUE\nrow 0.30000000000000004, FALSE\nrow \"x\",\nrow 2.5, 3\nrow , \"y\"\nend\n"
        let wb = try WorkbookFile.read(text, file: "w.kaohe")
        #expect(try wb.values(column: "a", sheet: "t") == [.number(1), .number(0.3), .text("x"), .number(2.5), .empty])
        #expect(try wb.values(column: "b", sheet: "t") == [.bool(true), .bool(false), .empty, .number(3), .text("y")])
        #expect(try wb.values(column: "c", sheet: "t") == [.number(1), .number(0.3), .text("x"), .number(2.5), .number(0)])
        #expect(WorkbookFile.write(wb).contains("row 0.3, FALSE\n"))
    }

    @Test("comments, blank lines and Windows line ends are read")
    func lenientReading() throws {
        let text = "# 2026 考核\r\nkaohe 1\r\n\r\nsheet t\r\n  # a note\r\ncolumn a\r\ncolumn b =a*2\r\nrow 21.5\r\n"
        let wb = try WorkbookFile.read(text, file: "w.kaohe")
        #expect(try wb.value(row: wb.rows(of: "t")[0], column: "b", sheet: "t") == .number(43))
    }
}

/// A random workbook: random columns (inputs and formulas), rows of random
/// values (Chinese, quotes, newlines, numbers, errors), overrides and params.
func randomWorkbook(seed: UInt64) throws -> Workbook {
    var rng = SplitMix64(seed: seed)
    func pick<T>(_ xs: [T]) -> T { xs.randomElement(using: &rng)! }
    let texts = ["张伟", "a,b", "say \"hi\"", "two\nlines", "=1+1", "-5", " lead", "tab\there", "", "back\\", "#N/A"]
    func value() -> Value {
        switch rng.randint(0, 9) {
        case 0: return .empty
        case 1, 2: return .text(pick(texts))
        case 3: return .bool(rng.randint(0, 1) == 1)
        case 4: return .error(pick(CellError.allCases))
        default: return .number(pick([0, 1, -2.5, 0.1, 1e-12, 123456789012345, 3.14159, 1e20, -0.001]))
        }
    }
    let wb = Workbook()
    for p in 0..<rng.randint(0, 3) { try wb.setParam("p\(p)", value()) }
    for s in 0..<rng.randint(1, 2) {
        let sheet = "s\(s)"
        try wb.addSheet(sheet)
        let inputs = (0..<rng.randint(1, 4)).map { "in\($0)" }
        for key in inputs { try wb.addColumn(key, label: rng.randint(0, 1) == 0 ? "" : pick(["分数", "a \"b\""]), to: sheet) }
        let rows = (0..<rng.randint(0, 6)).map { _ in inputs.map { _ in value() } }
        try wb.appendRows(to: sheet, columns: inputs, rows: rows)
        try wb.addColumn("f", formula: pick(["=in0&\"x\"", "=COUNTA(\(sheet)[in0])", "=IFERROR(in0*2, \"bad\")"]), to: sheet)
        for row in try wb.rows(of: sheet) where rng.randint(0, 3) == 0 {
            if rng.randint(0, 1) == 0 {
                try wb.set(value(), row: row, column: "f", sheet: sheet)
            } else {
                try wb.setFormula("=in0", row: row, column: pick(inputs + ["f"]), sheet: sheet)
            }
        }
    }
    return wb
}
