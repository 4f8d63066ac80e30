/// The values of one node over the rows of a column pass: one value for
/// every row (a literal, a parameter, an aggregate's result), or one each:
/// packed, in `ColumnValues`' encoding, while every value is a number, a
/// boolean, a blank, an error or `""` (eight bytes a row, no retain or
/// release, numbers worked on as doubles), else as `Value`s.
enum Lane {
    case same(Value)
    case each([Value])
    case packed([UInt64])

    @inline(__always)
    subscript(_ i: Int) -> Value {
        switch self {
        case .same(let v): v
        case .each(let a): a[i]
        case .packed(let p): ColumnValues.unpack(p[i])
        }
    }

    func values(_ n: Int) -> [Value] {
        switch self {
        case .same(let v): Array(repeating: v, count: n)
        case .each(let a): a
        case .packed(let p): p.map(ColumnValues.unpack)
        }
    }

    /// The lane as packed values, when it is packed or one value that packs.
    var packedSide: PackedSide? {
        switch self {
        case .packed(let p): PackedSide(values: p, constant: 0)
        case .same(let v): ColumnValues.pack(v).map { PackedSide(values: nil, constant: $0) }
        case .each: nil
        }
    }
}

/// One operand of a packed operation: a value each, or one for every row.
struct PackedSide {
    let values: [UInt64]?
    let constant: UInt64

    @inline(__always)
    subscript(_ i: Int) -> UInt64 { values?[i] ?? constant }

    /// `body` given the side's element at each index, read without a check
    /// (a loop over a side, specialised for an array and for a constant).
    @inline(__always)
    func withElements<R>(_ body: ((Int) -> UInt64) -> R) -> R {
        if let values { return values.withUnsafeBufferPointer { v in body { v[$0] } } }
        let c = constant
        return body { _ in c }
    }
}

/// A lane built row by row: packed until a value does not pack (text), then
/// as `Value`s.
struct LaneBuilder {
    private var packed: [UInt64] = []
    private var values: [Value] = []
    private var boxed = false

    init(capacity: Int) { packed.reserveCapacity(capacity) }

    @inline(__always)
    mutating func append(packed p: UInt64) {
        if boxed { values.append(ColumnValues.unpack(p)) } else { packed.append(p) }
    }

    @inline(__always)
    mutating func append(_ v: Value) {
        if !boxed, let p = ColumnValues.pack(v) {
            packed.append(p)
            return
        }
        if !boxed {
            values = packed.map(ColumnValues.unpack)
            values.reserveCapacity(packed.capacity)
            packed = []
            boxed = true
        }
        values.append(v)
    }

    var lane: Lane { boxed ? .each(values) : .packed(packed) }
}

/// Column passes: a stale column computed over its rows in one pass, node by
/// node (`lane`), instead of cell by cell through the recursive `eval`. The
/// reading cell path stays the definition: every node does per row exactly
/// what `eval` does (the same `Ops`, the same function bodies, IF's branches
/// only for the rows that take them), so both paths agree to the bit; the
/// pass pays the tree walk, the stamp checks and the function lookups once
/// per column instead of once per cell.
///
/// A column is passed when `passThreshold` of its cells were read stale in
/// one epoch (a table, an export, an aggregate being built, a whole-column
/// range): a command that reads a handful of rows keeps the cell path and
/// costs what it reads. Formula cells that override their column, circular
/// columns, and a column already in a pass go cell by cell.
extension Workbook {
    /// A stale cell being read: computed alone, or with the rest of its
    /// column once enough of it was read stale since the column's epoch moved.
    ///
    /// The rest of the column is computed ahead of need, so it must not need
    /// a cell being computed now. The column graph rules that out for column
    /// formulas (a cell that needs its own reader is on a cycle, marked as
    /// such), not for a formula cell: its reads are its own. `c1#3 =c2`
    /// reads only `c2#3`, while the other rows of `c2 =RANK(c1, t[c1])` rank
    /// every `c1`, `c1#3` among them, which would read as `#CYCLE!` there
    /// and stay in the ranking when `c1#3` is done. So under a formula cell
    /// a stale read computes its own cell only.
    func staleRead(_ col: Column, _ s: Int, _ c: Int, _ r: Int32) -> Value {
        guard passThreshold != .max, col.program != nil, !col.cyclic, formulaCellsComputing == 0 else { return compute(col, s, r) }
        let ref = ColumnRef(sheet: s, column: c)
        var count = 1
        if let seen = staleReads[ref], seen.epoch == col.epoch { count = seen.count + 1 }
        guard count > passThreshold, !passing.contains(ref) else {
            staleReads[ref] = (col.epoch, count)
            return compute(col, s, r)
        }
        staleReads[ref] = (col.epoch, 0)
        let sheet = sheets[s]
        var stale: [Int32] = []
        for slot in sheet.order {
            let stamp = col.stamp[Int(slot)]
            if stamp != col.epoch && stamp != Self.computingMark { stale.append(slot) }
        }
        computeRows(s, c, stale)
        if col.stamp[Int(r)] == col.epoch { return col.values[Int(r)] }
        return compute(col, s, r)
    }

