/// What a compiled formula reads.
struct Dependencies {
    var sameRow = Set<Int>()
    var whole = Set<ColumnRef>()
    var aggregates = Set<Int>()
    var params = Set<Int>()

    mutating func formUnion(_ o: Dependencies) {
        sameRow.formUnion(o.sameRow)
        whole.formUnion(o.whole)
        aggregates.formUnion(o.aggregates)
        params.formUnion(o.params)
    }
}

/// The aggregates of one build of the dependency structure. An aggregate
/// spelled as before is kept, with its state, so a structural change does not
/// throw away work.
final class AggregateTable {
    var list: [Aggregate] = []
    private var index: [String: Int] = [:]
    private let previous: [String: Aggregate]
    private let codes: GroupCodes

    init(previous: [Aggregate], codes: GroupCodes) {
        self.codes = codes
        self.previous = Dictionary(previous.map { ($0.signature, $0) }, uniquingKeysWith: { a, _ in a })
    }

    func intern(_ kind: Aggregate.Kind, sheet: Int, valueColumn: Int?, criteria: [(column: Int, node: Node)],
                keyColumns: [Int] = [], params: Set<Int>) -> Int {
        let signature = "\(kind.rawValue)|\(sheet)|\(valueColumn ?? -1)|\(keyColumns)|"
            + criteria.map { "\($0.column):\($0.node)" }.joined(separator: "|")
        if let i = index[signature] { return i }
        let agg = previous[signature] ?? Aggregate(
            kind: kind, signature: signature, sheet: sheet, valueColumn: valueColumn, criteria: criteria,
            keyColumns: keyColumns, params: params, codes: codes)
        agg.dependents = []
        agg.keyedReaders = [:]
        list.append(agg)
        index[signature] = list.count - 1
        return list.count - 1
    }
}

extension Workbook {
    /// Parses and checks a formula against the sheet before anything changes,
    /// so a bad formula is refused with its position and the workbook stays as it was.
    func validate(_ text: String, sheet s: Int, extraKey: String? = nil, namesMustResolve: Bool = true) throws(WorkbookError) -> Formula {
        do {
            let formula = try Formula(text)
            var deps = Dependencies()
            var compiler = Compiler(
                workbook: self, sheet: s, strict: namesMustResolve, table: AggregateTable(previous: [], codes: groupCodes), extraKey: extraKey)
            _ = try compiler.compile(formula.expr, arrayContext: false, deps: &deps)
            return formula
        } catch {
            throw .formula(error, source: text)
        }
    }

    /// Evaluates a formula for each of the given rows of a sheet without
    /// changing anything, as `show where` and `explain` need.
    ///
    /// - Complexity: a whole-column function costs its column per row: the
    ///   formula is not kept, so nothing is maintained incrementally.
    public func evaluate(_ text: String, sheet: String, rows: [RowID]) throws(WorkbookError) -> [Value] {
        let s = try sheetIndex(sheet)
        let node: Node
        do {
            let formula = try Formula(text)
            var deps = Dependencies()
            var compiler = Compiler(workbook: self, sheet: s, strict: true, table: AggregateTable(previous: [], codes: groupCodes))
            compiler.incremental = false
            node = try compiler.compile(formula.expr, arrayContext: false, deps: &deps)
        } catch {
            throw .formula(error, source: text)
        }
        for row in rows { try checkRow(row, s) }
        return rows.map { evalFormula(node, s, $0.slot) }
    }

    /// Runs `body` with the dependency structure built once, at its end,
    /// rather than after each edit that changes it: loading a file sets
    /// every column's formula, and each build recompiles every formula, so
    /// one per formula makes a load O(formulas²). Formulas are still
    /// checked as they are set (names, functions); what the edits inside
    /// compute meanwhile follows the structure as it was, so at the end every
    /// computed cell and aggregate is made stale, to be computed once, when read.
    /// Nested scopes join the outermost one.
    public func deferringStructure<E: Error>(_ body: () throws(E) -> Void) throws(E) {
        structureDeferred += 1
        defer {
            structureDeferred -= 1
            if structureDeferred == 0, structurePending {
                structurePending = false
                rebuildStructure()
                staleEverything()
            }
        }
        try body()
    }

    /// Every computed cell stale and every aggregate to be built again:
    /// what `recalculateAll` starts from, without computing anything.
    func staleEverything() {
        for (s, sheet) in sheets.enumerated() where !sheet.removed {
            for c in sheet.columns.indices where !sheet.columns[c].removed {
                bumpEpoch(sheet.columns[c])
                let ref = ColumnRef(sheet: s, column: c)
                if !invalidatedColumns.contains(ref) { invalidatedColumns.append(ref) }
            }
        }
        for a in aggregates { a.built = false }
    }

