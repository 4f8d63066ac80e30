/// A function argument that may be a whole column or an array, not just a value.
enum Operand {
    case scalar(Value)
    case range(ColumnRef)
    case array([Value])
}

extension Workbook {
    /// The value of a cell, computing it when its cache is stale.
    @inline(__always)
    func value(_ s: Int, _ c: Int, _ r: Int32) -> Value {
        let col = sheets[s].columns[c]
        let i = Int(r)
        if !col.isComputed { return col.values[i] }
        let stamp = col.stamp[i]
        if stamp == col.epoch { return col.values[i] }
        if stamp == Self.computingMark { return .error(.cycle) }
        return staleRead(col, s, c, r)
    }

    func compute(_ col: Column, _ s: Int, _ r: Int32) -> Value {
        let i = Int(r)
        computeCount &+= 1
        let program: Node?
        var result: Value
        var isColumnFormula = false
        switch col.overrides.isEmpty ? nil : col.overrides[r] {
        case .value(let v):
            program = nil
            result = v
            col.values[i] = v
        case .formula:
            program = col.overridePrograms[r]
            result = .empty
        case nil:
            program = col.program
            isColumnFormula = true
            result = col.values[i]  // an input cell: its own value
        }
        if let program {
            if isColumnFormula && col.cyclic {
                result = .error(.cycle)
            } else {
                col.stamp[i] = Self.computingMark
                if isColumnFormula {
                    result = evalFormula(program, s, r)
                } else {
                    formulaCellsComputing += 1
                    result = evalFormula(program, s, r)
                    formulaCellsComputing -= 1
                }
                // A formula that yields an empty reference shows 0, as in Excel.
                if case .empty = result { result = .number(0) }
            }
            col.values[i] = result
        }
        col.stamp[i] = col.epoch
        return result
    }

    /// A whole formula's result. A final addition or subtraction that
    /// cancels to within a few units in the last place of its operands is 0:
    /// Excel compensates there for the error of converting the operands to
    /// binary, so `=0.1+0.2-0.3` shows 0, while `=(0.1+0.2-0.3)*1` does not.
    func evalFormula(_ node: Node, _ s: Int, _ r: Int32) -> Value {
        guard case .binary(let op, let a, let b) = node, op == .add || op == .subtract else { return eval(node, s, r) }
        let x = eval(a, s, r), y = eval(b, s, r)
        return Ops.cancelled(Ops.binary(op, x, y), x, y)
    }

    /// Evaluates a compiled formula for one row as a single value.
    func eval(_ node: Node, _ s: Int, _ r: Int32) -> Value {
        switch node {
        case .literal(let v): return v
        case .cell(let c): return value(s, c, r)
        case .param(let p): return paramValues[p]
        case .binary(let op, let a, let b): return Ops.binary(op, eval(a, s, r), eval(b, s, r))
        case .unary(let op, let a): return Ops.unary(op, eval(a, s, r))
        case .call(let f, let args):
            var call = Args(workbook: self, nodes: args, sheet: s, row: r)
            return FunctionSpec.table[f].evaluate(&call)
        case .aggregate(let a): return aggregateValue(a)
        case .rank(let a, let x, let order):
            let xv = eval(x, s, r)
            if case .error = xv { return xv }
            guard let number = Ops.coerceNumber(xv) else { return .error(.value) }
            var descending = true
            if let order {
                let o = eval(order, s, r)
                if case .error = o { return o }
                guard let n = Ops.coerceNumber(o) else { return .error(.value) }
                descending = n == 0
            }
            let agg = aggregates[a]
            if agg.building { return .error(.cycle) }
            if !agg.built { build(a) }
            if agg.errors > 0 { return .error(firstError(of: agg)) }
            return agg.rank(of: number, descending: descending)
        case .grouped(let a, let keys, let fallback):
            let agg = aggregates[a]
            if agg.building { return .error(.cycle) }
            // Built even when the fallback answers, so that every reader of a
            // stale aggregate is stale (see `staleAggregate`).
            if !agg.built { build(a, readBy: keys, s) }
            var group: GroupPath?
            for k in keys {
                let v = eval(k, s, r)
                if case .error = v { return v }
                guard let key = criterion(v).equalityKey else {
                    agg.fallbackRead = true
                    return eval(fallback, s, r)
                }
                // A text group's readers are found by their key cell's text
                // (`groupsMoved`); a criterion naming another text ("=x") is not.
                if case .text(let t) = key, ColumnIndex.key(v) != .text(t) { agg.fallbackRead = true }
                if group == nil { group = GroupPath(key) } else { group!.append(key) }
            }
            guard let group else { return .error(.value) }
            return agg.result(group: group) { firstError(of: agg, group: group) }
        case .range: return .error(.value)
        case .broken(let e): return .error(e)
        }
    }

