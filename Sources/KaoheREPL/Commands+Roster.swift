import KaoheCore
import KaoheFile

extension CommandTable {
    static let roster: [CommandSpec] = [
        CommandSpec(
            name: "cadre add", group: .roster, usage: "cadre add ID NAME [office=O] [instructor=yes] [staff=temp]",
            summary: "add a cadre to the roster",
            example: "cadre add c61 王小明 office=党政办 instructor=yes\n→ added 王小明 (c61) to 党政办",
            arguments: [Arg(name: "ID", kind: .value), Arg(name: "NAME", kind: .value)],
            options: [("office", .office), ("instructor", .words(["yes", "no"])), ("staff", .words(["temp", "regular"]))],
            changes: true
        ) { s, inv throws(CommandError) in try s.addCadre(inv) },
        CommandSpec(
            name: "cadre remove", group: .roster, usage: "cadre remove CADRE",
            summary: "take a cadre off the roster (undo brings them back)",
            example: "cadre remove 王小明\n→ removed 王小明 (c61)",
            arguments: [Arg(name: "CADRE", kind: .cadre)], changes: true
        ) { s, inv throws(CommandError) in
            let row = try s.cadre(inv[0]!)
            let label = s.cadreLabel(row)
            try s.engine { () throws(WorkbookError) in try s.workbook.removeRow(row, sheet: Session.cadres) }
            s.rosterChanged()
            s.say(.removed(label))
        },
        CommandSpec(
            name: "office add", group: .roster, usage: "office add NAME [rank=N]",
            summary: "add an office, with its line-work rank in the district if known",
            example: "office add 经济发展办 rank=2\n→ added office 经济发展办 (line rank 2)",
            arguments: [Arg(name: "NAME", kind: .value)], options: [("rank", .value)], changes: true
        ) { s, inv throws(CommandError) in try s.addOffice(inv) },
        CommandSpec(
            name: "office set", group: .roster, usage: "office set OFFICE rank N",
            summary: "set an office's line-work rank (its cadres' line scores follow)",
            example: "office set 党政办 rank 1\n→ 党政办 line rank 3 → 1",
            arguments: [Arg(name: "OFFICE", kind: .office), Arg(name: "rank", kind: .words(["rank"])), Arg(name: "N", kind: .value)],
            changes: true
        ) { s, inv throws(CommandError) in
            guard inv[1] == "rank" else { throw CommandError(.officeSetExpectedRank(inv[1]!, usage: inv.spec.usage)) }
            let row = try s.row(inv[0]!, in: "offices", what: .officeNoun)
            let rank = try s.rank(inv[2]!)
            let old = try s.engine { () throws(WorkbookError) in try s.workbook.value(row: row, column: "line_rank", sheet: "offices") }
            try s.engine { () throws(WorkbookError) in try s.workbook.set(rank, row: row, column: "line_rank", sheet: "offices") }
            s.say(.lineRankChanged(inv[0]!, old: old.isEmpty ? nil : old.displayText, new: rank.isEmpty ? nil : rank.displayText))
        },
        CommandSpec(
            name: "column add", group: .roster, usage: "column add KEY [LABEL] (input [TYPE [MIN..MAX]] | =FORMULA) [sheet=S]",
            summary: "add an input column (TYPE: number, whole, text, yesno, date, one of \"A\", \"B\", one of SHEET[COLUMN]), or a formula column",
            example: "column add bonus2 \"奖金二\" =ROUND(bonus*1.1, 2)\n→ added column bonus2 to cadres\ncolumn add study \"学习\" input number 0..5\n→ added input column study to cadres (number 0..5)",
            arguments: [Arg(name: "KEY", kind: .value), Arg(name: "LABEL", kind: .value, optional: true), Arg(name: "input or =FORMULA", kind: .words(["input"]), optional: true)],
            variadic: true, options: [("sheet", .sheet)], changes: true
        ) { s, inv throws(CommandError) in try s.addColumn(inv) },
        CommandSpec(
            name: "column set", group: .roster, usage: "column set KEY =FORMULA [sheet=S]",
            summary: "give a column a new formula (input: make it an input column)",
            example: "column set rules =MAX(0, rules_base-deductions)+credits",
            arguments: [Arg(name: "KEY", kind: .column), Arg(name: "=FORMULA", kind: .value)], options: [("sheet", .sheet)], changes: true
        ) { s, inv throws(CommandError) in
            let sheet = inv.options["sheet"]?.text ?? Session.cadres
            let key = try s.column(inv[0]!, sheet: sheet).key
            let formula = inv[1] == "input" ? nil : inv.rest(from: 1)
            guard formula == nil || formula!.hasPrefix("=") else { throw CommandError(.formulaStartsWithEquals(key)) }
            try s.engine { () throws(WorkbookError) in try s.workbook.setFormula(formula, column: key, sheet: sheet) }
            s.say(.columnFormula("\(sheet).\(key)", formula: formula))
        },
        CommandSpec(
            name: "column remove", group: .roster, usage: "column remove KEY [sheet=S]",
            summary: "remove a column; formulas that use it show #REF! (undo brings it back)",
            example: "column remove bonus2", arguments: [Arg(name: "KEY", kind: .column)], options: [("sheet", .sheet)], changes: true
        ) { s, inv throws(CommandError) in
            let sheet = inv.options["sheet"]?.text ?? Session.cadres
            let key = try s.column(inv[0]!, sheet: sheet).key
            try s.engine { () throws(WorkbookError) in try s.workbook.removeColumn(key, sheet: sheet) }
            s.say(.removedColumn(key, sheet: sheet))
        },
    ]
}