    /// Recompiles every formula and rebuilds the fan-out lists, the
    /// aggregates, cycle marks and the dependency order. Columns whose compiled
    /// formula changed are invalidated.
    ///
    /// - Complexity: O(formulas + columns); it runs on structural changes only.
    /// - Parameter edited: a formula cell being set or cleared, which its
    ///   caller recomputes itself (so its column need not be invalidated).
    func rebuildStructure(edited: CellRef? = nil) {
        if structureDeferred > 0 {
            structurePending = true
            return
        }
        let table = AggregateTable(previous: aggregates, codes: groupCodes)
        cellCycles = [:]
        var before: [ColumnRef: (Node?, Bool, [Int32: Node])] = [:]
        var deps: [ColumnRef: Dependencies] = [:]
        var columnDeps: [ColumnRef: Dependencies] = [:]
        var cellDeps: [ColumnRef: [Int32: Dependencies]] = [:]
        for p in paramDependents.indices {
            paramDependents[p] = []
            paramAggregates[p] = []
        }
        for (s, sheet) in sheets.enumerated() {
            for (c, col) in sheet.columns.enumerated() {
                let ref = ColumnRef(sheet: s, column: c)
                before[ref] = (col.program, col.cyclic, col.overridePrograms)
                col.sameRowDependents = []
                col.wholeDependents = []
                col.aggregates = []
                col.overridePrograms = [:]
                guard !col.removed, !sheet.removed else {
                    col.program = nil
                    continue
                }
                var d = Dependencies()
                var compiler = Compiler(workbook: self, sheet: s, strict: false, table: table)
                col.program = col.formula.map { (try? compiler.compile($0.expr, arrayContext: false, deps: &d)) ?? .broken(.name) }
                columnDeps[ref] = d
                for (slot, o) in col.overrides {
                    guard case .formula(let f) = o else { continue }
                    var own = Dependencies()
                    col.overridePrograms[slot] = (try? compiler.compile(f.expr, arrayContext: false, deps: &own)) ?? .broken(.ref)
                    // A removed row's formula cell waits, compiled, for undo;
                    // it reads nothing while the row is gone.
                    guard sheet.live[Int(slot)] else { continue }
                    cellDeps[ref, default: [:]][slot] = own
                    d.formUnion(own)
                }
                deps[ref] = d
                col.refreshComputed()
            }
        }
        aggregates = table.list
        for (ref, d) in deps {
            for c in d.sameRow { sheets[ref.sheet].columns[c].sameRowDependents.append(ref.column) }
            for w in d.whole where !column(w).wholeDependents.contains(ref) { column(w).wholeDependents.append(ref) }
            for a in d.aggregates { aggregates[a].dependents.append(ref) }
            for p in d.params { paramDependents[p].append(ref) }
        }
        noteKeyedReaders()
        for (a, agg) in aggregates.enumerated() {
            for c in agg.sources { sheets[agg.sheet].columns[c].aggregates.append(a) }
            for p in agg.params { paramAggregates[p].append(a) }
        }
        markCycles(columnDeps)
        for (ref, cells) in cellDeps {
            for (slot, own) in cells {
                let path = cellCyclePath(CellRef(ref, RowID(slot)), own, columnDeps: columnDeps, cellDeps: cellDeps)
                guard !path.isEmpty else { continue }
                column(ref).overridePrograms[slot] = .broken(.cycle)
                cellCycles[CellRef(ref, RowID(slot))] = path
            }
        }
        for (ref, old) in before where !column(ref).removed && !sheets[ref.sheet].removed {
            let col = column(ref)
            var oldCells = old.2, newCells = col.overridePrograms
            if let edited, edited.column == ref {
                oldCells[edited.row.slot] = nil
                newCells[edited.row.slot] = nil
            }
            if old.0 != col.program || old.1 != col.cyclic || oldCells != newCells { invalidateAll(ref) }
        }
    }

    /// Fills `Aggregate.keyedReaders`: a column formula whose every read of a
    /// grouped aggregate names the group by the same one column of its row.
    /// A formula cell that reads the aggregate makes its column unkeyed.
    private func noteKeyedReaders() {
        for (s, sheet) in sheets.enumerated() where !sheet.removed {
            for (c, col) in sheet.columns.enumerated() where !col.removed {
                guard let program = col.program else { continue }
                var keys: [Int: Int] = [:]
                var unkeyed = Set<Int>()
                program.forEachGroupedRead { a, nodes in
                    guard nodes.count == 1, case .cell(let k) = nodes[0], keys[a] ?? k == k else {
                        unkeyed.insert(a)
                        return
                    }
                    keys[a] = k
                }
                for p in col.overridePrograms.values { p.forEachGroupedRead { a, _ in unkeyed.insert(a) } }
                for (a, k) in keys where !unkeyed.contains(a) { aggregates[a].keyedReaders[ColumnRef(sheet: s, column: c)] = k }
            }
        }
    }