    /// Evaluates where a range or an array is welcome: operators on whole
    /// columns work element by element, as in Excel's array formulas.
    func operand(_ node: Node, _ s: Int, _ r: Int32) -> Operand {
        switch node {
        case .range(let ref): return .range(ref)
        case .unary(let op, let a):
            let o = operand(a, s, r)
            if case .scalar(let v) = o { return .scalar(Ops.unary(op, v)) }
            return .array(elements(o).map { Ops.unary(op, $0) })
        case .binary(let op, let a, let b):
            let x = operand(a, s, r), y = operand(b, s, r)
            if case .scalar(let u) = x, case .scalar(let v) = y { return .scalar(Ops.binary(op, u, v)) }
            let ex = elements(x), ey = elements(y)
            if case .scalar(let u) = x { return .array(ey.map { Ops.binary(op, u, $0) }) }
            if case .scalar(let v) = y { return .array(ex.map { Ops.binary(op, $0, v) }) }
            let n = max(ex.count, ey.count)
            return .array((0..<n).map { i in
                i < ex.count && i < ey.count ? Ops.binary(op, ex[i], ey[i]) : .error(.na)
            })
        default:
            return .scalar(eval(node, s, r))
        }
    }

    /// The values of an operand in order (a scalar is a one-element array).
    func elements(_ o: Operand) -> [Value] {
        switch o {
        case .scalar(let v): return [v]
        case .array(let a): return a
        case .range(let ref): return sheets[ref.sheet].order.map { value(ref.sheet, ref.column, $0) }
        }
    }

    func count(_ o: Operand) -> Int {
        switch o {
        case .scalar: return 1
        case .array(let a): return a.count
        case .range(let ref): return sheets[ref.sheet].order.count
        }
    }

    /// The i-th value of an operand, without building the whole column.
    func element(_ o: Operand, _ i: Int) -> Value {
        switch o {
        case .scalar(let v): return v
        case .array(let a): return a[i]
        case .range(let ref): return value(ref.sheet, ref.column, sheets[ref.sheet].order[i])
        }
    }

    /// A criterion, parsed once per distinct text: the same few criteria
    /// (and each group's key) are read for every row that asks.
    func criterion(_ v: Value) -> Criterion {
        guard case .text(let s) = v else { return Criterion(v) }
        if let c = Criterion.plainText(s) { return c }
        if let c = parsedCriteria[s] { return c }
        // Bounded: a sheet whose criteria are all different gains nothing.
        if parsedCriteria.count >= Self.parsedCriteriaLimit { parsedCriteria.removeAll(keepingCapacity: true) }
        let c = Criterion(v)
        parsedCriteria[s] = c
        return c
    }

    // MARK: Aggregates

    func aggregateValue(_ a: Int) -> Value {
        let agg = aggregates[a]
        if agg.building { return .error(.cycle) }
        if !agg.built { build(a) }
        return agg.current
    }

    /// Builds a grouped aggregate for a reader in sheet `s` whose group is
    /// `keys`. A reader keyed by one column that carries group numbers
    /// (`cadres[id]`) has it numbered first: the groups are then numbered,
    /// and their states laid out (`Aggregate.place`), in the reading rows'
    /// order, which a column pass of the readers then reads in order.
    func build(_ a: Int, readBy keys: [Node], _ s: Int) {
        if keys.count == 1, case .cell(let k) = keys[0] { _ = readySlotCodes(ColumnRef(sheet: s, column: k)) }
        build(a)
    }

