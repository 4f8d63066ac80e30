import Foundation
@testable import KaoheCore
import KaoheFile
import Testing

/// Column passes (`Workbook+ColumnPass.swift`) against the cell path on the
/// real town template: every value of every sheet bit for bit, under each
/// setting of the scheme's parameters, before and after edits.
@Suite("Column passes = cell by cell, on the town template")
struct ColumnPassTests {
    /// A random town of `n` cadres with events, awards (collective and
    /// individual, some pending or revoked) and history, as the benchmark's.
    static func town(cadres n: Int, events e: Int, seed: UInt64, passThreshold: Int) throws -> Workbook {
        var rng = SplitMix64(seed: seed)
        let offices = ["党政办", "经济发展办", "农业农村办", "城建办", "综治办", "财政所"]
        let wb = try WorkbookFile.read(Templates.town(year: 2026), file: "town")
        wb.passThreshold = passThreshold
        try wb.appendRows(to: "offices", columns: ["name", "line_rank"],
                          rows: offices.enumerated().map { [.text($1), $0 == 5 ? .empty : .number(Double($0 % 4 + 1))] })
        let ids = (0..<n).map { "c\($0 + 1)" }
        try wb.appendRows(to: "cadres", columns: ["id", "name", "office", "instructor", "staff", "rural_raw", "petition_raw", "democratic"],
                          rows: ids.enumerated().map { i, id in
                              let instructor = rng.randint(0, 99) < 40
                              return [
                                  .text(id), .text("干部\(i)"), .text(offices[rng.randint(0, offices.count - 1)]), .bool(instructor),
                                  i % 9 == 0 ? .text("temp") : .text("regular"),
                                  instructor ? .number(Double(rng.randint(80, 150)) / 10) : .empty,
                                  instructor ? .number(Double(rng.randint(280, 400)) / 10) : .empty,
                                  .number(Double(rng.randint(60, 100)) / 10),
                              ]
                          })
        let rules: [(String, Double)] = [("4.1", -2), ("4.1g", 0), ("4.2a", -1), ("4.2l", 0), ("4.3b", -1), ("4.4b", -1.5), ("4.6a", -1), ("4.6c", 2), ("4.7", -2)]
        try wb.appendRows(to: "events", columns: ["no", "cadre", "rule", "times", "points", "date", "by", "revoked"],
                          rows: (0..<e).map { i in
                              let (code, points) = rules[rng.randint(0, rules.count - 1)]
                              return [.number(Double(i + 1)), .text(ids[rng.randint(0, n - 1)]), .text(code), .number(Double(rng.randint(1, 4))),
                                      .number(points), .text("2026-03-01"), .text("党政办"), .bool(i % 7 == 0)]
                          })
        let levels = ["district", "city", "province"], kinds = ["collective", "individual", "key"]
        try wb.appendRows(to: "awards", columns: ["no", "recipient", "level", "kind", "content", "evidence", "revoked"],
                          rows: (0..<(n / 4)).map { i in
                              let kind = kinds[rng.randint(0, kinds.count - 1)]
                              let recipient = kind == "individual" ? ids[rng.randint(0, n - 1)] : offices[rng.randint(0, offices.count - 1)]
                              return [.number(Double(i + 1)), .text(recipient), .text(levels[rng.randint(0, levels.count - 1)]), .text(kind),
                                      .text(["平安建设", "优秀指导员", "计生先进"][rng.randint(0, 2)]),
                                      rng.randint(0, 9) < 8 ? .text("文\(i)号") : .empty, .bool(i % 11 == 0)]
                          })
        try wb.appendRows(to: "history", columns: ["cadre", "year", "rank", "bottom"],
                          rows: ids.prefix(n / 2).flatMap { id in
                              [2024, 2025].map { [.text(id), .number(Double($0)), .number(Double(rng.randint(1, n))), .bool(rng.randint(0, 99) < 30)] }
                          })
        return wb
    }

    /// Every value of every sheet, read through the public API.
    static func everything(_ wb: Workbook) throws -> [String: [Value]] {
        var out: [String: [Value]] = [:]
        for sheet in wb.sheetNames {
            let rows = try wb.rows(of: sheet)
            for (key, _, _) in try wb.columns(of: sheet) {
                let ref = try wb.columnRef(key, sheet: sheet)
                out[sheet + "." + key] = rows.map { wb.value(CellRef(ref, $0)) }
            }
        }
        return out
    }

    static func expectIdentical(_ a: [String: [Value]], _ b: [String: [Value]], _ what: String) {
        #expect(a.keys.sorted() == b.keys.sorted())
        for (key, mine) in a {
            let theirs = b[key] ?? []
            let same = mine.count == theirs.count && zip(mine, theirs).allSatisfy { $0.isIdentical(to: $1) }
            #expect(same, "\(what): \(key) differs: column pass \(mine.prefix(8)) vs cell by cell \(theirs.prefix(8))")
        }
    }

    static let settings: [[(String, Value)]] = [
        [],
        [("fen_rounding", .text("largest_remainder"))],
        [("collective_split", .text("per_member")), ("bottom_n", .number(5))],
        [("fen_rounding", .text("largest_remainder")), ("collective_split", .text("per_member")), ("decimals", .number(1))],
    ]

    @Test("a fresh town, each setting", arguments: 0..<4)
    func fresh(setting: Int) throws {
        let n = setting == 1 || setting == 3 ? 150 : 400
        let byColumn = try Self.town(cadres: n, events: 2 * n, seed: UInt64(7 + setting), passThreshold: 0)
        let byCell = try Self.town(cadres: n, events: 2 * n, seed: UInt64(7 + setting), passThreshold: .max)
        for (name, v) in Self.settings[setting] {
            try byColumn.setParam(name, v)
            try byCell.setParam(name, v)
        }
        Self.expectIdentical(try Self.everything(byColumn), try Self.everything(byCell), "setting \(setting)")
    }

    @Test("after edits: a deduction, a revoke, a parameter, an instructor's score")
    func edited() throws {
        let byColumn = try Self.town(cadres: 300, events: 600, seed: 3, passThreshold: 0)
        let byCell = try Self.town(cadres: 300, events: 600, seed: 3, passThreshold: .max)
        for wb in [byColumn, byCell] {
            _ = try Self.everything(wb)
            let events = try wb.rows(of: "events")
            try wb.set(.bool(true), row: events[4], column: "revoked", sheet: "events")
            try wb.appendRows(to: "events", columns: ["no", "cadre", "rule", "times", "points", "date", "by"],
                              rows: [[.number(601), .text("c17"), .text("4.3b"), .number(3), .number(-1), .text("2026-05-01"), .text("党政办")]])
            try wb.setParam("line_base", .number(24))
            let cadres = try wb.rows(of: "cadres")
            try wb.set(.number(14.5), row: cadres[2], column: "rural_raw", sheet: "cadres")
            try wb.set(.bool(true), row: cadres[2], column: "instructor", sheet: "cadres")
        }
        Self.expectIdentical(try Self.everything(byColumn), try Self.everything(byCell), "edited")
        // And both equal a town computed from nothing with the same inputs.
        let fresh = try WorkbookFile.read(WorkbookFile.write(byCell), file: "town")
        Self.expectIdentical(try Self.everything(fresh), try Self.everything(byCell), "reloaded")
    }
}
