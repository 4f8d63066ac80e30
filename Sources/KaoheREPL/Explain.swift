import KaoheCore

extension Session {
    /// A value's derivation: the formula, each input with its value, each
    /// whole-column function with its result, and for the office-rule
    /// columns the events behind every point.
    func explain(_ row: RowID, _ key: String) throws(CommandError) {
        let v = try engine { () throws(WorkbookError) in try workbook.value(row: row, column: key, sheet: Self.cadres) }
        var lines = ["\(cadreLabel(row)) \(key) = \(cells([v], sheet: Self.cadres, column: key)[0].text)"]
        guard let (source, own) = try engine({ () throws(WorkbookError) in try workbook.formula(row: row, column: key, sheet: Self.cadres) }) else {
            let entered = (try? workbook.override(row: row, column: key, sheet: Self.cadres)) != nil
            lines.append((entered ? Phrase.explainEnteredOver(value(Self.cadres, row, "id").displayText, key) : .explainEnteredInput).text(lang))
            say(lines.joined(separator: "\n"))
            return
        }
        lines.append(Phrase.explainFormula(source, own: own).text(lang))
        if let formula = try? Formula(source) {
            var inputs: [String] = []
            var wholes: [String] = []
            collect(formula.expr, source: formula.description, row: row, inputs: &inputs, wholes: &wholes)
            if !inputs.isEmpty { lines.append(Phrase.explainInputs(inputs).text(lang)) }
            for w in wholes { lines.append("  " + w) }
        }
        if ["rules", "deductions", "credits"].contains(key), workbook.sheetNames.contains("events") {
            lines.append("  " + rulesDerivation(row))
        }
        if key == "bonus" || key == "share", value(Self.cadres, row, "forfeit") == .bool(true) {
            lines.append(Phrase.explainForfeited.text(lang))
        }
        say(lines.joined(separator: "\n"))
    }

    private func collect(_ e: Expr, source: String, row: RowID, inputs: inout [String], wholes: inout [String]) {
        switch e.kind {
        case .name(let n):
            let shown: String
            if let c = try? column(n, sheet: Self.cadres) {
                let v = value(Self.cadres, row, c.key)
                shown = "\(c.key) = \(v.isEmpty ? Phrase.explainEmpty.text(lang) : cells([v], sheet: Self.cadres, column: c.key)[0].text)"
            } else if let p = workbook.param(n) {
                shown = "\(n) = \(p.displayText)" + Phrase.explainParameter.text(lang)
            } else {
                return
            }
            if !inputs.contains(shown) { inputs.append(shown) }
        case .call(_, let args):
            if args.contains(where: { if case .columnRef = $0.kind { true } else { false } }) {
                let chars = Array(source)
                let text = String(chars[max(0, e.range.lowerBound)..<min(chars.count, e.range.upperBound)])
                if let result = try? workbook.evaluate("=" + text, sheet: Self.cadres, rows: [row]).first {
                    let line = "\(text) = \(result.displayText)"
                    if !wholes.contains(line) { wholes.append(line) }
                }
            }
            for a in args { collect(a, source: source, row: row, inputs: &inputs, wholes: &wholes) }
        case .unary(_, let a): collect(a, source: source, row: row, inputs: &inputs, wholes: &wholes)
        case .binary(_, let a, let b):
            collect(a, source: source, row: row, inputs: &inputs, wholes: &wholes)
            collect(b, source: source, row: row, inputs: &inputs, wholes: &wholes)
        default: break
        }
    }

    /// `rules = 10 - 5 (4.2b: 3 × 4.2a, events 12, 13, 14) + 2 (4.6c, event 15) = 7`,
    /// from the cadre's live events and the rule table's kinds.
    func rulesDerivation(_ row: RowID) -> String {
        let id = value(Self.cadres, row, "id")
        let rules = rulesTable
        let events = town.events(of: id).filter { value("events", $0, "revoked") != .bool(true) }
        func number(_ e: RowID) -> String { value("events", e, "no").displayText }
        func refs(_ es: [RowID]) -> String { Phrase.explainEvents(es.map(number)).text(lang) }
        func times(_ es: [RowID]) -> Double { es.reduce(0) { $0 + (value("events", $1, "times").number ?? 0) } }
        let param = { (name: String, fallback: Double) in self.workbook.param(name)?.number ?? fallback }
        let base = param("rules_base", 10), floor = param("rules_floor", 0)
        let absenceLimit = param("absence_limit", 3), leaveLimit = param("leave_limit", 10)
        // Deductions, then the floor, then credits on top: the order the scheme applies them.
        var terms: [String] = [], credits: [String] = []
        var deducted = 0.0, credited = 0.0
        var notes: [String] = []
        for rule in rules {
            let mine = events.filter { value("events", $0, "rule").displayText == rule.code }
            switch rule.kind {
            case "deduct", "credit":
                guard !mine.isEmpty else { continue }
                let amount = mine.reduce(0.0) { $0 + (value("events", $1, "amount").number ?? 0) }
                let term = "\(amount < 0 ? "-" : "+") \(Value.number(abs(amount)).displayText) (\(rule.code), \(refs(mine)))"
                if rule.kind == "credit" {
                    credited += amount
                    credits.append(term)
                } else {
                    deducted -= amount
                    terms.append(term)
                }
            case "derived":
                let prefix = rule.code.dropLast()
                guard let absence = rules.first(where: { $0.kind == "absence" && $0.code.hasPrefix(prefix) }) else { continue }
                let leave = rules.first { $0.kind == "leave" && $0.code.hasPrefix(prefix) }
                let absences = events.filter { value("events", $0, "rule").displayText == absence.code }
                let leaves = events.filter { value("events", $0, "rule").displayText == leave?.code }
                let (a, l) = (times(absences), times(leaves))
                if a >= absenceLimit || l >= leaveLimit {
                    let p = -(rule.points ?? 0)
                    deducted += p
                    let cause = a >= absenceLimit ? "\(Value.number(a).displayText) × \(absence.code), \(refs(absences))"
                        : "\(Value.number(l).displayText) × \(leave!.code), \(refs(leaves))"
                    terms.append("- \(Value.number(p).displayText) (\(rule.code): \(cause))")
                } else if a > 0 {
                    let p = -(absence.points ?? 0) * a
                    deducted += p
                    terms.append("- \(Value.number(p).displayText) (\(absence.code): \(Value.number(a).displayText) × \(Value.number(-(absence.points ?? 0)).displayText), \(refs(absences)))")
                }
                if l > 0, l < leaveLimit, let leave { notes.append(Phrase.explainLeavesCounted(Value.number(l).displayText, code: leave.code, refs: refs(leaves), limit: Value.number(leaveLimit).displayText, rule: rule.code).text(lang)) }
            case "forfeit":
                if !mine.isEmpty { notes.append(Phrase.explainForfeitNote(rule.code, refs: refs(mine)).text(lang)) }
            default: continue
            }
        }
        let result = max(floor, base - deducted) + credited
        var line = "rules = \(Value.number(base).displayText)"
        if terms.isEmpty && credits.isEmpty { line += Phrase.explainNoEvents.text(lang) } else if !terms.isEmpty { line += " " + terms.joined(separator: " ") }
        if base - deducted < floor { line += Phrase.explainFloor(Value.number(floor).displayText).text(lang) }
        if !credits.isEmpty { line += " " + credits.joined(separator: " ") }
        line += " = \(Value.number(Num.round(result, decimals)).displayText)"
        if !notes.isEmpty { line += "\n  " + notes.joined(separator: "; ") }
        return line
    }
}
