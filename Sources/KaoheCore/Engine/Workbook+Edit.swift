/// One reversible mutation. Applying an edit returns its inverse, so undo
/// and redo are the same operation run on the other stack.
enum Edit {
    case cell(CellRef, CellContent)
    /// Many cells of one column at once: one invalidation of the column,
    /// not one recalculation per cell.
    case cells(ColumnRef, slots: [Int32], [CellContent])
    case param(name: String, Value?)
    case columnFormula(ColumnRef, Formula?, inputs: ColumnValues?)
    case columnLive(ColumnRef, Bool)
    case columnLabel(ColumnRef, String)
    case columnRule(ColumnRef, ColumnRule?)
    /// Rows made live (at `positions` in the sheet's order) or removed.
    case rows(sheet: Int, slots: [Int32], live: Bool, positions: [Int])
    case sheetLive(Int, Bool)
}

extension Workbook {
    /// Runs `body` as one undoable step. If it throws, every edit it made is
    /// rolled back and the workbook is as it was. The body may throw its own
    /// error type: a command's checks can fail half-way through.
    @discardableResult
    public func transaction<E: Error>(_ body: () throws(E) -> Void) throws(E) -> ChangeReport {
        let outermost = openTransaction == nil
        if outermost {
            compactGroupCodesIfBloated()
            openTransaction = []
            report = ChangeReport()
            invalidatedColumns = []
        }
        do {
            try body()
        } catch {
            if outermost {
                for edit in openTransaction!.reversed() { _ = apply(edit) }
                openTransaction = nil
                report = ChangeReport()
                invalidatedColumns = []
            }
            throw error
        }
        guard outermost else { return ChangeReport() }
        let group = openTransaction!
        openTransaction = nil
        if !group.isEmpty {
            undoStack.append(group)
            redoStack.removeAll()
        }
        return takeReport()
    }

    func perform(_ edit: Edit) throws(WorkbookError) -> ChangeReport {
        try transaction { () throws(WorkbookError) in try record(edit) }
    }

    func record(_ edit: Edit) throws(WorkbookError) {
        // An edit that would leave things as they are is not a step: a
        // command that changes nothing leaves no undo step behind.
        guard !isNoOp(edit) else { return }
        let inverse = apply(edit)
        openTransaction?.append(inverse)
    }

    /// Whether applying `edit` would change nothing: a cell given the content
    /// it holds (the same input, bit for bit, and the same override), a
    /// parameter set to its value.
    func isNoOp(_ edit: Edit) -> Bool {
        switch edit {
        case .cell(let cell, let new):
            guard (try? checkRow(cell.row, cell.column.sheet)) != nil else { return false }
            let old = content(column(cell.column), cell.row.slot)
            guard old.input.isIdentical(to: new.input) else { return false }
            switch (old.override, new.override) {
            case (nil, nil): return true
            case let (.value(a)?, .value(b)?): return a.isIdentical(to: b)
            case let (.formula(a)?, .formula(b)?): return a.description == b.description
            default: return false
            }
        case .param(let name, let value):
            guard let i = paramIndex[name], let value else { return false }
            return paramLive[i] && paramValues[i].isIdentical(to: value)
        default:
            return false
        }
    }

    func takeReport() -> ChangeReport {
        var r = report
        // A cell's value as the step leaves it: a later edit of the same step
        // may move it again through an aggregate (an id changed, then the
        // events that name it).
        r.changes = r.changes.compactMap { c in
            guard let ref = try? columnRef(c.column, sheet: c.sheet), (try? checkRow(c.row, ref.sheet)) != nil else { return c }
            let now = value(CellRef(ref, c.row))
            return now.isIdentical(to: c.old) ? nil : CellChange(sheet: c.sheet, row: c.row, column: c.column, old: c.old, new: now)
        }
        r.invalidated = invalidatedColumns.filter { !column($0).removed }.map { name(of: $0) }
        report = ChangeReport()
        invalidatedColumns = []
        return r
    }

    public var canUndo: Bool { !undoStack.isEmpty }
    public var canRedo: Bool { !redoStack.isEmpty }

    /// Undoes the last step (a command, or a whole transaction).
    @discardableResult
    public func undo() throws(WorkbookError) -> ChangeReport {
        guard let group = undoStack.popLast() else { throw .nothingToUndo }
        redoStack.append(replay(group))
        return takeReport()
    }

