import Foundation
import KaoheCore
import KaoheScheme
import KaoheFile

extension Session {
    /// The columns a change line compares for a row of a sheet.
    func watchedColumns(_ sheet: String) -> [String] {
        let keys = ((try? workbook.columns(of: sheet)) ?? []).map(\.key)
        return sheet == Self.cadres ? Self.cadreView.filter(keys.contains) : keys
    }

    func values(_ sheet: String, _ row: RowID, _ columns: [String]) -> [Value]? {
        var out: [Value] = []
        for c in columns {
            guard let v = try? workbook.value(row: row, column: c, sheet: sheet) else { return nil }
            out.append(v)
        }
        return out
    }

    /// Notes a row's values before the command changes it, so the change
    /// line can say what moved there. Not for a command run quietly (a
    /// return's row, a merged or replayed change): no one sees its change
    /// line, and reading the row before and after would compute what the
    /// rows before it made stale, once per row.
    func watch(_ row: RowID, sheet: String = Session.cadres) {
        guard !scenarioState.materializing, !watched.contains(where: { $0.sheet == sheet && $0.row == row }),
              let before = values(sheet, row, watchedColumns(sheet)) else { return }
        watched.append((sheet, row, before))
    }

    /// `rules 10.00 → 8.00` in both languages (the English one is what the change log keeps).
    func move(_ column: String, sheet: String, _ old: Value, _ new: Value) -> Phrase {
        columnName(column, sheet: sheet) + Phrase(verbatim: " ")
            + valuePhrase(old, sheet: sheet, column: column) + Phrase(verbatim: " → ") + valuePhrase(new, sheet: sheet, column: column)
    }

    /// One line per watched row that moved (`张伟 (c01): rules 10.00 → 8.00,
    /// total 93.50 → 91.50, rank 4 → 7`), then everyone else whose outcome
    /// moved (see `sayOthers`), then the columns recomputed in every row.
    @discardableResult
    func reportChanges(_ report: ChangeReport, since before: Outcomes? = nil, narrow: NarrowBaseline? = nil) -> [(row: RowID, moves: String)] {
        var moved: [(row: RowID, moves: String)] = []
        if !report.cycle.isEmpty { say(.circularReference(report.cycle.joined(separator: " → "))) }
        for (sheet, row, before) in watched {
            let columns = watchedColumns(sheet)
            guard let after = values(sheet, row, columns) else { continue }
            let moves = zip(columns, zip(before, after)).filter { $0.1.0 != $0.1.1 }
                .map { move($0.0, sheet: sheet, $0.1.0, $0.1.1) }
            guard !moves.isEmpty else { continue }
            if sheet == Self.cadres { moved.append((row, Phrase.joinedList(moves).en)) }
            say(layerTag + .rowMoved(sheet == Self.cadres ? cadreLabel(row) : "\(sheet) \(row)", moves))
        }
        sayEveryoneElse(report, listed: Set(moved.map(\.row)), before: before, narrow: narrow)
        return moved
    }

    /// After the rows a change named: everyone else whose outcome moved
    /// (every cadre compared since `before`, or only those who can have
    /// moved since `narrow`), then the columns recomputed for every cadre
    /// that this has not already said.
    func sayEveryoneElse(_ report: ChangeReport, listed: Set<RowID>, before: Outcomes?, narrow: NarrowBaseline?) {
        let compared = before.map { sayOthers(since: $0, listed: listed) } ?? false
        let narrowed = !compared && narrow.map { sayNarrow(report, $0, listed: listed) } == true
        // In the sheet's order, whatever order the engine met them in. When
        // everyone's outcome was compared, what moved has been said: the
        // columns between (line, award_money) show in the outcomes. When
        // only those who could move were, the money moved for everyone.
        guard !compared else { return }
        let stale = Set(report.invalidated)
        let said: Set = narrowed ? ["rank", "bottom", "status"] : []
        let others = Self.cadreView.filter { !said.contains($0) && stale.contains(Self.cadres + "." + $0) }
        if !others.isEmpty { say(layerTag + .recomputedForEveryCadre(others.map { columnName($0, sheet: Self.cadres) })) }
    }