    /// Rebuilds an aggregate from every row of its sheet: O(n), once after
    /// whatever made it stale.
    func build(_ a: Int) {
        let agg = aggregates[a]
        agg.building = true
        defer { agg.building = false }
        let criteria = agg.criteria.map { criterion(eval($0.node, agg.sheet, -1)) }
        agg.reset(criteria: criteria)
        let s = agg.sheet
        var numbers: [Double] = []
        let bulkSorted = agg.keepsSorted && !agg.isGrouped
        // A first criterion of plain text (`events[rule]` = "4.2a"): a row
        // passes it only where its column's value index holds that text; every
        // other row fails at it, reading nothing more, so it is not visited.
        // (The index reads that column's cells in row order, as the loop would.)
        // (Cell by cell, `passThreshold` .max, builds row by row through
        // `contribution`, the definition the differential tests hold the
        // short cuts below to.)
        let fast = passThreshold != .max
        var slots = sheets[s].order
        if let first = agg.criteria.first, let text = criteria.first?.plainEquality {
            let ref = ColumnRef(sheet: s, column: first.column)
            if fast, let codes = readySlotCodes(ref) {
                // The cells whose group is that text: the same rows (a text
                // that reads as a number is a number's group, and such a
                // text never folds to a criterion's text, which does not).
                slots = groupCodes.find(GroupPath(.text(text))).map { target in
                    codes.withUnsafeBufferPointer { codes in slots.filter { codes[Int($0)] & ~GroupCodes.notPlain == target } }
                } ?? []
            } else if let rows = column(ref).index.rows {
                slots = rows[.text(text)] ?? []
            }
            // Else a computed column with neither: every row is read, and the
            // loop below drops those that fail (a value index built here, kept
            // and moved by every edit after, cost more than that read).
        }
        // Grouped by one key column whose cells carry their group's number
        // (an input column, or one with its numbers built): no key is read
        // or hashed per row. The criteria are read first, as `contribution`
        // reads them.
        if fast, agg.keyColumns.count == 1, let codes = readySlotCodes(ColumnRef(sheet: s, column: agg.keyColumns[0])) {
            // The criteria and values as lanes (stale cells computed first, in
            // passes), not a `value` call a cell.
            let sources = agg.criteria.map(\.column) + (agg.valueColumn.map { [$0] } ?? [])
            let lanes = sources.allSatisfy { sheets[s].columns[$0].overrides.isEmpty } ? sources.map { cells(s, $0, slots) } : nil
            let k = agg.criteria.count
            func read(_ j: Int, _ i: Int) -> Value { lanes.map { $0[j][i] } ?? value(s, sources[j], slots[i]) }
            // The rows that pass and their groups first, so that the groups'
            // states are laid out in number order (see `Aggregate.place`).
            var passing: [Int] = []
            var groups: [UInt32] = []
            codes.withUnsafeBufferPointer { codes in
                for (i, slot) in slots.enumerated() where (0..<k).allSatisfy({ criteria[$0].matches(read($0, i)) }) {
                    let code = codes[Int(slot)]
                    guard code != GroupCodes.none else { continue }
                    passing.append(i)
                    groups.append(code & ~GroupCodes.notPlain)
                }
            }
            agg.place(groups)
            for (i, code) in zip(passing, groups) { agg.apply(group: code, agg.valueColumn == nil ? .bool(true) : read(k, i), sign: 1) }
        } else if fast, !agg.isGrouped, let lanes = packedSources(agg, s, slots) {
            // Ungrouped over packed columns: each row's values as doubles and
            // codes, no `Value` or closure per row.
            let k = agg.criteria.count
            let codes = criteria.map(\.packedEquality)
            // The rows meeting every criterion (nil: all), a criterion at a time.
            var passing: [Int]?
            for j in 0..<k {
                passing = lanes[j].withUnsafeBufferPointer { c in
                    let code = codes[j]
                    return (passing ?? Array(c.indices)).filter { i in
                        if let code { c[i] == code } else { criteria[j].matches(ColumnValues.unpack(c[i])) }
                    }
                }
            }
            // Their numbers, kept for one exact sum and one sort after the loop.
            let keep = bulkSorted || agg.keepsSum
            let values = agg.valueColumn.map { _ in lanes[k] }
            var counted = 0
            numbers = [Double](unsafeUninitializedCapacity: keep ? slots.count : 0) { out, written in
                func take(_ p: UInt64) {
                    guard ColumnValues.isNumber(p) else { return agg.add(packed: p) }
                    counted += 1
                    if keep {
                        out[written] = Double(bitPattern: p)
                        written += 1
                    }
                }
                PackedSide(values: values, constant: ColumnValues.trueCode).withElements { v in
                    if let passing { for i in passing { take(v(i)) } } else { for i in slots.indices { take(v(i)) } }
                }
            }
            agg.addNumbers(counted)
            agg.bulkLoad(numbers, summing: true)
        } else {
            if bulkSorted { numbers.reserveCapacity(slots.count) }
            for slot in slots {
                let c = agg.contribution { value(s, $0, slot) }
                agg.apply(c, sign: 1, updateSorted: false)
                if bulkSorted, case .number(let x)? = c?.value { numbers.append(x) }
            }
            agg.bulkLoad(numbers, summing: false)
        }
        agg.built = true
        agg.current = agg.result { firstError(of: agg) }
    }

