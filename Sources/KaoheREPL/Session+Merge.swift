import Foundation
import KaoheCore
import KaoheFile

/// `merge FILE`: bring in what a department recorded in its copy of this
/// workbook. Both files carry the change log of the same workbook (its id);
/// the copy's entries this log has not seen are the department's changes
/// since the copy was taken (or since the last merge). They are replayed
/// here through `execute`, the same path as typing them, in one transaction:
/// events and awards are appended and renumbered (and a later `revoke` or
/// `award evidence` of theirs follows the new number), cadres added, cells
/// set. A cell both sides changed since is a conflict, unless `prefer` says
/// which side wins. Merging the same copy again finds nothing new.
extension Session {
    struct MergePlan {
        var apply: [LogEntry] = []
        var kept: [LogEntry] = []
        var conflicts: [(entry: LogEntry, ours: Value)] = []
        var skipped: [String] = []
    }

    /// The commands of a log that a merge replays: not scenario work, not
    /// file-reading commands, and with undo and redo resolved.
    static func effective(_ entries: [LogEntry]) throws(CommandError) -> (changes: [LogEntry], skipped: [String]) {
        var applied: [LogEntry] = [], redo: [LogEntry] = [], skipped: [String] = []
        for e in entries where e.scenario == nil {
            let words = e.command.split(separator: " ")
            guard let first = words.first else { continue }
            let count = words.count > 1 ? Int(words[1]) ?? 1 : 1
            switch first {
            case "undo":
                for _ in 0..<count {
                    guard let last = applied.popLast() else {
                        throw CommandError(.mergeUndidOlder(time: e.time, user: e.user))
                    }
                    redo.append(last)
                }
            case "redo":
                for _ in 0..<count { if let r = redo.popLast() { applied.append(r) } }
            case "scenario", "merge", "whatif":
                continue
            case "import":
                skipped.append("\(e.command) (\(e.user), \(e.time)): an import reads a file this workbook may not have; import it here")
            default:
                applied.append(e)
                redo = []
            }
        }
        return (applied, skipped)
    }

    func merge(_ path: String, prefer: String?) throws(CommandError) {
        if let prefer, prefer != "ours", prefer != "theirs" {
            throw CommandError(.mergeBadPrefer(prefer))
        }
        if let mine = document.path, URL(fileURLWithPath: mine).standardizedFileURL.resolvingSymlinksInPath() == URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath() {
            throw CommandError(.mergeSelf(path))
        }
        let theirs: WorkbookDocument
        // Only read: the department may still have its copy open.
        do { theirs = try WorkbookDocument.open(path, readOnly: true) } catch { throw CommandError(error) }
        guard let theirLog = theirs.log, let ourLog = document.log, theirLog.workbook == ourLog.workbook else {
            throw CommandError(.mergeNotACopy(path, noLog: theirs.log == nil || document.log == nil,
                                              theirs: theirs.log?.workbook ?? "", ours: document.log?.workbook ?? ""))
        }
        let known = Set(ourLog.entries.map(\.id))
        let (changes, skipped) = try Self.effective(theirLog.entries.filter { !known.contains($0.id) })
        let theirIDs = Set(theirLog.entries.map(\.id))
        let ourCells = Set(ourLog.entries.filter { !theirIDs.contains($0.id) && $0.scenario == nil }.compactMap(\.cell))
        var plan = MergePlan(skipped: skipped)
        for e in changes {
            guard let cell = e.cell, ourCells.contains(cell) else {
                plan.apply.append(e)
                continue
            }
            let ours = currentValue(cell)
            if ours == e.new || prefer == "theirs" {
                plan.apply.append(e)
            } else if prefer == "ours" {
                plan.kept.append(e)
            } else {
                plan.conflicts.append((e, ours))
            }
        }
        try apply(plan, from: path, theirs: theirs)
    }

