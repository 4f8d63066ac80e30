import KaoheCore
import KaoheFile
import KaoheScheme
import Testing

/// Two cadres of one office at rank 3: line 25 each, office rules 10 each.
func smallTown() throws -> (Town, c1: RowID, c2: RowID) {
    let wb = try WorkbookFile.read(Templates.town(year: 2026), file: "town")
    try wb.appendRows(to: "offices", columns: ["name", "line_rank"], rows: [[.text("党政办"), .number(3)]])
    let rows = try wb.appendRows(to: "cadres", columns: ["id", "name", "office", "instructor", "staff", "rural_raw", "petition_raw", "democratic"], rows: [
        [.text("c1"), .text("张伟"), .text("党政办"), .bool(true), .text("regular"), .number(14), .number(38), .number(9)],
        [.text("c2"), .text("李娜"), .text("党政办"), .bool(false), .text("regular"), .empty, .empty, .number(8)],
    ])
    return (Town(wb, today: "2026-06-01"), rows[0], rows[1])
}

extension Town {
    func cadreValue(_ row: RowID, _ key: String) -> Value { value(Town.cadres, row, key) }
    var eventCount: Int { (try? workbook.rowCount(of: "events")) ?? 0 }
}

@Suite("The scheme: events")
struct TownEventTests {
    @Test("a deduction is numbered, takes the rule's points and department, and moves rules")
    func deduct() throws {
        let (town, _, c2) = try smallTown()
        let e = try town.record(EventEntry(cadre: c2, rule: "4.2a", times: 2))
        #expect(e.number == 1 && e.points == -1 && e.by == "宣传委员" && e.date == "2026-06-01" && e.warnings.isEmpty)
        // 10 − 2 × 1 = 8
        #expect(town.cadreValue(c2, "rules") == .number(8))
        let next = try Town(town.workbook, today: "2026-06-02").record(EventEntry(cadre: c2, rule: "4.4b", points: "1.5"))
        #expect(next.number == 2 && next.points == -1.5)
        // 8 − 1.5 = 6.5
        #expect(town.cadreValue(c2, "rules") == .number(6.5))
    }

