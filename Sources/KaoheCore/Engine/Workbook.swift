/// The workbook: sheets of rows and columns, parameters, and the engine that
/// keeps every computed value current.
///
/// One owner of mutable state: every change goes through a method here, so
/// undo, recalculation and the change report see every edit.
///
/// ```swift
/// let wb = Workbook()
/// try wb.addSheet("cadres")
/// try wb.addColumn("score", to: "cadres")
/// try wb.addColumn("double", formula: "=score*2", to: "cadres")
/// let (row, _) = try wb.addRow(to: "cadres", ["score": .number(21.5)])
/// try wb.value(row: row, column: "double", sheet: "cadres")   // 43
/// ```
///
/// Recalculation is incremental and lazy: an edit recomputes the edited row
/// at once and updates the aggregates it feeds in O(1); formulas that read a
/// changed aggregate are marked stale column-wide in O(1) and recomputed
/// when read. See ARCHITECTURE.md.
public final class Workbook {
    @exclusivity(unchecked) var sheets: [Sheet] = []
    var sheetIndex: [String: Int] = [:]

    var paramNames: [String] = []
    @exclusivity(unchecked) var paramValues: [Value] = []
    var paramIndex: [String: Int] = [:]
    var paramLive: [Bool] = []
    var paramDependents: [[ColumnRef]] = []
    var paramAggregates: [[Int]] = []

    @exclusivity(unchecked) var aggregates: [Aggregate] = []
    /// The numbering of grouped aggregates' groups (see `GroupCodes`).
    let groupCodes = GroupCodes()
    /// The column graph of the last structure build: who reads whom.
    var cycleEdges: [ColumnRef: [ColumnRef]] = [:]
    /// Formula cells on a circular reference, with the path found.
    var cellCycles: [CellRef: [String]] = [:]

    /// A moved group's reader rows recompute at once while they are at most
    /// this share of their sheet (1/16); past it one lazy invalidation of
    /// the column costs less (`groupsMoved`).
    var groupRecomputeShare = 16

    /// Criteria by their text (see `criterion(_:)`).
    @exclusivity(unchecked) var parsedCriteria: [String: Criterion] = [:]
    static let parsedCriteriaLimit = 1 << 18

    /// How many cells of a column may be read stale in one epoch before the
    /// rest of its stale cells are computed in one column pass
    /// (`Workbook+ColumnPass.swift`). `.max` computes cell by cell only; the
    /// differential tests compare both.
    var passThreshold = 32

    /// Whether stale columns may be computed in column passes (the default);
    /// false computes cell by cell, for benchmarks to compare the two.
    public var columnPasses: Bool {
        get { passThreshold != .max }
        set { passThreshold = newValue ? 32 : .max }
    }
    /// Per column, its epoch and how many cells were read stale in it.
    @exclusivity(unchecked) var staleReads: [ColumnRef: (epoch: UInt32, count: Int)] = [:]
    /// The columns in a pass now.
    @exclusivity(unchecked) var passing = Set<ColumnRef>()
    /// How many formula cells are being computed now (nested). While one is,
    /// a stale read computes just its cell (see `staleRead`).
    var formulaCellsComputing = 0

    /// Counts cell computations; see `Column.invalidatedAt`.
    @exclusivity(unchecked) var computeCount = 0
    static let computingMark: UInt32 = .max

    var undoStack: [[Edit]] = []
    var redoStack: [[Edit]] = []
    var openTransaction: [Edit]?
    var transactionDepth = 0
    var report = ChangeReport()
    var invalidatedColumns: [ColumnRef] = []
    /// Open `deferringStructure` scopes, and whether a structure build
    /// waits for the outermost one to end.
    var structureDeferred = 0
    var structurePending = false

    public init() {}

    // MARK: Looking things up

