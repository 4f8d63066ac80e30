import KaoheCore

/// A problem with a workbook's data, as the commands would have refused it:
/// a value its column's rule refuses, a cadre without an id, an event naming
/// no cadre. Placed by parameter or by row, so a reader can give the line.
public struct WorkbookProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Place: Sendable, Equatable {
        case parameter(String)
        /// A row by its 0-based position in the sheet.
        case row(sheet: String, row: Int)
    }

    public let place: Place
    /// The problem in both languages (see `Catalogue.swift`).
    public let phrase: Phrase

    /// The English problem.
    public var message: String { phrase.en }

    public init(place: Place, phrase: Phrase) {
        self.place = place
        self.phrase = phrase
    }

    public var description: String {
        switch place {
        case .parameter: message
        case .row(let sheet, let row): "\(sheet) row \(row + 1): \(message)"
        }
    }
}

/// The scheme's rules on a whole workbook, one function for every path that
/// brings data in without typing it (the file reader, `kaohe check`, a
/// merge): the same rules the commands apply one change at a time.
public enum Checks {
    /// What the template's parameters accept: a typo in a choice would
    /// otherwise fall silently to the default branch of a formula.
    public static let parameterRules: [String: ColumnRule] = {
        func rule(_ text: String) -> ColumnRule { try! ColumnRule(parsing: text) }
        return [
            "year": rule("whole 1900..2999"), "decimals": rule("whole 0..6"), "line_base_rank": rule("whole 1..1000"),
            "line_base": rule("number"), "line_step": rule("number"), "rules_base": rule("number"), "rules_floor": rule("number"),
            "absence_limit": rule("whole 1..1000"), "leave_limit": rule("whole 1..1000"), "bottom_n": rule("whole 0..100000"),
            "pool_district": rule("number 0.."), "pool_town": rule("number 0.."),
            "bonus_method": rule("one of \"proportional\""), "collective_split": rule("one of \"shared\", \"per_member\""),
            "fen_rounding": rule("one of \"half_up\", \"largest_remainder\""),
        ]
    }()

    /// The parameter's value as it is kept, or the message that refuses it:
    /// `param decimals takes a whole number from 0 to 6, not -400`.
    public static func parameter(_ name: String, _ value: Value) -> Result<Value, WorkbookProblem> {
        guard let rule = parameterRules[name] else { return .success(value) }
        if !value.isEmpty, let v = rule.admit(value) { return .success(v) }
        return .failure(WorkbookProblem(place: .parameter(name), phrase: .paramRefused(name, rule: rule, value: value)))
    }

    /// Every problem in the workbook, parameters first, then sheet by sheet.
    /// - Complexity: O(cells of ruled columns + cadres + events + awards).
    public static func problems(in wb: Workbook) -> [WorkbookProblem] {
        var out: [WorkbookProblem] = []
        for (name, value) in wb.parameters {
            if case .failure(let p) = parameter(name, value) { out.append(p) }
        }
        for sheet in wb.sheetNames {
            for (row, v) in wb.violations(in: sheet) { out.append(WorkbookProblem(place: .row(sheet: sheet, row: row), phrase: v.phrase)) }
        }
        let rows = roster(wb, &out)
        let codes = Set((column(wb, "rules", "code") ?? []).map(\.displayText))
        let codeKeys = Set(codes.map(TextKey.init))
        // The ids as a set, for the hint, only once one is missing.
        var ids: Set<String>?
        if let cadres = column(wb, "events", "cadre"), let rules = column(wb, "events", "rule") {
            // Found on two cores (millions of events, a hash probe each); the
            // few found are then told, with their hints, here.
            let suspects = rowsWhere(cadres.count) { i in
                rows[TextKey(cadres[i].displayText)] == nil || !codeKeys.contains(TextKey(rules[i].displayText))
            }
            numbered(wb, sheet: "events", what: "event", &out, suspects: suspects) { i in
                let cadre = cadres[i].displayText, rule = rules[i].displayText
                var found: [Phrase] = []
                if rows[TextKey(cadre)] == nil {
                    if ids == nil { ids = Set(rows.keys.map(\.text)) }
                    found.append(.checkNamesNoCadre(cadre, hint: hint(cadre, ids!)))
                }
                if !codeKeys.contains(TextKey(rule)) { found.append(.checkNamesNoRule(rule, hint: hint(rule, codes))) }
                return found
            }
        }
        if let awarded = column(wb, "awards", "recipient") {
            let recipients = Set(rows.keys.map(\.text)).union((column(wb, "offices", "name") ?? []).map(\.displayText))
            let suspects = rowsWhere(awarded.count) { !recipients.contains(awarded[$0].displayText) }
            numbered(wb, sheet: "awards", what: "award", &out, suspects: suspects) { i in
                let who = awarded[i].displayText
                return [.checkNoRecipient(who, hint: hint(who, recipients))]
            }
        }
        return out
    }