    /// Computes the given stale cells of a column: those with a formula cell
    /// of their own through the cell path, the rest in one pass of the
    /// column's formula.
    /// Returns whether it computed every row in one pass (else some went
    /// cell by cell, and a cell being computed may still be stale).
    @discardableResult
    func computeRows(_ s: Int, _ c: Int, _ rows: [Int32]) -> Bool {
        let col = sheets[s].columns[c]
        let ref = ColumnRef(sheet: s, column: c)
        guard let program = col.program, !col.cyclic, !passing.contains(ref) else {
            for r in rows where col.stamp[Int(r)] != col.epoch && col.stamp[Int(r)] != Self.computingMark { _ = compute(col, s, r) }
            return false
        }
        // Formula cells of its own go cell by cell, below.
        let whole = col.overrides.isEmpty
        var plain = rows
        if !whole {
            plain = []
            for r in rows {
                if col.overrides[r] == nil { plain.append(r) } else if col.stamp[Int(r)] != col.epoch { _ = compute(col, s, r) }
            }
        }
        guard !plain.isEmpty else { return whole }
        passing.insert(ref)
        let results = formulaLane(program, s, plain)
        passing.remove(ref)
        computeCount &+= plain.count
        let epoch = col.epoch
        // A formula that yields an empty reference shows 0, as in Excel.
        if case .packed(let packed) = results {
            col.values.set(packedResults: packed, at: plain)
            col.stamp.withUnsafeMutableBufferPointer { stamps in
                for r in plain { stamps[Int(r)] = epoch }
            }
            return whole
        }
        col.values.set(results: results.values(plain.count), at: plain)
        col.stamp.withUnsafeMutableBufferPointer { stamps in
            for r in plain { stamps[Int(r)] = epoch }
        }
        return whole
    }

    /// `evalFormula` over rows: a final addition or subtraction that cancels
    /// to within the operands' last digits is 0.
    func formulaLane(_ node: Node, _ s: Int, _ rows: [Int32]) -> Lane {
        guard case .binary(let op, let a, let b) = node, op == .add || op == .subtract else {
            let l = lane(node, s, rows)
            if case .same(let v) = l { return ColumnValues.pack(v).map { .packed(Array(repeating: $0, count: rows.count)) } ?? .each(l.values(rows.count)) }
            return l
        }
        let x = lane(a, s, rows), y = lane(b, s, rows)
        if let u = x.packedSide, let w = y.packedSide, u.values != nil || w.values != nil {
            return .packed(Self.arithmetic(op, u, w, rows.count, cancelling: true))
        }
        return .each(rows.indices.map { i in
            let u = x[i], w = y[i]
            return Ops.cancelled(Ops.binary(op, u, w), u, w)
        })
    }

    /// `Ops.coerceNumber` of a packed value.
    @inline(__always)
    static func packedNumber(_ p: UInt64) -> Double? {
        ColumnValues.isNumber(p) ? Double(bitPattern: p) : Ops.coerceNumber(ColumnValues.unpack(p))
    }

    /// `Ops.binary` over packed operands, numbers worked on as doubles; nil
    /// when both are one value (the caller's) or a result does not pack.
    static func packedBinary(_ op: BinaryOp, _ u: PackedSide, _ w: PackedSide, _ n: Int) -> [UInt64]? {
        guard op != .concat, u.values != nil || w.values != nil else { return nil }
        if op == .add || op == .subtract || op == .multiply || op == .divide { return arithmetic(op, u, w, n, cancelling: false) }
        var out: [UInt64] = []
        out.reserveCapacity(n)
        for i in 0..<n {
            guard let r = packedBinary(op, u[i], w[i]) else { return nil }
            out.append(r)
        }
        return out
    }

