import KaoheCore

/// One entry of the event journal as the office gives it: `deduct 李艳 4.2a x2`.
public struct EventEntry: Sendable {
    public var cadre: RowID
    public var rule: String
    public var times: Int
    /// The points of one occurrence, for a discretionary rule (1.5 or -1.5 both deduct 1.5).
    public var points: String?
    public var note: String?
    /// YYYY-MM-DD; nil is today.
    public var date: String?
    /// Who records it; nil is the rule's department.
    public var by: String?
    /// A credit (adds points) rather than a deduction.
    public var credit: Bool

    public init(cadre: RowID, rule: String, times: Int = 1, points: String? = nil, note: String? = nil,
                date: String? = nil, by: String? = nil, credit: Bool = false) {
        (self.cadre, self.rule, self.times, self.points, self.note) = (cadre, rule, times, points, note)
        (self.date, self.by, self.credit) = (date, by, credit)
    }
}

/// An event as recorded, with what the office should know about it.
public struct RecordedEvent: Sendable {
    public var number: Int
    public var row: RowID
    public var cadre: RowID
    public var rule: Rule
    public var times: Int
    public var points: Double
    public var date: String
    public var by: String
    public var warnings: [Phrase]

    /// "-1 each", "counted, no points by itself", "bonus forfeited".
    public var effect: String {
        rule.kind == "forfeit" ? "bonus forfeited" : points == 0 ? "counted, no points by itself" : "\(Town.signed(points)) each"
    }
}

extension Town {
    /// Records an event after checking it against the regulation.
    ///
    /// Refused: a derived rule (4.2b, 4.6b apply by themselves), a credit
    /// recorded as a deduction or the reverse, discretionary points outside
    /// the rule's range, a credit for full attendance (4.6c) twice in a year
    /// or for a cadre absent or on leave in its section that year.
    /// Warned: a date outside the assessment year, an absence after the
    /// full-attendance credit, a cadre whose events-fed cell is overridden.
    public func record(_ entry: EventEntry) throws(SchemeError) -> RecordedEvent {
        try require("events")
        let (event, values) = try check(entry, number: nextNumber("events"), fed: eventFedColumns())
        let (row, _) = try engine { () throws(WorkbookError) in try workbook.addRow(to: "events", values) }
        var recorded = event
        recorded.row = row
        return recorded
    }

    /// Every guard of `record` for one entry, without changing anything: the
    /// event it would be (its row not yet known) and the events row's values.
    /// `pending` holds the live events a batch has checked before this one
    /// (see `record(_:)` for many), so they count as if already recorded.
    func check(_ entry: EventEntry, number: Int, fed: [String], pending: [(rule: Rule, times: Int)] = []) throws(SchemeError) -> (RecordedEvent, [String: Value]) {
        let verb = entry.credit ? "credit" : "deduct"
        let rule = try rule(entry.rule)
        let typed = value(Self.cadres, entry.cadre, "id").displayText
        switch (rule.kind, entry.credit) {
        case ("derived", _):
            throw SchemeError(.ruleDerived(rule.code))
        case ("credit", false):
            throw SchemeError(.ruleAddsPoints(rule.code, cadre: typed))
        case (let k, true) where k != "credit":
            throw SchemeError(.ruleDeducts(rule.code, points: rule.pointsText, credits: rules.filter { $0.kind == "credit" }.map(\.code)))
        default: break
        }
        guard entry.times >= 1 else { throw SchemeError(.occurrences(verb)) }
        let points = try eventPoints(rule, typed: entry.points)
        let day = try entry.date.map { d throws(SchemeError) in try date(d) } ?? today
        let id = value(Self.cadres, entry.cadre, "id")
        var warnings = try sectionGuard(rule, cadre: id, times: entry.times, pending: pending)
        warnings += yearWarning(day).map { [$0] } ?? []
        warnings += overrideWarnings(entry.cadre, fed: fed)
        let by = entry.by ?? rule.dept
        var values: [String: Value] = [
            "no": .number(Double(number)), "cadre": id, "rule": .text(rule.code), "times": .number(Double(entry.times)),
            "points": .number(points), "date": .text(day), "by": .text(by), "revoked": .bool(false),
        ]
        if let note = entry.note, !note.isEmpty { values["note"] = .text(note) }
        let event = RecordedEvent(number: number, row: RowID(-1), cadre: entry.cadre, rule: rule, times: entry.times, points: points,
                                  date: day, by: by, warnings: warnings)
        return (event, values)
    }

    /// The points of one occurrence: the rule's, or the typed ones within a discretionary rule's range.
    func eventPoints(_ rule: Rule, typed: String?) throws(SchemeError) -> Double {
        guard rule.discretionary, let lo = rule.min, let hi = rule.max else {
            if typed != nil {
                throw SchemeError(.pointsFixed(rule.code, points: rule.pointsText, discretionary: rules.filter(\.discretionary).map(\.code)))
            }
            return rule.points ?? 0
        }
        let (low, high) = (Value.number(-hi).displayText, Value.number(-lo).displayText)
        guard let typed else { throw SchemeError(.pointsNeeded(rule.code, low: low, high: high)) }
        guard let p = Num.parse(typed) else { throw SchemeError(.pointsNotNumber(typed)) }
        let deducted = p > 0 ? -p : p
        guard deducted >= lo, deducted <= hi else {
            throw SchemeError(.pointsOutside(typed, code: rule.code, low: low, high: high))
        }
        return deducted
    }