    /// `[综治办降级] ` inside a scenario, nothing on the base.
    var layerTag: Phrase { Phrase(verbatim: scenarioState.current.map { "[\($0)] " } ?? "") }

    // MARK: Everyone else who moved

    /// How many cadres a sheet may hold for a change line to compare every
    /// cadre's outcome (an O(cadres) read after each change); above it the
    /// line follows what moved when it can (`sayNarrow`), else names the
    /// rows the command touched and the columns recomputed. Tests set
    /// `KAOHE_COMPARED_CADRES` to compare the two ways on a small town.
    static let comparedCadres = Int(ProcessInfo.processInfo.environment["KAOHE_COMPARED_CADRES"] ?? "") ?? 10_000

    /// How many cadres whose total moved, unnamed by the command, get a line of their own.
    static let ownLines = 3

    /// How many other cadres' rank moves are named before the rest are counted.
    static let ranksNamed = 5

    /// The outcomes before a change, when the change line will compare them:
    /// kept from the last change while the workbook is as it left it.
    func outcomesBeforeChange() -> Outcomes? {
        guard !scenarioState.materializing, !replaying, let n = try? workbook.rowCount(of: Self.cadres), n <= Self.comparedCadres else { return nil }
        return outcomes()
    }

    /// Says who else moved since `before`: entering and leaving the bottom
    /// and status changes in full, rank moves the first few then a count,
    /// money alone as a count. Returns whether it compared (false when the
    /// sheet lost its outcome columns).
    func sayOthers(since before: Outcomes, listed: Set<RowID>, after: Outcomes? = nil, counting: Bool = true, moreRanks: Int = 0) -> Bool {
        let after = after ?? outcomes()
        let keys = Outcome.columns.filter { (try? workbook.columnRef($0, sheet: Self.cadres)) != nil }
        guard keys.count == Outcome.columns.count else { return false }
        let old = Dictionary(before.cadres.map { ($0.row, $0) }, uniquingKeysWith: { x, _ in x })
        let (rank, bottom, status) = (keys.firstIndex(of: "rank")!, keys.firstIndex(of: "bottom")!, keys.firstIndex(of: "status")!)
        var ranks: [(shift: Double, order: Int, text: Phrase)] = []
        var flags: [Phrase] = []
        // Whose total, bonus or payout alone moved: counted, not named.
        var counted = 0
        var countedColumns = Set<Int>()
        let totalAt = keys.firstIndex(of: "total")!
        // A change that moved the totals of a few cadres the command did not
        // name (an undo, an event merged): each gets its own line, as a typed one.
        let totalMovers = after.cadres.filter { new in
            !listed.contains(new.row) && old[new.row].map { $0.id == new.id && $0.values[totalAt] != new.values[totalAt] } == true
        }
        var own = Set<RowID>()
        if totalMovers.count <= Self.ownLines {
            for new in totalMovers {
                let was = old[new.row]!
                let moves = keys.indices.filter { was.values[$0] != new.values[$0] }
                    .map { move(keys[$0], sheet: Self.cadres, was.values[$0], new.values[$0]) }
                say(layerTag + .rowMoved(cadreLabel(new.row), moves))
                own.insert(new.row)
            }
        }
        for (order, new) in after.cadres.enumerated() where !listed.contains(new.row) && !own.contains(new.row) {
            guard let was = old[new.row], was.id == new.id else { continue }
            let differs = keys.indices.filter { was.values[$0] != new.values[$0] }
            guard !differs.isEmpty else { continue }
            let who = cadreLabel(new.row)
            let statusMove: Phrase? = differs.contains(status)
                ? .fromTo(valuePhrase(was.values[status], sheet: Self.cadres, column: "status").text(lang),
                          valuePhrase(new.values[status], sheet: Self.cadres, column: "status").text(lang)) : nil
            if differs.contains(bottom), was.values[bottom] != new.values[bottom] {
                flags.append(new.values[bottom] == .bool(true) ? .entersBottom(who, statusMove) : .leavesBottom(who, statusMove))
            } else if let statusMove {
                flags.append(.statusMoved(who, statusMove))
            }
            if differs.contains(rank) {
                let shown = cells([was.values[rank], new.values[rank]], sheet: Self.cadres, column: "rank").map(\.text)
                let shift = abs((new.values[rank].number ?? 0) - (was.values[rank].number ?? 0))
                ranks.append((shift, order, .rankMove(who, shown[0], shown[1])))
            } else if !differs.contains(bottom), !differs.contains(status) {
                counted += 1
                countedColumns.formUnion(differs)
            }
        }
        for f in flags { say(layerTag + f) }
        if !ranks.isEmpty || moreRanks > 0 {
            ranks.sort { ($0.shift, -$0.order) > ($1.shift, -$1.order) }
            let named = ranks.prefix(Self.ranksNamed).map(\.text)
            say(layerTag + .ranksMoved(Array(named), more: ranks.count - named.count + moreRanks))
        }
        if counted > 0, counting {
            let columns = countedColumns.sorted().map { columnName(keys[$0], sheet: Self.cadres) }
            say(layerTag + .othersMoved(counted, columns: columns))
        }
        return true
    }
}

