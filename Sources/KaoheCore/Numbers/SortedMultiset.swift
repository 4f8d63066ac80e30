/// A sorted multiset of numbers for order statistics (RANK, MIN, MAX), kept
/// as a list of sorted chunks so an insertion moves at most one small chunk.
///
/// - Complexity: insert, remove and counting are O(log n + √n)-ish in practice:
///   a binary search over chunks, a memmove inside one chunk of at most
///   `chunkLimit` values, and a walk over chunk sizes for the position.
struct SortedMultiset: Sendable, Equatable {
    static let chunkLimit = 512
    private var chunks: [[Double]] = []
    private(set) var count = 0

    init() {}

    /// Builds from any values in O(n log n).
    init(_ values: [Double]) {
        let sorted = values.sorted()
        count = sorted.count
        var start = 0
        let size = Self.chunkLimit / 2
        while start < sorted.count {
            let end = min(start + size, sorted.count)
            chunks.append(Array(sorted[start..<end]))
            start = end
        }
    }

    var smallest: Double? { chunks.first?.first }
    var largest: Double? { chunks.last?.last }

    /// The chunk that holds, or would hold, `x` (the first whose last element ≥ x).
    private func chunkIndex(for x: Double) -> Int {
        var lo = 0
        var hi = chunks.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if chunks[mid].last! < x { lo = mid + 1 } else { hi = mid }
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
        if chunks.isEmpty { chunks = [[x]]; return }
        let c = Swift.min(chunkIndex(for: x), chunks.count - 1)
        let at = Self.upperBound(chunks[c], x)
        chunks[c].insert(x, at: at)
        if chunks[c].count > Self.chunkLimit {
            let half = chunks[c].count / 2
            let tail = Array(chunks[c][half...])
            chunks[c].removeSubrange(half...)
            chunks.insert(tail, at: c + 1)
        }
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
        if chunks[c].isEmpty { chunks.remove(at: c) }
        return true
    }

    /// How many values are strictly greater than `x`.
    func countGreater(than x: Double) -> Int {
        var c = chunkIndex(for: x)
        // Equal values may continue into the following chunks.
        while c < chunks.count, chunks[c].last! <= x { c += 1 }
        guard c < chunks.count else { return 0 }
        var n = chunks[c].count - Self.upperBound(chunks[c], x)
        for i in (c + 1)..<chunks.count { n += chunks[i].count }
        return n
    }

    /// How many values are strictly less than `x`.
    func countLess(than x: Double) -> Int {
        let c = chunkIndex(for: x)
        var n = 0
        for i in 0..<Swift.min(c, chunks.count) { n += chunks[i].count }
        if c < chunks.count { n += Self.lowerBound(chunks[c], x) }
        return n
    }

    func contains(_ x: Double) -> Bool {
        let c = chunkIndex(for: x)
        guard c < chunks.count else { return false }
        let at = Self.lowerBound(chunks[c], x)
        return at < chunks[c].count && chunks[c][at] == x
    }
}