    /// `+`, `-`, `*` or `/` over packed operands: two numbers in one step, as
    /// `packedBinary(op, p, q)` computes them, anything else through it (a
    /// result that is not finite is `#NUM!`, or `#DIV/0!` for a divisor 0:
    /// that element gave no finite number, so it is worked out again).
    /// `cancelling` (a formula's final `+` or `-`, as `evalFormula` has it):
    /// a number that cancels to within the operands' last digits is 0.
    @inline(__always)
    static func arithmetic(_ op: BinaryOp, _ u: PackedSide, _ w: PackedSide, _ n: Int, cancelling: Bool) -> [UInt64] {
        // Bit 63 of `flags`: whether some element gave no finite number.
        var flags: UInt64 = 0
        var out = [UInt64](unsafeUninitializedCapacity: n) { buffer, count in
            // Every element as two numbers, in one tight loop per operator
            // and shape, without a branch: a code is a NaN, so an element
            // that was not two numbers gives no finite number either, and
            // the second pass looks at every such element. An exponent of all
            // ones carries into bit 63 when one is added to it.
            @inline(__always)
            func run(_ p: (Int) -> UInt64, _ q: (Int) -> UInt64, _ f: (Double, Double) -> Double) {
                for i in 0..<n {
                    let z = f(Double(bitPattern: p(i)), Double(bitPattern: q(i))).bitPattern
                    buffer[i] = z
                    flags |= (z & 0x7FF0_0000_0000_0000) &+ 0x0010_0000_0000_0000
                }
            }
            @inline(__always)
            func run(_ p: (Int) -> UInt64, _ q: (Int) -> UInt64) {
                switch (op, cancelling) {
                case (.add, false): run(p, q) { $0 + $1 }
                case (.add, true): run(p, q) { Ops.cancelled($0 + $1, $0, $1) }
                case (.subtract, false): run(p, q) { $0 - $1 }
                case (.subtract, true): run(p, q) { Ops.cancelled($0 - $1, $0, $1) }
                case (.multiply, _): run(p, q) { $0 * $1 }
                default: run(p, q) { $0 / $1 }
                }
            }
            u.withElements { p in w.withElements { q in run(p, q) } }
            count = n
        }
        guard flags >> 63 != 0 else { return out }
        // The elements that were not two numbers, or overflowed, as
        // `packedBinary(op, p, q)` has them (coerced operands cancel too).
        for i in 0..<n {
            let p = u[i], q = w[i]
            let z = Double(bitPattern: out[i])
            guard !(ColumnValues.isNumber(p) && ColumnValues.isNumber(q) && z.isFinite) else { continue }
            // Arithmetic on packed values packs (a number or an error).
            var r = packedBinary(op, p, q) ?? ColumnValues.pack(.error(.value))!
            if cancelling, ColumnValues.isNumber(r), let x = packedNumber(p), let y = packedNumber(q) {
                r = Ops.cancelled(Double(bitPattern: r), x, y).bitPattern
            }
            out[i] = r
        }
        return out
    }

    /// One `Ops.binary`, packed: two numbers as `Ops.binary` has them
    /// (`arithmetic`; comparisons on the canonical values), else through it.
    @inline(__always)
    static func packedBinary(_ op: BinaryOp, _ p: UInt64, _ q: UInt64) -> UInt64? {
        guard ColumnValues.isNumber(p), ColumnValues.isNumber(q) else {
            return ColumnValues.pack(Ops.binary(op, ColumnValues.unpack(p), ColumnValues.unpack(q)))
        }
        let x = Double(bitPattern: p), y = Double(bitPattern: q)
        switch op {
        case .add, .subtract, .multiply:
            let z = op == .add ? x + y : op == .subtract ? x - y : x * y
            return z.isFinite ? z.bitPattern : ColumnValues.pack(.error(.num))
        case .divide, .power: return ColumnValues.pack(Ops.arithmetic(op, x, y))
        case .concat: return nil
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            let a = Num.canonical(x), b = Num.canonical(y)
            let c = a < b ? -1 : (a > b ? 1 : 0)
            let yes: Bool
            switch op {
            case .equal: yes = c == 0
            case .notEqual: yes = c != 0
            case .less: yes = c < 0
            case .lessEqual: yes = c <= 0
            case .greater: yes = c > 0
            default: yes = c >= 0
            }
            return yes ? ColumnValues.trueCode : ColumnValues.falseCode
        }
    }

    /// A node's values over rows, as `eval` gives them one row at a time.
    func lane(_ node: Node, _ s: Int, _ rows: [Int32]) -> Lane {
        switch node {
        case .literal(let v): return .same(v)
        case .param(let p): return .same(paramValues[p])
        case .range: return .same(.error(.value))
        case .broken(let e): return .same(.error(e))
        case .aggregate(let a): return .same(aggregateValue(a))
        case .cell(let c): return cells(s, c, rows)
        case .unary(let op, let a):
            switch lane(a, s, rows) {
            case .same(let v): return .same(Ops.unary(op, v))
            case .each(let xs): return .each(xs.map { Ops.unary(op, $0) })
            case .packed(let ps):
                var out = LaneBuilder(capacity: ps.count)
                for p in ps {
                    if op == .negate, ColumnValues.isNumber(p) {
                        let x = Double(bitPattern: p)
                        out.append(packed: (x == 0 ? 0 : -x).bitPattern)
                    } else {
                        out.append(Ops.unary(op, ColumnValues.unpack(p)))
                    }
                }
                return out.lane
            }
        case .binary(let op, let a, let b):
            let x = lane(a, s, rows), y = lane(b, s, rows)
            if let u = x.packedSide, let w = y.packedSide, let out = Self.packedBinary(op, u, w, rows.count) { return .packed(out) }
            switch (x, y) {
            case (.same(let u), .same(let v)): return .same(Ops.binary(op, u, v))
            case (.each(let xs), .same(let v)): return .each(xs.map { Ops.binary(op, $0, v) })
            case (.same(let u), .each(let ys)): return .each(ys.map { Ops.binary(op, u, $0) })
            case (.each(let xs), .each(let ys)):
                var out: [Value] = []
                out.reserveCapacity(xs.count)
                for i in xs.indices { out.append(Ops.binary(op, xs[i], ys[i])) }
                return .each(out)
            default:
                return .each(rows.indices.map { Ops.binary(op, x[$0], y[$0]) })
            }
        case .call(let f, let args):
            if f == Self.ifFunction { return ifLane(args, s, rows) }
            if f == Self.ifErrorFunction { return ifErrorLane(args, s, rows) }
            if let mode = Self.roundings[f] { return roundLane(args, mode, s, rows) }
            if let fold = foldOf(f), args.contains(where: \.readsRow), args.allSatisfy(\.isScalarOperand),
               let l = foldedLane(f, args, s, rows, fold) { return l }
            return callLane(f, args, s, rows)
        case .rank(let a, let x, let order):
            return rankLane(a, x, order, s, rows)
        case .grouped(let a, let keys, let fallback):
            return groupedLane(a, keys, fallback, s, rows)
        }
    }