extension Session {
    /// What a logged cell is, as a person names it: `张伟 (c01) democratic`'s
    /// first part, `param`, `office 综治办`.
    func cadreOrRow(_ cell: LogCell) -> String {
        if cell.sheet.isEmpty { return "param" }
        if cell.sheet == Self.cadres, let row = town.cadre(id: cell.key) { return cadreLabel(row) }
        return cell.sheet == "offices" ? "office \(cell.key)" : "\(cell.sheet) \(cell.key)"
    }

    /// Notes the command line of the undo step just made; a new step drops
    /// the lines of the steps redo could have brought back.
    func stepMade(_ line: String) {
        let depth = workbook.undoDepth
        stepLines = stepLines.filter { $0.key < depth }
        stepLines[depth] = Self.splitMade(line).command
    }

    /// The command lines of the steps between two undo depths, oldest first.
    func stepLines(between a: Int, _ b: Int) -> [String] {
        (min(a, b) + 1 ..< max(a, b) + 1).compactMap { stepLines[$0] }
    }
}

// MARK: Following what moved, on a large sheet

/// What a change line needs to know, taken before a change on a sheet too
/// large to compare whole: the parameters, and whether the ranked totals
/// were current and indexed (`Workbook.hasValueIndex`).
struct NarrowBaseline {
    let parameters: [String: Value]
    let indexed: Bool
    /// The undo depth before the change: the change is the one step above it.
    let depth: Int
}