    @discardableResult
    public func redo() throws(WorkbookError) -> ChangeReport {
        guard let group = redoStack.popLast() else { throw .nothingToRedo }
        undoStack.append(replay(group))
        return takeReport()
    }

    func replay(_ group: [Edit]) -> [Edit] {
        compactGroupCodesIfBloated()
        report = ChangeReport()
        invalidatedColumns = []
        return group.reversed().map { apply($0) }
    }

    // MARK: Applying edits

    func apply(_ edit: Edit) -> Edit {
        switch edit {
        case .cell(let cell, let content): return applyCell(cell, content)
        case .cells(let ref, let slots, let contents): return applyCells(ref, slots, contents)
        case .param(let name, let value): return applyParam(name, value)
        case .columnFormula(let ref, let formula, let inputs): return applyColumnFormula(ref, formula, inputs)
        case .columnLive(let ref, let live):
            column(ref).removed = !live
            // Rows came and went while it was away.
            column(ref).index = ColumnIndex()
            sheets[ref.sheet].reindex()
            rebuildStructure()
            if live {
                invalidateAll(ref)
                noteCycle(ref)
            }
            return .columnLive(ref, !live)
        case .columnLabel(let ref, let label):
            let old = column(ref).label
            column(ref).label = label
            sheets[ref.sheet].reindex()
            rebuildStructure()
            return .columnLabel(ref, old)
        case .columnRule(let ref, let rule):
            let old = column(ref).rule
            column(ref).rule = rule
            return .columnRule(ref, old)
        case .rows(let s, let slots, let live, let positions): return applyRows(s, slots, live, positions)
        case .sheetLive(let s, let live):
            sheets[s].removed = !live
            rebuildStructure()
            return .sheetLive(s, !live)
        }
    }

    private func content(_ col: Column, _ r: Int32) -> CellContent {
        let override = col.overrides[r]
        if col.isInput, override == nil { return CellContent(input: col.values[Int(r)], override: nil) }
        return CellContent(input: .empty, override: override)
    }

    private func applyCell(_ cell: CellRef, _ new: CellContent) -> Edit {
        let s = cell.column.sheet, c = cell.column.column, r = cell.row.slot
        let col = column(cell.column)
        let old = content(col, r)
        let before = snapshot(s, r)
        let oldValue = value(s, c, r)
        func isFormula(_ o: Override?) -> Bool { if case .formula = o { true } else { false } }
        col.overrides[r] = new.override
        if col.isInput, new.override == nil { col.values[Int(r)] = new.input }
        if isFormula(old.override) || isFormula(new.override) {
            rebuildStructure(edited: cell)
            if let path = cellCycles[cell] { report.cycle = path }
        } else {
            col.refreshComputed()
        }
        if !col.stamp.isEmpty { col.stamp[Int(r)] = 0 }
        let newValue = value(s, c, r)
        if !newValue.isIdentical(to: oldValue) { rowChanged(s, c, r, old: oldValue, new: newValue) }
        recordDiff(s, r, before: before)
        return .cell(cell, old)
    }

    private func applyCells(_ ref: ColumnRef, _ slots: [Int32], _ contents: [CellContent]) -> Edit {
        let col = column(ref)
        let old = slots.map { content(col, $0) }
        var formulaCells = false
        for (slot, new) in zip(slots, contents) {
            if case .formula = col.overrides[slot] { formulaCells = true }
            if case .formula = new.override { formulaCells = true }
            col.overrides[slot] = new.override
            if col.isInput, new.override == nil { col.values[Int(slot)] = new.input }
        }
        if formulaCells { rebuildStructure() } else { col.refreshComputed() }
        col.index = ColumnIndex()
        invalidateAll(ref)
        return .cells(ref, slots: slots, old)
    }

    func noteCycle(_ ref: ColumnRef) {
        let path = cyclePath(through: ref)
        if !path.isEmpty { report.cycle = path }
    }

    /// The values of one row in every live column, computed as needed.
    func snapshot(_ s: Int, _ r: Int32) -> [(Int, Value)] {
        sheets[s].liveColumns.map { ($0, value(s, $0, r)) }
    }

    func recordDiff(_ s: Int, _ r: Int32, before: [(Int, Value)]) {
        var diff = ChangeReport()
        for (c, old) in before {
            let new = value(s, c, r)
            if new != old {
                diff.changes.append(CellChange(sheet: sheets[s].name, row: RowID(r), column: sheets[s].columns[c].key, old: old, new: new))
            }
        }
        report.merge(diff)
    }

