import Foundation
import KaoheCore
import KaoheFile
import KaoheScheme

extension CommandTable {
    static let scheme: [CommandSpec] = [
        CommandSpec(
            name: "rules", group: .scheme, usage: "rules",
            summary: "the office-rule table: codes, points, who records them", example: "rules"
        ) { s, _ throws(CommandError) in s.listRules() },
        CommandSpec(
            name: "rule add", group: .scheme, usage: "rule add CODE \"TEXT\" POINTS [by=DEPT] [kind=deduct|credit|absence|leave|forfeit]",
            summary: "add a rule; POINTS is the points of one occurrence, or a range like -2..-1 for a discretionary rule",
            example: "rule add 4.8 \"会议期间使用手机\" -0.5 by=办主任",
            arguments: [Arg(name: "CODE", kind: .value), Arg(name: "TEXT", kind: .value), Arg(name: "POINTS", kind: .value)],
            options: [("by", .value), ("kind", .words(["deduct", "credit", "absence", "leave", "forfeit"]))], changes: true
        ) { s, inv throws(CommandError) in try s.addRule(inv) },
        CommandSpec(
            name: "deduct", group: .scheme,
            usage: "deduct CADRE RULE [xN] [points=P] [note=\"...\"] [date=YYYY-MM-DD] [by=DEPT]",
            summary: "record N occurrences of a rule that deducts (or counts: leave, 4.1g); discretionary rules need points=",
            example: "deduct 李艳 4.2a x2 date=2026-03-05\n→ event 61: 李艳 (c01) 4.2a ×2, -1 each (宣传委员, 2026-03-05)\ndeduct c05 4.4b points=1.5 note=\"材料迟交\"",
            arguments: [Arg(name: "CADRE", kind: .cadre), Arg(name: "RULE", kind: .rule), Arg(name: "xN", kind: .value, optional: true)],
            options: eventOptions, changes: true
        ) { s, inv throws(CommandError) in try s.recordEvent(&inv, credit: false) },
        CommandSpec(
            name: "credit", group: .scheme, usage: "credit CADRE RULE [xN] [note=\"...\"] [date=YYYY-MM-DD] [by=DEPT]",
            summary: "record a rule that adds points (4.6c: full duty attendance, +2)",
            example: "credit 李艳 4.6c\n→ event 62: 李艳 (c01) 4.6c ×1, +2 each (党政办, 2026-12-31)",
            arguments: [Arg(name: "CADRE", kind: .cadre), Arg(name: "RULE", kind: .rule), Arg(name: "xN", kind: .value, optional: true)],
            options: eventOptions, changes: true
        ) { s, inv throws(CommandError) in try s.recordEvent(&inv, credit: true) },
        CommandSpec(
            name: "revoke", group: .scheme, usage: "revoke EVENT [note=\"why\"]",
            summary: "revoke an event: it stays on record with the reason, and counts no more",
            example: "revoke 12 note=\"经核实为公务外出\"",
            arguments: [Arg(name: "EVENT", kind: .event)], options: [("note", .value)], changes: true
        ) { s, inv throws(CommandError) in try s.revoke(inv) },
        CommandSpec(
            name: "event set", group: .scheme, usage: "event set EVENT [note=\"...\"] [date=YYYY-MM-DD] [by=DEPT]",
            summary: "correct an event's note, date or recorder (to change its rule, cadre or points: revoke it and record it again)",
            example: "event set 12 date=2026-03-05 note=\"补记\"",
            arguments: [Arg(name: "EVENT", kind: .event)], options: [("note", .value), ("date", .value), ("by", .value)], changes: true
        ) { s, inv throws(CommandError) in try s.setEvent(inv) },
        CommandSpec(
            name: "events", group: .scheme, usage: "events [CADRE]",
            summary: "the event journal, numbered in the order recorded (revoked ones marked)",
            example: "events\nevents 李艳", arguments: [Arg(name: "CADRE", kind: .cadre, optional: true)]
        ) { s, inv throws(CommandError) in try s.listEvents(inv[0].map { n throws(CommandError) in try s.cadre(n) }) },
        CommandSpec(
            name: "award evidence", group: .scheme, usage: "award evidence AWARD \"TEXT\"",
            summary: "attach the written evidence to a pending award, which is then paid",
            example: "award evidence 7 \"区委〔2026〕12号文件\"",
            arguments: [Arg(name: "AWARD", kind: .award), Arg(name: "TEXT", kind: .value)], flags: ["force"], changes: true
        ) { s, inv throws(CommandError) in try s.attachEvidence(inv) },
        CommandSpec(
            name: "award revoke", group: .scheme, usage: "award revoke AWARD [note=\"why\"]",
            summary: "revoke an award entered by mistake: it stays on record and is not paid",
            example: "award revoke 9 note=\"重复录入\"",
            arguments: [Arg(name: "AWARD", kind: .award)], options: [("note", .value)], changes: true
        ) { s, inv throws(CommandError) in try s.revokeAward(inv) },
        CommandSpec(
            name: "award set", group: .scheme, usage: "award set AWARD [level=L] [kind=K] [content=\"...\"] [recipient=OFFICE|CADRE]",
            summary: "correct an award's level, kind, content or recipient",
            example: "award set 9 level=city content=\"市级先进集体\"",
            arguments: [Arg(name: "AWARD", kind: .award)],
            options: [("level", .words(Town.levels.map(\.0))), ("kind", .words(Town.kinds.map(\.0))), ("content", .value), ("recipient", .cadre)],
            changes: true
        ) { s, inv throws(CommandError) in try s.setAward(inv) },
        CommandSpec(
            name: "award", group: .scheme,
            usage: "award (OFFICE | CADRE) LEVEL KIND \"CONTENT\" [evidence=\"...\"] [date=YYYY-MM-DD]",
            summary: "record an advanced award; LEVEL district/city/province/national, KIND key/collective/individual",
            example: "award 党政办 city collective \"市级文明单位\" evidence=\"市文明委〔2026〕3号\"\naward 李艳 district individual \"优秀共产党员\"",
            arguments: [Arg(name: "OFFICE or CADRE", kind: .cadre), Arg(name: "LEVEL", kind: .words(Town.levels.map(\.0))),
                        Arg(name: "KIND", kind: .words(Town.kinds.map(\.0))), Arg(name: "CONTENT", kind: .value)],
            options: [("evidence", .value), ("date", .value)], changes: true
        ) { s, inv throws(CommandError) in try s.addAward(&inv) },
        CommandSpec(
            name: "awards", group: .scheme, usage: "awards",
            summary: "all awards: amounts, which are superseded by a larger one, which wait for evidence", example: "awards"
        ) { s, _ throws(CommandError) in try s.listAwards() },
    ]

