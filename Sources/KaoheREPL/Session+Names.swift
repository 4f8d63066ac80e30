import KaoheCore
import KaoheFile

/// Cadres by id and by name, rebuilt after a command that may rename or
/// add or remove one.
struct Roster {
    var byID: [String: RowID] = [:]
    var byName: [String: [RowID]] = [:]
    var entries: [(id: String, name: String, row: RowID)] = []
}

extension Session {
    static let cadres = "cadres"

    /// The contract columns of the `cadres` sheet (SPEC section 6): what
    /// `show` and the change line show unless asked for others.
    static let cadreView = Templates.contractColumns

    var decimals: Int { NumberFormat.decimals(of: workbook) }

    func text(_ v: Value) -> String { v.formatted(decimals: decimals) }

    /// A cell's value; empty for a sheet, row or column that is not there.
    func value(_ sheet: String, _ row: RowID, _ column: String) -> Value {
        (try? workbook.value(row: row, column: column, sheet: sheet)) ?? .empty
    }

    /// A column's values for `rows`, the column found once (empty values for
    /// a sheet or column that is not there): what a whole table reads.
    ///
    /// - Complexity: O(rows), each a current cell's read once the figures are current.
    func values(_ sheet: String, _ rows: [RowID], _ column: String) -> [Value] {
        guard let ref = try? workbook.columnRef(column, sheet: sheet) else { return rows.map { _ in .empty } }
        return rows.map { workbook.value(CellRef(ref, $0)) }
    }

    var roster: Roster {
        if let rosterCache { return rosterCache }
        var r = Roster()
        if let rows = try? workbook.rows(of: Self.cadres) {
            for row in rows {
                let id = value(Self.cadres, row, "id").displayText
                let name = value(Self.cadres, row, "name").displayText
                r.entries.append((id, name, row))
                if !id.isEmpty { r.byID[id] = row }
                if !name.isEmpty { r.byName[name, default: []].append(row) }
            }
        }
        rosterCache = r
        return r
    }

    /// Forgets the roster index: after anything that may add, remove or rename a cadre.
    func rosterChanged() { rosterCache = nil }

    /// "张伟 (c01)"
    func cadreLabel(_ row: RowID) -> String {
        let id = value(Self.cadres, row, "id").displayText
        let name = value(Self.cadres, row, "name").displayText
        return name.isEmpty ? (id.isEmpty ? "\(row)" : id) : "\(name) (\(id))"
    }

    /// A cadre by id, unique name, or unique prefix of either; an unknown or
    /// ambiguous name answers with the candidates.
    func cadre(_ name: String) throws(CommandError) -> RowID {
        guard (try? workbook.rowCount(of: Self.cadres)) != nil else { throw CommandError(.noCadresSheet) }
        // By id, then by name, through the engine's value index: no roster scan.
        if let row = town.cadre(id: name) { return row }
        let named = town.rows(Self.cadres, where: "name", is: name)
        if named.count == 1 { return named[0] }
        if named.count > 1 {
            throw CommandError(.cadresNamed(name, named.map(cadreLabel)))
        }
        let r = roster
        let prefixed = r.entries.filter { $0.id.hasPrefix(name) || $0.name.hasPrefix(name) }
        if prefixed.count == 1 { return prefixed[0].row }
        if prefixed.count > 1 {
            throw CommandError(.cadrePrefix(name, count: prefixed.count, shown: prefixed.prefix(5).map { cadreLabel($0.row) }))
        }
        let close = closest(name, in: r.entries.flatMap { [($0.id, $0.row), ($0.name, $0.row)] })
        throw CommandError(.noCadre(name, hint: .didYouMeanCadres(close.map(cadreLabel))))
    }

    /// The candidates nearest by edit distance (up to three), for "did you mean".
    func closest(_ name: String, in candidates: [(String, RowID)]) -> [RowID] {
        var best = Int.max
        var rows: [RowID] = []
        for (text, row) in candidates where !text.isEmpty {
            let d = editDistance(name.lowercased(), text.lowercased())
            guard d <= max(1, min(3, text.count / 2)), d < max(name.count, text.count) else { continue }
            if d < best {
                best = d
                rows = [row]
            } else if d == best, !rows.contains(row) {
                rows.append(row)
            }
        }
        return Array(rows.prefix(3))
    }

    /// A row of a sheet by its first column's value (`offices` by name,
    /// `events` by number).
    func row(_ key: String, in sheet: String, what: Phrase) throws(CommandError) -> RowID {
        let column = try engine { () throws(WorkbookError) in try workbook.columns(of: sheet) }.first?.key ?? ""
        var keys: [String] = []
        for row in try engine({ () throws(WorkbookError) in try workbook.rows(of: sheet) }) {
            let k = try engine { () throws(WorkbookError) in try workbook.value(row: row, column: column, sheet: sheet) }.displayText
            if k == key { return row }
            keys.append(k)
        }
        throw CommandError(.noRow(what, key, hint: didYouMean(key, in: keys)))
    }

    /// A column of a sheet by key or label.
    func column(_ name: String, sheet: String) throws(CommandError) -> (key: String, label: String, formula: String?) {
        let columns = try engine { () throws(WorkbookError) in try workbook.columns(of: sheet) }
        if let c = columns.first(where: { $0.key == name || $0.label == name }) { return c }
        if let c = columns.first(where: { $0.key.lowercased() == name.lowercased() }) { return c }
        throw CommandError(.noColumn(name, sheet: sheet, hint: didYouMean(name, in: columns.map(\.key) + columns.map(\.label))))
    }
}
