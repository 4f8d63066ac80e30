import KaoheCore
import KaoheFile

extension CommandTable {
    static let scenario: [CommandSpec] = [
        CommandSpec(
            name: "scenario new", group: .scenario, usage: "scenario new NAME",
            summary: "start a what-if scenario over the figures in use (the base, or the current scenario) and switch to it",
            example: "scenario new 综治办降级\n→ scenario 综治办降级 (over base): changes from now on stay in it\noffice set 综治办 rank 4",
            arguments: [Arg(name: "NAME", kind: .value)], layer: true
        ) { s, inv throws(CommandError) in try s.newScenario(inv[0]!) },
        CommandSpec(
            name: "scenario use", group: .scenario, usage: "scenario use NAME",
            summary: "switch to a scenario; scenario use base returns to the real figures",
            example: "scenario use base", arguments: [Arg(name: "NAME", kind: .scenario)], layer: true
        ) { s, inv throws(CommandError) in try s.useScenario(inv[0]!) },
        CommandSpec(
            name: "scenario list", group: .scenario, usage: "scenario list",
            summary: "the scenarios: parent, how many changes, which is in use", example: "scenario list"
        ) { s, _ throws(CommandError) in s.listScenarios() },
        CommandSpec(
            name: "scenario diff", group: .scenario, usage: "scenario diff [A] [B]",
            summary: "who moves from A to B (default: base to the scenario in use): total, rank, bottom, status, bonus, payout; all lists every move, even the smallest rank moves and those of money only",
            example: "scenario diff\nscenario diff 综治办降级 再少一名末位",
            arguments: [Arg(name: "A", kind: .scenario, optional: true), Arg(name: "B", kind: .scenario, optional: true)], flags: ["all"]
        ) { s, inv throws(CommandError) in try s.diffScenarios(inv[0], inv[1], all: inv.flags.contains("all")) },
        CommandSpec(
            name: "scenario drop", group: .scenario, usage: "scenario drop NAME",
            summary: "delete a scenario and its changes (the base is not touched)",
            example: "scenario drop 综治办降级", arguments: [Arg(name: "NAME", kind: .scenario)], layer: true
        ) { s, inv throws(CommandError) in try s.dropScenario(inv[0]!) },
        CommandSpec(
            name: "scenario apply", group: .scenario, usage: "scenario apply NAME",
            summary: "make a scenario's changes real: they go into the base as one undoable step, and the scenario is gone",
            example: "scenario apply 综治办降级", arguments: [Arg(name: "NAME", kind: .scenario)], layer: true
        ) { s, inv throws(CommandError) in try s.applyScenario(inv[0]!) },
        CommandSpec(
            name: "scenario rename", group: .scenario, usage: "scenario rename OLD NEW",
            summary: "rename a scenario", example: "scenario rename 综治办降级 综治办第四名",
            arguments: [Arg(name: "OLD", kind: .scenario), Arg(name: "NEW", kind: .value)], layer: true
        ) { s, inv throws(CommandError) in try s.renameScenario(inv[0]!, inv[1]!) },
        CommandSpec(
            name: "log", group: .history, usage: "log [CADRE] [since=YYYY-MM-DD] [by=NAME]",
            summary: "the change log: who changed what, when, and what moved (undo and redo too)",
            example: "log\nlog 李艳 since=2026-03-01\nlog by=宣传委员",
            arguments: [Arg(name: "CADRE", kind: .cadre, optional: true)], options: [("since", .value), ("by", .value)]
        ) { s, inv throws(CommandError) in try s.showLog(inv) },
        CommandSpec(
            name: "whatif", group: .scenario, usage: "whatif COMMAND ...",
            summary: "run one change in a throwaway layer, show who moves, keep nothing (whatif all … lists every move, even those of money only)",
            example: "whatif office set 综治办 rank 4\nwhatif param bottom_n 2",
            arguments: [Arg(name: "COMMAND", kind: .command)], variadic: true
        ) { s, inv throws(CommandError) in
            let all = inv[0] == "all" && inv.positional.count > 1
            try s.whatif(inv.rest(from: all ? 1 : 0), all: all)
        },
    ]
}

