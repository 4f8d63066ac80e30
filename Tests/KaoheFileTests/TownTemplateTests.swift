import Foundation
import KaoheCore
import Testing
@testable import KaoheFile

/// A small town on the template, every figure worked by hand.
func workedTown() throws -> Workbook {
    let wb = try WorkbookFile.read(Templates.town(year: 2026), file: "town")
    try wb.appendRows(to: "offices", columns: ["name", "line_rank"], rows: [
        [.text("党政办"), .number(1)], [.text("农办"), .number(5)], [.text("城建办"), .empty],
    ])
    let y = Value.bool(true), no = Value.bool(false), r = Value.text("regular")
    try wb.appendRows(to: "cadres", columns: ["id", "name", "office", "instructor", "staff", "rural_raw", "petition_raw", "democratic"], rows: [
        [.text("c1"), .text("张伟"), .text("党政办"), y, r, .number(14), .number(38), .number(9)],
        [.text("c2"), .text("李娜"), .text("党政办"), no, r, .empty, .empty, .number(8.5)],
        [.text("c3"), .text("王芳"), .text("农办"), y, r, .number(12), .number(35), .number(9.5)],
        [.text("c4"), .text("刘洋"), .text("农办"), no, r, .empty, .empty, .number(8)],
        [.text("c5"), .text("陈静"), .text("城建办"), y, r, .number(13), .number(36), .number(7)],
        [.text("c6"), .text("杨帆"), .text("城建办"), no, .text("temp"), .empty, .empty, .number(9)],
    ])
    func event(_ no: Int, _ cadre: String, _ rule: String, _ times: Double, _ points: Double, revoked: Bool = false) -> [Value] {
        [.number(Double(no)), .text(cadre), .text(rule), .number(times), .number(points), .text("2026-03-01"), .text("党政办"), .empty, .bool(revoked)]
    }
    try wb.appendRows(to: "events", columns: ["no", "cadre", "rule", "times", "points", "date", "by", "note", "revoked"], rows: [
        event(1, "c2", "4.2a", 3, -1),        // three absences: 4.2b's −5 in place of −3
        event(2, "c4", "4.3b", 2, -1),        // late twice: −2
        event(3, "c4", "4.6c", 1, 2),         // full duty attendance: +2 on top
        event(4, "c5", "4.1g", 1, 0),         // gambling: bonus forfeited, no points
        event(5, "c1", "4.4b", 1, -1.5),      // discretionary: −1.5
        event(6, "c3", "4.7", 1, -2, revoked: true),
        event(7, "c6", "4.6d", 1, -5),        // dereliction on duty: −5
    ])
    try wb.appendRows(to: "awards", columns: ["no", "recipient", "level", "kind", "content", "evidence"], rows: [
        [.number(1), .text("党政办"), .text("district"), .text("collective"), .text("平安建设"), .text("区委〔2026〕3号")],
        [.number(2), .text("党政办"), .text("city"), .text("collective"), .text("平安建设"), .text("市委〔2026〕8号")],
        [.number(3), .text("c3"), .text("district"), .text("individual"), .text("优秀指导员"), .empty],
        [.number(4), .text("c4"), .text("province"), .text("individual"), .text("计生先进"), .text("省卫〔2026〕1号")],
    ])
    try wb.appendRows(to: "history", columns: ["cadre", "year", "rank", "bottom"], rows: [
        [.text("c2"), .number(2025), .number(20), .bool(true)],
        [.text("c3"), .number(2025), .number(21), .bool(true)],
        [.text("c3"), .number(2024), .number(19), .bool(true)],
        [.text("c4"), .number(2024), .number(22), .bool(true)],
        [.text("c1"), .number(2025), .number(1), .bool(false)],
    ])
    return wb
}

@Suite("The town template")
struct TownTemplateTests {
    func column(_ wb: Workbook, _ key: String, _ sheet: String = "cadres") throws -> [Value] {
        let ref = try wb.columnRef(key, sheet: sheet)
        return try wb.rows(of: sheet).map { wb.value(CellRef(ref, $0)) }
    }