    static let roundings: [Int: Num.Rounding] = [
        FunctionSpec.index["ROUND"]!: .halfAway, FunctionSpec.index["ROUNDUP"]!: .up, FunctionSpec.index["ROUNDDOWN"]!: .down,
    ]

    /// ROUND and its kin, the commonest call of a template, without a call
    /// per row: the same `FunctionSpec.rounded` the function's body is.
    private func roundLane(_ args: [Node], _ mode: Num.Rounding, _ s: Int, _ rows: [Int32]) -> Lane {
        let x = lane(args[0], s, rows), d = lane(args[1], s, rows)
        switch (x, d) {
        case (.same(let u), .same(let v)): return .same(FunctionSpec.rounded(u, v, mode))
        case (.packed(let ps), .same(let v)):
            var out = LaneBuilder(capacity: ps.count)
            // The digits once; a number then rounds as `rounded` has it.
            if case .number(let digits) = v, digits.magnitude < 1e9 {
                let places = Int(digits.rounded(.towardZero))
                for p in ps {
                    if ColumnValues.isNumber(p) {
                        out.append(packed: Num.round(Double(bitPattern: p), places, mode).bitPattern)
                    } else {
                        out.append(FunctionSpec.rounded(ColumnValues.unpack(p), v, mode))
                    }
                }
            } else {
                for p in ps { out.append(FunctionSpec.rounded(ColumnValues.unpack(p), v, mode)) }
            }
            return out.lane
        case (.each(let xs), .same(let v)): return .each(xs.map { FunctionSpec.rounded($0, v, mode) })
        default:
            var out = LaneBuilder(capacity: rows.count)
            for i in rows.indices { out.append(FunctionSpec.rounded(x[i], d[i], mode)) }
            return out.lane
        }
    }

    static let maxFunction = FunctionSpec.index["MAX"]!
    static let minFunction = FunctionSpec.index["MIN"]!
    static let andFunction = FunctionSpec.index["AND"]!
    static let orFunction = FunctionSpec.index["OR"]!
    static let notFunction = FunctionSpec.index["NOT"]!

    /// A function of values given one by one, folded over packed lanes of
    /// `n` rows, an argument at a time: each row's packed result, and the
    /// rows (ascending) the fold leaves to the function's body.
    typealias Fold = (_ arguments: [PackedSide], _ n: Int) -> (values: [UInt64], others: [Int])

    /// The functions a pass folds packed, as their bodies do for numbers
    /// (and, for the logical ones, booleans):
    /// - MAX and MIN (`MAX(0, 10-deductions)`) take numbers in order;
    /// - AND, OR and NOT (`OR(study_absent>=3, study_leave>=10)`) combine
    ///   numbers (true when not 0) and booleans.
    func foldOf(_ f: Int) -> Fold? {
        switch f {
        case Self.maxFunction, Self.minFunction:
            let isMax = f == Self.maxFunction
            return { sides, n in
                var odd = [Bool](repeating: false, count: n)
                let out = [UInt64](unsafeUninitializedCapacity: n) { m, count in
                    for (j, side) in sides.enumerated() {
                        side.withElements { side in
                            for i in 0..<n {
                                let p = side(i)
                                guard ColumnValues.isNumber(p) else {
                                    odd[i] = true
                                    continue
                                }
                                let x = Double(bitPattern: p)
                                m[i] = (j == 0 ? x : isMax ? Swift.max(Double(bitPattern: m[i]), x) : Swift.min(Double(bitPattern: m[i]), x)).bitPattern
                            }
                        }
                    }
                    count = n
                }
                return (out, odd.indices.filter { odd[$0] })
            }
        case Self.andFunction, Self.orFunction, Self.notFunction:
            let isAnd = f == Self.andFunction, isNot = f == Self.notFunction
            return { sides, n in
                var odd = [Bool](repeating: false, count: n)
                var result = [Bool](repeating: isAnd, count: n)
                for side in sides {
                    side.withElements { side in
                        for i in 0..<n {
                            let p = side(i)
                            let b: Bool
                            if ColumnValues.isNumber(p) {
                                b = Double(bitPattern: p) != 0
                            } else if p == ColumnValues.trueCode || p == ColumnValues.falseCode {
                                b = p == ColumnValues.trueCode
                            } else {
                                odd[i] = true
                                continue
                            }
                            result[i] = isAnd ? result[i] && b : result[i] || b
                        }
                    }
                }
                return (result.map { $0 != isNot ? ColumnValues.trueCode : ColumnValues.falseCode }, odd.indices.filter { odd[$0] })
            }
        default:
            return nil
        }
    }

