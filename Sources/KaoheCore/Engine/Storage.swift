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

/// A column's values, eight bytes a cell where the data allows.
///
/// A `Value` takes 24 bytes in an array (17, padded: a string's 16 and a
/// tag), yet most columns hold only numbers, booleans, blanks, errors and
/// the empty text `""` that `IF(…, "")` gives. Those are kept as doubles,
/// the non-numbers as codes in the NaN space (a computed NaN is never one:
/// a column that meets one, or any other text, turns into plain `Value`s
/// for good). At 100,000 cadres that is about 70% of the cells.
struct ColumnValues {
    private var packed: [UInt64]
    /// The values, once the column holds text (or a NaN): then `packed` is empty.
    private var boxed: [Value]?

    private static let code: UInt64 = 0x7FF8_4B48_0000_0000
    private static let codeMask: UInt64 = 0xFFFF_FFFF_0000_0000
    private static let errors = CellError.allCases

    init(repeating v: Value, count: Int) {
        if let p = Self.pack(v) {
            packed = Array(repeating: p, count: count)
        } else {
            packed = []
            boxed = Array(repeating: v, count: count)
        }
    }

    init(_ values: [Value]) {
        var p: [UInt64] = []
        p.reserveCapacity(values.count)
        for v in values {
            guard let x = Self.pack(v) else {
                packed = []
                boxed = values
                return
            }
            p.append(x)
        }
        packed = p
    }

    init() { packed = [] }

    var count: Int { boxed?.count ?? packed.count }

    mutating func reserveCapacity(_ n: Int) {
        if boxed != nil { boxed!.reserveCapacity(n) } else { packed.reserveCapacity(n) }
    }

    /// Appends one value (a file reader's, row by row): packed while every
    /// value packs; the first that does not turns the column into `Value`s
    /// once, with the room reserved for the rest.
    mutating func append(_ v: Value) {
        if boxed != nil {
            boxed!.append(v)
        } else if let p = Self.pack(v) {
            packed.append(p)
        } else {
            unpackAll()
            boxed!.append(v)
        }
    }

    /// Turns a packed column into `Value`s, once, keeping the room reserved.
    private mutating func unpackAll() {
        var all: [Value] = []
        all.reserveCapacity(Swift.max(packed.capacity, packed.count + 1))
        all.append(contentsOf: packed.lazy.map(Self.unpack))
        boxed = all
        packed = []
    }

    mutating func removeLast() {
        if boxed != nil { boxed!.removeLast() } else { packed.removeLast() }
    }

    /// Each number as `Num.canonical` keeps it, written only where one is
    /// not (a column read from a file, whose numbers all are, is not copied).
    mutating func canonicalize() {
        func fixed(_ x: Double) -> Double? {
            let c = Num.canonical(x)
            return c.bitPattern == x.bitPattern ? nil : c
        }
        if boxed != nil {
            for i in boxed!.indices {
                if case .number(let x) = boxed![i], let c = fixed(x) { boxed![i] = .number(c) }
            }
        } else {
            for i in packed.indices where Self.isNumber(packed[i]) {
                if let c = fixed(Double(bitPattern: packed[i])) { packed[i] = c.bitPattern }
            }
        }
    }

    /// Every value, in slot order (what undo puts away for an input column).
    var array: [Value] { boxed ?? packed.map(Self.unpack) }

    @inline(__always)
    static func pack(_ v: Value) -> UInt64? {
        switch v {
        case .number(let x): return x.isNaN ? nil : x.bitPattern
        case .empty: return code
        case .bool(let b): return code | (b ? 2 : 1)
        case .text(let s): return s.isEmpty ? code | 3 : nil
        case .error(let e): return code | UInt64(16 + errors.firstIndex(of: e)!)
        }
    }

    @inline(__always)
    static func unpack(_ p: UInt64) -> Value {
        guard p & codeMask == code else { return .number(Double(bitPattern: p)) }
        switch p & 0xFF {
        case 0: return .empty
        case 1: return .bool(false)
        case 2: return .bool(true)
        case 3: return .text("")
        default: return .error(errors[Int(p & 0xFF) - 16])
        }
    }

    /// Whether a packed value is a number (anything else is a code).
    @inline(__always)
    static func isNumber(_ p: UInt64) -> Bool { p & codeMask != code }

    static let emptyCode = code
    static let falseCode = code | 1
    static let trueCode = code | 2

    /// The packed values at `slots`, for a column pass; nil once the column
    /// holds text.
    func packed(at slots: [Int32]) -> [UInt64]? {
        guard boxed == nil else { return nil }
        // Every slot in order (a sheet no row was taken from): the array as it is.
        if Self.isEvery(slots, of: packed.count) { return packed }
        return packed.withUnsafeBufferPointer { p in slots.map { p[Int($0)] } }
    }

