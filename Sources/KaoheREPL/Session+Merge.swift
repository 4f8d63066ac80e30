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
        var skipped: [Phrase] = []
    }

    /// The commands of a log that a merge replays: not scenario work, not
    /// file-reading commands, and with undo and redo resolved.
    static func effective(_ entries: [LogEntry]) throws(CommandError) -> (changes: [LogEntry], skipped: [Phrase]) {
        var applied: [LogEntry] = [], redo: [LogEntry] = [], skipped: [Phrase] = []
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
            case "import" where e.lines.isEmpty:
                // A roster import, or a return imported by a kaohe that did not keep its rows in the entry.
                skipped.append(.importNotCarried(e.command, user: e.user, time: e.time, roster: e.command.hasPrefix("import cadres")))
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
        // Only their log is read (and only read: the department may still
        // have its copy open); what their imports brought is in it too.
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandError(.mergeCannotRead(path, exists: FileManager.default.fileExists(atPath: path)))
        }
        let theirs: (log: ChangeLog?, version: String)
        do { theirs = try ChangeLog.read(data, file: path) } catch { throw CommandError(error) }
        let ourID = Self.identity(log: document.log, version: document.version), theirID = Self.identity(log: theirs.log, version: theirs.version)
        guard ourID == theirID else {
            if theirs.log == nil { throw CommandError(.mergeTheirsUnlogged(path)) }
            if document.log == nil { throw CommandError(.mergeOursUnlogged(path)) }
            throw CommandError(.mergeUnrelated(path, theirs: theirID, ours: ourID))
        }
        let ourLog = document.log ?? ChangeLog(workbook: ourID), theirLog = theirs.log ?? ChangeLog(workbook: theirID)
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
        try apply(plan, from: path)
    }

    /// The identity a workbook's change log has, or gets at its first
    /// change: a file an older kaohe made has no log, and takes one from its
    /// version on disk (size and hash), so every copy of the same old file
    /// taken before it changed gets the same identity and their common
    /// version is that file.
    static func identity(log: ChangeLog?, version: String) -> String {
        if let log { return log.workbook }
        guard version != "new" else { return ChangeLog.newID("wb") }
        return "wb-" + version.replacingOccurrences(of: ":", with: "-")
    }

    /// Replays the plan in one transaction, renumbering what it creates.
    /// Their entries run as one batch (`runQuietly`): a run of events goes
    /// to the scheme in one append, and an import of theirs replays the
    /// commands its entry keeps, one per row of their file.
    func apply(_ plan: MergePlan, from path: String) throws(CommandError) {
        var numbers: [String: String] = [:]
        var merged = plan.apply
        var events = 0, awards = 0, cells = 0, other = 0
        // Each command to run, and the entry it belongs to.
        var commands: [String] = [], owner: [Int] = []
        for (k, e) in plan.apply.enumerated() {
            let lines = e.command.hasPrefix("import ") ? e.lines : [e.command]
            commands += lines
            owner += Array(repeating: k, count: lines.count)
            merged[k].made = []
            if e.command.hasPrefix("import ") { merged[k].lines = [] }
        }
        // Where each entry's own `made` has got to: their numbers, in order, pair with ours.
        var cursor = Array(repeating: 0, count: plan.apply.count)
        try workbook.transaction { () throws(CommandError) in
            let problems = runQuietly(commands, renumber: { Self.renumbered($0, numbers) }, firstOnly: true, ran: { i, line, made in
                let k = owner[i], e = plan.apply[k]
                let recorded = e.made.dropFirst(cursor[k]).prefix(made.count)
                cursor[k] += made.count
                for (theirs, ours) in zip(recorded, made) where theirs != ours { numbers[theirs] = ours }
                events += made.filter { $0.hasPrefix("events ") }.count
                awards += made.filter { $0.hasPrefix("awards ") }.count
                if e.command.hasPrefix("import ") {
                    merged[k].lines.append(line)
                    if made.isEmpty { cells += 1 }
                } else {
                    merged[k].command = line
                    if e.cell != nil { cells += 1 } else if made.isEmpty { other += 1 }
                }
                merged[k].made += made
            })
            if let p = problems.first {
                let e = plan.apply[owner[p.index]]
                let row = e.command.hasPrefix("import ") ? " (its row \(commands[p.index]))" : ""
                throw CommandError(.mergeChangeFailed(path, command: e.command + row, user: e.user, time: e.time, p.phrase))
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
        say(.merged(who, path: path, events: events, awards: awards, cells: cells, other: other,
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
