extension Workbook {
    func bumpEpoch(_ col: Column) {
        col.epoch &+= 1
        if col.epoch == 0 || col.epoch == Self.computingMark { col.epoch = 1 }
        if col.isComputed { col.index = ColumnIndex() }
    }

    /// Marks every row of a column stale in O(1), and, transitively, every
    /// column and aggregate that reads it.
    ///
    /// - Complexity: O(columns downstream), independent of the row count.
    func invalidateAll(_ ref: ColumnRef) {
        let col = column(ref)
        // Nothing was computed since the last time: everything downstream is
        // still stale, so the walk can stop here.
        if col.invalidatedAt == computeCount { return }
        col.invalidatedAt = computeCount
        bumpEpoch(col)
        if !invalidatedColumns.contains(ref) { invalidatedColumns.append(ref) }
        for a in col.aggregates { staleAggregate(a) }
        for d in col.sameRowDependents { invalidateAll(ColumnRef(sheet: ref.sheet, column: d)) }
        for d in col.wholeDependents { invalidateAll(d) }
    }

    /// Propagates one cell's change through its own row, at once and in
    /// dependency order, stopping wherever a value comes out unchanged.
    /// Aggregates fed by a changed cell move by that row's difference.
    func rowChanged(_ s: Int, _ c: Int, _ r: Int32, old: Value, new: Value) {
        notify(s, c, r, old: old, new: new)
        recompute(s, sheets[s].columns[c].sameRowDependents, r)
    }

    /// Recomputes the current cells of `columns` in row `r`, then what reads
    /// them in the row, in dependency order, stopping where a value comes
    /// out unchanged.
    func recompute(_ s: Int, _ columns: [Int], _ r: Int32) {
        let sheet = sheets[s]
        var pending = columns
        while !pending.isEmpty {
            var best = 0
            for k in pending.indices where sheet.columns[pending[k]].topoIndex < sheet.columns[pending[best]].topoIndex {
                best = k
            }
            let d = pending.remove(at: best)
            let col = sheet.columns[d]
            let i = Int(r)
            // A stale cell stays stale: whatever reads it is stale too.
            guard col.isComputed, col.stamp[i] == col.epoch else { continue }
            let before = col.values[i]
            // One cell, through the cell path: an edit's own row is not a
            // read that calls for a column pass.
            let after = compute(col, s, r)
            guard !after.isIdentical(to: before) else { continue }
            report.recomputed[name(of: ColumnRef(sheet: s, column: d)), default: []].insert(RowID(r))
            notify(s, d, r, old: before, new: after)
            for e in col.sameRowDependents where !pending.contains(e) { pending.append(e) }
        }
    }

    func notify(_ s: Int, _ c: Int, _ r: Int32, old: Value, new: Value) {
        let col = sheets[s].columns[c]
        indexMoved(col, slot: r, old: old, new: new)
        move(col.aggregates.compactMap { shift($0, column: c, slot: r, old: old, new: new) })
        sourcesChanged(col.aggregates.map { aggregates[$0] })
        for d in col.wholeDependents { invalidateAll(d) }
    }

    /// Adds or takes away whole rows in the aggregates over a sheet; the
    /// rows are already in (or out of) its order.
    func rowsChanged(_ s: Int, slots: [Int32], added: Bool) {
        let sheet = sheets[s]
        for c in sheet.liveColumns {
            for d in sheet.columns[c].wholeDependents { invalidateAll(d) }
            if slots.count > 1 { invalidateAll(ColumnRef(sheet: s, column: c)) }
        }
        // The indexes hold the rows before the aggregates move: a moved
        // group finds its readers through them. A computed cell of the rows
        // is not computed here, before the aggregates hold them: that part
        // is built again when asked.
        for c in sheet.liveColumns where !sheet.columns[c].index.isEmpty {
            let col = sheet.columns[c]
            guard !col.isComputed else {
                col.index = ColumnIndex()
                continue
            }
            for slot in slots {
                if added { col.index.insert(col.values[Int(slot)], slot: slot, groups: groupCodes) } else { col.index.remove(col.values[Int(slot)], slot: slot) }
            }
        }
        if slots.count == 1 { moveHeldAggregates(s, slot: slots[0], added: added) }
    }

    private func moveHeldAggregates(_ s: Int, slot: Int32, added: Bool) {
        let sheet = sheets[s]
        // Only the aggregates built before the order changed: computing the
        // row's cells below may build another, which then already holds it.
        var held: [Int] = []
        var seen = Set<Int>()
        for c in sheet.liveColumns {
            for a in sheet.columns[c].aggregates where aggregates[a].built && seen.insert(a).inserted { held.append(a) }
        }
        move(held.compactMap { a in
            let agg = aggregates[a]
            guard let c = agg.contribution({ value(s, $0, slot) }) else { return nil }
            return added ? Shift(aggregate: agg, before: nil, after: c) : Shift(aggregate: agg, before: c, after: nil)
        })
        sourcesChanged(held.map { aggregates[$0] })
    }
}