/// The figures a scenario is judged by, for one cadre.
struct Outcome: Equatable {
    static let columns = ["total", "rank", "bottom", "status", "bonus", "payout"]
    let id: String
    let row: RowID
    let values: [Value]
}

/// The outcomes of a whole state: every cadre, and the totals of the pool and payout.
struct Outcomes {
    var cadres: [Outcome] = []
    var pool: Value = .empty
    var bonus = 0.0
    var payout = 0.0
}

extension Session {
    func newScenario(_ name: String) throws(CommandError) {
        guard name != "base", !name.isEmpty else { throw CommandError(.scenarioNewBase) }
        guard !scenarios.contains(where: { $0.name == name }) else {
            throw CommandError(.scenarioExists(name))
        }
        guard !name.contains("\n") else { throw CommandError(.scenarioNameOneLine) }
        let parent = scenarioState.current
        scenarios.append(ScenarioRecord(name: name, parent: parent))
        // The new scenario starts as its parent stands: the layer in use carries over.
        if let parent {
            scenarioState.parked[parent] = nil
            // The child's own steps start here: its undo does not take back
            // the parent's changes, nor its redo bring back the parent's
            // undone ones. The parent's layer stays the one to suspend.
            _ = workbook.beginLayer()
        } else {
            scenarioState.layer = workbook.beginLayer()
        }
        scenarioState.floor = workbook.undoDepth
        scenarioState.current = name
        scenarioState.redoLines = []
        say(.scenarioStarted(name, over: parent ?? "base"))
    }

    func useScenario(_ typed: String) throws(CommandError) {
        let name = try scenarioName(typed)
        guard name != scenarioState.current else {
            say(.alreadyIn(name ?? "base"))
            return
        }
        let problems = enterScenario(name)
        for p in problems { say(.warning(p)) }
        guard let name else {
            say(.baseRealFigures)
            return
        }
        let count = chain(name).last?.changes.count ?? 0
        say(.scenarioInUse(name, over: chain(name).last?.parent ?? "base", changes: count))
    }

    func listScenarios() {
        var table = Table(headers: ["", "scenario", "over", "changes", "last change"])
        table.add([Table.Cell(text: scenarioState.current == nil ? "*" : ""), Table.Cell(text: "base"), Table.Cell(text: ""),
                   Table.Cell(text: ""), Table.Cell(text: Phrase.baseIsRealFigures.text(lang))])
        for s in scenarios {
            table.add([Table.Cell(text: s.name == scenarioState.current ? "*" : ""), Table.Cell(text: s.name),
                       Table.Cell(text: s.parent ?? "base"), Table.Cell(text: "\(s.changes.count)", rightAligned: true),
                       Table.Cell(text: s.changes.last ?? "")])
        }
        table.maxWidth = 40
        table.footer = [Phrase.scenariosFooter(scenarios.count).text(lang)]
        present(table)
    }

    func dropScenario(_ typed: String) throws(CommandError) {
        guard let name = try scenarioName(typed) else { throw CommandError(.scenarioDropBase) }
        let children = scenarios.filter { $0.parent == name }.map(\.name)
        guard children.isEmpty else {
            throw CommandError(.scenarioHasChildren(children, of: name))
        }
        let record = scenarios[try scenarioIndex(name)]
        if scenarioState.current == name { enterScenario(record.parent) }
        scenarios.removeAll { $0.name == name }
        scenarioState.parked[name] = nil
        say(.scenarioDropped(name, changes: record.changes.count, inUse: scenarioState.current ?? "base"))
    }