    @Test("refusals leave the journal as it was")
    func refusals() throws {
        let (town, c1, _) = try smallTown()
        let cases: [(EventEntry, String)] = [
            (EventEntry(cadre: c1, rule: "4.2b"), "4.2b is not entered"),
            (EventEntry(cadre: c1, rule: "4.6c"), "4.6c adds points: use credit c1 4.6c"),
            (EventEntry(cadre: c1, rule: "4.3b", credit: true), "4.3b deducts (-1): use deduct"),
            (EventEntry(cadre: c1, rule: "4.4b"), "4.4b is discretionary: give the points of one occurrence, points=1 to 2"),
            (EventEntry(cadre: c1, rule: "4.4b", points: "3"), "points=3 is outside 4.4b's range: 1 to 2 points each"),
            (EventEntry(cadre: c1, rule: "4.3b", points: "1"), "4.3b is -1 each: points= is only for discretionary rules (4.4b, 4.5)"),
            (EventEntry(cadre: c1, rule: "4.3", date: "2026-02-30"), "no rule '4.3' (did you mean 4.1 or 4.3a or 4.3b or 4.3c?); type rules for the table"),
            (EventEntry(cadre: c1, rule: "4.3b", date: "2026-02-30"), "date=2026-02-30 is not a date in the calendar"),
        ]
        for (entry, message) in cases {
            #expect(throws: SchemeError.self) { try town.record(entry) }
            do { _ = try town.record(entry) } catch { #expect(error.message.hasPrefix(message), "\(error.message)") }
        }
        #expect(town.eventCount == 0)
        #expect(town.cadreValue(c1, "rules") == .number(10))
    }

    @Test("full attendance (4.6c) is earned once a year and only without duty absences or leaves")
    func fullAttendance() throws {
        let (town, c1, c2) = try smallTown()
        _ = try town.record(EventEntry(cadre: c1, rule: "4.6c", credit: true))
        // 10 + 2 = 12: the credit comes on top of the base.
        #expect(town.cadreValue(c1, "rules") == .number(12))
        do {
            _ = try town.record(EventEntry(cadre: c1, rule: "4.6c", credit: true))
            Issue.record("a second 4.6c was accepted")
        } catch { #expect(error.message == "张伟 (c1) already has 4.6c this year: it is earned once; see events c1") }
        do {
            _ = try town.record(EventEntry(cadre: c2, rule: "4.6c", times: 2, credit: true))
            Issue.record("4.6c x2 was accepted")
        } catch { #expect(error.message.hasPrefix("4.6c is earned once a year")) }

        _ = try town.record(EventEntry(cadre: c2, rule: "4.6l", times: 2))
        do {
            _ = try town.record(EventEntry(cadre: c2, rule: "4.6c", credit: true))
            Issue.record("4.6c after leave was accepted")
        } catch { #expect(error.message == "4.6c is for full attendance, but 李娜 (c2) has 4.6l ×2 this year: revoke those first if they were wrong") }

        // An absence after the credit is recorded, with a warning.
        let absence = try town.record(EventEntry(cadre: c1, rule: "4.6a"))
        #expect(absence.warnings.map(\.en) == ["张伟 (c1) has 4.6c (full attendance) this year: with this 4.6a it no longer holds; revoke it if so"])
        // A revoked leave no longer stands in the way.
        try town.revoke(event: "2", note: "录入错误")
        #expect(try town.record(EventEntry(cadre: c2, rule: "4.6c", credit: true)).number == 4)
    }

    @Test("a date outside the assessment year is recorded with a warning")
    func yearWarning() throws {
        let (town, c1, _) = try smallTown()
        let e = try town.record(EventEntry(cadre: c1, rule: "4.3b", date: "2025-12-30"))
        #expect(e.warnings.map(\.en) == ["the date 2025-12-30 is outside the assessment year 2026: recorded as given; correct it with event set or award set if it is a typo"])
        let (_, warnings) = try town.setEvent("1", note: nil, date: "2026-12-30", by: nil)
        #expect(warnings.isEmpty)
        #expect(town.value("events", e.row, "date") == .text("2026-12-30"))
    }

    @Test("a cadre whose rules are entered by hand is warned that events do not count")
    func overridden() throws {
        let (town, _, c2) = try smallTown()
        #expect(town.eventFedColumns().starts(with: ["study_absent", "study_leave", "duty_absent", "duty_leave", "deductions", "credits", "rules", "total"]))
        try town.workbook.set(.number(9), row: c2, column: "rules", sheet: Town.cadres)
        let e = try town.record(EventEntry(cadre: c2, rule: "4.3b"))
        #expect(e.warnings.map(\.en) == ["李娜 (c2)'s rules is entered by hand (9): this event does not count there until clear c2 rules"])
        #expect(town.cadreValue(c2, "rules") == .number(9))
    }

    @Test("revoke keeps the record; event set corrects note, date and recorder")
    func corrections() throws {
        let (town, _, c2) = try smallTown()
        _ = try town.record(EventEntry(cadre: c2, rule: "4.3b", times: 3))
        // 10 − 3 = 7
        #expect(town.cadreValue(c2, "rules") == .number(7))
        try town.revoke(event: "1", note: "公务外出")
        #expect(town.cadreValue(c2, "rules") == .number(10))
        do { try town.revoke(event: "1", note: nil); Issue.record("revoked twice") } catch {
            #expect(error.message == "event 1 is already revoked (公务外出)")
        }
        do { try town.revoke(event: "9", note: nil); Issue.record("revoked a missing event") } catch {
            #expect(error.message == "no event '9': they are numbered 1 to 1; type events to see them")
        }
        try town.setEvent("1", note: "补记", date: nil, by: "办主任")
        #expect(town.value("events", town.events(of: .text("c2"))[0], "note") == .text("补记"))
        try town.workbook.undo()
        #expect(town.value("events", town.events(of: .text("c2"))[0], "note") == .empty)
    }
}

@Suite("The scheme: awards and history")
struct TownAwardTests {
    @Test("an award is paid with evidence, split among the office, corrected and revoked")
    func awards() throws {
        let (town, c1, c2) = try smallTown()
        let a = try town.award(.office("党政办"), level: "district", kind: "collective", content: "平安建设", evidence: "区委〔2026〕3号", date: nil)
        #expect(a.number == 1)
        // 1000 shared by two members: 500 each.
        #expect(town.cadreValue(c1, "award_money") == .number(500) && town.cadreValue(c2, "award_money") == .number(500))
        try town.setAward("1", level: "市", kind: nil, content: nil, recipient: nil)
        // city collective 1500: 750 each.
        #expect(town.cadreValue(c2, "award_money") == .number(750))
        do { try town.attachEvidence("1", "市委〔2026〕8号", force: false); Issue.record("evidence replaced without force") } catch {
            #expect(error.message == "award 1 already has evidence 「区委〔2026〕3号」: to replace it, award evidence 1 \"市委〔2026〕8号\" force")
        }
        try town.attachEvidence("1", "市委〔2026〕8号", force: true)
        try town.revokeAward("1", note: "重复录入")
        #expect(town.value("awards", a.row, "status") == .text("revoked"))
        #expect(town.cadreValue(c1, "award_money") == .number(0))
        do { try town.setAward("1", level: "city", kind: nil, content: nil, recipient: nil); Issue.record("a revoked award was changed") } catch {
            #expect(error.message.hasPrefix("award 1 is revoked (重复录入)"))
        }
        do { _ = try town.award(.cadre(c1), level: "city", kind: "collective", content: "x", evidence: nil, date: nil); Issue.record("a cadre got a collective award") } catch {
            #expect(error.message.hasPrefix("award: 张伟 (c1) is a cadre"))
        }
        // An individual award moves to another cadre.
        _ = try town.award(.cadre(c1), level: "district", kind: "individual", content: "优秀党员", evidence: "区委〔2026〕9号", date: nil)
        #expect(town.cadreValue(c1, "award_money") == .number(200))
        try town.setAward("2", level: nil, kind: nil, content: nil, recipient: .cadre(c2))
        #expect(town.cadreValue(c1, "award_money") == .number(0) && town.cadreValue(c2, "award_money") == .number(200))
    }

    @Test("history add, set and remove drive status")
    func history() throws {
        let (town, c1, c2) = try smallTown()
        // Two cadres and bottom_n 3: both are bottom this year.
        #expect(town.cadreValue(c2, "status") == .text("admonish"))
        try town.addHistory(c2, year: "2025", rank: "2", bottom: "yes")
        #expect(town.cadreValue(c2, "status") == .text("unqualified"))
        do { try town.addHistory(c2, year: "2025", rank: nil, bottom: nil); Issue.record("a year recorded twice") } catch {
            #expect(error.message == "history add: 李娜 (c2) already has a result for 2025: correct it with history set c2 2025 rank=… bottom=…")
        }
        try town.setHistory(c2, year: "2025", rank: nil, bottom: "no")
        #expect(town.cadreValue(c2, "status") == .text("admonish"))
        try town.removeHistory(c2, year: "2025")
        #expect(town.historyRow(c2, year: 2025) == nil)
        do { try town.setHistory(c1, year: "2026", rank: "1", bottom: nil); Issue.record("this year accepted as history") } catch {
            #expect(error.message == "history set: 2026 is not an earlier year (this workbook assesses 2026)")
        }
    }
}