    func sheetIndex(_ name: String) throws(WorkbookError) -> Int {
        if let i = sheetIndex[name], !sheets[i].removed { return i }
        throw .unknownSheet(name, suggestion: nearest(name, in: sheetNames))
    }

    public var sheetNames: [String] { sheets.filter { !$0.removed }.map(\.name) }

    /// A live column of a sheet, by key or label.
    public func columnRef(_ column: String, sheet: String) throws(WorkbookError) -> ColumnRef {
        let s = try sheetIndex(sheet)
        guard let c = sheets[s].column(named: column) else {
            let candidates = sheets[s].liveColumns.map { sheets[s].columns[$0].key }
            throw .unknownColumn(column, sheet: sheet, suggestion: nearest(column, in: candidates))
        }
        return ColumnRef(sheet: s, column: c)
    }

    func column(_ ref: ColumnRef) -> Column { sheets[ref.sheet].columns[ref.column] }

    func name(of ref: ColumnRef) -> String { sheets[ref.sheet].name + "." + column(ref).key }

    /// The columns of a sheet in order: key, label, and formula text for computed ones.
    public func columns(of sheet: String) throws(WorkbookError) -> [(key: String, label: String, formula: String?)] {
        let s = try sheetIndex(sheet)
        return sheets[s].liveColumns.map {
            let c = sheets[s].columns[$0]
            return (c.key, c.label, c.formula?.description)
        }
    }

    /// The live rows of a sheet, in order.
    public func rows(of sheet: String) throws(WorkbookError) -> [RowID] {
        try sheets[sheetIndex(sheet)].order.map(RowID.init)
    }

    public func rowCount(of sheet: String) throws(WorkbookError) -> Int {
        try sheets[sheetIndex(sheet)].order.count
    }

    func checkRow(_ row: RowID, _ s: Int) throws(WorkbookError) {
        let sheet = sheets[s]
        guard row.slot >= 0, Int(row.slot) < sheet.slotCount, sheet.live[Int(row.slot)] else {
            throw .unknownRow(row, sheet: sheet.name)
        }
    }

    // MARK: Reading

    /// Whether the row is live in the sheet that holds the column.
    /// - Complexity: O(1).
    public func isLive(_ row: RowID, sheetOf column: ColumnRef) -> Bool {
        (try? checkRow(row, column.sheet)) != nil
    }

    /// The current value of a cell, computed if it is stale.
    public func value(row: RowID, column: String, sheet: String) throws(WorkbookError) -> Value {
        let ref = try columnRef(column, sheet: sheet)
        try checkRow(row, ref.sheet)
        return value(CellRef(ref, row))
    }

    /// The current value of a cell, computed if it is stale.
    /// - Complexity: O(1) for a current cell; a stale one costs its formula.
    public func value(_ cell: CellRef) -> Value {
        value(cell.column.sheet, cell.column.column, cell.row.slot)
    }

    /// A column's current values in row order, computed where stale. An
    /// input column's are its storage as it lies, not copied, when its rows
    /// are in slot order (as a file just read has them).
    /// - Complexity: O(rows), plus what stale cells cost.
    public func values(column: String, sheet: String) throws(WorkbookError) -> [Value] {
        let ref = try columnRef(column, sheet: sheet)
        let col = self.column(ref), order = sheets[ref.sheet].order
        guard col.isInput, !col.isComputed else { return order.map { value(ref.sheet, ref.column, $0) } }
        return col.values.values(at: order)
    }

    /// The formula text of a formula cell, or of the column when the cell has none.
    public func formula(row: RowID, column: String, sheet: String) throws(WorkbookError) -> (text: String, isOverride: Bool)? {
        let ref = try columnRef(column, sheet: sheet)
        try checkRow(row, ref.sheet)
        let col = self.column(ref)
        switch col.overrides[row.slot] {
        case .formula(let f): return (f.description, true)
        case .value: return nil
        case nil: return col.formula.map { ($0.description, false) }
        }
    }

