/// The running state of one aggregate (or of one group of a grouped one):
/// an exact sum, counts, and for MIN, MAX and RANK the sorted values.
struct Accumulator {
    var sum = ExactSum()
    var numbers = 0
    var nonEmpty = 0
    var matched = 0
    var errors = 0
    var sorted: SortedMultiset?

    init(sorted: Bool) { self.sorted = sorted ? SortedMultiset() : nil }

    /// Adds (`sign` 1) or takes away (`sign` -1) one row's value; `key` is the
    /// value as the sorted multiset keeps it.
    mutating func apply(_ v: Value, sign: Int, sortKey: (Double) -> Double, updateSorted: Bool = true) {
        matched += sign
        switch v {
        case .number(let x):
            if sign > 0 { sum.add(x) } else { sum.subtract(x) }
            numbers += sign
            nonEmpty += sign
            if updateSorted, sorted != nil {
                if sign > 0 { sorted!.insert(sortKey(x)) } else { sorted!.remove(sortKey(x)) }
            }
        case .text, .bool: nonEmpty += sign
        case .error:
            errors += sign
            nonEmpty += sign
        case .empty: break
        }
    }

    func result(_ kind: Aggregate.Kind, firstError: () -> CellError) -> Value {
        switch kind {
        case .count: return .number(Double(numbers))
        case .counta: return .number(Double(nonEmpty))
        case .countifs: return .number(Double(matched))
        case .rank: return .empty
        default: break
        }
        if errors > 0 { return .error(firstError()) }
        switch kind {
        case .sum, .sumifs: return .number(sum.value)
        case .average, .averageifs:
            return numbers == 0 ? .error(.div0) : .number(sum.value / Double(numbers))
        case .min, .minifs: return .number(sorted?.smallest ?? 0)
        case .max, .maxifs: return .number(sorted?.largest ?? 0)
        default: return .empty
        }
    }
}

/// One row's contribution to an aggregate before and after a change (nil:
/// none).
struct Shift {
    let aggregate: Aggregate
    let before: Aggregate.Contribution?
    let after: Aggregate.Contribution?
}

/// A whole-column aggregate kept up to date incrementally: SUM, AVERAGE,
/// COUNT, COUNTA, MIN, MAX over a column, the *IF(S) family, and the sorted
/// values RANK looks up.
///
/// Criteria that do not depend on the row filter the rows once. Criteria that
/// do (`SUMIFS(events[points], events[cadre], id)`) make it *grouped*: the
/// rows are kept per value of those criteria columns, and each reading row
/// looks its group up in O(1).
///
/// One aggregate serves every formula that spells it the same way. An edit to
/// one source row moves its state in O(1) (O(log n) for the sorted kinds).
final class Aggregate {
    enum Kind: String {
        case sum, average, count, counta, min, max
        case sumifs, averageifs, countifs, maxifs, minifs
        case rank
    }

    let kind: Kind
    let signature: String
    let sheet: Int
    /// The column whose values are aggregated; nil for COUNTIF(S).
    let valueColumn: Int?
    /// Criteria columns with their row-independent criterion formulas.
    let criteria: [(column: Int, node: Node)]
    /// Criteria columns whose criterion each reading row gives: the group key.
    let keyColumns: [Int]
    let params: Set<Int>

    var dependents: [ColumnRef] = []
    @exclusivity(unchecked) var built = false
    @exclusivity(unchecked) var building = false
    /// Whether a current reader cell answered through the plain call (its
    /// criterion was not a plain equality). Such a cell reads every row,
    /// including rows no group holds (a blank or error key, a row failing a
    /// constant criterion), so any change to a source cell makes it stale.
    /// Also set by a read the value index cannot find (`"=x"` names group
    /// `x`), so that all readers go stale when a group moves.
    @exclusivity(unchecked) var fallbackRead = false
    /// Reader columns whose formula names its group by one column of its own
    /// row (`SUMIFS(events[points], events[cadre], id)`): reader → that key
    /// column. When a text group moves, only the rows whose key column holds
    /// that text recompute (found by the key column's value index); other
    /// readers go stale whole. Rebuilt with the structure.
    var keyedReaders: [ColumnRef: Int] = [:]

    @exclusivity(unchecked) private(set) var evaluated: [Criterion] = []
    /// An error a criterion evaluated to: it is the result, as in Excel.
    @exclusivity(unchecked) private(set) var criterionError: CellError?
    @exclusivity(unchecked) private(set) var total = Accumulator(sorted: false)
    @exclusivity(unchecked) private(set) var groups: [GroupPath: Accumulator] = [:]
    /// The result as of the last build or update (ungrouped kinds).
    @exclusivity(unchecked) var current: Value = .empty

    init(kind: Kind, signature: String, sheet: Int, valueColumn: Int?, criteria: [(column: Int, node: Node)],
         keyColumns: [Int] = [], params: Set<Int>) {
        self.kind = kind
        self.signature = signature
        self.sheet = sheet
        self.valueColumn = valueColumn
        self.criteria = criteria
        self.keyColumns = keyColumns
        self.params = params
    }