extension Session {
    func addCadre(_ inv: Invocation) throws(CommandError) {
        let id = inv[0]!.trimmingCharacters(in: .whitespaces), name = inv[1]!.trimmingCharacters(in: .whitespaces)
        guard !id.isEmpty, !name.isEmpty else { throw CommandError(.cadreNeedsIDAndName(usage: inv.spec.usage)) }
        if let existing = town.cadre(id: id) { throw CommandError(.idTaken("cadre add", id, by: cadreLabel(existing), unique: false)) }
        var values: [String: Value] = ["id": .text(id), "name": .text(name), "instructor": .bool(false)]
        for key in ["office", "instructor", "staff"] {
            guard let word = inv.options[key]?.text else { continue }
            values[key] = ValueWords.value(word, rule: workbook.rule(column: key, sheet: Self.cadres))
        }
        let namesakes = roster.byName[name] ?? []
        let (row, _) = try engine { () throws(WorkbookError) in try workbook.addRow(to: Self.cadres, values) }
        rosterChanged()
        say(.addedCadre(cadreLabel(row), office: values["office"]?.displayText))
        warnNamesakes(namesakes, of: row)
    }

    /// Accepted, but said: two cadres of one name are told apart by id.
    func warnNamesakes(_ others: [RowID], of row: RowID) {
        guard !others.isEmpty else { return }
        say(.shareAName(([row] + others).map(cadreLabel)))
    }

    /// A new id for a cadre, and their events, awards and history with it,
    /// in the command's one undoable step; refused when empty or taken.
    func changeID(_ row: RowID, to id: String) throws(CommandError) {
        let old = value(Self.cadres, row, "id").displayText
        guard !id.isEmpty else { throw CommandError(.idEmpty(cadreLabel(row), keeps: old)) }
        guard id != old else { return }
        if let other = roster.byID[id] { throw CommandError(.idTaken("set", id, by: cadreLabel(other), unique: true)) }
        watch(row)
        var moved: [Phrase] = []
        for (sheet, column, what) in [("events", "cadre", "event"), ("awards", "recipient", "award"), ("history", "cadre", "history row")] {
            guard let rows = try? workbook.rows(of: sheet) else { continue }
            let mine = rows.filter { value(sheet, $0, column).displayText == old && (sheet != "awards" || value(sheet, $0, "kind") == .text("individual")) }
            for r in mine { try engine { () throws(WorkbookError) in try workbook.set(.text(id), row: r, column: column, sheet: sheet) } }
            if !mine.isEmpty { moved.append(.countOf(mine.count, what)) }
        }
        try engine { () throws(WorkbookError) in try workbook.set(.text(id), row: row, column: "id", sheet: Self.cadres) }
        rosterChanged()
        say(.idChanged(cadreLabel(row), old: old, new: id, moved: moved))
    }

    /// A cadre's new name: required; a name another cadre has is accepted with a note.
    func rename(_ row: RowID, to name: String) throws(CommandError) {
        guard !name.isEmpty else { throw CommandError(.nameEmpty) }
        let namesakes = (roster.byName[name] ?? []).filter { $0 != row }
        try engine { () throws(WorkbookError) in try workbook.set(.text(name), row: row, column: "name", sheet: Self.cadres) }
        rosterChanged()
        warnNamesakes(namesakes, of: row)
    }

    func addOffice(_ inv: Invocation) throws(CommandError) {
        let name = inv[0]!
        if (try? row(name, in: "offices", what: .officeNoun)) != nil { throw CommandError(.officeExists(name)) }
        let rank = try inv.options["rank"].map { w throws(CommandError) in try self.rank(w.text) } ?? .empty
        try engine { () throws(WorkbookError) in _ = try workbook.addRow(to: "offices", ["name": .text(name), "line_rank": rank]) }
        say(.addedOffice(name, rank: rank.isEmpty ? nil : rank.displayText))
    }

    /// A line rank: a whole number from 1, or `none`.
    func rank(_ text: String) throws(CommandError) -> Value {
        if text == "none" || text == "-" { return .empty }
        guard let n = Int(text), n >= 1 else { throw CommandError(.lineRankNotWhole(text)) }
        return .number(Double(n))
    }

    func addColumn(_ inv: Invocation) throws(CommandError) {
        let sheet = inv.options["sheet"]?.text ?? Session.cadres
        let key = inv[0]!
        var label: String?
        var i = 1
        if let w = inv[1], w != "input", !(w.hasPrefix("=") && !inv.positional[1].quoted) {
            label = w
            i = 2
        }
        guard let kind = inv[i] else {
            throw CommandError(.columnAddNeedsKind(usage: inv.spec.usage))
        }
        var formula: String?
        var rule: ColumnRule?
        if kind != "input" {
            guard kind.hasPrefix("=") else { throw CommandError(.columnAddExpectedKind(kind)) }
            formula = inv.rest(from: i)
        } else if inv.positional.count > i + 1 {
            let text = inv.positional[(i + 1)...].map { $0.quoted ? "\"\($0.text)\"" : $0.text }.joined(separator: " ")
            do { rule = try ColumnRule(parsing: text) } catch { throw CommandError(.from("column add", error.phrase)) }
        }
        try engine { () throws(WorkbookError) in
            try workbook.addColumn(key, label: label, formula: formula, to: sheet)
            if let rule { try workbook.setRule(rule, column: key, sheet: sheet) }
        }
        say(.addedColumn(key, sheet: sheet, input: formula == nil, rule: rule.map { "\($0)" }))
    }
}
