/// The running state of one aggregate (or of one group of a grouped one):
/// an exact sum, counts, and for MIN, MAX and RANK the sorted values.
struct Accumulator {
    var sum = ExactSum()
    var numbers: Int32 = 0
    var nonEmpty: Int32 = 0
    var matched: Int32 = 0
    var errors: Int32 = 0
    /// The sorted values (MIN, MAX, RANK), boxed: a grouped aggregate keeps
    /// an accumulator per group (a million cadres), most kinds without them,
    /// and the box costs such a group one word, not the multiset's three.
    private var box: SortedBox?

    init(sorted: Bool) { box = sorted ? SortedBox(SortedMultiset()) : nil }

    var sorted: SortedMultiset? {
        get { box?.values }
        set {
            guard let newValue else { return box = nil }
            if box != nil, isKnownUniquelyReferenced(&box!) { box!.values = newValue } else { box = SortedBox(newValue) }
        }
    }

    /// Adds (`sign` 1) or takes away (`sign` -1) one row's value; `key` is the
    /// value as the sorted multiset keeps it.
    /// `summing` false: a kind whose result is no sum (COUNT, MIN, RANK, …)
    /// keeps none.
    mutating func apply(_ v: Value, sign: Int, sortKey: (Double) -> Double, updateSorted: Bool = true, summing: Bool = true) {
        let step = Int32(sign)
        matched += step
        switch v {
        case .number(let x):
            if summing { if sign > 0 { sum.add(x) } else { sum.subtract(x) } }
            numbers += step
            nonEmpty += step
            if updateSorted, box != nil {
                // In place: a copy of this accumulator keeps its own values.
                if !isKnownUniquelyReferenced(&box!) { box = SortedBox(box!.values) }
                if sign > 0 { box!.values.insert(sortKey(x)) } else { box!.values.remove(sortKey(x)) }
            }
        case .text, .bool: nonEmpty += step
        case .error:
            errors += step
            nonEmpty += step
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
        // Read in the box, not through `sorted` (a copy of the multiset a read).
        case .min, .minifs: return .number(box?.values.smallest ?? 0)
        case .max, .maxifs: return .number(box?.values.largest ?? 0)
        default: return .empty
        }
    }
}

/// An accumulator's sorted values, shared by copies until one changes them.
final class SortedBox {
    var values: SortedMultiset
    init(_ values: SortedMultiset) { self.values = values }
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
    /// The workbook's numbering of groups, shared by every aggregate and
    /// every column's slot codes (`ColumnIndex.codes`).
    let codes: GroupCodes
    /// By group code: where the group's state is in `groups`, -1 while the
    /// aggregate holds none (codes past the end hold none either).
    @exclusivity(unchecked) private(set) var groupAt: [Int32] = []
    /// The groups' states, in the order they were met. A group emptied by
    /// edits keeps its place, reset to a fresh state.
    @exclusivity(unchecked) private(set) var groups: [Accumulator] = []
    /// The result as of the last build or update (ungrouped kinds).
    @exclusivity(unchecked) var current: Value = .empty