    func renameScenario(_ typed: String, _ new: String) throws(CommandError) {
        guard let old = try scenarioName(typed) else { throw CommandError(.scenarioRenameBase) }
        guard new != "base", !new.isEmpty, !new.contains("\n") else { throw CommandError(.scenarioRenameToBase) }
        guard !scenarios.contains(where: { $0.name == new }) else { throw CommandError(.scenarioRenameExists(new)) }
        for i in scenarios.indices {
            if scenarios[i].name == old { scenarios[i].name = new }
            if scenarios[i].parent == old { scenarios[i].parent = new }
        }
        if scenarioState.current == old { scenarioState.current = new }
        if let parked = scenarioState.parked.removeValue(forKey: old) { scenarioState.parked[new] = parked }
        say(.scenarioRenamed(old, new))
    }

    func applyScenario(_ typed: String) throws(CommandError) {
        guard let name = try scenarioName(typed) else { throw CommandError(.scenarioApplyBase) }
        let record = scenarios[try scenarioIndex(name)]
        if let parent = record.parent {
            throw CommandError(.scenarioApplyLayered(name, parent: parent))
        }
        guard !record.changes.isEmpty else { throw CommandError(.scenarioApplyEmpty(name)) }
        enterScenario(nil)
        let before = outcomes()
        let depth = workbook.undoDepth
        var failed: (Int, String, CommandError)?
        var numbers: [String: String] = [:]
        try workbook.transaction { () throws(CommandError) in
            for (i, line) in record.changes.enumerated() {
                do throws(CommandError) { try replayChange(line, &numbers) } catch {
                    failed = (i + 1, line, error)
                    throw error
                }
            }
        }
        if let (n, line, error) = failed {
            throw CommandError(.scenarioApplyFailed(name, change: n, line: line, error.phrase))
        }
        let children = scenarios.filter { $0.parent == name }.map(\.name)
        scenarios.removeAll { $0.name == name }
        for i in scenarios.indices where children.contains(scenarios[i].name) { scenarios[i].parent = nil }
        scenarioState.parked = [:]
        scenarioState.baseVersion += 1
        if workbook.undoDepth > depth { scenarioState.applied[workbook.undoDepth] = (record, children) }
        scenarioChanged()
        say(.scenarioApplied(name, changes: record.changes.count))
        say(diffText(before, outcomes(), from: "before", to: "base", all: false))
    }

    // MARK: Comparing

    /// The outcomes of the figures in use. The base's are kept until the
    /// base changes, so comparing scenarios with it reads it once.
    /// - Complexity: O(cadres) reads of current cells, plus what is stale.
    func outcomes() -> Outcomes {
        if scenarioState.current == nil, let cached = scenarioState.baseOutcomes, cached.version == scenarioState.baseVersion {
            return cached.outcomes
        }
        var out = Outcomes()
        guard let rows = try? workbook.rows(of: Self.cadres) else { return out }
        out.cadres = cadreOutcomes(rows)
        if let i = rows.firstIndex(where: { value(Self.cadres, $0, "regular") != .bool(false) }) { out.pool = value(Self.cadres, rows[i], "pool") }
        let keys = Outcome.columns.filter { (try? workbook.columnRef($0, sheet: Self.cadres)) != nil }
        func total(_ key: String) -> Double {
            guard let k = keys.firstIndex(of: key) else { return 0 }
            return out.cadres.reduce(0) { $0 + ($1.values[k].number ?? 0) }
        }
        (out.bonus, out.payout) = (total("bonus"), total("payout"))
        if scenarioState.current == nil { scenarioState.baseOutcomes = (scenarioState.baseVersion, out) }
        return out
    }

    /// The outcome columns the sheet has of each row, read column by column.
    func cadreOutcomes(_ rows: [RowID]) -> [Outcome] {
        func column(_ key: String) -> [Value]? {
            guard let ref = try? workbook.columnRef(key, sheet: Self.cadres) else { return nil }
            return rows.map { workbook.value(CellRef(ref, $0)) }
        }
        let ids = column("id") ?? rows.map { _ in .empty }
        let columns = Outcome.columns.compactMap(column)
        return rows.indices.map { i in Outcome(id: ids[i].displayText, row: rows[i], values: columns.map { $0[i] }) }
    }