    /// A cell's own value or formula, if it overrides the column's formula
    /// (or, for a formula, the input).
    public func override(row: RowID, column: String, sheet: String) throws(WorkbookError) -> Override? {
        let ref = try columnRef(column, sheet: sheet)
        try checkRow(row, ref.sheet)
        return self.column(ref).overrides[row.slot]
    }

    // MARK: Parameters

    public var parameters: [(name: String, value: Value)] {
        paramNames.indices.filter { paramLive[$0] }.map { (paramNames[$0], paramValues[$0]) }
    }

    public func param(_ name: String) -> Value? {
        guard let i = paramIndex[name], paramLive[i] else { return nil }
        return paramValues[i]
    }

    /// Sets (or creates) a parameter; formulas that name it recompute.
    @discardableResult
    public func setParam(_ name: String, _ value: Value) throws(WorkbookError) -> ChangeReport {
        guard Self.isValidName(name) else { throw .invalidName(name) }
        return try perform(.param(name: name, canonicalInput(value)))
    }

    // MARK: Sheets and columns

    @discardableResult
    public func addSheet(_ name: String) throws(WorkbookError) -> ChangeReport {
        guard Self.isValidName(name) else { throw .invalidName(name) }
        if let i = sheetIndex[name] {
            guard sheets[i].removed else { throw .duplicateSheet(name) }
            return try perform(.sheetLive(i, true))
        }
        let sheet = Sheet(name: name)
        sheet.removed = true
        sheets.append(sheet)
        sheetIndex[name] = sheets.count - 1
        return try perform(.sheetLive(sheets.count - 1, true))
    }

    /// Adds a column: an input column, or a formula column when `formula` is given.
    @discardableResult
    public func addColumn(_ key: String, label: String? = nil, formula: String? = nil, to sheet: String) throws(WorkbookError) -> ChangeReport {
        let s = try sheetIndex(sheet)
        guard Self.isValidName(key) else { throw .invalidName(key) }
        guard sheets[s].keyIndex[key] == nil else { throw .duplicateColumn(key, sheet: sheet) }
        let parsed = try formula.map { text throws(WorkbookError) in try validate(text, sheet: s, extraKey: key) }
        return try transaction { () throws(WorkbookError) in
            let col = Column(key: key, label: label ?? "", slots: sheets[s].slotCount)
            col.removed = true
            sheets[s].columns.append(col)
            let ref = ColumnRef(sheet: s, column: sheets[s].columns.count - 1)
            try record(.columnLive(ref, true))
            if let parsed { try record(.columnFormula(ref, parsed, inputs: nil)) }
        }
    }

    /// Gives a column a new formula, or (nil) turns it into an input column.
    ///
    /// - Parameter checked: false when loading a saved workbook: the formula
    ///   must parse, but may name a column removed since (it shows `#REF!`).
    @discardableResult
    public func setFormula(_ formula: String?, column: String, sheet: String, checked: Bool = true) throws(WorkbookError) -> ChangeReport {
        let ref = try columnRef(column, sheet: sheet)
        let parsed = try formula.map { text throws(WorkbookError) in try parse(text, sheet: ref.sheet, checked: checked) }
        return try perform(.columnFormula(ref, parsed, inputs: nil))
    }

    func parse(_ text: String, sheet: Int, checked: Bool) throws(WorkbookError) -> Formula {
        try validate(text, sheet: sheet, namesMustResolve: checked)
    }

    /// Forgets undo and redo history, as after opening a file.
    public func clearUndo() {
        undoStack.removeAll()
        redoStack.removeAll()
    }

    @discardableResult
    public func setLabel(_ label: String, column: String, sheet: String) throws(WorkbookError) -> ChangeReport {
        let ref = try columnRef(column, sheet: sheet)
        return try perform(.columnLabel(ref, label))
    }