    /// The packed values at `slots` of an ungrouped aggregate's criteria
    /// columns, then of its value column, computed first where stale (as the
    /// row loop would read them); nil when one does not pack or has formula
    /// cells of its own.
    private func packedSources(_ agg: Aggregate, _ s: Int, _ slots: [Int32]) -> [[UInt64]]? {
        var lanes: [[UInt64]] = []
        for c in agg.criteria.map(\.column) + (agg.valueColumn.map { [$0] } ?? []) {
            guard sheets[s].columns[c].overrides.isEmpty, case .packed(let p) = cells(s, c, slots) else { return nil }
            lanes.append(p)
        }
        return lanes
    }

    /// The first error in row order among the values aggregated (of one group).
    func firstError(of agg: Aggregate, group: GroupPath? = nil) -> CellError {
        let s = agg.sheet
        for slot in sheets[s].order {
            guard let c = agg.contribution({ value(s, $0, slot) }), group == nil || c.key == group else { continue }
            if case .error(let e) = c.value { return e }
        }
        return .value
    }

    /// How one row's change of one cell moves a built aggregate; nil when it
    /// does not.
    func shift(_ a: Int, column c: Int, slot r: Int32, old: Value, new: Value) -> Shift? {
        let agg = aggregates[a]
        guard agg.built else { return nil }
        let columns = sheets[agg.sheet].columns
        let before = agg.contribution { $0 == c ? old : columns[$0].values[Int(r)] }
        let after = agg.contribution { $0 == c ? new : columns[$0].values[Int(r)] }
        switch (before, after) {
        case (nil, nil): return nil
        case let (b?, a?) where b.key == a.key && b.value.isIdentical(to: a.value): return nil
        default: return Shift(aggregate: agg, before: before, after: after)
        }
    }

    /// Moves aggregates by one row's change, then marks the readers of those
    /// whose result moved stale. Every shift is applied before any result is
    /// read: finding a result's first error computes cells, which may build
    /// aggregates, and a build between a change and its shift would count
    /// the change twice.
    func move(_ shifts: [Shift]) {
        for s in shifts {
            s.aggregate.apply(s.before, sign: -1)
            s.aggregate.apply(s.after, sign: 1)
        }
        // One made stale by another's readers is rebuilt when read.
        for s in shifts where s.aggregate.built {
            if s.aggregate.isGrouped {
                groupsMoved(s.aggregate, [s.before?.key, s.after?.key].compactMap { $0 ?? nil })
            } else {
                resultMoved(s.aggregate)
            }
        }
    }

    /// After an ungrouped aggregate's state moved: its readers go stale if
    /// what they read may have changed. RANK does not know which readers, so
    /// all go stale; a scalar one only when its value moved.
    func resultMoved(_ agg: Aggregate) {
        if agg.kind == .rank {
            invalidateReaders(of: agg)
            return
        }
        let result = agg.result { firstError(of: agg) }
        if !result.isIdentical(to: agg.current) {
            agg.current = result
            invalidateReaders(of: agg)
        }
    }

    /// After groups of a grouped aggregate moved: a keyed reader recomputes,
    /// at once, just the rows whose key cell holds a moved group's text (an
    /// event added moves its cadre's row, not the roster); other readers, and
    /// every reader when a group is a number or a reader fell back to the
    /// plain call, go stale whole.
    func groupsMoved(_ agg: Aggregate, _ groups: [GroupPath]) {
        var texts: [Value] = []
        for g in groups {
            guard !agg.fallbackRead, g.rest.isEmpty, case .text(let t) = g.first else { return invalidateReaders(of: agg) }
            if !texts.contains(.text(t)) { texts.append(.text(t)) }
        }
        for d in agg.dependents {
            guard let k = agg.keyedReaders[d] else {
                invalidateAll(d)
                continue
            }
            let index = indexedRows(ColumnRef(sheet: d.sheet, column: k))
            let rows = texts.flatMap { index[$0] ?? [] }
            guard rows.count * groupRecomputeShare <= sheets[d.sheet].order.count else {
                invalidateAll(d)
                continue
            }
            for r in rows { recompute(d.sheet, [d.column], r) }
        }
    }

    func invalidateReaders(of agg: Aggregate) {
        agg.fallbackRead = false
        for d in agg.dependents { invalidateAll(d) }
    }

    /// After source cells of aggregates changed, whether or not their state
    /// moved: readers that answered through the plain call read those cells.
    func sourcesChanged(_ aggregates: [Aggregate]) {
        for agg in aggregates where agg.built && agg.fallbackRead { invalidateReaders(of: agg) }
    }

    /// Marks an aggregate for rebuilding and everything that reads it stale.
    func staleAggregate(_ a: Int) {
        let agg = aggregates[a]
        guard agg.built else { return }
        agg.built = false
        invalidateReaders(of: agg)
    }
}