    /// The outcomes of a scenario (nil: the base), the one in use left as it was.
    func outcomes(of name: String?) -> (Outcomes, [Phrase]) {
        if name == scenarioState.current { return (outcomes(), []) }
        if name == nil, let cached = scenarioState.baseOutcomes, cached.version == scenarioState.baseVersion {
            return (cached.outcomes, [])
        }
        let current = scenarioState.current
        let problems = enterScenario(name)
        let result = outcomes()
        enterScenario(current)
        return (result, problems)
    }

    func diffScenarios(_ a: String?, _ b: String?, all: Bool) throws(CommandError) {
        let from: String?, to: String?
        switch (a, b) {
        case (nil, _):
            guard let current = scenarioState.current else {
                throw CommandError(.scenarioDiffOnBase)
            }
            (from, to) = (nil, current)
        case (let a?, nil): (from, to) = (nil, try scenarioName(a))
        case (let a?, let b?): (from, to) = (try scenarioName(a), try scenarioName(b))
        }
        let (left, p1) = outcomes(of: from)
        let (right, p2) = outcomes(of: to)
        for p in Set(p1 + p2).sorted(by: { $0.en < $1.en }) { say(.warning(p)) }
        say(diffText(left, right, from: from ?? "base", to: to ?? "base", all: all))
    }

    func whatif(_ line: String, all: Bool) throws(CommandError) {
        let words = try Words.split(line)
        guard !words.isEmpty else { throw CommandError(.whatifNeedsChange) }
        let spec = try CommandTable.find(words)
        guard spec.changes else {
            throw CommandError(.whatifChangesNothing(spec.name))
        }
        let before = outcomes()
        // The throwaway layer is not the base whose outcomes are kept.
        let kept = scenarioState.baseOutcomes
        scenarioState.baseOutcomes = nil
        let layer = workbook.beginLayer()
        defer {
            workbook.peel(layer)
            scenarioState.baseOutcomes = kept
            scenarioChanged()
        }
        let depth = workbook.undoDepth
        do { try quietly(line) } catch { throw CommandError(.from("whatif", error.phrase)) }
        // A change that changes nothing (`nothing changed`) makes no step:
        // the figures are those before, and need not be read again.
        let after = workbook.undoDepth == depth ? before : outcomes()
        say(diffText(before, after, from: scenarioState.current ?? "base", to: "what if " + line, all: all))
    }

    /// How many cadres whose money alone moves are listed before the rest are counted.
    static let moneyOnlyShown = 8
    /// How many cadres whose rank alone moves (the largest moves) are listed before the rest are counted.
    static let rankOnlyShown = 50

