/// What a sheet holds, as entered: the columns, every row's input values and
/// the cells with their own value or formula. This is what a file saves; the
/// computed values are not part of it.
public struct SheetContents: Sendable {
    public struct ColumnInfo: Sendable, Equatable {
        public let key: String
        public let label: String
        /// The formula text (with `=`), nil for an input column.
        public let formula: String?
        /// What an input column accepts; nil: anything.
        public let rule: ColumnRule?
    }

    public struct CellOverride: Sendable {
        /// 0-based position of the row in the sheet.
        public let row: Int
        public let column: String
        public let override: Override
    }

    public let name: String
    public let columns: [ColumnInfo]
    /// Per row, in order: the inputs of the input columns, in column order
    /// (empty where the cell has its own formula instead).
    public let rows: [[Value]]
    /// Cells with their own value or formula, by row, then column order.
    public let overrides: [CellOverride]

    public var inputColumns: [ColumnInfo] { columns.filter { $0.formula == nil } }
}

extension Workbook {
    /// Everything entered in a sheet, in order.
    /// - Complexity: O(rows × columns).
    public func contents(of sheet: String) throws(WorkbookError) -> SheetContents {
        let s = try sheetIndex(sheet)
        let sh = sheets[s]
        let live = sh.liveColumns
        let columns = live.map { c in
            SheetContents.ColumnInfo(key: sh.columns[c].key, label: sh.columns[c].label, formula: sh.columns[c].formula?.description,
                                     rule: sh.columns[c].formula == nil ? sh.columns[c].rule : nil)
        }
        let inputs = live.filter { sh.columns[$0].formula == nil }
        var rows: [[Value]] = []
        rows.reserveCapacity(sh.order.count)
        var overrides: [SheetContents.CellOverride] = []
        let overridden = live.filter { !sh.columns[$0].overrides.isEmpty }
        for (position, slot) in sh.order.enumerated() {
            rows.append(inputs.map { c in
                let col = sh.columns[c]
                if case .formula = col.overrides[slot] { return .empty }
                return col.values[Int(slot)]
            })
            for c in overridden {
                if let o = sh.columns[c].overrides[slot] {
                    overrides.append(SheetContents.CellOverride(row: position, column: sh.columns[c].key, override: o))
                }
            }
        }
        return SheetContents(name: sh.name, columns: columns, rows: rows, overrides: overrides)
    }
}