    /// A function folded packed (`foldOf`); a row the fold leaves runs the
    /// body. Nil when an argument is not packed.
    private func foldedLane(_ f: Int, _ args: [Node], _ s: Int, _ rows: [Int32], _ fold: Fold) -> Lane? {
        var sides: [PackedSide] = []
        for a in args {
            guard let side = lane(a, s, rows).packedSide else { return nil }
            sides.append(side)
        }
        let (out, others) = fold(sides, rows.count)
        return completed(out, others, f, args, s, rows)
    }

    /// A packed lane with the rows at `others` (ascending) left to the
    /// function's body.
    private func completed(_ out: [UInt64], _ others: [Int], _ f: Int, _ args: [Node], _ s: Int, _ rows: [Int32]) -> Lane {
        guard !others.isEmpty else { return .packed(out) }
        return Self.merged(out, others, callLane(f, args, s, others.map { rows[$0] }))
    }

    /// Packed values with the rows at `others` (ascending) taken from
    /// `rest`, a lane over just those rows.
    static func merged(_ out: [UInt64], _ others: [Int], _ rest: Lane) -> Lane {
        var merged = LaneBuilder(capacity: out.count)
        var k = 0
        for i in out.indices {
            if k < others.count, others[k] == i {
                merged.append(rest[k])
                k += 1
            } else {
                merged.append(packed: out[i])
            }
        }
        return merged.lane
    }

    static let ifFunction = FunctionSpec.index["IF"]!
    static let ifErrorFunction = FunctionSpec.index["IFERROR"]!

    /// A column's values at rows; stale cells among them are computed first,
    /// in a pass of their own when there are enough of them.
    func cells(_ s: Int, _ c: Int, _ rows: [Int32]) -> Lane {
        let col = sheets[s].columns[c]
        if col.isComputed {
            // Counted first: in a full recomputation every row is stale, and
            // then the stale rows are `rows` as they are.
            let epoch = col.epoch, mark = Self.computingMark
            var unready = 0
            var inProgress = false
            col.stamp.withUnsafeBufferPointer { stamps in
                for r in rows where stamps[Int(r)] != epoch {
                    unready += 1
                    inProgress = inProgress || stamps[Int(r)] == mark
                }
            }
            var stale = inProgress || unready < rows.count ? [] : rows
            if stale.isEmpty, unready > 0 {
                col.stamp.withUnsafeBufferPointer { stamps in
                    stale = rows.filter { stamps[Int($0)] != epoch && stamps[Int($0)] != mark }
                }
            }
            if !stale.isEmpty, stale.count >= passThreshold, passThreshold != .max {
                if computeRows(s, c, stale) { stale = [] } else { stale.removeAll { col.stamp[Int($0)] == col.epoch } }
            }
            // A cell still stale, or being computed, is read as `value` reads it.
            if inProgress || !stale.isEmpty { return .each(rows.map { value(s, c, $0) }) }
        }
        if let packed = col.values.packed(at: rows) { return .packed(packed) }
        return .each(col.values.values(at: rows))
    }

    /// Evaluates `node` over the rows at `picked` and writes its values there.
    private func scatter(_ node: Node, _ s: Int, _ rows: [Int32], _ picked: [Int], into out: inout [Value]) {
        guard !picked.isEmpty else { return }
        let l = lane(node, s, picked.map { rows[$0] })
        for (k, i) in picked.enumerated() { out[i] = l[k] }
    }