    /// The values at `slots`, for a column pass: the storage itself (no
    /// copy) when that is every slot in order.
    func values(at slots: [Int32]) -> [Value] {
        if let boxed, Self.isEvery(slots, of: boxed.count) { return boxed }
        return slots.map { self[Int($0)] }
    }

    /// Whether `slots` is 0, 1, … n-1.
    @inline(__always)
    static func isEvery(_ slots: [Int32], of n: Int) -> Bool {
        guard slots.count == n, slots.last == Int32(n - 1) else { return false }
        // Without an early exit, so that the loop runs in vector steps.
        return slots.withUnsafeBufferPointer { s in
            var differ: Int32 = 0
            for i in 0..<n { differ |= s[i] ^ Int32(truncatingIfNeeded: i) }
            return differ == 0
        }
    }

    /// Sets a pass's results at slots (one uniqueness check, not one a
    /// cell), an empty reference as 0, as a formula shows it.
    mutating func set(results values: [Value], at slots: [Int32]) {
        if boxed == nil {
            // Packed while every value packs; the first that does not turns
            // the column into `Value`s, once.
            var k = 0
            packed.withUnsafeMutableBufferPointer { out in
                while k < slots.count {
                    var v = values[k]
                    if case .empty = v { v = .number(0) }
                    guard let p = Self.pack(v) else { return }
                    out[Int(slots[k])] = p
                    k += 1
                }
            }
            guard k < slots.count else { return }
            unpackAll()
            set(results: Array(values[k...]), at: Array(slots[k...]))
            return
        }
        boxed!.withUnsafeMutableBufferPointer { out in
            for (k, r) in slots.enumerated() {
                var v = values[k]
                if case .empty = v { v = .number(0) }
                out[Int(r)] = v
            }
        }
    }

    /// Sets a pass's packed results at slots (one uniqueness check, not one
    /// a cell), an empty reference as 0, as a formula shows it.
    mutating func set(packedResults values: [UInt64], at slots: [Int32]) {
        guard boxed == nil else {
            for (k, r) in slots.enumerated() {
                let p = values[k]
                self[Int(r)] = Self.unpack(p == Self.emptyCode ? 0 : p)
            }
            return
        }
        packed.withUnsafeMutableBufferPointer { out in
            values.withUnsafeBufferPointer { v in
                for (k, r) in slots.enumerated() {
                    let p = v[k]
                    out[Int(r)] = p == Self.emptyCode ? 0 : p
                }
            }
        }
    }

    subscript(i: Int) -> Value {
        @inline(__always) get {
            if let boxed { return boxed[i] }
            return Self.unpack(packed[i])
        }
        set {
            if boxed != nil {
                boxed![i] = newValue
            } else if let p = Self.pack(newValue) {
                packed[i] = p
            } else {
                unpackAll()
                boxed![i] = newValue
            }
        }
    }

    /// `count` copies of one value: new rows' cells, packed without a
    /// `Value` each (a load appends millions).
    mutating func append(repeating v: Value, count: Int) {
        if boxed == nil, let p = Self.pack(v) {
            packed.append(contentsOf: repeatElement(p, count: count))
        } else {
            append(contentsOf: repeatElement(v, count: count))
        }
    }

    /// Appends another column's storage; into empty storage it is taken whole.
    mutating func append(_ other: ColumnValues) {
        if count == 0 {
            self = other
        } else if let b = other.boxed {
            append(contentsOf: b)
        } else {
            append(contentsOf: other.packed.lazy.map(Self.unpack))
        }
    }

    mutating func append<S: Sequence>(contentsOf s: S) where S.Element == Value {
        for v in s { append(v) }
    }

}

/// One input column's values as a file reader collects them, row by row,
/// kept as the sheet keeps them (numbers packed, see `ColumnValues`): a
/// large file is not held as `Value`s first and packed after.
public struct ColumnData {
    var storage = ColumnValues()

    public init() {}

    public init(reservingCapacity n: Int) { storage.reserveCapacity(n) }

    /// A whole column's values: packed, or kept as they are (no copy) once
    /// one of them will not pack.
    init(_ values: [Value]) { storage = ColumnValues(values) }

    public var count: Int { storage.count }

    public mutating func append(_ v: Value) { storage.append(v) }

    public mutating func removeLast() { storage.removeLast() }
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
    @exclusivity(unchecked) var values: ColumnValues
    /// A computed cell's cache is valid while its stamp equals `epoch`.
    /// Empty while no cell of the column is computed (an input column has
    /// no cache to stamp); else one per slot, 0 (stale) until computed.
    @exclusivity(unchecked) var stamp: [UInt32] = []
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
        values = ColumnValues(repeating: .empty, count: slots)
    }

    /// An input column: no formula. Said by the formula, which an edit sets
    /// at once, not by `program`, which waits for the structure build.
    var isInput: Bool { formula == nil }

    func refreshComputed() {
        isComputed = program != nil || !overrides.isEmpty
        if isComputed, stamp.count < values.count { stamp += repeatElement(0, count: values.count - stamp.count) }
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
