import Foundation
import KaoheCore
import KaoheFile
import Testing

/// `year next` through the real binary: what the new year's file holds.
@Suite("year next")
struct YearNextTests {
    func column(_ wb: Workbook, _ sheet: String, _ key: String) throws -> [Value] {
        let ref = try wb.columnRef(key, sheet: sheet)
        return try wb.rows(of: sheet).map { wb.value(CellRef(ref, $0)) }
    }

    @Test("the roster, offices, rules and parameters carry over; events, awards, scores and line ranks start empty; this year's ranks join history")
    func nextYear() throws {
        let dir = try Binary.scratch(copying: "demo-2026.kaohe")
        defer { try? FileManager.default.removeItem(at: dir) }
        // A cell of its own in a computed column is this year's, too.
        let r = try Binary.run(["demo-2026.kaohe", "-c", "set c02 total 99", "-c", "year next 2027.kaohe"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let this = try WorkbookDocument.open(dir.appendingPathComponent("demo-2026.kaohe").path, readOnly: true).workbook
        try this.set(.number(99), row: this.rows(of: "cadres")[1], column: "total", sheet: "cadres")
        let next = try WorkbookDocument.open(dir.appendingPathComponent("2027.kaohe").path, readOnly: true).workbook
        #expect(next.param("year") == .number(2027))
        #expect(try next.rowCount(of: "events") == 0 && next.rowCount(of: "awards") == 0)
        for key in ["id", "name", "office", "instructor", "staff"] {
            #expect(try column(next, "cadres", key) == column(this, "cadres", key), "\(key)")
        }
        for key in ["democratic", "rural_raw", "petition_raw"] {
            #expect(try column(next, "cadres", key).allSatisfy(\.isEmpty), "\(key)")
        }
        #expect(try next.override(row: next.rows(of: "cadres")[1], column: "total", sheet: "cadres") == nil)
        #expect(try column(next, "offices", "line_rank").allSatisfy(\.isEmpty))
        #expect(try column(next, "offices", "name") == column(this, "offices", "name"))
        #expect(try column(next, "rules", "code") == column(this, "rules", "code"))
        #expect(next.parameters.filter { $0.name != "year" }.map(\.name) == this.parameters.filter { $0.name != "year" }.map(\.name))
        // History: last year's rows as they were, then one row per regular cadre with this year's rank and bottom flag.
        let before = try this.rowCount(of: "history")
        let years = try column(next, "history", "year"), cadres = try column(next, "history", "cadre")
        let regular = try zip(column(this, "cadres", "id"), column(this, "cadres", "regular")).filter { $0.1 == .bool(true) }.map(\.0)
        #expect(Array(cadres.dropFirst(before)) == regular)
        #expect(years.dropFirst(before).allSatisfy { $0 == .number(2026) })
        let ranks = Dictionary(uniqueKeysWithValues: try zip(column(this, "cadres", "id"), column(this, "cadres", "rank")).map { ($0.0.displayText, $0.1) })
        for (id, rank) in zip(cadres.dropFirst(before), try column(next, "history", "rank").dropFirst(before)) {
            #expect(rank == ranks[id.displayText], "\(id)")
        }
        #expect(r.stdout.contains("wrote 2027.kaohe: year 2027, 60 cadres, \(regular.count) results of 2026 added to history"))
    }
}