    /// IF: the condition for every row, then each branch for the rows that take it.
    private func ifLane(_ args: [Node], _ s: Int, _ rows: [Int32]) -> Lane {
        let condition = lane(args[0], s, rows)
        if case .same(let v) = condition {
            switch Ops.coerceBool(v) {
            case .failure(let e): return .same(.error(e))
            case .success(true): return lane(args[1], s, rows)
            case .success(false): return args.count > 2 ? lane(args[2], s, rows) : .same(.bool(false))
            }
        }
        var yes: [Int] = [], no: [Int] = []
        yes.reserveCapacity(rows.count)
        no.reserveCapacity(rows.count)
        var failed: [(Int, CellError)] = []
        func take(_ i: Int, _ verdict: Result<Bool, CellError>) {
            switch verdict {
            case .failure(let e): failed.append((i, e))
            case .success(true): yes.append(i)
            case .success(false): no.append(i)
            }
        }
        if case .packed(let ps) = condition {
            for (i, p) in ps.enumerated() {
                if p == ColumnValues.trueCode {
                    yes.append(i)
                } else if p == ColumnValues.falseCode {
                    no.append(i)
                } else {
                    take(i, ColumnValues.isNumber(p) ? .success(Double(bitPattern: p) != 0) : Ops.coerceBool(ColumnValues.unpack(p)))
                }
            }
        } else {
            for i in rows.indices { take(i, Ops.coerceBool(condition[i])) }
        }
        let taken = yes.isEmpty ? nil : lane(args[1], s, yes.map { rows[$0] })
        let other: Lane? = args.count > 2 ? (no.isEmpty ? nil : lane(args[2], s, no.map { rows[$0] })) : .same(.bool(false))
        return merged(rows.count, failed, (yes, taken), (no, other))
    }

    /// The rows of a lane put together from parts: errors, and branch lanes
    /// each over the rows it lists; packed while every part packs.
    private func merged(_ n: Int, _ failed: [(Int, CellError)], _ parts: (rows: [Int], lane: Lane?)...) -> Lane {
        let sides = parts.map { $0.lane.map(\.packedSide) }
        if !sides.contains(where: { $0 != nil && $0! == nil }) {
            var out = [UInt64](repeating: ColumnValues.emptyCode, count: n)
            for (i, e) in failed { out[i] = ColumnValues.pack(.error(e))! }
            out.withUnsafeMutableBufferPointer { out in
                for (part, side) in zip(parts, sides) {
                    guard let side = side ?? nil else { continue }
                    part.rows.withUnsafeBufferPointer { rows in
                        if let values = side.values {
                            values.withUnsafeBufferPointer { v in
                                for k in rows.indices { out[rows[k]] = v[k] }
                            }
                        } else {
                            for i in rows { out[i] = side.constant }
                        }
                    }
                }
            }
            return .packed(out)
        }
        var out = [Value](repeating: .empty, count: n)
        for (i, e) in failed { out[i] = .error(e) }
        for part in parts {
            guard let l = part.lane else { continue }
            for (k, i) in part.rows.enumerated() { out[i] = l[k] }
        }
        return .each(out)
    }

    /// IFERROR: the fallback only for the rows whose value is an error.
    private func ifErrorLane(_ args: [Node], _ s: Int, _ rows: [Int32]) -> Lane {
        let first = lane(args[0], s, rows)
        if case .same(let v) = first { return v.isError ? lane(args[1], s, rows) : first }
        let errors = rows.indices.filter { first[$0].isError }
        guard !errors.isEmpty else { return first }
        let fallback = lane(args[1], s, errors.map { rows[$0] })
        if case .packed(let ps) = first, let side = fallback.packedSide {
            var out = ps
            for (k, i) in errors.enumerated() { out[i] = side[k] }
            return .packed(out)
        }
        var out = first.values(rows.count)
        for (k, i) in errors.enumerated() { out[i] = fallback[k] }
        return .each(out)
    }

    /// Any other function: its body runs per row, reading the arguments it
    /// always evaluates from lanes computed beforehand. A call that reads
    /// nothing of the row is evaluated once. A call whose only row-dependent
    /// part is one argument evaluated beforehand is a function of that
    /// argument's value: its result is remembered per value, bit for bit
    /// (`XLOOKUP(rule, …)` over the events looks each code up once), until
    /// more than `memoLimit` values show that remembering does not pay.
    private func callLane(_ f: Int, _ args: [Node], _ s: Int, _ rows: [Int32]) -> Lane {
        let spec = FunctionSpec.table[f]
        guard args.contains(where: \.readsRow) else { return .same(eval(.call(f, args), s, rows[0])) }
        var lanes: [Lane?] = []
        var varying: [Int] = []
        var others = false
        for (i, a) in args.enumerated() {
            let given = !spec.isLazy(i) && a.isScalarOperand
            let l = given ? lane(a, s, rows) : nil
            lanes.append(l)
            switch l {
            case .each?, .packed?: varying.append(i)
            default: break
            }
            if !given && a.readsRow { others = true }
        }
        let passed = PassArguments(lanes: lanes)
        let evaluate = spec.evaluate
        var out = LaneBuilder(capacity: rows.count)
        var memo: LaneMemo? = !others && varying.count == 1 ? LaneMemo() : nil
        let keyed = varying.first.flatMap { lanes[$0] } ?? .same(.empty)
        withExtendedLifetime(passed) {
            for (i, r) in rows.enumerated() {
                if memo != nil {
                    let key = keyed[i]
                    if let v = memo!.find(key) {
                        out.append(v)
                        continue
                    }
                    var call = Args(workbook: self, nodes: args, sheet: s, row: r, passed: passed, lane: i)
                    let v = evaluate(&call)
                    memo!.insert(key, v)
                    if memo!.count > Self.memoLimit { memo = nil }
                    out.append(v)
                    continue
                }
                var call = Args(workbook: self, nodes: args, sheet: s, row: r, passed: passed, lane: i)
                out.append(evaluate(&call))
            }
        }
        return out.lane
    }

