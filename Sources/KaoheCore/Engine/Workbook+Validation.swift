extension Workbook {
    /// Gives an input column a rule (nil: it accepts anything). The values
    /// already there are not checked: `violations(in:)` lists those.
    @discardableResult
    public func setRule(_ rule: ColumnRule?, column: String, sheet: String) throws(WorkbookError) -> ChangeReport {
        let ref = try columnRef(column, sheet: sheet)
        guard self.column(ref).formula == nil else { throw .notAnInputColumn(self.column(ref).key) }
        if case .lookup(let other, let key)? = rule?.kind { _ = try columnRef(key, sheet: other) }
        return try perform(.columnRule(ref, rule))
    }

    /// An input column's rule, if it has one.
    public func rule(column: String, sheet: String) -> ColumnRule? {
        guard let ref = try? columnRef(column, sheet: sheet), self.column(ref).formula == nil else { return nil }
        return self.column(ref).rule
    }

    /// The value as `column` would hold it, or the error that refuses it,
    /// without entering it: to check a whole import before changing anything.
    public func admit(_ value: Value, column: String, sheet: String) throws(WorkbookError) -> Value {
        let ref = try columnRef(column, sheet: sheet)
        var lookups = Lookups()
        return try admitted(value, ref, &lookups)
    }

    /// Every value in `sheet` that breaks its column's rule, by 0-based row
    /// position, in row then column order.
    /// - Complexity: O(rows × ruled columns).
    public func violations(in sheet: String) -> [(row: Int, violation: RuleViolation)] {
        guard let s = try? sheetIndex(sheet) else { return [] }
        let sh = sheets[s]
        var lookups = Lookups()
        var out: [(row: Int, column: Int, violation: RuleViolation)] = []
        for c in sh.liveColumns {
            let col = sh.columns[c]
            guard let rule = col.rule, col.formula == nil else { continue }
            let ref = ColumnRef(sheet: s, column: c)
            let choices = self.choices(ref, rule, &lookups)
            for (position, slot) in sh.order.enumerated() where col.overrides.isEmpty || col.overrides[slot] == nil {
                let v = col.values[Int(slot)]
                guard !rule.accepts(v, choices: choices) else { continue }
                do { _ = try admitted(v, ref, &lookups) } catch {
                    if case .invalidValue(let violation) = error { out.append((position, c, violation)) }
                }
            }
        }
        return out.sorted { ($0.row, $0.column) < ($1.row, $1.column) }.map { ($0.row, $0.violation) }
    }

    /// The accepted values of lookup rules, read once per batch of checks,
    /// by the column whose rule it is.
    struct Lookups {
        var choices: [ColumnRef: Set<TextKey>] = [:]
    }

    /// What a lookup rule accepts: the values of its column now.
    func choices(_ ref: ColumnRef, _ rule: ColumnRule, _ lookups: inout Lookups) -> Set<TextKey> {
        guard case .lookup(let sheet, let key) = rule.kind else { return [] }
        if let known = lookups.choices[ref] { return known }
        var choices = Set<TextKey>(minimumCapacity: (try? columnRef(key, sheet: sheet)).map { sheets[$0.sheet].order.count } ?? 0)
        if let target = try? columnRef(key, sheet: sheet) {
            for slot in sheets[target.sheet].order {
                let v = value(target.sheet, target.column, slot)
                if !v.isEmpty { choices.insert(TextKey(v.displayText)) }
            }
        }
        lookups.choices[ref] = choices
        return choices
    }

    /// The value as the column keeps it (canonical numbers), or its refusal.
    func admitted(_ value: Value, _ ref: ColumnRef, _ lookups: inout Lookups) throws(WorkbookError) -> Value {
        let col = column(ref)
        guard col.isInput, let rule = col.rule else { return canonicalInput(value) }
        let choices = self.choices(ref, rule, &lookups)
        if let admitted = rule.admit(value, choices: choices) { return canonicalInput(admitted) }
        let candidates: [String]
        switch rule.kind {
        case .lookup: candidates = choices.map(\.text).sorted()
        case .oneOf(let items): candidates = items
        default: candidates = []
        }
        let suggestion = value.displayText.isEmpty ? nil : nearest(value.displayText, in: candidates)
        throw .invalidValue(RuleViolation(sheet: sheets[ref.sheet].name, column: col.key, label: col.label, rule: rule,
                                          value: value, suggestion: suggestion))
    }
}
