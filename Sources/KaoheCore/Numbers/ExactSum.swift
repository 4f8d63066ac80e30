/// An exact running sum of doubles (Shewchuk's non-overlapping partials, as
/// Python's `math.fsum`), which can also take values away again.
///
/// The result is the correctly rounded sum of the multiset of values added,
/// whatever the order: an incremental sum kept over thousands of edits equals
/// the sum recomputed from scratch, bit for bit.
///
/// Up to two partials, almost every sum of scores and money, live inline:
/// a grouped aggregate keeps one sum per group (a cadre's events), and an
/// array each cost an allocation per group of every build.
public struct ExactSum: Sendable {
    /// The partials, smallest first, while there are at most two.
    private var p0 = 0.0, p1 = 0.0
    /// Every partial once there were more than two (then `inline` is 3).
    private var spilled: [Double] = []
    /// How many partials are inline (3: spilled). A byte, last, so that the
    /// counts of an `Accumulator` fill the rest of its word.
    private var inline: UInt8 = 0

    public init() {}

    /// The partials, smallest first.
    var partials: [Double] {
        switch inline {
        case 0: []
        case 1: [p0]
        case 2: [p0, p1]
        default: spilled
        }
    }

    /// - Complexity: O(p), where p, the number of partials, is almost always 1 or 2.
    public mutating func add(_ x: Double) {
        guard inline < 3 else { return addSpilled(x) }
        var x = x
        var kept = 0
        var low0 = 0.0, low1 = 0.0
        for i in 0..<Int(inline) {
            var y = i == 0 ? p0 : p1
            if x.magnitude < y.magnitude { swap(&x, &y) }
            let hi = x + y
            let lo = y - (hi - x)
            if lo != 0 {
                if kept == 0 { low0 = lo } else { low1 = lo }
                kept += 1
            }
            x = hi
        }
        switch kept {
        case 0: (p0, inline) = (x, 1)
        case 1: (p0, p1, inline) = (low0, x, 2)
        default:
            spilled = [low0, low1, x]
            (p0, p1, inline) = (0, 0, 3)
        }
    }

    /// The same walk over the partials kept in an array, in place, with one
    /// uniqueness check (the array lent one more slot for the walk's last
    /// partial).
    private mutating func addSpilled(_ x: Double) {
        let n = spilled.count
        spilled.append(0)
        let kept = spilled.withUnsafeMutableBufferPointer { Self.walk($0.baseAddress!, n, x) }
        spilled.removeLast(n + 1 - kept)
    }

    /// Shewchuk's step: adds `x` to the `n` partials at `p`, in place, and
    /// returns how many there are after; `p` has room for `n + 1`.
    @inline(__always)
    private static func walk(_ p: UnsafeMutablePointer<Double>, _ n: Int, _ x: Double) -> Int {
        var x = x
        var kept = 0
        for i in 0..<n {
            var y = p[i]
            if x.magnitude < y.magnitude { swap(&x, &y) }
            let hi = x + y
            let lo = y - (hi - x)
            if lo != 0 {
                p[kept] = lo
                kept += 1
            }
            x = hi
        }
        p[kept] = x
        return kept + 1
    }

    public mutating func subtract(_ x: Double) { add(-x) }

    /// Adds every value, in order, as `add` would one at a time, with the
    /// partials on the stack: no uniqueness check or array resize a value
    /// (`SUM(cadres[total])` being built adds a thousand totals, each
    /// spilling past two partials).
    public mutating func add(contentsOf values: UnsafeBufferPointer<Double>) {
        // Partials are non-overlapping, so a few dozen cover any sum of
        // doubles met in practice; past `capacity` (or a sum already holding
        // that many) the rest go one by one.
        let capacity = 64
        guard values.count >= 16, Int(inline) < 3 || spilled.count < capacity else { return values.forEach { add($0) } }
        var done = 0
        withUnsafeTemporaryAllocation(of: Double.self, capacity: capacity) { p in
            var n = 0
            for y in partials {
                p[n] = y
                n += 1
            }
            while done < values.count, n < capacity {
                n = Self.walk(p.baseAddress!, n, values[done])
                done += 1
            }
            self = ExactSum(partials: UnsafeBufferPointer(rebasing: p[0..<n]))
        }
        for x in values[done...] { add(x) }
    }

    /// A sum whose partials, smallest first, are `p`.
    private init(partials p: UnsafeBufferPointer<Double>) {
        switch p.count {
        case 0: break
        case 1: (p0, inline) = (p[0], 1)
        case 2: (p0, p1, inline) = (p[0], p[1], 2)
        default: (spilled, inline) = (Array(p), 3)
        }
    }

    /// The correctly rounded value of the exact sum.
    public var value: Double {
        switch inline {
        case 0: return 0
        case 1: return p0
        // Two non-overlapping partials: their sum rounds once (the walk below).
        case 2: return p1 + p0
        default: break
        }
        let partials = spilled
        guard var i = partials.indices.last else { return 0 }
        var hi = partials[i]
        var lo = 0.0
        while i > 0 {
            i -= 1
            let x = hi
            let y = partials[i]
            hi = x + y
            let yr = hi - x
            lo = y - yr
            if lo != 0 { break }
        }
        // Round half-even correctly when the rest would tip the last bit.
        if i > 0, (lo < 0 && partials[i - 1] < 0) || (lo > 0 && partials[i - 1] > 0) {
            let y = lo * 2
            let x = hi + y
            if y == x - hi { hi = x }
        }
        return hi
    }
}

extension ExactSum: Equatable {
    /// Equal partials, however they are kept.
    public static func == (a: ExactSum, b: ExactSum) -> Bool { a.partials == b.partials }
}
