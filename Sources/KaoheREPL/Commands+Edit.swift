import KaoheCore
import KaoheFile

extension CommandTable {
    static let editing: [CommandSpec] = [
        CommandSpec(
            name: "set", group: .edit, usage: "set CADRE COLUMN VALUE   or   set CADRE COLUMN =FORMULA",
            summary: "enter a value; on a computed column, a value or formula of this cell's own (until clear)",
            example: "set 张伟 democratic 9.5\n→ 张伟 (c01): democratic 9.00 → 9.50, total 88.20 → 88.70, rank 12 → 9\nset c01 rural =rural_raw*0.9",
            arguments: [Arg(name: "CADRE", kind: .cadre), Arg(name: "COLUMN", kind: .column), Arg(name: "VALUE", kind: .value)],
            changes: true
        ) { s, inv throws(CommandError) in try s.setCell(inv) },
        CommandSpec(
            name: "clear", group: .edit, usage: "clear CADRE COLUMN",
            summary: "empty an input cell, or return a computed cell to its column's formula",
            example: "clear 张伟 rural\n→ 张伟 (c01): rural 14.00 → 13.42, total 90.00 → 89.42",
            arguments: [Arg(name: "CADRE", kind: .cadre), Arg(name: "COLUMN", kind: .column)], changes: true
        ) { s, inv throws(CommandError) in
            let row = try s.cadre(inv[0]!)
            let key = try s.column(inv[1]!, sheet: Session.cadres).key
            s.watch(row)
            switch key {
            case "id": try s.changeID(row, to: "")
            case "name": try s.rename(row, to: "")
            default: try s.engine { () throws(WorkbookError) in try s.workbook.clear(row: row, column: key, sheet: Session.cadres) }
            }
        },
        CommandSpec(
            name: "param", group: .edit, usage: "param NAME VALUE [new]",
            summary: "change a parameter (new: add one); everything that depends on it recomputes",
            example: "param bottom_n 4\n→ bottom_n 3 → 4\n→ recomputed for every cadre: bottom, status",
            arguments: [Arg(name: "NAME", kind: .param), Arg(name: "VALUE", kind: .value)], flags: ["new"], changes: true
        ) { s, inv throws(CommandError) in try s.setParam(inv) },
        CommandSpec(
            name: "undo", group: .edit, usage: "undo [N]",
            summary: "undo the last change (or the last N); every change is undoable",
            example: "undo\n→ undid 1 change\n→ 张伟 (c01): democratic 9.50 → 9.00, total 88.70 → 88.20, rank 9 → 12",
            arguments: [Arg(name: "N", kind: .value, optional: true)], walksHistory: true
        ) { s, inv throws(CommandError) in try s.undoRedo(inv, undo: true) },
        CommandSpec(
            name: "redo", group: .edit, usage: "redo [N]",
            summary: "redo what undo undid", example: "redo",
            arguments: [Arg(name: "N", kind: .value, optional: true)], walksHistory: true
        ) { s, inv throws(CommandError) in try s.undoRedo(inv, undo: false) },
    ]
}

extension Session {
    func setCell(_ inv: Invocation) throws(CommandError) {
        let row = try cadre(inv[0]!)
        let col = try column(inv[1]!, sheet: Self.cadres)
        watch(row)
        let word = inv.positional[2]
        if !word.quoted, word.text.hasPrefix("=") {
            let formula = inv.rest(from: 2)
            try engine { () throws(WorkbookError) in try workbook.setFormula(formula, row: row, column: col.key, sheet: Self.cadres) }
        } else {
            guard inv.positional.count == 3 else {
                throw CommandError(.setOneValue(inv.positional[2...].map(\.text).joined(separator: " ")))
            }
            let value = ValueWords.value(word.text, rule: workbook.rule(column: col.key, sheet: Self.cadres), quoted: word.quoted)
            switch col.key {
            case "id": try changeID(row, to: value.displayText)
            case "name": try rename(row, to: value.displayText)
            default: try engine { () throws(WorkbookError) in try workbook.set(value, row: row, column: col.key, sheet: Self.cadres) }
            }
        }
    }

