import Foundation
import KaoheCore
import KaoheFile
import KaoheREPL
import Testing

/// `import events` runs its rows as one batch (`Town.record` for many):
/// in-process, against the same rows typed one by one.
@Suite("department returns: the bulk import against typing each row")
struct BulkImportTests {
    /// A town of three cadres of one office, in a session of its own.
    func session() throws -> Session {
        let wb = try #require(try Templates.make("town", year: 2026))
        try wb.appendRows(to: "offices", columns: ["name", "line_rank"], rows: [[.text("党政办"), .number(3)]])
        try wb.appendRows(to: "cadres", columns: ["id", "name", "office", "democratic"], rows: [
            [.text("c1"), .text("张伟"), .text("党政办"), .number(9)],
            [.text("c2"), .text("李娜"), .text("党政办"), .number(8)],
            [.text("c3"), .text("王强"), .text("党政办"), .number(7)],
        ])
        wb.clearUndo()
        return Session(document: WorkbookDocument(workbook: wb), output: { _ in })
    }

    /// A return's rows, each with the command typing it means, and whether it is refused.
    static let rows: [(csv: String, typed: String, refused: Bool)] = [
        ("2026-03-01,c1,,4.6a,2,,,", "deduct c1 4.6a x2 date=2026-03-01", false),
        ("2026-03-02,,李娜,4.6c,,,,", "credit 李娜 4.6c date=2026-03-02", false),
        // A second full attendance, against the row above: the batch sees it.
        ("2026-03-03,c2,,4.6c,,,,", "credit c2 4.6c date=2026-03-03", true),
        // Full attendance for a cadre absent twice in the first row.
        ("2026-03-04,c1,,4.6c,,,,", "credit c1 4.6c date=2026-03-04", true),
        // An absence after the credit: recorded, with a warning.
        ("2026-03-05,c2,,4.6a,,,迟到,", "deduct c2 4.6a note=迟到 date=2026-03-05", false),
        ("2026-03-06,c3,,4.3,,,,", "deduct c3 4.3 date=2026-03-06", true),
        ("2026-03-07,c9,,4.2a,,,,", "deduct c9 4.2a date=2026-03-07", true),
        ("2026-03-08,c3,,4.4b,,,,", "deduct c3 4.4b date=2026-03-08", true),
        ("2026-03-09,c3,,4.4b,,1.5,材料迟交,办主任", "deduct c3 4.4b points=1.5 note=材料迟交 date=2026-03-09 by=办主任", false),
        ("2026-02-30,c3,,4.3b,,,,", "deduct c3 4.3b date=2026-02-30", true),
        ("2026-03-11,c3,,4.3b,0,,,", "deduct c3 4.3b x0 date=2026-03-11", true),
        ("2026-03-12,c3,,4.2b,,,,", "deduct c3 4.2b date=2026-03-12", true),
        ("2025-12-01,王强,,4.3b,3,,,", "deduct 王强 4.3b x3 date=2025-12-01", false),
    ]

    static let header = "日期,编号,姓名,条款,次数,每次分值,备注,记录部门"

    func write(_ rows: [String], in dir: URL, as name: String) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try ([Self.header] + rows).joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func sheet(_ s: Session, _ name: String) throws -> [[String]] {
        let wb = s.document.workbook
        let keys = try wb.columns(of: name).map(\.key)
        return try wb.rows(of: name).map { r in try keys.map { try wb.value(row: r, column: $0, sheet: name).displayText } }
    }

    @Test("every refused row is reported at its line with the message typing it gives, and nothing is imported")
    func sameRefusals() throws {
        let dir = try Binary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try write(Self.rows.map(\.csv), in: dir, as: "return.csv")
        let imported = try session()
        let before = (try sheet(imported, "events"), try sheet(imported, "cadres"), imported.document.log?.entries.count)
        var message = ""
        do { try imported.execute("import events \(path)") } catch { message = error.message }

        let typed = try session()
        var expected: [String] = []
        for (i, row) in Self.rows.enumerated() {
            do {
                try typed.execute(row.typed)
                #expect(!row.refused, "\(row.typed) was recorded when typed")
            } catch {
                #expect(row.refused, "\(row.typed): \(error.message)")
                expected.append("\(path):\(i + 2): \(error.message)")
            }
        }
        let refused = Self.rows.filter(\.refused).count
        #expect(message == expected.joined(separator: "\n") + "\nnothing was imported (\(refused) rows refused); fix them and import the file again")
        // The bad rows in the middle leave nothing: not the good rows before or after them.
        #expect(try sheet(imported, "events") == before.0 && sheet(imported, "cadres") == before.1)
        #expect(imported.document.log?.entries.count == before.2)
    }

    @Test("the good rows give the same events, figures and one undo step as typing them")
    func sameResults() throws {
        let dir = try Binary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = Self.rows.filter { !$0.refused }
        let path = try write(good.map(\.csv), in: dir, as: "return.csv")
        let imported = try session()
        try imported.execute("import events \(path)")
        let typed = try session()
        for row in good { try typed.execute(row.typed) }
        #expect(try sheet(imported, "events") == sheet(typed, "events"))
        #expect(try sheet(imported, "events").count == good.count)
        #expect(try sheet(imported, "cadres") == sheet(typed, "cadres"))
        // One log entry naming the file, keeping the rows' commands and the events they made.
        let entry = try #require(imported.document.log?.entries.last)
        #expect(entry.command == "import events \(path)")
        #expect(imported.document.log?.entries.count == 1)
        #expect(entry.made == (1...good.count).map { "events \($0)" })
        #expect(entry.lines.count == good.count && entry.lines[0] == "deduct c1 4.6a x2 date=2026-03-01")
        // One undo step takes the whole return back.
        try imported.execute("undo")
        #expect(try sheet(imported, "events").isEmpty)
    }
}
