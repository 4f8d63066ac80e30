/// What the workbook keeps about one column's values once asked: the rows by
/// value (`rows(where:equals:sheet:)`) and the running extent
/// (`maximum(column:sheet:)`). Each part is built on first use and then moved
/// by every change of the column's values (`Workbook.notify`) and rows
/// (`rowsChanged`), so undo and redo, which are edits too, keep it right.
///
/// While a part exists every live cell of the column is current: a computed
/// column whose cells all go stale at once (a new epoch) drops its parts, and
/// they are rebuilt by the next question.
struct ColumnIndex {
    /// Live slots by `key(_:)`, each list ascending. Slots ascend in sheet
    /// order: rows are appended with new slots and come back where they were.
    var rows: [Value: [Int32]]?
    /// The column's numbers and error count, as `MAX` keeps them.
    var extent: Accumulator?
    /// The distinct numbers among `rows`' keys, ascending (canonical, as
    /// RANK compares them): the rows in a range of values
    /// (`rows(where:from:to:sheet:)`). Kept only while `rows` is.
    var numbers: [Double]?
    /// Every slot's group number (`GroupCodes.slotCode`; `none` for slots
    /// not live): what grouped aggregates keyed by the column, and their
    /// readers keyed by it, group by.
    var codes: [UInt32]?

    var isEmpty: Bool { rows == nil && extent == nil && codes == nil }

    /// Equal as Excel's `=` has it: text case-insensitively, numbers as shown
    /// (`Value`'s hash and equality already compare numbers as shown).
    static func key(_ v: Value) -> Value {
        if case .text(let s) = v { return .text(s.caseFolded) }
        return v
    }

    mutating func insert(_ v: Value, slot: Int32, groups: GroupCodes) {
        if codes != nil {
            let i = Int(slot)
            if i >= codes!.count { codes! += repeatElement(GroupCodes.none, count: i + 1 - codes!.count) }
            codes![i] = groups.slotCode(v)
        }
        if rows != nil {
            let k = Self.key(v)
            if rows![k] == nil, numbers != nil, case .number(let x) = k { numbers!.insertSorted(Num.canonical(x)) }
            rows![k, default: []].insertSorted(slot)
        }
        extent?.apply(v, sign: 1, sortKey: { $0 })
    }

    mutating func remove(_ v: Value, slot: Int32) {
        if codes != nil, Int(slot) < codes!.count { codes![Int(slot)] = GroupCodes.none }
        if rows != nil {
            let k = Self.key(v)
            rows![k]?.removeSorted(slot)
            if rows![k]?.isEmpty == true {
                rows![k] = nil
                if numbers != nil, case .number(let x) = k { numbers!.removeSorted(Num.canonical(x)) }
            }
        }
        extent?.apply(v, sign: -1, sortKey: { $0 })
    }
}

extension [Double] {
    mutating func insertSorted(_ x: Double) {
        let i = lowerBound(x)
        if i == count || self[i] != x { insert(x, at: i) }
    }

    mutating func removeSorted(_ x: Double) {
        let i = lowerBound(x)
        if i < count, self[i] == x { remove(at: i) }
    }

    func lowerBound(_ x: Double) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if self[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}

extension Sheet {
    /// Where a live slot stands in `order`, which ascends by slot.
    func position(of slot: Int32) -> Int? {
        var lo = 0, hi = order.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if order[mid] < slot { lo = mid + 1 } else { hi = mid }
        }
        return lo < order.count && order[lo] == slot ? lo : nil
    }
}

extension [Int32] {
    /// Inserts into an ascending list: O(1) at the end, where new rows go.
    mutating func insertSorted(_ x: Int32) {
        if last.map({ $0 < x }) ?? true {
            append(x)
            return
        }
        insert(x, at: lowerBound(x))
    }

    mutating func removeSorted(_ x: Int32) {
        let i = lowerBound(x)
        if i < count, self[i] == x { remove(at: i) }
    }

    private func lowerBound(_ x: Int32) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if self[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}

extension Workbook {
    /// The live rows whose value in `column` equals `value` as Excel's `=`
    /// compares (text case-insensitively, numbers as shown; numeric text is
    /// not a number), in sheet order. Works on computed columns too.
    ///
    /// ```swift
    /// try wb.rows(where: "cadre", equals: .text("c17"), sheet: "events")
    /// ```
    ///
    /// - Complexity: O(matches), after one O(rows) pass on first use (and,
    ///   for a computed column, after an edit that made the whole column stale).
    public func rows(where column: String, equals value: Value, sheet: String) throws(WorkbookError) -> [RowID] {
        let ref = try columnRef(column, sheet: sheet)
        return (indexedRows(ref)[ColumnIndex.key(canonicalInput(value))] ?? []).map(RowID.init)
    }

    /// The position in sheet order of the first (or last) row whose value
    /// equals `x` as an exact lookup compares (`x` is neither blank nor an
    /// error, so blank cells never match): what MATCH and XLOOKUP find
    /// without scanning.
    /// - Complexity: O(log n), after the index is built.
    func exactPosition(_ ref: ColumnRef, _ x: Value, last: Bool) -> Int? {
        guard let slots = indexedRows(ref)[ColumnIndex.key(x)], let slot = last ? slots.last : slots.first else { return nil }
        return sheets[ref.sheet].position(of: slot)
    }