    /// Finds circular references among column formulas (Tarjan's strongly
    /// connected components) and numbers the columns in dependency order.
    private func markCycles(_ deps: [ColumnRef: Dependencies]) {
        var edges: [ColumnRef: [ColumnRef]] = [:]
        for (ref, d) in deps {
            var out = d.sameRow.map { ColumnRef(sheet: ref.sheet, column: $0) }
            out += d.whole
            for a in d.aggregates {
                let agg = aggregates[a]
                out += agg.sources.map { ColumnRef(sheet: agg.sheet, column: $0) }
            }
            edges[ref] = out
        }
        var index = 0, order = 0
        var indices: [ColumnRef: Int] = [:], low: [ColumnRef: Int] = [:]
        var stack: [ColumnRef] = [], onStack = Set<ColumnRef>()
        func connect(_ v: ColumnRef) {
            indices[v] = index; low[v] = index; index += 1
            stack.append(v); onStack.insert(v)
            for w in edges[v] ?? [] {
                if indices[w] == nil {
                    connect(w)
                    low[v] = min(low[v]!, low[w]!)
                } else if onStack.contains(w) {
                    low[v] = min(low[v]!, indices[w]!)
                }
            }
            guard low[v] == indices[v] else { return }
            var component: [ColumnRef] = []
            while let w = stack.popLast() {
                onStack.remove(w)
                component.append(w)
                if w == v { break }
            }
            let cyclic = component.count > 1 || (edges[v] ?? []).contains(v)
            for w in component {
                column(w).cyclic = cyclic
                column(w).topoIndex = order
            }
            order += 1
        }
        for v in deps.keys.sorted(by: { ($0.sheet, $0.column) < ($1.sheet, $1.column) }) where indices[v] == nil {
            connect(v)
        }
        cycleEdges = edges
    }

    /// A circular path from a formula cell back to itself, or empty. The walk
    /// follows this row's cells (their own formula or their column's) and,
    /// through whole-column references, every row of the columns reached.
    private func cellCyclePath(
        _ start: CellRef, _ own: Dependencies,
        columnDeps: [ColumnRef: Dependencies], cellDeps: [ColumnRef: [Int32: Dependencies]]
    ) -> [String] {
        struct Node: Hashable { let column: ColumnRef; let thisRow: Bool }
        let slot = start.row.slot
        func next(_ d: Dependencies, sheet: Int, thisRow: Bool) -> [Node] {
            var out = d.sameRow.map { Node(column: ColumnRef(sheet: sheet, column: $0), thisRow: thisRow) }
            out += d.whole.map { Node(column: $0, thisRow: false) }
            for a in d.aggregates {
                let agg = aggregates[a]
                out += agg.sources.map { Node(column: ColumnRef(sheet: agg.sheet, column: $0), thisRow: false) }
            }
            return out
        }
        let root = Node(column: start.column, thisRow: true)
        var parent: [Node: Node] = [:]
        var queue = [root]
        var head = 0
        while head < queue.count {
            let v = queue[head]
            head += 1
            var d = Dependencies()
            if v == root {
                d = own
            } else if v.thisRow, let cell = cellDeps[v.column]?[slot] {
                d = cell
            } else {
                d = columnDeps[v.column] ?? Dependencies()
                if !v.thisRow { cellDeps[v.column]?.values.forEach { d.formUnion($0) } }
            }
            for w in next(d, sheet: v.column.sheet, thisRow: v.thisRow) {
                if w.column == start.column {
                    var path = [start.column]
                    var x = v
                    while x != root { path.append(x.column); x = parent[x]! }
                    return ([start.column] + path.dropFirst().reversed() + [start.column]).map { name(of: $0) }
                }
                if parent[w] == nil {
                    parent[w] = v
                    queue.append(w)
                }
            }
        }
        return []
    }

    /// The columns of `sheet` whose formula reads the sheet `source` (a
    /// whole column of it, or an aggregate over it), directly or through
    /// other columns of the row; in column order. From the dependency
    /// structure, so the formulas' text is not searched.
    /// - Complexity: O(columns + their references).
    public func columns(of sheet: String, reading source: String) throws(WorkbookError) -> [String] {
        let s = try sheetIndex(sheet), src = try sheetIndex(source)
        var memo: [Int: Bool] = [:]
        func reads(_ c: Int) -> Bool {
            if let known = memo[c] { return known }
            // A column on a cycle reads nothing more through itself.
            memo[c] = false
            let found = (cycleEdges[ColumnRef(sheet: s, column: c)] ?? []).contains { w in
                w.sheet == src || (w.sheet == s && reads(w.column))
            }
            memo[c] = found
            return found
        }
        return sheets[s].liveColumns.filter(reads).map { sheets[s].columns[$0].key }
    }

    /// A circular path through `ref`, such as `cadres.total → cadres.bonus → cadres.total`.
    func cyclePath(through ref: ColumnRef) -> [String] {
        guard column(ref).cyclic else { return [] }
        var previous: [ColumnRef: ColumnRef] = [:]
        var queue = [ref]
        var head = 0
        while head < queue.count {
            let v = queue[head]
            head += 1
            for w in cycleEdges[v] ?? [] where column(w).cyclic {
                if w == ref {
                    var back: [ColumnRef] = []
                    var x = v
                    while x != ref { back.append(x); x = previous[x]! }
                    return ([ref] + back.reversed() + [ref]).map { name(of: $0) }
                }
                if previous[w] == nil { previous[w] = v; queue.append(w) }
            }
        }
        return [name(of: ref)]
    }
}