    static let memoLimit = 64

    /// RANK against an aggregate's sorted values, as `eval` does it per row.
    private func rankLane(_ a: Int, _ x: Node, _ order: Node?, _ s: Int, _ rows: [Int32]) -> Lane {
        let xs = lane(x, s, rows)
        let orders = order.map { lane($0, s, rows) }
        // Each row's answer (packed: a rank or an error always packs) when
        // its arguments decide it, else its question, kept by order (an
        // order may read the row): `questions[0]` descending, `[1]` ascending,
        // each number with its row.
        var out = [UInt64](repeating: 0, count: rows.count)
        var questions: [(xs: [Double], rows: [Int])] = [([], []), ([], [])]
        questions[0].xs.reserveCapacity(rows.count)
        questions[0].rows.reserveCapacity(rows.count)
        func answer(_ i: Int, _ v: Value) { out[i] = ColumnValues.pack(v)! }
        func ask(_ i: Int, _ x: Double, descending: Bool) {
            let o = descending ? 0 : 1
            questions[o].xs.append(x)
            questions[o].rows.append(i)
        }
        // A packed number in the default order is its own question.
        let numbers: [UInt64]? = if orders == nil, case .packed(let p) = xs { p } else { nil }
        for i in rows.indices {
            if let numbers, ColumnValues.isNumber(numbers[i]) {
                ask(i, Double(bitPattern: numbers[i]), descending: true)
                continue
            }
            let xv = xs[i]
            if case .error = xv {
                answer(i, xv)
                continue
            }
            guard let number = Ops.coerceNumber(xv) else {
                answer(i, .error(.value))
                continue
            }
            var descending = true
            if let orders {
                let o = orders[i]
                if case .error = o {
                    answer(i, o)
                    continue
                }
                guard let n = Ops.coerceNumber(o) else {
                    answer(i, .error(.value))
                    continue
                }
                descending = n == 0
            }
            ask(i, number, descending: descending)
        }
        let asked = questions[0].rows.count + questions[1].rows.count
        guard asked > 0 else { return .packed(out) }
        // The aggregate is built at the first question, as `eval` builds it.
        let agg = aggregates[a]
        if !agg.building, !agg.built { build(a) }
        let failure: Value? = agg.building ? .error(.cycle) : agg.errors > 0 ? .error(firstError(of: agg)) : nil
        for (o, q) in questions.enumerated() where !q.rows.isEmpty {
            if let failure {
                for i in q.rows { answer(i, failure) }
            } else if asked * 8 >= agg.sortedCount {
                let ranks = agg.ranks(of: q.xs, descending: o == 0)
                for (k, i) in q.rows.enumerated() { out[i] = ranks[k] }
            } else {
                for (k, i) in q.rows.enumerated() { answer(i, agg.rank(of: q.xs[k], descending: o == 0)) }
            }
        }
        return .packed(out)
    }

    /// A grouped aggregate per row: each key for the rows still looking up
    /// their group, the group's result, and the plain call (itself a lane)
    /// for the rows whose criterion is not a plain equality.
    private func groupedLane(_ a: Int, _ keys: [Node], _ fallback: Node, _ s: Int, _ rows: [Int32]) -> Lane {
        let agg = aggregates[a]
        if agg.building { return .same(.error(.cycle)) }
        // Keyed by one column whose cells carry their group's number
        // (`cadres[id]`): a row whose cell reads as the plain equality
        // naming its group takes that group's result, found by number.
        if !agg.built { build(a, readBy: keys, s) }
        if keys.count == 1, case .cell(let k) = keys[0], let codes = readySlotCodes(ColumnRef(sheet: s, column: k)) {
            var out = [UInt64](repeating: 0, count: rows.count)
            var others: [Int] = []
            codes.withUnsafeBufferPointer { codes in
                for (i, r) in rows.enumerated() {
                    let code = codes[Int(r)]
                    guard code & GroupCodes.notPlain == 0,
                          let p = ColumnValues.pack(agg.result(group: code, firstError: { firstError(of: agg, group: groupCodes.paths[Int(code)]) }))
                    else {
                        others.append(i)
                        continue
                    }
                    out[i] = p
                }
            }
            guard !others.isEmpty else { return .packed(out) }
            return Self.merged(out, others, groupedLane(agg, keys, fallback, s, others.map { rows[$0] }))
        }
        return groupedLane(agg, keys, fallback, s, rows)
    }