    /// Removes a column; formulas that name it show `#REF!` until it returns.
    @discardableResult
    public func removeColumn(_ column: String, sheet: String) throws(WorkbookError) -> ChangeReport {
        try perform(.columnLive(columnRef(column, sheet: sheet), false))
    }

    // MARK: Rows

    /// Appends a row with the given input values (by column key or label).
    @discardableResult
    public func addRow(to sheet: String, _ values: [String: Value] = [:]) throws(WorkbookError) -> (RowID, ChangeReport) {
        let s = try sheetIndex(sheet)
        var cells: [(Int, Value)] = []
        var lookups = Lookups()
        for (key, v) in values {
            let ref = try columnRef(key, sheet: sheet)
            guard column(ref).isInput else { throw .notAnInputColumn(key) }
            cells.append((ref.column, try admitted(v, ref, &lookups)))
        }
        let slot = allocateSlots(s, 1)
        for (c, v) in cells { sheets[s].columns[c].values[Int(slot)] = canonicalInput(v) }
        let report = try perform(.rows(sheet: s, slots: [slot], live: true, positions: [sheets[s].order.count]))
        return (RowID(slot), report)
    }

    /// The columns rows are appended to: input columns only.
    private func inputColumns(_ keys: [String], sheet: String) throws(WorkbookError) -> [ColumnRef] {
        var refs: [ColumnRef] = []
        for key in keys {
            let ref = try columnRef(key, sheet: sheet)
            guard column(ref).isInput else { throw .notAnInputColumn(key) }
            refs.append(ref)
        }
        return refs
    }

    /// Appends many rows at once (input columns only), for loading a sheet.
    /// One undoable step; what depends on the sheet is recomputed when read.
    ///
    /// - Parameter checked: false when loading a saved workbook: values that
    ///   break their column's rule load (`violations(in:)` lists them), so
    ///   the office can open the file and fix them.
    @discardableResult
    public func appendRows(to sheet: String, columns keys: [String], rows: [[Value]], checked: Bool = true) throws(WorkbookError) -> [RowID] {
        let s = try sheetIndex(sheet)
        let refs = try inputColumns(keys, sheet: sheet)
        var rows = rows
        if checked {
            var lookups = Lookups()
            for i in rows.indices {
                for (j, ref) in refs.enumerated() where j < rows[i].count { rows[i][j] = try admitted(rows[i][j], ref, &lookups) }
            }
        }
        let cols = refs.map(\.column)
        let first = allocateSlots(s, rows.count)
        // Column by column: one column's storage at a time.
        for (j, c) in cols.enumerated() {
            let col = sheets[s].columns[c]
            for (i, row) in rows.enumerated() where j < row.count {
                col.values[Int(first) + i] = canonicalInput(row[j])
            }
        }
        let slots = (0..<Int32(rows.count)).map { first + $0 }
        let start = sheets[s].order.count
        _ = try perform(.rows(sheet: s, slots: slots, live: true, positions: Array(start..<(start + rows.count))))
        return slots.map(RowID.init)
    }

    @discardableResult
    public func removeRow(_ row: RowID, sheet: String) throws(WorkbookError) -> ChangeReport {
        try removeRows([row], sheet: sheet)
    }

    /// Removes many rows as one undoable step; what depends on the sheet is
    /// recomputed once, when read.
    /// - Complexity: O(rows of the sheet), however many are removed.
    @discardableResult
    public func removeRows(_ rows: [RowID], sheet: String) throws(WorkbookError) -> ChangeReport {
        let s = try sheetIndex(sheet)
        for row in rows { try checkRow(row, s) }
        guard !rows.isEmpty else { return ChangeReport() }
        return try perform(.rows(sheet: s, slots: Array(Set(rows.map(\.slot))).sorted(), live: false, positions: []))
    }