    init(kind: Kind, signature: String, sheet: Int, valueColumn: Int?, criteria: [(column: Int, node: Node)],
         keyColumns: [Int] = [], params: Set<Int>, codes: GroupCodes) {
        self.codes = codes
        self.kind = kind
        self.signature = signature
        self.sheet = sheet
        self.valueColumn = valueColumn
        self.criteria = criteria
        self.keyColumns = keyColumns
        self.params = params
        switch kind {
        case .sum, .sumifs, .average, .averageifs: keepsSum = true
        default: keepsSum = false
        }
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

    /// Whether the result is read from the exact sum (else none is kept).
    let keepsSum: Bool

    func reset(criteria evaluated: [Criterion]) {
        self.evaluated = evaluated
        criterionError = evaluated.lazy.compactMap(\.error).first
        total = Accumulator(sorted: keepsSorted && !isGrouped)
        // A rebuild finds about as many groups as the last build.
        let held = groups.count
        groups = []
        groups.reserveCapacity(held)
        groupAt = isGrouped ? Array(repeating: -1, count: codes.count) : []
    }

    /// Loads the numbers of a scan of the rows in one step: the sorted values
    /// in O(n log n), and with `summing` (`addNumbers` counted them) their
    /// exact sum.
    func bulkLoad(_ values: [Double], summing: Bool) {
        if summing, keepsSum { values.withUnsafeBufferPointer { total.sum.add(contentsOf: $0) } }
        guard keepsSorted, !isGrouped else { return }
        total.sorted = kind == .rank ? SortedMultiset(sorted: SortedMultiset.canonicalSorted(values)) : SortedMultiset(values)
    }

    /// RANK orders numbers as shown (15 digits), so equal shown totals tie.
    @inline(__always)
    private func sortKey(_ x: Double) -> Double { kind == .rank ? Num.canonical(x) : x }

    /// What one row contributes: nil when it fails a criterion (or, grouped,
    /// has a key no equality criterion can match); else its group and the
    /// value of the aggregated column (TRUE for COUNTIF(S)).
    func contribution(_ read: (Int) -> Value) -> Contribution? {
        guard passes(read) else { return nil }
        var key: GroupPath?
        for c in keyColumns {
            guard let k = GroupKey(cell: read(c)) else { return nil }
            if key == nil { key = GroupPath(k) } else { key!.append(k) }
        }
        guard let v = valueColumn else { return (key, .bool(true)) }
        return (key, read(v))
    }

    /// Whether a row meets every row-independent criterion.
    @inline(__always)
    func passes(_ read: (Int) -> Value) -> Bool {
        for (i, c) in criteria.enumerated() where !evaluated[i].matches(read(c.column)) {
            return false
        }
        return true
    }

    /// Adds (`sign` 1) or takes away (`sign` -1) one row's contribution.
    /// Sorted kinds may skip the multiset while bulk loading.
    func apply(_ c: Contribution?, sign: Int, updateSorted: Bool = true) {
        guard let c else { return }
        if let key = c.key {
            apply(group: codes.code(key), c.value, sign: sign)
        } else {
            total.apply(c.value, sign: sign, sortKey: sortKey, updateSorted: updateSorted, summing: keepsSum)
        }
    }

    /// Adds one row's value, packed, that is not a number to an ungrouped
    /// aggregate being built.
    func add(packed p: UInt64) {
        total.apply(ColumnValues.unpack(p), sign: 1, sortKey: sortKey, updateSorted: false)
    }

    /// Counts `n` numbers in an ungrouped aggregate being built; their sum
    /// and sorted places are `bulkLoad`'s.
    func addNumbers(_ n: Int) {
        total.numbers += Int32(n)
        total.nonEmpty += Int32(n)
        total.matched += Int32(n)
    }

    /// Gives the groups numbered `codes` (with repeats) their states, in
    /// number order, before a build fills them: a reading sheet numbered
    /// first (the cadres, each id in row order) then reads the states in
    /// the order they lie in memory, not in the order the events met them.
    func place(_ codes: [UInt32]) {
        let unplaced: Int32 = -2
        var count = 0
        for c in codes {
            let g = Int(c)
            reach(g)
            if groupAt[g] == -1 {
                groupAt[g] = unplaced
                count += 1
            }
        }
        groups.reserveCapacity(groups.count + count)
        for g in groupAt.indices where groupAt[g] == unplaced {
            groupAt[g] = Int32(groups.count)
            groups.append(Accumulator(sorted: keepsSorted))
        }
    }

    /// Makes room in `groupAt` for the number `g` (numbers given since the
    /// last build hold no group).
    @inline(__always)
    private func reach(_ g: Int) {
        if g >= groupAt.count { groupAt += repeatElement(-1, count: Swift.max(g + 1, codes.count) - groupAt.count) }
    }

    /// Adds or takes away one row's value in the group numbered `code`.
    @inline(__always)
    func apply(group code: UInt32, _ v: Value, sign: Int) {
        let g = Int(code)
        reach(g)
        var at = Int(groupAt[g])
        if at < 0 {
            at = groups.count
            groups.append(Accumulator(sorted: keepsSorted))
            groupAt[g] = Int32(at)
        }
        groups[at].apply(v, sign: sign, sortKey: sortKey, summing: keepsSum)
        // Only taking a row away can empty a group; an empty one reads as none.
        if sign < 0, groups[at].matched == 0 { groups[at] = Accumulator(sorted: keepsSorted) }
    }

    /// The result of an ungrouped aggregate; `firstError` finds the error to
    /// report when the values hold one (Excel reports the first in order).
    func result(firstError: () -> CellError) -> Value {
        if let e = criterionError { return .error(e) }
        return total.result(kind, firstError: firstError)
    }

    /// The result for one group of a grouped aggregate.
    func result(group key: GroupPath, firstError: () -> CellError) -> Value {
        result(group: codes.find(key), firstError: firstError)
    }

    /// The result for the group numbered `code` (nil: a group no row was
    /// ever in).
    @inline(__always)
    func result(group code: UInt32?, firstError: () -> CellError) -> Value {
        if let e = criterionError { return .error(e) }
        if let code, Int(code) < groupAt.count {
            let at = Int(groupAt[Int(code)])
            if at >= 0 { return groups[at].result(kind, firstError: firstError) }
        }
        return Accumulator(sorted: keepsSorted).result(kind, firstError: firstError)
    }

    /// After `GroupCodes.compact`: the held groups under their new codes.
    func renumber(_ map: [UInt32]) {
        guard isGrouped else { return }
        var next = [Int32](repeating: -1, count: codes.count)
        for (old, at) in groupAt.enumerated() where at >= 0 && map[old] != GroupCodes.none { next[Int(map[old])] = at }
        groupAt = next
    }

    /// The codes of the groups held, for `GroupCodes.compact`.
    var heldCodes: [UInt32] {
        groupAt.indices.compactMap { groupAt[$0] >= 0 && groups[Int(groupAt[$0])].matched > 0 ? UInt32($0) : nil }
    }

    var errors: Int { Int(total.errors) }

    /// RANK of many numbers in one order at once, packed, as
    /// `rank(of:descending:)` gives each: one pass to flatten the sorted
    /// values, then a plain binary search a number (for a column pass, where
    /// the questions are about as many as the values).
    ///
    /// Scores tie (a thousand totals hold a few hundred values), so each
    /// number's answer is remembered by its bits until half as many numbers
    /// as questions proved distinct: a repeated number costs a probe, not a
    /// canonical value and a search.
    func ranks(of xs: [Double], descending: Bool) -> [UInt64] {
        let na = ColumnValues.pack(.error(.na))!
        guard let sorted = total.sorted else { return xs.map { _ in na } }
        return sorted.withFlattened { flat in
            // 1 + how many are greater (or less); 0 when x is not among them.
            func rank(_ x: Double) -> Int32 {
                guard let before = SortedMultiset.rank(in: flat, of: Num.canonical(x), descending: descending) else { return 0 }
                return Int32(before + 1)
            }
            let room = xs.count / 2
            let memo = BitsTable()
            return [UInt64](unsafeUninitializedCapacity: xs.count) { out, count in
                for (k, x) in xs.enumerated() {
                    let r: Int32
                    let bits = x.bitPattern
                    let (slot, held) = memo.probe(bits)
                    if held {
                        r = memo.number(at: slot)
                    } else {
                        r = rank(x)
                        if memo.count < room { memo.put(bits, r, at: slot) }
                    }
                    out[k] = r == 0 ? na : Double(r).bitPattern
                }
                count = xs.count
            }
        }
    }

    var sortedCount: Int { total.sorted?.count ?? 0 }

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

/// The workbook's numbering of the groups of grouped aggregates. Every
/// `GroupPath` met gets a number, kept until `compact`, so that an aggregate
/// keeps its groups in arrays indexed by it, and a key column's cells carry
/// their group's number (`ColumnIndex.codes`): a build over a cadre's events,
/// and each cadre reading its group, then find the group without hashing
/// its text. One numbering for the workbook, so that `events[cadre]`'s
/// cells and `cadres[id]`'s cells name a cadre by the same number.
final class GroupCodes {
    /// A slot code: the cell names no group (a blank, an error, a row not live).
    static let none: UInt32 = .max
    /// Set in a slot code when the cell, read as a criterion by a reading
    /// row, is not the plain equality that names its group (`"=x"`, `"a*"`,
    /// numeric text, a blank): that row looks its group up the long way.
    static let notPlain: UInt32 = 0x8000_0000

    private(set) var paths: [GroupPath] = []
    private var numbers: [GroupPath: UInt32] = [:]
    /// Texts by their bytes: as met in cells, each one's slot code (the
    /// entry's `value`); as the group of one ASCII text (see `asciiForm`),
    /// that group's number (`group`). The commonest text, an id met first in
    /// the roster, takes one entry for both, found by one probe.
    private var texts = TextTable(byBytes: true)
    /// The count after the last compaction (or the first check).
    private var baseline: Int?

    var count: Int { paths.count }

    /// The number of a group, given one if it has none.
    @inline(__always)
    func code(_ p: GroupPath) -> UInt32 {
        if let c = find(p) { return c }
        let c = UInt32(paths.count)
        paths.append(p)
        enter(p, c)
        return c
    }

    func find(_ p: GroupPath) -> UInt32? {
        if let a = Self.asciiForm(p) {
            guard let g = texts.entry(a, hash: TextTable.hash(a, byBytes: true))?.group, g != TextTable.unset else { return nil }
            return g
        }
        return numbers[p]
    }

    /// Files a group under its number, in the table `find` looks in.
    private func enter(_ p: GroupPath, _ c: UInt32) {
        if let a = Self.asciiForm(p) {
            texts.set(a, hash: TextTable.hash(a, byBytes: true), group: c)
        } else {
            numbers[p] = c
        }
    }

    /// The ASCII text a group of one text key is `==` to, if any: such
    /// groups are numbered by those bytes (`String.asciiEquivalent`), a
    /// probe of one table, not a `GroupPath` hashed and compared.
    static func asciiForm(_ p: GroupPath) -> String? {
        guard p.rest.isEmpty, case .text(let t) = p.first else { return nil }
        return t.asciiEquivalent
    }

    /// A cell's slot code: its group's number (`none` for a blank or an
    /// error), with `notPlain` set where a reading row may not take that
    /// group for its criterion.
    func slotCode(_ v: Value) -> UInt32 {
        guard case .text(let s) = v else { return slotCode(computing: v) }
        return slotCode(v, hash: TextTable.hash(s, byBytes: true))
    }

    /// `slotCode` of a cell whose text (if it is one) hashes to `h`.
    @inline(__always)
    private func slotCode(_ v: Value, hash h: UInt64) -> UInt32 {
        // A text's code is decided by its bytes: remembered by them.
        guard case .text(let s) = v else { return slotCode(computing: v) }
        let known = texts.entry(s, hash: h)
        if let c = known?.value, c != TextTable.unset { return c }
        if known == nil, Self.isOwnGroup(s) {
            // New, and its own group (an id met first in the roster): one
            // entry for both numbers, made where the probe ended.
            let c = UInt32(paths.count)
            paths.append(GroupPath(.text(s)))
            texts.add(s, hash: h, value: c, group: c)
            return c
        }
        let c = slotCode(computing: v)
        texts.set(s, hash: h, value: c)
        return c
    }

    /// Whether a text is its own group's ASCII form and the plain equality
    /// a reading row takes it for, as `slotCode(computing:)` would find:
    /// ASCII without capitals (it folds to itself), and plain as a criterion
    /// (so no number either: a criterion's first byte rules numbers out).
    private static func isOwnGroup(_ s: String) -> Bool {
        var s = s
        let lowerASCII = s.withUTF8 { b in !b.isEmpty && b.allSatisfy { $0 < 0x80 && !(0x41...0x5A).contains($0) } }
        return lowerASCII && Criterion.plainText(s) != nil
    }

    /// The slot codes of `n` cells (`cell(i)`), as `slotCode` gives each,
    /// handed to `put`. A cell's text is hashed, and the memory its probe
    /// starts at asked for, `ahead` cells before its turn: at a million ids
    /// the table is tens of megabytes and nearly every probe misses the
    /// cache, so the misses of the cells in between are fetched together,
    /// not one after another. Room for new texts is made once, when the
    /// first cells show how many of them are new.
    @inline(__always)
    func slotCodes(count n: Int, _ cell: (Int) -> Value, _ put: (Int, UInt32) -> Void) {
        let ahead = 16
        var hashes = [UInt64](repeating: 0, count: ahead)
        let before = texts.count
        let sample = Swift.min(n, 4096)
        func fetch(_ i: Int) {
            guard case .text(let s) = cell(i) else { return }
            let h = TextTable.hash(s, byBytes: true)
            hashes[i % ahead] = h
            texts.prefetch(hash: h)
        }
        for i in 0..<Swift.min(n, ahead) { fetch(i) }
        for i in 0..<n {
            if i == sample, n > sample {
                // The rest of the cells bring new texts at the rate the
                // sample did (most, in a roster's ids; few, in its events).
                let new = texts.count - before
                if new > 0 { texts.reserve(new * (n - sample) / sample) }
            }
            put(i, slotCode(cell(i), hash: hashes[i % ahead]))
            if i + ahead < n { fetch(i + ahead) }
        }
    }

    private func slotCode(computing v: Value) -> UInt32 {
        guard let k = GroupKey(cell: v) else { return Self.none }
        let c = code(GroupPath(k))
        if case .text(let s) = v {
            // Plain text: read as a criterion, its folded self (as `k` is
            // when the text is not a number).
            guard case .text = k, Criterion.plainText(s) != nil else { return c | Self.notPlain }
        }
        return c
    }

    /// Whether numbers given since the last compaction outgrew what was in
    /// use then (a computed key column whose every value moved, edit after
    /// edit). The first check only notes the count as the baseline.
    func outgrewUse() -> Bool {
        guard let baseline else {
            baseline = count
            return false
        }
        return count > 2 * baseline + slack
    }

    /// How many numbers past twice the baseline are let be (small in tests,
    /// to compact often).
    var slack = 1 << 16

    /// Keeps only the numbers `kept` and renumbers them from 0 in order;
    /// returns the new number of each old one (`none`: dropped).
    func compact(keeping kept: [UInt32]) -> [UInt32] {
        var map = [UInt32](repeating: Self.none, count: count)
        var next: [GroupPath] = []
        for c in kept.sorted() where map[Int(c)] == Self.none {
            map[Int(c)] = UInt32(next.count)
            next.append(paths[Int(c)])
        }
        paths = next
        texts = TextTable(byBytes: true)
        numbers = [:]
        for (c, p) in next.enumerated() { enter(p, UInt32(c)) }
        baseline = count
        return map
    }
}