    /// Replays the plan in one transaction, renumbering what it creates.
    func apply(_ plan: MergePlan, from path: String, theirs: WorkbookDocument) throws(CommandError) {
        var numbers: [String: String] = [:]
        var merged: [LogEntry] = []
        var events = 0, awards = 0, cells = 0
        try workbook.transaction { () throws(CommandError) in
            for e in plan.apply {
                let command = Self.renumbered(e.command, numbers)
                do throws(CommandError) { try quietly(command) } catch {
                    throw CommandError(.mergeChangeFailed(path, command: e.command, user: e.user, time: e.time, error.phrase))
                }
                for (theirs, ours) in zip(e.made, made) where theirs != ours { numbers[theirs] = ours }
                events += made.filter { $0.hasPrefix("events ") }.count
                awards += made.filter { $0.hasPrefix("awards ") }.count
                if e.cell != nil { cells += 1 }
                var logged = e
                logged.command = command
                logged.made = made
                merged.append(logged)
            }
        }
        for var e in plan.kept {
            e.effect = "not applied by merge: ours kept"
            merged.append(e)
        }
        // The merge's undo step is pushed when its command's transaction ends (`execute`).
        pendingMerge = merged.map(\.id)
        made = []
        for e in merged { commit(e) }
        scenarioState.baseVersion += 1
        rosterChanged()
        guard !plan.apply.isEmpty || !plan.conflicts.isEmpty || !plan.kept.isEmpty else {
            say(.mergeNothingNew(path))
            for s in plan.skipped { say(.notMerged(s)) }
            return
        }
        // The copy is named after who made most of what it brings.
        let users = Dictionary(grouping: plan.apply + plan.kept + plan.conflicts.map(\.entry), by: \.user)
        let who = users.max { ($0.value.count, $1.key) < ($1.value.count, $0.key) }?.key ?? "the department"
        say(.merged(who, path: path, events: events, awards: awards, cells: cells, other: plan.apply.count - cells - events - awards,
                    conflicts: plan.conflicts.count, keptOurs: plan.kept.count))
        for (e, ours) in plan.conflicts {
            guard let cell = e.cell else { continue }
            let place = cell.sheet.isEmpty ? "param \(cell.column)" : "\(cell.sheet == Self.cadres ? town.who(cell.key) : cell.key) \(cell.column)"
            say(.mergeConflict(place, base: e.old.map(text) ?? "?", ours: text(ours), theirs: e.new.map(text) ?? "?", user: e.user, time: e.time, path: path))
        }
        for s in plan.skipped { say(.notMerged(s)) }
    }

    /// A command of theirs with the event and award numbers it names
    /// changed to the numbers those rows got here.
    static func renumbered(_ command: String, _ numbers: [String: String]) -> String {
        guard !numbers.isEmpty else { return command }
        var words = command.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let sheet: String? = switch (words.first, words.count > 1 ? words[1] : "") {
        case ("revoke", _): "events"
        case ("event", "set"): "events"
        case ("award", "evidence"), ("award", "revoke"), ("award", "set"): "awards"
        default: nil
        }
        guard let sheet else { return command }
        let at = words[0] == "revoke" ? 1 : 2
        guard at < words.count, let ours = numbers["\(sheet) \(words[at])"] else { return command }
        words[at] = String(ours.split(separator: " ").last ?? "")
        return words.joined(separator: " ")
    }

    /// Undoing a merge takes its entries out of the log (a later merge of
    /// the same copy brings them again); redoing puts them back.
    func restoreMerged(from depthBefore: Int, undo: Bool) {
        guard undo else { return }
        for d in workbook.undoDepth + 1 ... max(workbook.undoDepth + 1, depthBefore) {
            guard let ids = mergedEntries[d] else { continue }
            let gone = Set(ids)
            undoneMerges[d] = document.log?.entries.filter { gone.contains($0.id) }
            document.log?.entries.removeAll { gone.contains($0.id) }
        }
    }

    func redoMerged(from depthBefore: Int) {
        for d in depthBefore + 1 ... max(depthBefore + 1, workbook.undoDepth) {
            guard let entries = undoneMerges.removeValue(forKey: d) else { continue }
            for e in entries { commit(e) }
        }
    }
}