    private func applyParam(_ name: String, _ value: Value?) -> Edit {
        guard let i = paramIndex[name] else {
            paramNames.append(name)
            paramValues.append(value ?? .empty)
            paramLive.append(value != nil)
            paramIndex[name] = paramNames.count - 1
            paramDependents.append([])
            paramAggregates.append([])
            rebuildStructure()
            return .param(name: name, nil)
        }
        let old: Value? = paramLive[i] ? paramValues[i] : nil
        let wasLive = paramLive[i]
        paramValues[i] = value ?? .empty
        paramLive[i] = value != nil
        if wasLive != paramLive[i] { rebuildStructure() }
        for d in paramDependents[i] { invalidateAll(d) }
        for a in paramAggregates[i] { staleAggregate(a) }
        return .param(name: name, old)
    }

    private func applyColumnFormula(_ ref: ColumnRef, _ formula: Formula?, _ inputs: ColumnValues?) -> Edit {
        let col = column(ref)
        let oldFormula = col.formula
        var oldInputs: ColumnValues?
        if oldFormula == nil {
            // The storage itself, shared until the cache first writes to
            // it: a load gives dozens of columns a formula, and a copy of
            // each one's values would be held for an undo thrown away.
            oldInputs = col.values
        } else if formula == nil {
            // A formula column turned into an input column keeps its values.
            for slot in sheets[ref.sheet].order { _ = value(ref.sheet, ref.column, slot) }
        }
        col.formula = formula
        col.index = ColumnIndex()
        if formula == nil, let inputs {
            // Rows added since the inputs were put away start empty.
            col.values = inputs
            col.values.append(repeating: .empty, count: max(0, sheets[ref.sheet].slotCount - inputs.count))
        }
        rebuildStructure()
        invalidateAll(ref)
        noteCycle(ref)
        return .columnFormula(ref, oldFormula, inputs: oldInputs)
    }

    private func applyRows(_ s: Int, _ slots: [Int32], _ live: Bool, _ positions: [Int]) -> Edit {
        let sheet = sheets[s]
        // Formula cells of the rows join or leave the dependency structure.
        let hasFormulaCells = sheet.columns.contains { col in
            !col.overrides.isEmpty && slots.contains { if case .formula = col.overrides[$0] { true } else { false } }
        }
        if live {
            for slot in slots { sheet.live[Int(slot)] = true }
            // Column by column: a sheet's rows come back (or are loaded) in
            // one pass over each column's stamps.
            for col in sheet.columns where !col.stamp.isEmpty {
                for slot in slots { col.stamp[Int(slot)] = 0 }
            }
            sheet.order = merged(sheet.order, slots, at: positions)
            if hasFormulaCells { rebuildStructure() }
            rowsChanged(s, slots: slots, added: true)
            return .rows(sheet: s, slots: slots, live: false, positions: [])
        }
        var found: [(Int, Int32)] = []
        if slots.count <= 64 {
            // A few rows (an event undone): found by binary search in the
            // order, which ascends by slot, not by a pass over the sheet.
            found = slots.compactMap { slot in sheet.position(of: slot).map { ($0, slot) } }.sorted { $0.0 < $1.0 }
            for (i, _) in found.reversed() { sheet.order.remove(at: i) }
        } else {
            let wanted = Set(slots)
            for (i, slot) in sheet.order.enumerated() where wanted.contains(slot) { found.append((i, slot)) }
            sheet.order.removeAll { wanted.contains($0) }
        }
        for slot in slots { sheet.live[Int(slot)] = false }
        rowsChanged(s, slots: slots, added: false)
        if hasFormulaCells { rebuildStructure() }
        return .rows(sheet: s, slots: found.map(\.1), live: true, positions: found.map(\.0))
    }

    /// `order` with `slots` inserted so that each lands at its position in
    /// the result (positions ascending): one pass, however many rows.
    private func merged(_ order: [Int32], _ slots: [Int32], at positions: [Int]) -> [Int32] {
        var out: [Int32] = []
        out.reserveCapacity(order.count + slots.count)
        var rest = order[...]
        for (slot, at) in zip(slots, positions) {
            let take = min(max(0, at - out.count), rest.count)
            out += rest.prefix(take)
            rest = rest.dropFirst(take)
            out.append(slot)
        }
        out += rest
        return out
    }
}