    /// Appends rows given column by column, `values[j]` for `keys[j]`, all
    /// of one length: how a file is loaded, without an array per row. A
    /// column the caller gave up (`consume`) is taken as it is, packed
    /// into the sheet's storage without a copy of its values.
    ///
    /// - Parameter checked: as for the rows form; values are checked row by
    ///   row, so the first refused is the one the rows form would refuse.
    @discardableResult
    public func appendRows(to sheet: String, columns keys: [String], values: consuming [[Value]], checked: Bool = true) throws(WorkbookError) -> [RowID] {
        let refs = try inputColumns(keys, sheet: sheet)
        let n = values.first?.count ?? 0
        precondition(values.count == refs.count && values.allSatisfy { $0.count == n }, "one column of values per key, all of one length")
        if checked {
            var lookups = Lookups()
            for i in 0..<n {
                for j in refs.indices {
                    let admitted = try admitted(values[j][i], refs[j], &lookups)
                    if !admitted.isIdentical(to: values[j][i]) { values[j][i] = admitted }
                }
            }
        }
        return try appendRows(to: sheet, columns: keys, data: values.map(ColumnData.init))
    }

    /// Appends rows given as one `ColumnData` per input column (a file
    /// reader's, numbers already packed), unchecked: each column's data
    /// goes into the sheet's storage as it is.
    @discardableResult
    public func appendRows(to sheet: String, columns keys: [String], data: consuming [ColumnData]) throws(WorkbookError) -> [RowID] {
        let s = try sheetIndex(sheet)
        let refs = try inputColumns(keys, sheet: sheet)
        let n = data.first?.count ?? 0
        precondition(data.count == refs.count && data.allSatisfy { $0.count == n }, "one column of values per key, all of one length")
        // The given columns' slots are their values, not empties first.
        let first = allocateSlots(s, n, except: Set(refs.map(\.column)))
        for j in refs.indices {
            var column = ColumnData()
            swap(&column, &data[j])
            column.storage.canonicalize()
            let col = sheets[s].columns[refs[j].column]
            col.values.append(column.storage)
            if col.isComputed || !col.stamp.isEmpty { col.stamp.append(contentsOf: repeatElement(0, count: n)) }
        }
        let slots = (0..<Int32(n)).map { first + $0 }
        let start = sheets[s].order.count
        _ = try perform(.rows(sheet: s, slots: slots, live: true, positions: Array(start..<(start + n))))
        return slots.map(RowID.init)
    }

    /// `n` new slots (not yet live) in every column of the sheet but those
    /// `except`, whose caller appends them itself.
    func allocateSlots(_ s: Int, _ n: Int, except: Set<Int> = []) -> Int32 {
        let sheet = sheets[s]
        let first = Int32(sheet.slotCount)
        sheet.live.append(contentsOf: repeatElement(false, count: n))
        for (c, col) in sheet.columns.enumerated() where !except.contains(c) {
            col.values.append(repeating: .empty, count: n)
            if col.isComputed || !col.stamp.isEmpty { col.stamp.append(contentsOf: repeatElement(0, count: n)) }
        }
        return first
    }

    func canonicalInput(_ v: Value) -> Value {
        if case .number(let x) = v { return .number(Num.canonical(x)) }
        return v
    }

    // MARK: Cells

    /// Enters a value: the input of an input cell, or an override of a
    /// computed cell (until `clear`).
    @discardableResult
    public func set(_ value: Value, row: RowID, column: String, sheet: String) throws(WorkbookError) -> ChangeReport {
        let ref = try columnRef(column, sheet: sheet)
        try checkRow(row, ref.sheet)
        return try set(value, at: CellRef(ref, row))
    }

    @discardableResult
    public func set(_ value: Value, at cell: CellRef) throws(WorkbookError) -> ChangeReport {
        let col = column(cell.column)
        var lookups = Lookups()
        let content = col.isInput
            ? CellContent(input: try admitted(value, cell.column, &lookups), override: nil)
            : CellContent(input: .empty, override: .value(canonicalInput(value)))
        return try perform(.cell(cell, content))
    }