    /// Who moves from one set of outcomes to another, the largest rank moves
    /// first, then a footer: how many moved, who enters and leaves the
    /// bottom, the pool and payout totals of both sides. A cadre whose total,
    /// bottom or status moves is always listed; of those whose rank alone
    /// moves (many, when an office's totals move), the largest moves; of
    /// those whose bonus and payout alone move (the pool's share shifts a few
    /// yuan for all), the first few; the rest are counted, unless `all`.
    func diffText(_ a: Outcomes, _ b: Outcomes, from: String, to: String, all: Bool) -> String {
        let columns = Outcome.columns.filter { c in ((try? workbook.columns(of: Self.cadres)) ?? []).contains { $0.key == c } }
        // Both sides are usually the same roster in the same order (a layer
        // keeps the base's rows): pair them by position and fall back to ids
        // only where a cadre was added, removed or renumbered.
        let aligned = a.cadres.count == b.cadres.count
            && a.cadres.indices.allSatisfy { a.cadres[$0].row == b.cadres[$0].row && a.cadres[$0].id == b.cadres[$0].id }
        let left = aligned ? [:] : Dictionary(a.cadres.indices.map { (a.cadres[$0].id, $0) }, uniquingKeysWith: { x, _ in x })
        // Names as the roster in use has them; a cadre only on one side by id.
        // The row itself when it still holds the cadre (no roster rebuilt).
        let idRef = try? workbook.columnRef("id", sheet: Self.cadres)
        let label = { (o: Outcome) -> String in
            if !o.id.isEmpty, let idRef, self.workbook.isLive(o.row, sheetOf: idRef), self.workbook.value(CellRef(idRef, o.row)).displayText == o.id {
                return self.cadreLabel(o.row)
            }
            return self.roster.byID[o.id].map(self.cadreLabel) ?? o.id
        }
        let rankAt = columns.firstIndex(of: "rank"), bottomAt = columns.firstIndex(of: "bottom")
        let moneyColumns: Set = ["bonus", "payout"]
        let nonMoney = columns.indices.filter { !moneyColumns.contains(columns[$0]) }
        var moved: [(shift: Int, order: Int, pair: Int)] = []
        var onlyOne: [(order: Int, text: String)] = []
        var moneyOnly: [(order: Int, pair: Int)] = []
        var pairs: [(old: Int, new: Int)] = []
        var moneyOnlyCount = 0
        // Whose rank alone moves (with their money): at scale nearly everyone
        // when one office's totals move; the largest moves are listed.
        var rankOnly: [(shift: Int, order: Int, at: Int)] = []
        var enters: [String] = [], leaves: [String] = []
        for (order, new) in b.cadres.enumerated() {
            guard let at = aligned ? order : left[new.id] else {
                onlyOne.append((order, Phrase.onlyIn(label(new), to).text(lang)))
                continue
            }
            let old = a.cadres[at]
            guard old.values != new.values else { continue }
            if let bottomAt {
                if new.values[bottomAt] == .bool(true), old.values[bottomAt] != .bool(true) { enters.append(label(new)) }
                if old.values[bottomAt] == .bool(true), new.values[bottomAt] != .bool(true) { leaves.append(label(new)) }
            }
            if nonMoney.allSatisfy({ old.values[$0] == new.values[$0] }) {
                moneyOnlyCount += 1
                guard all || moneyOnly.count < Self.moneyOnlyShown else { continue }
                moneyOnly.append((order, pairs.count))
            } else {
                var shift = 0
                if let rankAt, let r0 = old.values[rankAt].number, let r1 = new.values[rankAt].number { shift = Int(r1 - r0) }
                if !all, nonMoney.allSatisfy({ $0 == rankAt || old.values[$0] == new.values[$0] }) {
                    rankOnly.append((abs(shift), order, at))
                    continue
                }
                moved.append((abs(shift), order, pairs.count))
            }
            pairs.append((at, order))
        }
        rankOnly.sort { ($0.shift, -$0.order) > ($1.shift, -$1.order) }
        for r in rankOnly.prefix(Self.rankOnlyShown) {
            moved.append((r.shift, r.order, pairs.count))
            pairs.append((r.at, r.order))
        }
        let rankOnlyMore = max(0, rankOnly.count - Self.rankOnlyShown)
        let texts = moveTexts(pairs, a.cadres, b.cadres, columns: columns, rankAt: rankAt)
        let right = aligned ? [] : Set(b.cadres.map(\.id))
        for (order, old) in a.cadres.enumerated() where !aligned && !right.contains(old.id) {
            onlyOne.append((b.cadres.count + order, Phrase.onlyIn(label(old), from).text(lang)))
        }
        // The lines, largest rank moves first, written into one buffer: at 100,000
        // cadres an office's rank moves nearly everyone, some 10 MB of text.
        var listed = moved.map { (shift: $0.shift, order: $0.order, pair: $0.pair, text: "") }
            + onlyOne.map { (shift: Int.max, order: $0.order, pair: -1, text: $0.text) }
        listed.sort { ($0.shift, -$0.order) > ($1.shift, -$1.order) }
        var out: [UInt8] = []
        out.reserveCapacity(64 + 160 * (listed.count + moneyOnly.count))
        out.write(lang == .zh ? "\(from) → \(to)：" : "\(from) → \(to):")
        for entry in listed {
            out.write("\n  ")
            if entry.pair < 0 { out.write(entry.text) } else { texts(entry.pair, label(b.cadres[pairs[entry.pair].new]), &out) }
        }
        for entry in moneyOnly {
            out.write("\n  ")
            texts(entry.pair, label(b.cadres[pairs[entry.pair].new]), &out)
        }
        var lines = [String(decoding: out, as: UTF8.self)]
        if rankOnlyMore > 0 { lines.append("  " + Phrase.rankOnlyMore(rankOnlyMore).text(lang)) }
        if moneyOnly.count < moneyOnlyCount {
            lines.append("  " + Phrase.moneyOnlyMore(moneyOnlyCount - moneyOnly.count).text(lang))
        }
        if listed.isEmpty, moneyOnlyCount == 0 { lines.append(Phrase.nothingMoves.text(lang)) }
        let count = listed.count + rankOnlyMore + moneyOnlyCount
        func money(_ x: Double) -> String { Num.fixed(x, decimals: 2) }
        func change(_ x: Double, _ y: Double) -> String {
            let d = y - x
            return "\(money(x)) → \(money(y)) (\(d >= 0 ? "+" : "")\(money(d)))"
        }
        lines.append(Phrase.diffFooter(count, enters: enters, leaves: leaves).text(lang))
        let pools = [a.pool, b.pool].map { $0.number.map(money) ?? $0.displayText }
        lines.append(Phrase.diffMoney(pool: pools[0] == pools[1] ? pools[0] : "\(pools[0]) → \(pools[1])",
                                      bonus: change(a.bonus, b.bonus), payout: change(a.payout, b.payout)).text(lang))
        return lines.joined(separator: "\n")
    }