    /// Every slot's group number in a column (`ColumnIndex.codes`) where
    /// reading them costs no computation ahead of need: an input column's,
    /// numbered from its storage on first use, or ones already built; nil
    /// for a computed column.
    func readySlotCodes(_ ref: ColumnRef) -> [UInt32]? {
        let col = column(ref)
        if let codes = col.index.codes { return codes }
        guard !col.isComputed else { return nil }
        var codes = [UInt32](repeating: GroupCodes.none, count: col.values.count)
        let order = sheets[ref.sheet].order
        let stored = col.values
        groupCodes.slotCodes(count: order.count, { stored[Int(order[$0])] }) { i, c in
            codes[Int(order[i])] = c
        }
        col.index.codes = codes
        return codes
    }

    /// Renumbers the groups when their numbering outgrew its use (see
    /// `GroupCodes.outgrewUse`): only the groups aggregates hold keep a
    /// number; columns' slot codes are built again when asked.
    func compactGroupCodesIfBloated() {
        guard groupCodes.outgrewUse() else { return }
        var kept: [UInt32] = []
        for agg in aggregates where agg.built && agg.isGrouped { kept += agg.heldCodes }
        let map = groupCodes.compact(keeping: kept)
        for agg in aggregates where agg.built { agg.renumber(map) }
        for sheet in sheets {
            for col in sheet.columns { col.index.codes = nil }
        }
    }

    func indexedRows(_ ref: ColumnRef) -> [Value: [Int32]] {
        let col = column(ref)
        if let rows = col.index.rows { return rows }
        var rows: [Value: [Int32]] = [:]
        for slot in sheets[ref.sheet].order { rows[ColumnIndex.key(value(ref.sheet, ref.column, slot)), default: []].append(slot) }
        col.index.rows = rows
        return rows
    }

    /// `MAX` of a column: the largest number, 0 when there is none, the first
    /// error in sheet order when the column holds one. Text and booleans are
    /// skipped, as `MAX` over a range skips them. For the next number of a
    /// numbered sheet: `maximum + 1`.
    ///
    /// - Complexity: O(1) (O(log n) per edit of the column), after one
    ///   O(rows) pass on first use.
    public func maximum(column: String, sheet: String) throws(WorkbookError) -> Value {
        let ref = try columnRef(column, sheet: sheet)
        let col = self.column(ref)
        if col.index.extent == nil {
            var extent = Accumulator(sorted: false)
            var numbers: [Double] = []
            for slot in sheets[ref.sheet].order {
                let v = self.value(ref.sheet, ref.column, slot)
                extent.apply(v, sign: 1, sortKey: { $0 }, updateSorted: false)
                if case .number(let x) = v { numbers.append(x) }
            }
            extent.sorted = SortedMultiset(numbers)
            col.index.extent = extent
        }
        return col.index.extent!.result(.max) {
            for slot in sheets[ref.sheet].order {
                if case .error(let e) = self.value(ref.sheet, ref.column, slot) { return e }
            }
            return .value
        }
    }

    /// Moves a column's index by one cell's change of value.
    /// The live rows whose value in `column` is a number from `low` to
    /// `high` (`high` itself unless `includingHigh` is false; numbers compared as RANK compares them), in
    /// ascending order of value, each value's rows in sheet order.
    ///
    /// - Complexity: O(log n + matches), after one O(n log n) pass on first
    ///   use (and, for a computed column, after its cells all went stale).
    public func rows(where column: String, from low: Double, to high: Double, includingHigh: Bool = true,
                     sheet: String) throws(WorkbookError) -> [RowID] {
        let ref = try columnRef(column, sheet: sheet)
        let (rows, numbers) = sortedNumbers(ref)
        var out: [RowID] = []
        var i = numbers.lowerBound(Num.canonical(low))
        let top = Num.canonical(high)
        while i < numbers.count, numbers[i] < top || (includingHigh && numbers[i] == top) {
            out += (rows[.number(numbers[i])] ?? []).map(RowID.init)
            i += 1
        }
        return out
    }

    /// The rows with the lowest numbers in `column`, whole groups of equal
    /// values, until at least `count` rows (or every numeric row) are in.
    /// - Complexity: O(log n + the rows returned), after the first use.
    public func lowestRows(_ column: String, count: Int, sheet: String) throws(WorkbookError) -> [RowID] {
        let ref = try columnRef(column, sheet: sheet)
        let (rows, numbers) = sortedNumbers(ref)
        var out: [RowID] = []
        for x in numbers where out.count < count { out += (rows[.number(x)] ?? []).map(RowID.init) }
        return out
    }

    /// Whether the value index of `column` exists: while it does, every
    /// live cell of the column is current and every change of one has moved it.
    public func hasValueIndex(_ column: String, sheet: String) -> Bool {
        (try? columnRef(column, sheet: sheet)).map { self.column($0).index.rows != nil } ?? false
    }

    private func sortedNumbers(_ ref: ColumnRef) -> (rows: [Value: [Int32]], numbers: [Double]) {
        let rows = indexedRows(ref)
        let col = column(ref)
        if let numbers = col.index.numbers { return (rows, numbers) }
        var numbers: [Double] = []
        for case .number(let x) in rows.keys { numbers.append(Num.canonical(x)) }
        numbers.sort()
        col.index.numbers = numbers
        return (rows, numbers)
    }

    func indexMoved(_ col: Column, slot: Int32, old: Value, new: Value) {
        guard !col.index.isEmpty else { return }
        col.index.remove(old, slot: slot)
        col.index.insert(new, slot: slot, groups: groupCodes)
    }
}