    static let eventOptions: [(key: String, kind: ArgKind)] = [("points", .value), ("note", .value), ("date", .value), ("by", .value)]
}

extension Session {
    var rulesTable: [Rule] { town.rules }

    func rule(_ code: String) throws(CommandError) -> Rule { try scheme { () throws(SchemeError) in try town.rule(code) } }

    func listRules() {
        let rules = rulesTable
        var table = Table(headers: ["code", "points", "kind", "recorded by", "rule"], sheet: "rules")
        for r in rules {
            table.add([Table.Cell(text: r.code), Table.Cell(text: r.pointsText, rightAligned: true), Table.Cell(text: r.kind),
                       Table.Cell(text: r.dept), Table.Cell(text: r.text)])
        }
        table.maxWidth = max(30, screen.width - 45)
        table.footer = ["\(rules.count) rules; derived rules apply by themselves from the counts (absence_limit, leave_limit)"]
        present(table)
    }

    /// Says the scheme's warnings, one line each.
    func warn(_ warnings: [Phrase]) {
        for w in warnings { say(.warning(w)) }
    }

    /// Pins a defaulted date into the journal line, so a replay tomorrow means the same.
    func pinDate(_ inv: inout Invocation, _ day: String) {
        if inv.options["date"] == nil { inv.journalLine = inv.line + " date=" + day }
    }

    // MARK: deduct, credit, revoke, event set

    func recordEvent(_ inv: inout Invocation, credit: Bool) throws(CommandError) {
        let entry = try eventEntry(inv, credit: credit)
        let cadreRow = entry.cadre
        watch(cadreRow)
        let e = try scheme { () throws(SchemeError) in try town.record(entry) }
        pinDate(&inv, e.date)
        made = ["events \(e.number)"]
        say(.eventRecorded(e.number, cadreLabel(cadreRow), rule: e.rule.code, times: e.times, effect: e.effectPhrase, by: e.by, date: e.date))
        warn(e.warnings)
    }