    /// The rows below `n` where `suspect` holds, in order: on two cores when
    /// there are many (each half its own; `suspect` reads only what it
    /// was given).
    static func rowsWhere(_ n: Int, _ suspect: @escaping @Sendable (Int) -> Bool) -> [Int] {
        guard n >= 100_000 else { return (0..<n).filter(suspect) }
        let half = n / 2
        let second = Concurrent { (half..<n).filter(suspect) }
        return (0..<half).filter(suspect) + second.value
    }

    /// Ids and names present, ids unique; returns each id's first row
    /// (its keys are the ids: no second table of them to hash).
    static func roster(_ wb: Workbook, _ out: inout [WorkbookProblem]) -> [TextKey: Int] {
        guard let idColumn = column(wb, "cadres", "id"), let nameColumn = column(wb, "cadres", "name") else { return [:] }
        // Keyed as `==` compares ids, hashed at ASCII speed.
        var seen = [TextKey: Int](minimumCapacity: idColumn.count)
        for i in idColumn.indices {
            let id = idColumn[i].displayText, name = nameColumn[i].displayText
            let place = WorkbookProblem.Place.row(sheet: "cadres", row: i)
            if id.isEmpty { out.append(WorkbookProblem(place: place, phrase: .checkNoID(name))) }
            if name.isEmpty { out.append(WorkbookProblem(place: place, phrase: .checkNoName(id))) }
            guard !id.isEmpty else { continue }
            if let first = seen.updateValue(i, forKey: TextKey(id)) {
                seen[TextKey(id)] = first
                out.append(WorkbookProblem(place: place, phrase: .checkIDTwice(id, also: nameColumn[first].displayText, row: first + 1)))
            }
        }
        return seen
    }

    /// A numbered sheet (events, awards): numbers unique, and what `check`
    /// finds wrong in each row (by position) of its references, asked of
    /// the `suspects` (ascending) only.
    static func numbered(_ wb: Workbook, sheet: String, what: String, _ out: inout [WorkbookProblem], suspects: [Int],
                         check: (Int) -> [Phrase]) {
        guard let numbers = column(wb, sheet, "no") else { return }
        // Numbers that ascend, as the commands number rows, are unique
        // without a table of them.
        var previous = -Double.infinity
        let ascending = numbers.allSatisfy { no in
            guard case .number(let x) = no, x > previous else { return false }
            previous = x
            return true
        }
        var seen = [Value: Int](minimumCapacity: ascending ? 0 : numbers.count)
        var next = 0
        for (i, no) in numbers.enumerated() {
            let place = WorkbookProblem.Place.row(sheet: sheet, row: i)
            if !ascending, let first = seen.updateValue(i, forKey: no), !no.isEmpty {
                seen[no] = first
                out.append(WorkbookProblem(place: place, phrase: .checkNumberTwice(what, no.displayText, sheet: sheet, row: first + 1)))
            }
            guard next < suspects.count, suspects[next] == i else { continue }
            next += 1
            for problem in check(i) {
                out.append(WorkbookProblem(place: place, phrase: .checkNumbered(what, no.isEmpty ? nil : no.displayText, problem)))
            }
        }
    }

    /// A column's values in row order; nil when the workbook has no such column.
    static func column(_ wb: Workbook, _ sheet: String, _ key: String) -> [Value]? {
        try? wb.values(column: key, sheet: sheet)
    }

    static func hint(_ name: String, _ candidates: Set<String>) -> Phrase {
        .didYouMean(nearest(name, in: candidates.sorted()))
    }
}