    @Test("the template is a valid workbook that round-trips")
    func template() throws {
        let text = Templates.town(year: 2026)
        let wb = try WorkbookFile.read(text, file: "town")
        #expect(WorkbookFile.write(wb) == text)
        #expect(try wb.columns(of: "cadres").map(\.key).filter { !["study_absent", "study_leave", "duty_absent", "duty_leave", "deductions", "credits", "regular", "ranked_total", "bottom_1", "bottom_2", "forfeit", "pool", "exact_fen", "floor_fen", "rest_fen", "extra_fen", "share", "seat"].contains($0) }
            == ["id", "name", "office", "instructor", "staff", "line", "rural_raw", "rural", "petition_raw", "petition", "rules",
                "democratic", "total", "rank", "bottom", "status", "bonus", "award_money", "payout"])
        #expect(wb.cyclicColumns.isEmpty)
    }

    @Test("a worked case, by hand")
    func workedCase() throws {
        let wb = try workedTown()
        // line = 25 + (3 − office rank) × 1: 党政办 rank 1 → 27, 农办 rank 5 → 23, 城建办 unranked → 25.
        #expect(try column(wb, "line") == [27, 27, 23, 23, 25, 25].map { .number($0) })
        // Instructors c1, c3, c5: rural (14 + 12 + 13) / 3 = 13; petition (38 + 35 + 36) / 3 = 36.333… → 36.33.
        #expect(try column(wb, "rural") == [14, 13, 12, 13, 13, 13].map { .number($0) })
        #expect(try column(wb, "petition") == [38, 36.33, 35, 36.33, 36, 36.33].map { .number($0) })
        // rules: c1 10 − 1.5 = 8.5; c2 three absences → 4.2b: 10 − 5 = 5; c3 the 4.7 was revoked: 10;
        // c4 max(0, 10 − 2) + 2 = 10; c5 4.1g has no points: 10; c6 10 − 5 = 5.
        #expect(try column(wb, "rules") == [8.5, 5, 10, 10, 10, 5].map { .number($0) })
        // total = line + rural + petition + rules + democratic:
        // c1 27+14+38+8.5+9 = 96.5; c2 27+13+36.33+5+8.5 = 89.83; c3 23+12+35+10+9.5 = 89.5;
        // c4 23+13+36.33+10+8 = 90.33; c5 25+13+36+10+7 = 91; c6 25+13+36.33+5+9 = 88.33.
        #expect(try column(wb, "total") == [96.5, 89.83, 89.5, 90.33, 91, 88.33].map { .number($0) })
        // Regular staff rank 96.5 > 91 > 90.33 > 89.83 > 89.5; the temporary c6 has none.
        #expect(try column(wb, "rank") == [.number(1), .number(4), .number(5), .number(3), .number(2), .text("")])
        // Bottom 3: fewer than 3 strictly lower: c3 (0), c2 (1), c4 (2).
        #expect(try column(wb, "bottom") == [.bool(false), .bool(true), .bool(true), .bool(true), .bool(false), .text("")])
        // History: c2 bottom in 2025 → unqualified; c3 bottom in 2025 and 2024 → admonish-6m;
        // c4 bottom only in 2024 (not running) → admonish.
        #expect(try column(wb, "status") == ["ok", "unqualified", "admonish-6m", "admonish", "ok", ""].map { .text($0) })
        // Pool 3000 × 5 regular = 15000; Σ regular totals = 457.16; bonus = 15000 × total / 457.16,
        // half-up to the fen: c1 3166.2875… → 3166.29, c2 2947.4363… → 2947.44, c3 2936.6086… → 2936.61,
        // c4 2963.8419… → 2963.84; c5 forfeits (4.1g): 0, its 2985.83 withheld; c6 temporary: 0.
        #expect(try column(wb, "bonus") == [3166.29, 2947.44, 2936.61, 2963.84, 0, 0].map { .number($0) })
        // Awards: 党政办's 平安建设 at district (1000) is superseded by the city award (1500), split
        // between its two members: 750 each; c3's award has no evidence: pending; c4 province individual 800.
        #expect(try column(wb, "status", "awards") == ["superseded", "paid", "pending", "paid"].map { .text($0) })
        #expect(try column(wb, "award_money") == [750, 750, 0, 800, 0, 0].map { .number($0) })
        #expect(try column(wb, "payout") == [3916.29, 3697.44, 2936.61, 3763.84, 0, 0].map { .number($0) })
    }

    @Test("events move the figures incrementally, and undo restores them")
    func incremental() throws {
        let wb = try workedTown()
        let before = try column(wb, "payout")
        // c1 takes a leave of duty ten times: 4.6b's −5 in place of 0 absences → rules 8.5 − 5 = 3.5.
        let (row, _) = try wb.addRow(to: "events", ["no": .number(8), "cadre": .text("c1"), "rule": .text("4.6l"), "times": .number(10), "points": .number(0)])
        #expect(try column(wb, "rules")[0] == .number(3.5))
        #expect(try column(wb, "total")[0] == .number(91.5))
        try wb.set(.bool(true), row: row, column: "revoked", sheet: "events")
        #expect(try column(wb, "rules")[0] == .number(8.5))
        try wb.undo()
        try wb.undo()
        #expect(try column(wb, "payout") == before)
    }
}

@Suite("The awards' earlier-award check")
struct EarlierAwardTests {
    /// The template before `first`: a COUNTIFS per award over every award
    /// with a `"<"&no` criterion (O(awards²) for the column).
    static let countingStatus = """
        =IF(revoked=TRUE, "revoked", IF(NOT(evidenced), "pending", IF(AND(amount=best, \
        COUNTIFS(awards[recipient], recipient, awards[content], content, awards[evidenced], TRUE, awards[amount], amount, awards[no], "<"&no)=0), \
        "paid", "superseded")))
        """