    /// A grouped aggregate per row, each row's group found from its key
    /// values.
    private func groupedLane(_ agg: Aggregate, _ keys: [Node], _ fallback: Node, _ s: Int, _ rows: [Int32]) -> Lane {
        var out = [Value](repeating: .empty, count: rows.count)
        var groups = [GroupPath?](repeating: nil, count: keys.count > 1 ? rows.count : 0)
        var alive = Array(rows.indices)
        var fallbackRows: [Int] = []
        for (k, keyNode) in keys.enumerated() {
            guard !alive.isEmpty else { break }
            let values = lane(keyNode, s, alive.map { rows[$0] })
            var next: [Int] = []
            next.reserveCapacity(alive.count)
            for (j, i) in alive.enumerated() {
                let v = values[j]
                if case .error = v {
                    out[i] = v
                    continue
                }
                // Plain text names its own group, the key cell's text
                // folded, as `groupsMoved` finds its readers.
                let plain: Criterion? = if case .text(let t) = v { Criterion.plainText(t) } else { nil }
                guard let key = (plain ?? criterion(v)).equalityKey else {
                    agg.fallbackRead = true
                    fallbackRows.append(i)
                    continue
                }
                // A criterion naming another text ("=x") is not found so.
                if plain == nil, case .text(let t) = key, ColumnIndex.key(v) != .text(t) { agg.fallbackRead = true }
                if keys.count == 1 {
                    let group = GroupPath(key)
                    out[i] = agg.result(group: group) { firstError(of: agg, group: group) }
                } else {
                    if groups[i] == nil { groups[i] = GroupPath(key) } else { groups[i]!.append(key) }
                    if k == keys.count - 1 {
                        let group = groups[i]!
                        out[i] = agg.result(group: group) { firstError(of: agg, group: group) }
                    } else {
                        next.append(i)
                    }
                }
            }
            alive = next
        }
        fallbackRows.sort()
        scatter(fallback, s, rows, fallbackRows, into: &out)
        return .each(out)
    }
}

/// Results remembered by the value they were computed from, bit for bit
/// (`Identical`): a text by its bytes in a `TextTable`, anything else in a
/// dictionary.
struct LaneMemo {
    private var texts = TextTable()
    private var others: [Identical: Int] = [:]
    private var results: [Value] = []

    var count: Int { results.count }

    @inline(__always)
    func find(_ key: Value) -> Value? {
        if case .text(let t) = key { return texts.find(t, hash: TextTable.hash(t)).map { results[Int($0)] } }
        return others[Identical(key)].map { results[$0] }
    }

    mutating func insert(_ key: Value, _ result: Value) {
        if case .text(let t) = key {
            texts.insert(t, hash: TextTable.hash(t), UInt32(results.count))
        } else {
            others[Identical(key)] = results.count
        }
        results.append(result)
    }
}

/// A value as a dictionary key that only an identical value matches: the
/// same number bit for bit, the same text byte for byte.
struct Identical: Hashable {
    let value: Value

    init(_ value: Value) { self.value = value }

    static func == (a: Identical, b: Identical) -> Bool {
        switch (a.value, b.value) {
        case (.number(let x), .number(let y)): x.bitPattern == y.bitPattern
        case (.text(let x), .text(let y)): sameBytes(x, y)
        case (.number, _), (.text, _), (_, .number), (_, .text): false
        default: a.value == b.value
        }
    }

    func hash(into h: inout Hasher) {
        switch value {
        case .empty: h.combine(0)
        case .number(let x): h.combine(x.bitPattern)
        case .text(let t):
            var t = t
            t.withUTF8 { h.combine(bytes: UnsafeRawBufferPointer($0)) }
        case .bool(let b): h.combine(b)
        case .error(let e): h.combine(e)
        }
    }
}

extension Node {
    /// Whether the node's value can differ from row to row.
    var readsRow: Bool {
        switch self {
        case .literal, .param, .range, .aggregate, .broken: false
        case .cell, .grouped: true
        case .unary(_, let a): a.readsRow
        case .binary(_, let a, let b): a.readsRow || b.readsRow
        case .call(_, let args): args.contains(where: \.readsRow)
        case .rank(_, let x, let order): x.readsRow || (order?.readsRow ?? false)
        }
    }

    /// Whether `Workbook.operand` gives this node as one value, not a range
    /// or an array (no whole column under its operators).
    var isScalarOperand: Bool {
        switch self {
        case .range: false
        case .unary(_, let a): a.isScalarOperand
        case .binary(_, let a, let b): a.isScalarOperand && b.isScalarOperand
        default: true
        }
    }
}
