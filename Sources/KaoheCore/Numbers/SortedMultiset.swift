/// A sorted multiset of numbers for order statistics (RANK, MIN, MAX), kept
/// as a list of sorted chunks so an insertion moves at most one small chunk.
///
/// - Complexity: counting is O(log n): a binary search over chunks, then
///   one inside a chunk, with the count before each chunk kept beside it.
///   Insert and remove move at most one chunk of `chunkLimit` values and
///   redo the counts before the chunks after it: O(n / `chunkLimit`), paid
///   once per change rather than once per count (a RANK column at 1,000,000
///   cadres counts a million times between changes).
struct SortedMultiset: Sendable, Equatable {
    static let chunkLimit = 512
    private var chunks: [[Double]] = []
    /// `before[i]`: how many values the chunks before chunk `i` hold.
    private var before: [Int] = []
    private(set) var count = 0

    init() {}

    /// Builds from any values in O(n log n).
    init(_ values: [Double]) { self.init(sorted: Self.sortedStably(values)) }

    /// Builds from values already in order, in O(n).
    init(sorted: [Double]) {
        count = sorted.count
        var start = 0
        let size = Self.chunkLimit / 2
        while start < sorted.count {
            let end = min(start + size, sorted.count)
            chunks.append(Array(sorted[start..<end]))
            before.append(start)
            start = end
        }
    }

    /// `sortedStably(values.map(Num.canonical))` up to the order of -0 and 0,
    /// with each distinct value canonicalised once: scores tie (a thousand
    /// totals hold a few hundred values), so the values are first counted
    /// by their bits in an open-addressed table, and only the distinct ones
    /// are canonicalised and sorted. Once more than half of them prove
    /// distinct, the plain way.
    static func canonicalSorted(_ values: [Double]) -> [Double] {
        let n = values.count
        let limit = n / 2
        guard n >= 64, let (distinct, counts) = Self.distinct(values, limit: limit) else {
            return sortedStably(values.map(Num.canonical))
        }
        let keys = distinct.map(Num.canonical)
        let order = keys.indices.sorted { keys[$0] < keys[$1] }
        return [Double](unsafeUninitializedCapacity: n) { out, written in
            var at = 0
            for i in order {
                let key = keys[i]
                for _ in 0..<counts[i] {
                    out[at] = key
                    at += 1
                }
            }
            written = at
        }
    }

    /// The distinct values (by bits) in the order first met, with how often
    /// each occurs; nil once more than `limit` are distinct.
    static func distinct(_ values: [Double], limit: Int) -> (values: [Double], counts: [Int32])? {
        var distinct: [Double] = []
        distinct.reserveCapacity(limit)
        let table = BitsTable()
        var counts = [Int32](repeating: 0, count: limit)
        let complete = counts.withUnsafeMutableBufferPointer { counts in
            for x in values {
                let at = Int(table.number(for: x.bitPattern, else: Int32(distinct.count)))
                if at == distinct.count {
                    guard at < limit else { return false }
                    distinct.append(x)
                }
                counts[at] += 1
            }
            return true
        }
        guard complete else { return nil }
        counts.removeLast(limit - distinct.count)
        return (distinct, counts)
    }

    /// `values.sorted()`, the same array: a stable sort by `<` (-0 and 0
    /// are equal and keep their order). Past a few thousand values it is a
    /// radix sort of the doubles' bits, eleven at a time, skipping digits all
    /// values share: a RANK column rebuilt after an instructor's raw score
    /// moved every total sorts 100,000 of them.
    static func sortedStably(_ values: [Double]) -> [Double] {
        let n = values.count
        guard n > 2048 else { return values.sorted() }
        var keys: [UInt64] = []
        keys.reserveCapacity(n)
        for x in values {
            guard !x.isNaN else { return values.sorted() }
            // Ordered as unsigned integers: negatives flipped whole, positives by the sign bit.
            let b = (x == 0 ? 0.0 : x).bitPattern
            keys.append(b >> 63 == 1 ? ~b : b | 1 << 63)
        }
        var order = values
        var nextKeys = keys, nextOrder = order
        var counts = [Int](repeating: 0, count: 2048)
        for shift in stride(from: 0, to: 64, by: 11) {
            counts.withUnsafeMutableBufferPointer { c in
                for i in 0..<c.count { c[i] = 0 }
                for k in keys { c[Int((k >> UInt64(shift)) & 2047)] += 1 }
            }
            // A digit every value shares moves nothing.
            if counts[Int((keys[0] >> UInt64(shift)) & 2047)] == n { continue }
            var start = 0
            for d in 0..<2048 {
                let c = counts[d]
                counts[d] = start
                start += c
            }
            keys.withUnsafeBufferPointer { k in
                order.withUnsafeBufferPointer { o in
                    nextKeys.withUnsafeMutableBufferPointer { nk in
                        nextOrder.withUnsafeMutableBufferPointer { no in
                            counts.withUnsafeMutableBufferPointer { c in
                                for i in 0..<n {
                                    let d = Int((k[i] >> UInt64(shift)) & 2047)
                                    let at = c[d]
                                    c[d] = at + 1
                                    nk[at] = k[i]
                                    no[at] = o[i]
                                }
                            }
                        }
                    }
                }
            }
            swap(&keys, &nextKeys)
            swap(&order, &nextOrder)
        }
        return order
    }

