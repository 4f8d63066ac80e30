import Foundation
import KaoheCore
import KaoheFile

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
            name: "events", group: .scheme, usage: "events [CADRE]",
            summary: "the event journal, numbered in the order recorded (revoked ones marked)",
            example: "events\nevents 李艳", arguments: [Arg(name: "CADRE", kind: .cadre, optional: true)]
        ) { s, inv throws(CommandError) in try s.listEvents(inv[0].map { n throws(CommandError) in try s.cadre(n) }) },
        CommandSpec(
            name: "award evidence", group: .scheme, usage: "award evidence AWARD \"TEXT\"",
            summary: "attach the written evidence to a pending award, which is then paid",
            example: "award evidence 7 \"区委〔2026〕12号文件\"",
            arguments: [Arg(name: "AWARD", kind: .value), Arg(name: "TEXT", kind: .value)], changes: true
        ) { s, inv throws(CommandError) in try s.attachEvidence(inv) },
        CommandSpec(
            name: "award", group: .scheme,
            usage: "award (OFFICE | CADRE) LEVEL KIND \"CONTENT\" [evidence=\"...\"] [date=YYYY-MM-DD]",
            summary: "record an advanced award; LEVEL district/city/province/national, KIND key/collective/individual",
            example: "award 党政办 city collective \"市级文明单位\" evidence=\"市文明委〔2026〕3号\"\naward 李艳 district individual \"优秀共产党员\"",
            arguments: [Arg(name: "OFFICE or CADRE", kind: .cadre), Arg(name: "LEVEL", kind: .words(levels.map(\.0))),
                        Arg(name: "KIND", kind: .words(kinds.map(\.0))), Arg(name: "CONTENT", kind: .value)],
            options: [("evidence", .value), ("date", .value)], changes: true
        ) { s, inv throws(CommandError) in try s.addAward(&inv) },
        CommandSpec(
            name: "awards", group: .scheme, usage: "awards",
            summary: "all awards: amounts, which are superseded by a larger one, which wait for evidence", example: "awards"
        ) { s, _ throws(CommandError) in try s.listAwards() },
    ]

    static let eventOptions: [(key: String, kind: ArgKind)] = [("points", .value), ("note", .value), ("date", .value), ("by", .value)]
    static let levels = [("district", "区"), ("city", "市"), ("province", "省"), ("national", "国家")]
    static let kinds = [("key", "重点"), ("collective", "集体"), ("individual", "个人")]
}

/// A row of the `rules` sheet.
struct Rule {
    var code: String
    var text: String
    var points: Double?
    var min: Double?
    var max: Double?
    var dept: String
    var kind: String
    var row: RowID

    var discretionary: Bool { points == nil && min != nil && max != nil }
}

extension Session {
    var rulesTable: [Rule] {
        ((try? workbook.rows(of: "rules")) ?? []).map { r in
            Rule(code: value("rules", r, "code").displayText, text: value("rules", r, "text").displayText,
                 points: value("rules", r, "points").number, min: value("rules", r, "min").number,
                 max: value("rules", r, "max").number, dept: value("rules", r, "dept").displayText,
                 kind: value("rules", r, "kind").displayText, row: r)
        }
    }

    func rule(_ code: String) throws(CommandError) -> Rule {
        let rules = rulesTable
        guard !rules.isEmpty else { throw CommandError("this workbook has no rules sheet") }
        if let r = rules.first(where: { $0.code == code }) { return r }
        let near = rules.map(\.code).filter { editDistance($0, code) <= 1 || $0.hasPrefix(code) }
        let hint = near.isEmpty ? "" : " (did you mean \(near.prefix(4).joined(separator: " or "))?)"
        throw CommandError("no rule '\(code)'\(hint); type rules for the table")
    }

    /// Points as the office reads them: `-1`, `+2`, `-0.5`.
    func signed(_ x: Double) -> String { (x > 0 ? "+" : "") + Value.number(x).displayText }

    func pointsText(_ r: Rule) -> String {
        if let p = r.points { return r.kind == "derived" ? "\(signed(p)) in place" : signed(p) }
        if let lo = r.min, let hi = r.max { return "\(signed(lo)) to \(signed(hi))" }
        return ""
    }

    func listRules() {
        let rules = rulesTable
        var table = Table(headers: ["code", "points", "kind", "recorded by", "rule"])
        for r in rules {
            table.add([Table.Cell(text: r.code), Table.Cell(text: pointsText(r), rightAligned: true), Table.Cell(text: r.kind),
                       Table.Cell(text: r.dept), Table.Cell(text: r.text)])
        }
        table.maxWidth = max(30, screen.width - 45)
        table.footer = ["\(rules.count) rules; derived rules apply by themselves from the counts (absence_limit, leave_limit)"]
        present(table)
    }

