/// A compiled formula: names resolved to column, parameter and aggregate
/// indices, so evaluating a cell does no lookups by name.
indirect enum Node: Equatable {
    case literal(Value)
    /// This row's value of a column of the current sheet.
    case cell(Int)
    case param(Int)
    /// A whole column, only where a function takes a range or an array.
    case range(ColumnRef)
    case unary(UnaryOp, Node)
    case binary(BinaryOp, Node, Node)
    case call(Int, [Node])
    /// The current value of an incrementally maintained aggregate.
    case aggregate(Int)
    /// RANK of a number within an aggregate's sorted values.
    case rank(Int, Node, Node?)
    /// A grouped aggregate's result for the group this row's criteria name;
    /// the plain call when a criterion is not a simple equality.
    case grouped(Int, [Node], fallback: Node)
    /// A name that no longer resolves (its column was removed): `#REF!`.
    case broken(CellError)
}

/// Storage and dependency fan-out of one column.
///
/// The hot properties opt out of dynamic exclusivity checks: the engine is
/// single-threaded and never holds an access across a call that could touch
/// the same column, and the checks cost more than the evaluation itself.
final class Column {
    var key: String
    var label: String
    var removed = false
    var formula: Formula?
    /// What an input column accepts (see `ColumnRule`); nil: anything.
    var rule: ColumnRule?
    @exclusivity(unchecked) var program: Node?
    /// Input values for an input column; the cache for computed cells.
    @exclusivity(unchecked) var values: [Value]
    /// A computed cell's cache is valid while its stamp equals `epoch`.
    @exclusivity(unchecked) var stamp: [UInt32]
    @exclusivity(unchecked) var epoch: UInt32 = 1
    @exclusivity(unchecked) var overrides: [Int32: Override] = [:]
    var overridePrograms: [Int32: Node] = [:]
    /// Whether any cell is computed: a formula column or a formula cell.
    @exclusivity(unchecked) var isComputed = false
    @exclusivity(unchecked) var cyclic = false
    /// Rows by value and the extent, once asked (see `ColumnIndex`).
    var index = ColumnIndex()

    // Fan-out, rebuilt whenever formulas change.
    var sameRowDependents: [Int] = []
    var wholeDependents: [ColumnRef] = []
    var aggregates: [Int] = []
    var topoIndex = 0
    /// `Workbook.computeCount` at the last invalidation of every row, so a
    /// second invalidation with no computation in between can stop early.
    var invalidatedAt = -1

    init(key: String, label: String, slots: Int) {
        self.key = key
        self.label = label
        values = Array(repeating: .empty, count: slots)
        stamp = Array(repeating: 0, count: slots)
    }

    /// An input column: no formula. Said by the formula, which an edit sets
    /// at once, not by `program`, which waits for the structure build.
    var isInput: Bool { formula == nil }

    func refreshComputed() {
        isComputed = program != nil || !overrides.isEmpty
    }
}

/// One sheet: columns of equal length, rows in display order.
final class Sheet {
    var name: String
    var removed = false
    @exclusivity(unchecked) var columns: [Column] = []
    /// Live column keys (and labels) to indices.
    var keyIndex: [String: Int] = [:]
    var labelIndex: [String: Int] = [:]
    /// Live rows in order.
    @exclusivity(unchecked) var order: [Int32] = []
    var live: [Bool] = []
    var slotCount: Int { live.count }

    init(name: String) { self.name = name }

    var liveColumns: [Int] { columns.indices.filter { !columns[$0].removed } }

    func reindex() {
        keyIndex = [:]
        labelIndex = [:]
        for i in columns.indices where !columns[i].removed {
            keyIndex[columns[i].key] = i
            if !columns[i].label.isEmpty { labelIndex[columns[i].label] = i }
        }
    }

    /// A live column by key, then by label, then by key case-insensitively.
    func column(named name: String) -> Int? {
        if let i = keyIndex[name] { return i }
        if let i = labelIndex[name] { return i }
        let lower = name.lowercased()
        return keyIndex.first { $0.key.lowercased() == lower }?.value
    }
}