    /// Redoes the counts before the chunks from chunk `c` on.
    private mutating func recount(from start: Int) {
        var c = start
        if before.count != chunks.count {
            before = Array(repeating: 0, count: chunks.count)
            c = 0
        }
        var n = c > 0 && c <= chunks.count ? before[c - 1] + chunks[c - 1].count : 0
        for i in Swift.max(c, 0)..<chunks.count {
            before[i] = n
            n += chunks[i].count
        }
    }

    var smallest: Double? { chunks.first?.first }
    var largest: Double? { chunks.last?.last }

    /// The chunk that holds, or would hold, `x` (the first whose last element
    /// is ≥ x; with `after`, the first whose last element is > x).
    private func chunkIndex(for x: Double, after: Bool = false) -> Int {
        var lo = 0
        var hi = chunks.count
        while lo < hi {
            let mid = (lo + hi) / 2
            let last = chunks[mid].last!
            if last < x || (after && last == x) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The first index whose element is ≥ x (`lowerBound`) or > x (`upperBound`).
    private static func bound(_ a: [Double], _ x: Double, after equal: Bool) -> Int {
        var lo = 0
        var hi = a.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if a[mid] < x || (equal && a[mid] == x) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    private static func lowerBound(_ a: [Double], _ x: Double) -> Int { bound(a, x, after: false) }
    private static func upperBound(_ a: [Double], _ x: Double) -> Int { bound(a, x, after: true) }

    mutating func insert(_ x: Double) {
        count += 1
        if chunks.isEmpty {
            chunks = [[x]]
            before = [0]
            return
        }
        let c = Swift.min(chunkIndex(for: x), chunks.count - 1)
        let at = Self.upperBound(chunks[c], x)
        chunks[c].insert(x, at: at)
        if chunks[c].count > Self.chunkLimit {
            let half = chunks[c].count / 2
            let tail = Array(chunks[c][half...])
            chunks[c].removeSubrange(half...)
            chunks.insert(tail, at: c + 1)
            before.insert(0, at: c + 1)
        }
        recount(from: c + 1)
    }

    /// Removes one occurrence of `x`; false when there is none.
    @discardableResult
    mutating func remove(_ x: Double) -> Bool {
        let c = chunkIndex(for: x)
        guard c < chunks.count else { return false }
        let at = Self.lowerBound(chunks[c], x)
        guard at < chunks[c].count, chunks[c][at] == x else { return false }
        chunks[c].remove(at: at)
        count -= 1
        if chunks[c].isEmpty {
            chunks.remove(at: c)
            before.remove(at: c)
        }
        recount(from: c)
        return true
    }

    /// How many values are strictly greater than `x`.
    func countGreater(than x: Double) -> Int {
        // Equal values may continue into the following chunks: the first
        // chunk whose last value is greater holds the first greater value.
        let c = chunkIndex(for: x, after: true)
        guard c < chunks.count else { return 0 }
        return count - before[c] - Self.upperBound(chunks[c], x)
    }

    /// How many values are strictly less than `x`.
    func countLess(than x: Double) -> Int {
        let c = chunkIndex(for: x)
        guard c < chunks.count else { return count }
        return before[c] + Self.lowerBound(chunks[c], x)
    }

    /// How many values are greater than `x` (`descending`) or less, when
    /// `x` is among them (RANK); nil when it is not. One search either way.
    func rank(of x: Double, descending: Bool) -> Int? {
        if !descending {
            let c = chunkIndex(for: x)
            guard c < chunks.count else { return nil }
            let at = Self.lowerBound(chunks[c], x)
            guard at < chunks[c].count, chunks[c][at] == x else { return nil }
            return before[c] + at
        }
        // The first greater value is in the first chunk whose last value is
        // greater; the value before it is x when x is here.
        let c = chunkIndex(for: x, after: true)
        let after = c < chunks.count ? Self.upperBound(chunks[c], x) : 0
        let previous = after > 0 ? chunks[c][after - 1] : (c > 0 ? chunks[c - 1].last : nil)
        guard previous == x else { return nil }
        return c < chunks.count ? count - before[c] - after : 0
    }

    /// Every value in order, in one buffer: for many `rank(in:of:)`
    /// questions at once.
    func withFlattened<R>(_ body: (UnsafeBufferPointer<Double>) -> R) -> R {
        if chunks.count == 1 { return chunks[0].withUnsafeBufferPointer(body) }
        var flat: [Double] = []
        flat.reserveCapacity(count)
        for c in chunks { flat.append(contentsOf: c) }
        return flat.withUnsafeBufferPointer(body)
    }

    /// `rank(of:descending:)` over the values flattened.
    @inline(__always)
    static func rank(in flat: UnsafeBufferPointer<Double>, of x: Double, descending: Bool) -> Int? {
        // The first value not below x (ascending), or above it (descending):
        // halving a window that starts at `base`, without a branch to mispredict.
        guard var p = flat.baseAddress else { return nil }
        var n = flat.count
        if descending {
            while n > 1 {
                let half = n / 2
                if p[half - 1] <= x { p += half }
                n -= half
            }
            if n == 1, p[0] <= x { p += 1 }
        } else {
            while n > 1 {
                let half = n / 2
                if p[half - 1] < x { p += half }
                n -= half
            }
            if n == 1, p[0] < x { p += 1 }
        }
        let lo = p - flat.baseAddress!
        if descending { return lo > 0 && flat[lo - 1] == x ? flat.count - lo : nil }
        return lo < flat.count && flat[lo] == x ? lo : nil
    }

    func contains(_ x: Double) -> Bool {
        let c = chunkIndex(for: x)
        guard c < chunks.count else { return false }
        let at = Self.lowerBound(chunks[c], x)
        return at < chunks[c].count && chunks[c][at] == x
    }
}

/// An open-addressed table from the bits of doubles to small numbers, for
/// counting values that repeat (`SortedMultiset.canonicalSorted`) and for
/// remembering an answer per value (`Aggregate.ranks`). One NaN's bits mark
/// a vacant slot: that key is never held (a cell holds no NaN). Its slots are
/// its own memory, so that a probe checks no uniqueness; it starts small
/// and doubles when half full (a thousand totals hold a few hundred values).
final class BitsTable {
    static let vacant = UInt64.max
    private var keys: UnsafeMutablePointer<UInt64>
    private var numbers: UnsafeMutablePointer<Int32>
    private var mask: Int
    private var shift: UInt64
    private(set) var count = 0

    init() {
        (keys, numbers, mask, shift) = Self.slots(bits: 6)
    }

    private static func slots(bits: Int) -> (UnsafeMutablePointer<UInt64>, UnsafeMutablePointer<Int32>, Int, UInt64) {
        let keys = UnsafeMutablePointer<UInt64>.allocate(capacity: 1 << bits)
        keys.initialize(repeating: vacant, count: 1 << bits)
        let numbers = UnsafeMutablePointer<Int32>.allocate(capacity: 1 << bits)
        return (keys, numbers, (1 << bits) - 1, UInt64(64 - bits))
    }

    deinit {
        keys.deallocate()
        numbers.deallocate()
    }

    /// The slot holding `key` (`held`), or the vacant one where it would
    /// go. Fibonacci hashing: the top bits of the product, then the next slot.
    @inline(__always)
    func probe(_ key: UInt64) -> (slot: Int, held: Bool) {
        var h = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while keys[h] != key, keys[h] != Self.vacant { h = (h + 1) & mask }
        return (h, key != Self.vacant && keys[h] == key)
    }

    /// The number kept in a slot `probe` found held.
    @inline(__always)
    func number(at slot: Int) -> Int32 { numbers[slot] }

    /// Keeps `number` for `key` in the vacant slot `probe` just found for it
    /// (the vacant key itself is not kept).
    @inline(__always)
    func put(_ key: UInt64, _ number: Int32, at slot: Int) {
        guard key != Self.vacant else { return }
        keys[slot] = key
        numbers[slot] = number
        count += 1
        if count * 2 > mask { grow() }
    }

    /// Twice the slots, every key moved to its place among them.
    private func grow() {
        let (oldKeys, oldNumbers, oldSize) = (keys, numbers, mask + 1)
        (keys, numbers, mask, shift) = Self.slots(bits: 65 - Int(shift))
        for i in 0..<oldSize where oldKeys[i] != Self.vacant {
            let (slot, _) = probe(oldKeys[i])
            keys[slot] = oldKeys[i]
            numbers[slot] = oldNumbers[i]
        }
        oldKeys.deallocate()
        oldNumbers.deallocate()
    }

    /// The number kept for `key`, or, when it has none, `new`, kept for it
    /// from now on.
    @inline(__always)
    func number(for key: UInt64, else new: Int32) -> Int32 {
        let (h, held) = probe(key)
        if held { return numbers[h] }
        put(key, new, at: h)
        return new
    }
}