extension Session {
    /// Before a change on a sheet above `comparedCadres`: what `sayNarrow` checks.
    func narrowBaseline(_ full: Outcomes?) -> NarrowBaseline? {
        guard full == nil, !scenarioState.materializing, !replaying,
              town.ranksByRankedTotal else { return nil }
        return NarrowBaseline(parameters: Dictionary(workbook.parameters.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a }),
                              indexed: town.rankedTotalsIndexed, depth: workbook.undoDepth)
    }

    /// Who else moved after a change that moved only the totals of the rows
    /// it watched, found without reading the sheet: a rank moves only for a
    /// cadre whose total lies between a moved total's old and new value, a
    /// bottom flag only among the lowest `bottom_n` + (totals moved) cadres
    /// before or after. Those rows are read after the change, then before it
    /// by undoing the step for a moment, and compared as `sayOthers` does.
    /// Returns false (nothing said) when the change was broader.
    /// - Complexity: O(log n + the cadres whose rank moved + the bottom), plus one undo and redo.
    func sayNarrow(_ report: ChangeReport, _ baseline: NarrowBaseline, listed: Set<RowID>) -> Bool {
        guard workbook.undoDepth == baseline.depth + 1, report.invalidated.allSatisfy({ !Town.rankingInputs.contains($0) }),
              Dictionary(workbook.parameters.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a }) == baseline.parameters,
              let totalAt = watchedColumns(Self.cadres).firstIndex(of: "total") else { return false }
        // The totals the command moved: every total the engine recomputed
        // must be a watched row's, or one moved where no one looked.
        let watchedRows = Set(watched.filter { $0.sheet == Self.cadres }.map(\.row))
        guard (report.recomputed[Self.cadres + ".total"] ?? []).isSubset(of: watchedRows) else { return false }
        // A cadre who entered or left the ranking (`staff`) moves everyone
        // below it, whatever its total did.
        guard (report.recomputed[Self.cadres + ".regular"] ?? []).isEmpty else { return false }
        var ranges: [(Double, Double)] = []
        for (sheet, row, before) in watched where sheet == Self.cadres {
            let was = before[totalAt]
            guard was != value(Self.cadres, row, "total") else { continue }
            switch town.crossing(totalBefore: was, regularBefore: value(Self.cadres, row, "regular") != .bool(false), row: row) {
            case .span(let lo, let hi): ranges.append((lo, hi))
            case .none: break
            case .broad: return false
            }
        }
        // The index of the ranked totals, there before and after, says no
        // total went stale unseen (a bulk change, or one before this one).
        // Without it this line cannot say; a command that names cadres builds
        // it for the next one (one pass, as any ranking would read them),
        // a bulk one (an import, a merge) leaves that to the next command.
        guard baseline.indexed, town.rankedTotalsIndexed else {
            if !watchedRows.isEmpty { town.indexRankedTotals() }
            return false
        }
        // At 1,000,000 cadres a point crosses some 25,000 totals: the movers
        // are compared, never hashed or sorted (the few rows listed and
        // read are searched instead).
        let few = Array(listed)
        let movers = town.rankMovers(ranges).filter { !few.contains($0) }
        guard ranges.count <= 1 || movers.count <= Self.comparedCadres / 10 else { return false }
        var read = Set(town.bottomCandidates(moved: ranges.count))
        guard (try? workbook.undo()) != nil else { return false }
        read.formUnion(town.bottomCandidates(moved: ranges.count))
        read.subtract(listed)
        let named = ranges.count > 1 ? movers : Self.lowestSlots(movers, Self.ranksNamed, skipping: Array(read))
        read.formUnion(named)
        // Rows live on both sides (a row the change added or removed is not;
        // such a change leaves no index to follow anyway).
        let rows = read.sorted { $0.slot < $1.slot }.filter { (try? workbook.value(row: $0, column: "id", sheet: Self.cadres)) != nil }
        var before = Outcomes(), after = Outcomes()
        before.cadres = cadreOutcomes(rows)
        _ = try? workbook.redo()
        after.cadres = cadreOutcomes(rows)
        let unread = movers.count - read.filter(movers.contains).count
        return sayOthers(since: before, listed: listed, after: after, counting: false, moreRanks: unread)
    }

    /// The `n` rows of the lowest slots, in slot order, leaving out `skipping`.
    /// - Complexity: O(rows × (n + skipping)), no hashing and no sort of `rows`.
    static func lowestSlots(_ rows: [RowID], _ n: Int, skipping: [RowID]) -> [RowID] {
        var best: [RowID] = []
        for r in rows where best.count < n || r.slot < best[best.count - 1].slot {
            guard !skipping.contains(r) else { continue }
            let at = best.firstIndex { r.slot < $0.slot } ?? best.count
            best.insert(r, at: at)
            if best.count > n { best.removeLast() }
        }
        return best
    }
}