    var isGrouped: Bool { !keyColumns.isEmpty }

    /// One row's part: its group (nil when the aggregate is not grouped)
    /// and the value aggregated.
    typealias Contribution = (key: GroupPath?, value: Value)

    /// Every column the aggregate reads.
    var sources: [Int] {
        var s: [Int] = []
        if let v = valueColumn { s.append(v) }
        for c in criteria.map(\.column) + keyColumns where !s.contains(c) { s.append(c) }
        return s
    }

    var keepsSorted: Bool {
        switch kind {
        case .min, .max, .minifs, .maxifs, .rank: true
        default: false
        }
    }

    func reset(criteria evaluated: [Criterion]) {
        self.evaluated = evaluated
        criterionError = evaluated.lazy.compactMap(\.error).first
        total = Accumulator(sorted: keepsSorted && !isGrouped)
        // A rebuild finds about as many groups as the last build.
        groups = Dictionary(minimumCapacity: groups.count)
    }

    /// Loads sorted values in one O(n log n) step after a scan of the rows.
    func bulkLoadSorted(_ values: [Double]) {
        if keepsSorted, !isGrouped { total.sorted = SortedMultiset(values.map(sortKey)) }
    }

    /// RANK orders numbers as shown (15 digits), so equal shown totals tie.
    @inline(__always)
    private func sortKey(_ x: Double) -> Double { kind == .rank ? Num.canonical(x) : x }

    /// What one row contributes: nil when it fails a criterion (or, grouped,
    /// has a key no equality criterion can match); else its group and the
    /// value of the aggregated column (TRUE for COUNTIF(S)).
    func contribution(_ read: (Int) -> Value) -> Contribution? {
        for (i, c) in criteria.enumerated() where !evaluated[i].matches(read(c.column)) {
            return nil
        }
        var key: GroupPath?
        for c in keyColumns {
            guard let k = GroupKey(cell: read(c)) else { return nil }
            if key == nil { key = GroupPath(k) } else { key!.append(k) }
        }
        guard let v = valueColumn else { return (key, .bool(true)) }
        return (key, read(v))
    }

    /// Adds (`sign` 1) or takes away (`sign` -1) one row's contribution.
    /// Sorted kinds may skip the multiset while bulk loading.
    func apply(_ c: Contribution?, sign: Int, updateSorted: Bool = true) {
        guard let c else { return }
        if let key = c.key {
            groups[key, default: Accumulator(sorted: keepsSorted)].apply(c.value, sign: sign, sortKey: sortKey)
            // Only taking a row away can empty a group.
            if sign < 0, groups[key]!.matched == 0 { groups[key] = nil }
        } else {
            total.apply(c.value, sign: sign, sortKey: sortKey, updateSorted: updateSorted)
        }
    }

    /// The result of an ungrouped aggregate; `firstError` finds the error to
    /// report when the values hold one (Excel reports the first in order).
    func result(firstError: () -> CellError) -> Value {
        if let e = criterionError { return .error(e) }
        return total.result(kind, firstError: firstError)
    }

    /// The result for one group of a grouped aggregate.
    func result(group key: GroupPath, firstError: () -> CellError) -> Value {
        if let e = criterionError { return .error(e) }
        return (groups[key] ?? Accumulator(sorted: keepsSorted)).result(kind, firstError: firstError)
    }

    var errors: Int { total.errors }

    /// RANK of `x`: 1 + how many values are greater (descending) or less.
    func rank(of x: Double, descending: Bool) -> Value {
        guard let before = total.sorted?.rank(of: Num.canonical(x), descending: descending) else { return .error(.na) }
        return .number(Double(before + 1))
    }
}

extension GroupKey {
    /// The group a cell falls in for equality criteria: numbers (and numeric
    /// text, which a number criterion matches) by value, other text
    /// case-insensitively, booleans as themselves. Empty cells and errors
    /// match no equality criterion a key can stand for.
    init?(cell v: Value) {
        switch v {
        case .number(let x): self = .number(Num.canonical(x))
        case .bool(let b): self = .bool(b)
        case .text(let s):
            if let x = Num.parseLenient(s) { self = .number(x) } else { self = .text(s.caseFolded) }
        case .empty, .error: return nil
        }
    }
}

extension Node {
    /// Visits every read of a grouped aggregate in the formula, with the
    /// nodes that name the group.
    func forEachGroupedRead(_ body: (Int, [Node]) -> Void) {
        switch self {
        case .literal, .cell, .param, .range, .aggregate, .broken: break
        case .unary(_, let a): a.forEachGroupedRead(body)
        case .binary(_, let a, let b):
            a.forEachGroupedRead(body)
            b.forEachGroupedRead(body)
        case .call(_, let args): for a in args { a.forEachGroupedRead(body) }
        case .rank(_, let x, let order):
            x.forEachGroupedRead(body)
            order?.forEachGroupedRead(body)
        case .grouped(let a, let keys, let fallback):
            body(a, keys)
            for k in keys { k.forEachGroupedRead(body) }
            fallback.forEachGroupedRead(body)
        }
    }
}