    /// The live events of a cadre (by id) in a rule's section, e.g. 4.6a, 4.6l, 4.6c.
    /// With `pending`: a batch's events checked before, not yet in the sheet.
    func liveEvents(of id: Value, pending: [(rule: Rule, times: Int)] = [], where include: (Rule) -> Bool) -> [(rule: Rule, times: Int)] {
        let byCode = Dictionary(rules.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        return events(of: id).compactMap { r in
            guard value("events", r, "revoked") != .bool(true),
                  let rule = byCode[value("events", r, "rule").displayText], include(rule) else { return nil }
            return (rule, Int(value("events", r, "times").number ?? 1))
        } + pending.filter { include($0.rule) }
    }

    /// Full attendance (a credit in a section with absences and leaves, as
    /// 4.6c with 4.6a and 4.6l) is earned once a year, and only without them.
    func sectionGuard(_ rule: Rule, cadre id: Value, times: Int, pending: [(rule: Rule, times: Int)] = []) throws(SchemeError) -> [Phrase] {
        let attendance = rules.filter { $0.section == rule.section && ($0.kind == "absence" || $0.kind == "leave") }
        guard !attendance.isEmpty else { return [] }
        if rule.kind == "credit" {
            let who = who(id.displayText)
            if times > 1 { throw SchemeError(.onceAYear(rule.code, times: times)) }
            if liveEvents(of: id, pending: pending, where: { $0.code == rule.code }).first != nil {
                throw SchemeError(.alreadyEarned(who, code: rule.code, id: id.displayText))
            }
            let missed = liveEvents(of: id, pending: pending, where: { a in attendance.contains { $0.code == a.code } })
            if !missed.isEmpty {
                let list = Dictionary(grouping: missed, by: \.rule.code).sorted { $0.key < $1.key }
                    .map { "\($0.key) ×\($0.value.reduce(0) { $0 + $1.times })" }.joined(separator: ", ")
                throw SchemeError(.notFullAttendance(rule.code, who: who, list: list))
            }
            return []
        }
        guard rule.kind == "absence" || rule.kind == "leave",
              let credit = liveEvents(of: id, pending: pending, where: { $0.kind == "credit" && $0.section == rule.section }).first else { return [] }
        return [.fullAttendanceLost(who(id.displayText), credit: credit.rule.code, rule: rule.code)]
    }

    /// Warnings for a cadre whose cells fed by events carry their own value:
    /// events recorded now do not count there until the cell is cleared.
    /// `fed` is `eventFedColumns()`, which a batch works out once.
    public func overrideWarnings(_ cadre: RowID, fed: [String]? = nil) -> [Phrase] {
        (fed ?? eventFedColumns()).compactMap { key in
            guard case .value(let v)? = try? workbook.override(row: cadre, column: key, sheet: Self.cadres) else { return nil }
            return .enteredByHand(label(cadre), key: key, value: v.displayText, id: value(Self.cadres, cadre, "id").displayText)
        }
    }

    /// The cadres columns whose formulas read the events sheet, directly or
    /// through another column of the row, in the sheet's order: from the
    /// engine's dependency structure, not by reading the formulas' text
    /// (every deduct asks).
    public func eventFedColumns() -> [String] {
        (try? workbook.columns(of: Self.cadres, reading: "events")) ?? []
    }

    /// The events of a cadre (by id), in the order recorded.
    /// - Complexity: O(the cadre's events), through the engine's value index.
    public func events(of id: Value) -> [RowID] { rows("events", where: "cadre", is: id.displayText) }

    /// The event numbered `number`.
    public func event(_ number: String) throws(SchemeError) -> RowID {
        try numbered("events", number, what: .eventNoun)
    }

    /// Revokes an event: it stays on record with the reason and counts no more.
    @discardableResult
    public func revoke(event number: String, note: String?) throws(SchemeError) -> RowID {
        let row = try event(number)
        if value("events", row, "revoked") == .bool(true) {
            let why = value("events", row, "revoke_note").displayText
            throw SchemeError(.eventRevokedAlready(number, why: why))
        }
        try engine { () throws(WorkbookError) in
            try workbook.transaction { () throws(WorkbookError) in
                try workbook.set(.bool(true), row: row, column: "revoked", sheet: "events")
                if let note { try workbook.set(.text(note), row: row, column: "revoke_note", sheet: "events") }
            }
        }
        return row
    }

    /// Corrects an event's note, date or recorder (its rule, cadre and
    /// points are corrected by revoking it and recording it anew).
    @discardableResult
    public func setEvent(_ number: String, note: String?, date newDate: String?, by: String?) throws(SchemeError) -> (row: RowID, warnings: [Phrase]) {
        let row = try event(number)
        guard note != nil || newDate != nil || by != nil else {
            throw SchemeError(.eventSetNothing)
        }
        let day = try newDate.map { d throws(SchemeError) in try date(d) }
        try engine { () throws(WorkbookError) in
            try workbook.transaction { () throws(WorkbookError) in
                if let note { try workbook.set(note.isEmpty ? .empty : .text(note), row: row, column: "note", sheet: "events") }
                if let day { try workbook.set(.text(day), row: row, column: "date", sheet: "events") }
                if let by { try workbook.set(.text(by), row: row, column: "by", sheet: "events") }
            }
        }
        return (row, day.flatMap(yearWarning).map { [$0] } ?? [])
    }
}
