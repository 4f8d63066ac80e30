/// An exact running sum of doubles (Shewchuk's non-overlapping partials, as
/// Python's `math.fsum`), which can also take values away again.
///
/// The result is the correctly rounded sum of the multiset of values added,
/// whatever the order: an incremental sum kept over thousands of edits equals
/// the sum recomputed from scratch, bit for bit.
public struct ExactSum: Sendable, Equatable {
    private(set) var partials: [Double] = []

    public init() {}

    /// - Complexity: O(p), where p, the number of partials, is almost always 1 or 2.
    public mutating func add(_ x: Double) {
        var x = x
        var kept = 0
        let n = partials.count
        // One uniqueness check for the whole walk, and the partials kept in
        // place: a sum of scores mostly ends with as many partials as it began.
        partials.withUnsafeMutableBufferPointer { p in
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
            if kept < n { p[kept] = x }
        }
        if kept < n {
            if kept + 1 < n { partials.removeLast(n - kept - 1) }
        } else {
            partials.append(x)
        }
    }

    public mutating func subtract(_ x: Double) { add(-x) }

    /// The correctly rounded value of the exact sum.
    public var value: Double {
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
