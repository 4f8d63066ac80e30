import KaoheCore

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

    /// One line per watched row that moved (`张伟 (c01): rules 10.00 → 8.00,
    /// total 93.50 → 91.50, rank 4 → 7`), then the columns recomputed in
    /// every row, from the engine's change report.
    @discardableResult
    func reportChanges(_ report: ChangeReport) -> [(row: RowID, moves: String)] {
        var moved: [(row: RowID, moves: String)] = []
        if !report.cycle.isEmpty {
            say("warning: circular reference \(report.cycle.joined(separator: " → ")): its cells show #CYCLE!")
        }
        for (sheet, row, before) in watched {
            let columns = watchedColumns(sheet)
            guard let after = values(sheet, row, columns) else { continue }
            let moves = zip(columns, zip(before, after)).filter { $0.1.0 != $0.1.1 }
                .map { move in
                    let whole = cells([move.1.0, move.1.1], sheet: sheet, column: move.0).map(\.text)
                    return "\(move.0) \(move.1.0.isEmpty ? "(empty)" : whole[0]) → \(move.1.1.isEmpty ? "(empty)" : whole[1])"
                }
            guard !moves.isEmpty else { continue }
            if sheet == Self.cadres { moved.append((row, moves.joined(separator: ", "))) }
            let layer = scenarioState.current.map { "[\($0)] " } ?? ""
            say("\(layer)\(sheet == Self.cadres ? cadreLabel(row) : "\(sheet) \(row)"): \(moves.joined(separator: ", "))")
        }
        // In the sheet's order, whatever order the engine met them in.
        let stale = Set(report.invalidated)
        let others = Self.cadreView.filter { stale.contains(Self.cadres + "." + $0) }
        if !others.isEmpty { say("recomputed for every cadre: \(others.joined(separator: ", "))") }
        return moved
    }
}