    /// What a `deduct` or `credit` asks the scheme to record: the cadre
    /// resolved, the occurrences read. A batch (`runQuietly`) makes its
    /// entries here too, so a return's row is read as the typed command is.
    func eventEntry(_ inv: Invocation, credit: Bool) throws(CommandError) -> EventEntry {
        let cadreRow = try cadre(inv[0]!)
        var times = 1
        if let n = inv[2] {
            guard let t = Int(n.drop { "x×X*".contains($0) }), n.first.map({ "x×X*".contains($0) }) == true, t >= 1 else {
                throw CommandError(.occurrencesTyped(credit ? "credit" : "deduct", n))
            }
            times = t
        }
        return EventEntry(cadre: cadreRow, rule: inv[1]!, times: times, points: inv.options["points"]?.text,
                          note: inv.options["note"]?.text, date: inv.options["date"]?.text, by: inv.options["by"]?.text, credit: credit)
    }

    /// Watches the cadre an event is recorded against.
    func watchEvent(_ row: RowID) {
        if let c = town.cadre(id: value("events", row, "cadre").displayText) { watch(c) }
    }

    func revoke(_ inv: Invocation) throws(CommandError) {
        let row = try scheme { () throws(SchemeError) in try town.event(inv[0]!) }
        watchEvent(row)
        try scheme { () throws(SchemeError) in try town.revoke(event: inv[0]!, note: inv.options["note"]?.text) }
        let who = town.who(value("events", row, "cadre").displayText)
        say(.eventRevoked(inv[0]!, who, rule: value("events", row, "rule").displayText, times: value("events", row, "times").displayText, date: value("events", row, "date").displayText))
    }

    func setEvent(_ inv: Invocation) throws(CommandError) {
        let o = inv.options
        let (row, warnings) = try scheme { () throws(SchemeError) in
            try town.setEvent(inv[0]!, note: o["note"]?.text, date: o["date"]?.text, by: o["by"]?.text)
        }
        let who = town.who(value("events", row, "cadre").displayText)
        say(.eventCorrected(inv[0]!, who, rule: value("events", row, "rule").displayText, date: value("events", row, "date").displayText, by: value("events", row, "by").displayText, note: value("events", row, "note").displayText))
        warn(warnings)
    }

    func listEvents(_ cadreRow: RowID?) throws(CommandError) {
        try scheme { () throws(SchemeError) in try town.require("events") }
        var rows = try engine { () throws(WorkbookError) in try workbook.rows(of: "events") }
        if let cadreRow { rows = town.events(of: value(Self.cadres, cadreRow, "id")) }
        var table = Table(headers: ["no", "date", "cadre", "rule", "times", "points", "amount", "by", "note", "state"], sheet: "events")
        table.fixed = 3
        var revoked = 0
        for r in rows {
            let isRevoked = value("events", r, "revoked") == .bool(true)
            if isRevoked { revoked += 1 }
            let id = value("events", r, "cadre").displayText
            let why = value("events", r, "revoke_note").displayText
            table.add([
                cell(value("events", r, "no")), Table.Cell(text: value("events", r, "date").displayText),
                Table.Cell(text: town.who(id)), Table.Cell(text: value("events", r, "rule").displayText),
                cell(value("events", r, "times")), Table.Cell(text: Town.signed(value("events", r, "points").number ?? 0), rightAligned: true),
                cell(value("events", r, "amount")), Table.Cell(text: value("events", r, "by").displayText),
                Table.Cell(text: value("events", r, "note").displayText),
                Table.Cell(text: isRevoked ? "revoked" + (why.isEmpty ? "" : ": " + why) : "", style: isRevoked ? .flag : .plain),
            ])
        }
        table.footer = [Phrase.eventsFooter(rows.count, revoked: revoked).text(lang)]
        present(table)
    }

    // MARK: rules

    func addRule(_ inv: Invocation) throws(CommandError) {
        let r = try scheme { () throws(SchemeError) in
            try town.addRule(code: inv[0]!, text: inv[1]!, points: inv[2]!, by: inv.options["by"]?.text, kind: inv.options["kind"]?.text)
        }
        say(.addedRule(r.code, kind: r.kind))
    }
}