    /// Writes a pair's line after its label (`陈静 (c05) total 93.30 → 91.30,
    /// rank 2 → 5 ↓3`); the values of a column are formatted in one pass as
    /// the tables show them.
    /// - Complexity: O(pairs × outcome columns) to make, O(line) to write.
    func moveTexts(_ pairs: [(old: Int, new: Int)], _ a: [Outcome], _ b: [Outcome], columns: [String],
                   rankAt: Int?) -> (Int, String, inout [UInt8]) -> Void {
        let empty = Phrase.emptyCell.text(lang), comma = lang == .zh ? "，" : ", "
        // Per column: its name and, for the pairs whose value moves, both
        // sides as shown (short strings, kept inline: no allocation each).
        var names: [String] = [], olds: [[String]] = [], news: [[String]] = []
        for (i, key) in columns.enumerated() {
            var old = [String](repeating: "", count: pairs.count), new = old
            let moving = pairs.indices.filter { a[pairs[$0].old].values[i] != b[pairs[$0].new].values[i] }
            let texts = cells(moving.flatMap { [a[pairs[$0].old].values[i], b[pairs[$0].new].values[i]] }, sheet: Self.cadres, column: key)
            for (k, p) in moving.enumerated() {
                let (was, now) = (a[pairs[p].old].values[i], b[pairs[p].new].values[i])
                old[p] = was.isEmpty ? empty : texts[2 * k].text
                new[p] = now.isEmpty ? empty : texts[2 * k + 1].text
                if i == rankAt, let r0 = was.number, let r1 = now.number {
                    let shift = Int(r1 - r0)
                    new[p] += shift > 0 ? " ↓\(shift)" : " ↑\(-shift)"
                }
            }
            names.append(columnName(key, sheet: Self.cadres).text(lang))
            olds.append(old)
            news.append(new)
        }
        return { p, label, out in
            let (was, now) = (a[pairs[p].old].values, b[pairs[p].new].values)
            out.write(label)
            var first = true
            // (A moved value may show as nothing: a temporary cadre's status "".)
            for i in names.indices where was[i] != now[i] {
                out.write(first ? " " : comma)
                first = false
                out.write(names[i])
                out.write(" ")
                out.write(olds[i][p])
                out.write(" → ")
                out.write(news[i][p])
            }
        }
    }
}

extension [UInt8] {
    /// Appends a string's UTF-8 bytes in one copy.
    mutating func write(_ s: String) {
        var s = s
        s.withUTF8 { append(contentsOf: $0) }
    }
}