    @Test("MINIFS of the same-amount group's numbers pays what the COUNTIFS of earlier awards paid", arguments: 0..<40)
    func sameStatus(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed))
        let wb = try WorkbookFile.read(Templates.town(year: 2026), file: "town")
        try wb.appendRows(to: "offices", columns: ["name"], rows: [[.text("党政办")], [.text("农办")]])
        try wb.appendRows(to: "cadres", columns: ["id", "name", "office"], rows: [
            [.text("c1"), .text("张伟"), .text("党政办")], [.text("c2"), .text("李娜"), .text("农办")],
        ])
        let recipients = ["c1", "c2", "党政办", "农办"], levels = ["district", "city", "province"], kinds = ["individual", "collective", "key"]
        let count = rng.randint(1, 30)
        // Numbers out of order and some left out, as revokes and merges leave them.
        let numbers = (1...(count * 2)).map { Double($0) }.shuffled(using: &rng).prefix(count)
        try wb.appendRows(to: "awards", columns: ["no", "recipient", "level", "kind", "content", "evidence", "revoked"], rows: numbers.map { no in
            [.number(no), .text(recipients[rng.randint(0, 3)]), .text(levels[rng.randint(0, 2)]), .text(kinds[rng.randint(0, 2)]),
             .text(["平安建设", "先进"][rng.randint(0, 1)]), rng.randint(0, 3) == 0 ? .empty : .text("文"), rng.randint(0, 5) == 0 ? .bool(true) : .empty]
        })
        try wb.addColumn("counted", formula: Self.countingStatus, to: "awards")
        let status = try wb.columnRef("status", sheet: "awards"), counted = try wb.columnRef("counted", sheet: "awards")
        for row in try wb.rows(of: "awards") {
            #expect(wb.value(CellRef(status, row)) == wb.value(CellRef(counted, row)), "seed \(seed)")
        }
    }
}

@Suite("Sample workbooks")
struct SampleWorkbookTests {
    /// Workbooks/ beside Tests/.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Workbooks").path

    func column(_ wb: Workbook, _ key: String, _ sheet: String = "cadres") throws -> [Value] {
        let ref = try wb.columnRef(key, sheet: sheet)
        return try wb.rows(of: sheet).map { wb.value(CellRef(ref, $0)) }
    }

    @Test("the committed files are what the templates make, and open and save byte-identically")
    func committed() throws {
        let template = try String(contentsOfFile: Self.folder + "/town-template.kaohe", encoding: .utf8)
        #expect(template == Templates.town(year: 2026))
        let demo = try String(contentsOfFile: Self.folder + "/demo-2026.kaohe", encoding: .utf8)
        #expect(demo == WorkbookFile.write(try Templates.demo(year: 2026)))
        for text in [template, demo] {
            #expect(WorkbookFile.write(try WorkbookFile.read(text, file: "w")) == text)
        }
    }

    @Test("the demo town has everything a trial needs")
    func demoContents() throws {
        let wb = try Templates.demo(year: 2026)
        #expect(try wb.rowCount(of: "cadres") == 60)
        #expect(try wb.rowCount(of: "offices") == 9)
        let staff = try column(wb, "staff"), instructors = try column(wb, "instructor")
        #expect(staff.filter { $0 == .text("temp") }.count == 3)
        #expect((20...28).contains(instructors.filter { $0 == .bool(true) }.count))
        // Every status occurs; temporary staff have none.
        let status = try column(wb, "status")
        for s in ["ok", "admonish", "unqualified", "admonish-6m"] { #expect(status.contains(.text(s)), "\(s)") }
        #expect(status.filter { $0 == .text("") }.count == 3)
        // Every rule that can be recorded is, and one record is revoked.
        let rules = Set(try column(wb, "rule", "events").map(\.displayText))
        let codes = Set(try column(wb, "code", "rules").map(\.displayText)).subtracting(["4.2b", "4.6b"])
        #expect(codes.isSubset(of: rules))
        #expect(try column(wb, "revoked", "events").contains(.bool(true)))
        // The derived 4.2b/4.6b apply somewhere, someone forfeits, awards are superseded and pending.
        #expect(try column(wb, "forfeit").contains(.bool(true)))
        let awardStatus = try column(wb, "status", "awards")
        #expect(awardStatus.contains(.text("superseded")) && awardStatus.contains(.text("pending")))
        // Names are unique, totals are within 0…102 and the bonus pays out the pool less forfeits and rounding.
        #expect(Set(try column(wb, "name")).count == 60)
        #expect(try column(wb, "total").allSatisfy { ($0.number ?? -1) >= 0 && ($0.number ?? 999) <= 102 })
        let paid = try column(wb, "bonus").compactMap(\.number).reduce(0, +)
        #expect(paid > 0 && paid <= 3000 * 57 + 1)
    }
}
