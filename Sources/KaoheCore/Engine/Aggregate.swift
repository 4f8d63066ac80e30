/// A whole-column aggregate kept up to date incrementally: SUM, AVERAGE,
/// COUNT, COUNTA, MIN, MAX over a column, the *IF(S) family with criteria that
/// do not depend on the row, and the sorted values RANK looks up.
///
/// One aggregate serves every formula that spells it the same way (say
/// `AVERAGEIF(cadres[instructor], TRUE, cadres[rural_raw])` used by a whole
/// column). An edit to one source row moves its state in O(1) (O(log n) for
/// the sorted kinds), so an edit never rescans the column.
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
    let params: Set<Int>

    var dependents: [ColumnRef] = []
    var built = false
    var building = false

    private(set) var evaluated: [Criterion] = []
    private(set) var sum = ExactSum()
    private(set) var numbers = 0
    private(set) var nonEmpty = 0
    private(set) var matched = 0
    private(set) var errors = 0
    private(set) var sorted: SortedMultiset?
    /// The result as of the last build or update.
    var current: Value = .empty

    init(kind: Kind, signature: String, sheet: Int, valueColumn: Int?, criteria: [(column: Int, node: Node)], params: Set<Int>) {
        self.kind = kind
        self.signature = signature
        self.sheet = sheet
        self.valueColumn = valueColumn
        self.criteria = criteria
        self.params = params
    }

    /// Every column the aggregate reads.
    var sources: [Int] {
        var s: [Int] = []
        if let v = valueColumn { s.append(v) }
        for c in criteria where !s.contains(c.column) { s.append(c.column) }
        return s
    }

    var keepsSorted: Bool {
        switch kind {
        case .min, .max, .minifs, .maxifs, .rank: true
        default: false
        }
    }

    /// An error a criterion evaluated to: it is the result, as in Excel.
    private(set) var criterionError: CellError?

    func reset(criteria evaluated: [Criterion]) {
        self.evaluated = evaluated
        criterionError = evaluated.lazy.compactMap(\.error).first
        sum = ExactSum()
        numbers = 0
        nonEmpty = 0
        matched = 0
        errors = 0
        sorted = keepsSorted ? SortedMultiset() : nil
    }

    /// Loads sorted values in one O(n log n) step after a scan of the rows.
    func bulkLoadSorted(_ values: [Double]) {
        if keepsSorted { sorted = SortedMultiset(kind == .rank ? values.map(Num.canonical) : values) }
    }

    /// RANK orders numbers as shown (15 digits), so equal shown totals tie.
    @inline(__always)
    private func sortKey(_ x: Double) -> Double { kind == .rank ? Num.canonical(x) : x }

    /// What one row contributes: nil when it fails a criterion, else the
    /// value of the aggregated column (TRUE for COUNTIF(S)).
    func contribution(_ read: (Int) -> Value) -> Value? {
        for (i, c) in criteria.enumerated() where !evaluated[i].matches(read(c.column)) {
            return nil
        }
        guard let v = valueColumn else { return .bool(true) }
        return read(v)
    }

    /// Adds (`sign` 1) or takes away (`sign` -1) one row's contribution.
    /// Sorted kinds may skip the multiset while bulk loading.
    func apply(_ v: Value?, sign: Int, updateSorted: Bool = true) {
        guard let v else { return }
        matched += sign
        switch v {
        case .number(let x):
            if sign > 0 { sum.add(x) } else { sum.subtract(x) }
            numbers += sign
            nonEmpty += sign
            if updateSorted, sorted != nil {
                let key = sortKey(x)
                if sign > 0 { sorted!.insert(key) } else { sorted!.remove(key) }
            }
        case .text, .bool: nonEmpty += sign
        case .error:
            errors += sign
            nonEmpty += sign
        case .empty: break
        }
    }

    /// The aggregate's result; `firstError` finds the error to report when
    /// the aggregated values hold one (Excel reports the first in order).
    func result(firstError: () -> CellError) -> Value {
        if let e = criterionError { return .error(e) }
        switch kind {
        case .count: return .number(Double(numbers))
        case .counta: return .number(Double(nonEmpty))
        case .countifs: return .number(Double(matched))
        case .rank: return .empty
        default: break
        }
        if errors > 0 { return .error(firstError()) }
        switch kind {
        case .sum, .sumifs:
            return .number(sum.value)
        case .average, .averageifs:
            if numbers == 0 { return .error(.div0) }
            return .number(sum.value / Double(numbers))
        case .min, .minifs: return .number(sorted?.smallest ?? 0)
        case .max, .maxifs: return .number(sorted?.largest ?? 0)
        default: return .empty
        }
    }

    /// RANK of `x`: 1 + how many values are greater (descending) or less.
    func rank(of x: Double, descending: Bool) -> Value {
        let x = Num.canonical(x)
        guard let sorted, sorted.contains(x) else { return .error(.na) }
        let before = descending ? sorted.countGreater(than: x) : sorted.countLess(than: x)
        return .number(Double(before + 1))
    }
}
