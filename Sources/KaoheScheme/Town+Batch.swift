import KaoheCore

/// Why a batch of events was refused: each refused entry's problem, by its
/// place in the batch. Nothing of the batch was recorded.
public struct BatchRefusal: Error, Sendable {
    public var problems: [(index: Int, error: SchemeError)]
}

extension Town {
    /// Records many events as one edit: what a department's return or a
    /// merged copy brings (10,000 rows at once).
    ///
    /// Every entry passes the same guards as `record(_:)` for one, in order,
    /// each seeing the entries before it as if they were recorded already (a
    /// second 4.6c for a cadre, an absence after it), so a batch refuses and
    /// warns exactly what recording the entries one by one would. Only when
    /// every entry passes are they appended, numbered on from the sheet's
    /// last, in one `appendRows`: the events' readers are invalidated once,
    /// not once per row, and the whole batch is one undoable step. A refused
    /// entry does not count for the ones after it, as a refused command
    /// would not; all refusals are reported, and nothing is recorded.
    ///
    /// - Complexity: O(entries × the cadre's events) for the guards, then
    ///   one append; what depends on the events is recomputed when read.
    public func record(_ entries: [EventEntry]) throws(BatchRefusal) -> [RecordedEvent] {
        do throws(SchemeError) { try require("events") } catch { throw BatchRefusal(problems: entries.indices.map { ($0, error) }) }
        let fed = eventFedColumns()
        let first = nextNumber("events")
        var pending: [String: [(rule: Rule, times: Int)]] = [:]
        var checked: [(RecordedEvent, [String: Value])] = []
        var problems: [(index: Int, error: SchemeError)] = []
        checked.reserveCapacity(entries.count)
        for (i, entry) in entries.enumerated() {
            let id = value(Self.cadres, entry.cadre, "id").displayText
            do throws(SchemeError) {
                let (event, values) = try check(entry, number: first + checked.count, fed: fed, pending: pending[id] ?? [])
                pending[id, default: []].append((event.rule, event.times))
                checked.append((event, values))
            } catch {
                problems.append((i, error))
            }
        }
        guard problems.isEmpty else { throw BatchRefusal(problems: problems) }
        guard !checked.isEmpty else { return [] }
        // Only the columns some entry fills: an older events sheet may lack `note`.
        let filled = Set(checked.flatMap { $0.1.keys })
        let columns = ["no", "cadre", "rule", "times", "points", "date", "by", "revoked", "note"].filter(filled.contains)
        let rows = checked.map { _, values in columns.map { values[$0] ?? .empty } }
        let ids: [RowID]
        do { ids = try workbook.appendRows(to: "events", columns: columns, rows: rows) } catch {
            throw BatchRefusal(problems: [(0, SchemeError(error))])
        }
        return zip(checked, ids).map { c, row in
            var event = c.0
            event.row = row
            return event
        }
    }
}