    func setParam(_ inv: Invocation) throws(CommandError) {
        let name = inv[0]!
        let old = workbook.param(name)
        if old == nil, !inv.flags.contains("new") {
            throw CommandError(.noParameter(name, hint: didYouMean(name, in: workbook.parameters.map(\.name))))
        }
        guard inv.positional.count == 2 else { throw CommandError(.paramOneValue) }
        let word = inv.positional[1]
        let typed = ValueWords.value(word.text, rule: Checks.parameterRules[name], quoted: word.quoted)
        let value: Value
        switch Checks.parameter(name, typed) {
        case .success(let v): value = v
        case .failure(let problem): throw CommandError(problem.phrase)
        }
        try engine { () throws(WorkbookError) in try workbook.setParam(name, value) }
        say(.paramChanged(name, old: old?.displayText, new: value.displayText))
    }

    func undoRedo(_ inv: Invocation, undo: Bool) throws(CommandError) {
        let n = try inv[0].map { text throws(CommandError) in
            guard let n = Int(text), n > 0 else { throw CommandError(.countNotWhole(inv.spec.name, text)) }
            return n
        } ?? 1
        var done = 0
        var report = ChangeReport()
        let depth = workbook.undoDepth
        let before = outcomesBeforeChange()
        while done < n {
            guard undo ? workbook.undoDepth > undoFloor : workbook.canRedo else { break }
            let step = try engine { () throws(WorkbookError) in try undo ? workbook.undo() : workbook.redo() }
            report.changes += step.changes
            report.invalidated += step.invalidated.filter { !report.invalidated.contains($0) }
            done += 1
        }
        guard done > 0 else {
            let keeps = scenarioState.current.map { name in
                workbook.undoDepth > scenarioState.floor - 1 && chain(name).contains { !$0.changes.isEmpty }
            } ?? false
            throw CommandError(undo ? .nothingToUndo(scenario: scenarioState.current, keeps: keeps) : .nothingToRedo)
        }
        // What was taken back: a scenario's own changes, or the base's steps.
        var steps = stepLines(between: depth, workbook.undoDepth)
        if let current = scenarioState.current, let record = scenarios.first(where: { $0.name == current }) {
            steps = (undo ? Array(record.changes.suffix(done)) : Array(scenarioState.redoLines.suffix(done).reversed())).map { Self.splitMade($0).command }
        }
        undone(done, undo: undo, depthBefore: depth)
        rosterChanged()
        // Taking back an undo is a redo, and the other way round.
        var entry = try record(inv.line) {
            for _ in 0..<done { _ = try? undo ? self.workbook.redo() : self.workbook.undo() }
        }
        say(.undid(done, undo: undo, what: undo ? steps.reversed() : steps))
        reportMoves(report, since: before)
        entry.cadres = Array(Set(report.changes.filter { $0.sheet == Self.cadres }.map { value(Self.cadres, $0.row, "id").displayText })).sorted()
        commit(entry)
    }

    /// The cells a change report names, one line per cadre row (at most ten),
    /// then everyone else whose outcome moved since `before`, then the
    /// columns recomputed everywhere.
    func reportMoves(_ report: ChangeReport, since before: Outcomes? = nil) {
        var rows: [RowID] = [], seen = Set<RowID>()
        for c in report.changes where c.sheet == Self.cadres && seen.insert(c.row).inserted { rows.append(c.row) }
        for row in rows.prefix(10) {
            let moves = report.changes.filter { $0.sheet == Self.cadres && $0.row == row && Self.cadreView.contains($0.column) }
                .map { move($0.column, sheet: $0.sheet, $0.old, $0.new) }
            if !moves.isEmpty { say(layerTag + .rowMoved(cadreLabel(row), moves)) }
        }
        if rows.count > 10, before == nil { say(.moreCadres(rows.count - 10)) }
        sayEveryoneElse(report, listed: Set(rows.prefix(10)), before: before, narrow: nil)
    }
}