    static func today() -> String {
        if let fixed = ProcessInfo.processInfo.environment["KAOHE_TODAY"] { return fixed }
        let c = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    /// A date as YYYY-MM-DD, checked to exist.
    func date(_ text: String) throws(CommandError) -> String {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, text.count == 10 else { throw CommandError("date=\(text): write dates as YYYY-MM-DD, e.g. 2026-03-05") }
        var c = DateComponents()
        (c.year, c.month, c.day) = (parts[0], parts[1], parts[2])
        guard let d = Calendar(identifier: .gregorian).date(from: c),
              Calendar(identifier: .gregorian).dateComponents([.month, .day], from: d).day == parts[2],
              (1...12).contains(parts[1]) else {
            throw CommandError("date=\(text) is not a date in the calendar")
        }
        return text
    }

    /// The next number of a numbered sheet (`events`, `awards`): they count 1, 2, 3, … and never reuse one.
    func nextNumber(_ sheet: String) -> Int {
        let numbers = ((try? workbook.rows(of: sheet)) ?? []).compactMap { value(sheet, $0, "no").number }
        return Int(numbers.max() ?? 0) + 1
    }

    func requireSheet(_ sheet: String) throws(CommandError) {
        guard workbook.sheetNames.contains(sheet) else {
            throw CommandError("this workbook has no \(sheet) sheet: it needs the town template's scheme (kaohe new FILE)")
        }
    }

    // MARK: deduct, credit, revoke

    func recordEvent(_ inv: inout Invocation, credit: Bool) throws(CommandError) {
        try requireSheet("events")
        let verb = credit ? "credit" : "deduct"
        let cadreRow = try cadre(inv[0]!)
        let rule = try rule(inv[1]!)
        switch (rule.kind, credit) {
        case ("derived", _):
            throw CommandError("\(rule.code) is not entered: it applies by itself when the count of absences or leaves reaches absence_limit or leave_limit; record those")
        case ("credit", false):
            throw CommandError("\(rule.code) adds points: use credit \(inv[0]!) \(rule.code)")
        case (let k, true) where k != "credit":
            throw CommandError("\(rule.code) deducts (\(pointsText(rule))): use deduct; credit is for rules that add points, such as \(rulesTable.filter { $0.kind == "credit" }.map(\.code).joined(separator: ", "))")
        default: break
        }
        var times = 1
        if let n = inv[2] {
            guard let t = Int(n.drop { "x×X*".contains($0) }), n.first.map({ "x×X*".contains($0) }) == true, t >= 1 else {
                throw CommandError("\(verb): occurrences are a whole number from 1, written xN (e.g. x3), not '\(n)'")
            }
            times = t
        }
        let points: Double
        if rule.discretionary {
            guard let typed = inv.options["points"]?.text else {
                throw CommandError("\(rule.code) is discretionary: give the points of one occurrence, points=\(Value.number(-rule.max!).displayText) to \(Value.number(-rule.min!).displayText)")
            }
            guard let p = Num.parse(typed) else { throw CommandError("points=\(typed) is not a number") }
            let deducted = p > 0 ? -p : p
            guard deducted >= rule.min!, deducted <= rule.max! else {
                throw CommandError("points=\(typed) is outside \(rule.code)'s range: \(Value.number(-rule.max!).displayText) to \(Value.number(-rule.min!).displayText) points each")
            }
            points = deducted
        } else {
            if inv.options["points"] != nil {
                let discretionary = rulesTable.filter(\.discretionary).map(\.code).joined(separator: ", ")
                throw CommandError("\(rule.code) is \(pointsText(rule)) each: points= is only for discretionary rules (\(discretionary))")
            }
            points = rule.points ?? 0
        }
        let day = try inv.options["date"].map { w throws(CommandError) in try date(w.text) } ?? Self.today()
        let by = inv.options["by"]?.text ?? rule.dept
        let number = nextNumber("events")
        watch(cadreRow)
        let id = value(Self.cadres, cadreRow, "id")
        var values: [String: Value] = [
            "no": .number(Double(number)), "cadre": id, "rule": .text(rule.code), "times": .number(Double(times)),
            "points": .number(points), "date": .text(day), "by": .text(by), "revoked": .bool(false),
        ]
        if let note = inv.options["note"]?.text, !note.isEmpty { values["note"] = .text(note) }
        try engine { () throws(WorkbookError) in _ = try workbook.addRow(to: "events", values) }
        // Replayed from the journal tomorrow, the event keeps today's date.
        if inv.options["date"] == nil { inv.journalLine = inv.line + " date=" + day }
        let effect = rule.kind == "forfeit" ? "bonus forfeited" : points == 0 ? "counted, no points by itself" : "\(signed(points)) each"
        say("event \(number): \(cadreLabel(cadreRow)) \(rule.code) ×\(times), \(effect) (\(by), \(day))")
    }

    func event(_ number: String) throws(CommandError) -> RowID {
        try requireSheet("events")
        guard let row = try? row(number, in: "events", what: "event") else {
            let last = nextNumber("events") - 1
            throw CommandError("no event '\(number)': events are numbered 1 to \(last); type events to see them")
        }
        return row
    }

    func revoke(_ inv: Invocation) throws(CommandError) {
        let row = try event(inv[0]!)
        if case .bool(true) = value("events", row, "revoked") {
            let why = value("events", row, "revoke_note").displayText
            throw CommandError("event \(inv[0]!) is already revoked\(why.isEmpty ? "" : " (\(why))")")
        }
        let cadreID = value("events", row, "cadre").displayText
        if let c = roster.byID[cadreID] { watch(c) }
        try engine { () throws(WorkbookError) in
            try workbook.transaction { () throws(WorkbookError) in
                try workbook.set(.bool(true), row: row, column: "revoked", sheet: "events")
                if let note = inv.options["note"]?.text { try workbook.set(.text(note), row: row, column: "revoke_note", sheet: "events") }
            }
        }
        let who = roster.byID[cadreID].map(cadreLabel) ?? cadreID
        say("revoked event \(inv[0]!): \(who) \(value("events", row, "rule").displayText) (kept on record)")
    }

    func listEvents(_ cadreRow: RowID?) throws(CommandError) {
        try requireSheet("events")
        var rows = try engine { () throws(WorkbookError) in try workbook.rows(of: "events") }
        if let cadreRow {
            let id = value(Self.cadres, cadreRow, "id")
            rows = rows.filter { value("events", $0, "cadre") == id }
        }
        var table = Table(headers: ["no", "date", "cadre", "rule", "times", "points", "amount", "by", "note", "state"])
        var revoked = 0
        for r in rows {
            let isRevoked = value("events", r, "revoked") == .bool(true)
            if isRevoked { revoked += 1 }
            let id = value("events", r, "cadre").displayText
            let why = value("events", r, "revoke_note").displayText
            table.add([
                cell(value("events", r, "no")), Table.Cell(text: value("events", r, "date").displayText),
                Table.Cell(text: roster.byID[id].map(cadreLabel) ?? id), Table.Cell(text: value("events", r, "rule").displayText),
                cell(value("events", r, "times")), Table.Cell(text: signed(value("events", r, "points").number ?? 0), rightAligned: true),
                cell(value("events", r, "amount")), Table.Cell(text: value("events", r, "by").displayText),
                Table.Cell(text: value("events", r, "note").displayText),
                Table.Cell(text: isRevoked ? "revoked" + (why.isEmpty ? "" : ": " + why) : "", style: isRevoked ? .flag : .plain),
            ])
        }
        table.footer = ["\(rows.count) event\(rows.count == 1 ? "" : "s")\(revoked > 0 ? ", \(revoked) revoked" : "")"]
        present(table)
    }

    // MARK: rules

    func addRule(_ inv: Invocation) throws(CommandError) {
        try requireSheet("rules")
        let code = inv[0]!
        if rulesTable.contains(where: { $0.code == code }) { throw CommandError("rule add: \(code) exists already; type rules to see it") }
        var values: [String: Value] = ["code": .text(code), "text": .text(inv[1]!), "dept": .text(inv.options["by"]?.text ?? "")]
        let points = inv[2]!
        let kind: String
        if let range = points.range(of: "..") {
            guard let lo = Num.parse(String(points[..<range.lowerBound])), let hi = Num.parse(String(points[range.upperBound...])), lo <= hi else {
                throw CommandError("rule add: a range of points is written LOW..HIGH, e.g. -2..-1, not '\(points)'")
            }
            values["min"] = .number(lo)
            values["max"] = .number(hi)
            kind = hi > 0 ? "credit" : "deduct"
        } else {
            guard let p = Num.parse(points) else { throw CommandError("rule add: POINTS is a number such as -1 or +2, or a range -2..-1, not '\(points)'") }
            values["points"] = .number(p)
            kind = p > 0 ? "credit" : "deduct"
        }
        let chosen = inv.options["kind"]?.text ?? kind
        guard ["deduct", "credit", "absence", "leave", "forfeit"].contains(chosen) else {
            throw CommandError("rule add: kind is deduct, credit, absence, leave or forfeit, not '\(chosen)'")
        }
        values["kind"] = .text(chosen)
        try engine { () throws(WorkbookError) in _ = try workbook.addRow(to: "rules", values) }
        say("added rule \(code) (\(chosen))")
    }
}