    /// Gives one cell its own formula.
    @discardableResult
    public func setFormula(_ formula: String, row: RowID, column: String, sheet: String, checked: Bool = true) throws(WorkbookError) -> ChangeReport {
        let ref = try columnRef(column, sheet: sheet)
        try checkRow(row, ref.sheet)
        let parsed = try parse(formula, sheet: ref.sheet, checked: checked)
        return try perform(.cell(CellRef(ref, row), CellContent(input: .empty, override: .formula(parsed))))
    }

    /// Reverts a cell to its column's formula (a computed column) or to empty.
    @discardableResult
    public func clear(row: RowID, column: String, sheet: String) throws(WorkbookError) -> ChangeReport {
        let ref = try columnRef(column, sheet: sheet)
        try checkRow(row, ref.sheet)
        return try perform(.cell(CellRef(ref, row), CellContent(input: .empty, override: nil)))
    }

    /// Reverts every cell of a column, as `clear` does one: an input column
    /// is emptied, a computed column loses its cells' own values and
    /// formulas. One undoable step, one invalidation of the column.
    /// - Complexity: O(rows); its readers recompute when read.
    @discardableResult
    public func clearColumn(_ column: String, sheet: String) throws(WorkbookError) -> ChangeReport {
        let ref = try columnRef(column, sheet: sheet)
        let col = self.column(ref)
        let slots = col.isInput
            ? sheets[ref.sheet].order.filter { !col.values[Int($0)].isEmpty || col.overrides[$0] != nil }
            : sheets[ref.sheet].order.filter { col.overrides[$0] != nil }
        guard !slots.isEmpty else { return ChangeReport() }
        return try perform(.cells(ref, slots: slots, Array(repeating: CellContent(input: .empty, override: nil), count: slots.count)))
    }

    // MARK: Whole recomputation

    /// Throws away every cached value and aggregate and recomputes all cells:
    /// the "full recompute" the incremental engine is checked against.
    public func recalculateAll() {
        for sheet in sheets where !sheet.removed {
            for col in sheet.columns where !col.removed {
                bumpEpoch(col)
            }
        }
        for a in aggregates { a.built = false }
        for (s, sheet) in sheets.enumerated() where !sheet.removed {
            for c in sheet.liveColumns where sheet.columns[c].isComputed {
                let col = sheet.columns[c]
                // Every cell is read: the column's pass at once, not after
                // the first `passThreshold` cells one by one.
                let stale = staleSlots(col, sheet.order)
                if passThreshold != .max, computeRows(s, c, stale) { continue }
                // What the pass left (formula cells, a circular column) cell by cell.
                for slot in stale where col.stamp[Int(slot)] != col.epoch { _ = value(s, c, slot) }
            }
        }
    }

    /// The slots among `order` whose cells of `col` are stale: `order`
    /// itself when none is current (a column no pass before it read).
    private func staleSlots(_ col: Column, _ order: [Int32]) -> [Int32] {
        let epoch = col.epoch
        return col.stamp.withUnsafeBufferPointer { stamps in
            var current = 0
            for slot in order where stamps[Int(slot)] == epoch { current += 1 }
            if current == 0 { return order }
            return [Int32](unsafeUninitializedCapacity: order.count) { out, count in
                for slot in order where stamps[Int(slot)] != epoch {
                    out[count] = slot
                    count += 1
                }
            }
        }
    }

    /// Circular references among column formulas, as `sheet.key` names.
    public var cyclicColumns: [String] {
        var out: [String] = []
        for (s, sheet) in sheets.enumerated() where !sheet.removed {
            for c in sheet.liveColumns where sheet.columns[c].cyclic {
                out.append(name(of: ColumnRef(sheet: s, column: c)))
            }
        }
        return out
    }

    static func isValidName(_ name: String) -> Bool {
        guard let first = name.first, first.isLetter || first == "_" else { return false }
        return name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }
}
