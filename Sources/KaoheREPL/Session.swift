import Foundation
import KaoheCore
import KaoheFile
import KaoheScheme

/// One user's session with one workbook: the owner of the document, the
/// journal and the screen. Every command goes through `execute`, so undo,
/// the journal and the change line see every change.
public final class Session {
    public private(set) var document: WorkbookDocument
    var workbook: Workbook { document.workbook }
    var journal: Journal
    /// Changes made since the workbook was opened or saved.
    public private(set) var unsaved = 0
    /// Set by `quit`: the loop ends after this command.
    public internal(set) var quitRequested = false

    /// A person at a terminal (prompts, questions, pager) rather than a script.
    public let interactive: Bool
    /// ANSI colour for errors and flags: a terminal only.
    public let color: Bool
    /// Terminal size, for the pager and long texts.
    public var screen: (width: Int, height: Int) = (100, 40)

    /// Where output goes: one call per line or block.
    var output: (String) -> Void
    /// Asks the user a question (interactive only); nil when no one can answer.
    var ask: ((String) -> String?)?
    /// Shows a tall text through a pager; returns false when none ran.
    var pager: ((String) -> Bool)?

    var rosterCache: Roster?
    /// The scheme for the command being run (see `town`).
    var townCache: Town?
    /// The what-if scenario in use and the layers kept for the others.
    var scenarioState = ScenarioState()
    /// Who the change log names for changes made in this session.
    public var user = Session.defaultUser()
    /// The log entry a replayed journal line carries (see `Session+Log`).
    var replayedEntry: LogEntry?
    /// The numbered rows the command being run created (`events 53`), for the log.
    var made: [String] = []
    /// The log entries each merge brought, by the undo depth of the merge.
    var mergedEntries: [Int: [String]] = [:]
    /// The entries the merge being run brought, until its undo step exists.
    var pendingMerge: [String]?
    /// The entries of merges taken back by undo, for redo.
    var undoneMerges: [Int: [LogEntry]] = [:]
    /// Rows whose values the current command's change line compares.
    var watched: [(sheet: String, row: RowID, before: [Value])] = []
    /// True while replaying a journal: commands are not journaled again.
    var replaying = false
    /// The journal's size after replaying what a killed session left: a
    /// batch run that ends without saving keeps that much of it.
    var recoveredJournal = 0

    public init(document: WorkbookDocument = WorkbookDocument(), interactive: Bool = false, color: Bool = false,
                output: @escaping (String) -> Void = { print($0) }) {
        self.document = document
        self.interactive = interactive
        self.color = color
        self.output = output
        journal = Journal(for: document.path)
    }

    /// Sets how questions are asked and tall output is paged (interactive).
    public func attach(ask: @escaping (String) -> String?, pager: @escaping (String) -> Bool) {
        self.ask = ask
        self.pager = pager
    }

    func say(_ text: String) { output(text) }

    // MARK: Running a command

    /// Runs one line: a command, a comment or nothing.
    public func execute(_ typed: String) throws(CommandError) {
        let (line, tagged) = Self.splitTag(typed)
        let outerEntry = replayedEntry
        replayedEntry = tagged
        defer { replayedEntry = outerEntry }
        let words = try Words.split(line)
        guard !words.isEmpty else { return }
        townCache = nil
        made = []
        let spec = try CommandTable.find(words)
        var invocation = try Invocation(spec: spec, line: line, words: words.dropFirst(spec.words.count))
        if spec.layer {
            guard !scenarioState.materializing else { throw CommandError("\(spec.name) cannot be part of a scenario's changes") }
            try spec.run(self, &invocation)
            // Switching changes nothing the file holds, but a replay must switch too.
            commit(try record(line, counts: spec.name != "scenario use") {})
            return
        }
        guard spec.changes else {
            try spec.run(self, &invocation)
            return
        }
        if let current = scenarioState.current, !spec.scenarioSafe {
            throw CommandError("\(spec.name) works on the base only (in use: scenario \(current)); scenario use base first")
        }
        let outer = watched
        watched = []
        defer { watched = outer }
        let depth = workbook.undoDepth
        let cell = target(of: invocation)
        let old = cell.map(currentValue)
        let report = try workbook.transaction { () throws(CommandError) in try spec.run(self, &invocation) }
        let text = invocation.journalLine ?? line
        var entry = try record(text) { _ = try? self.workbook.undo() }
        noted(text, grew: workbook.undoDepth > depth)
        if let ids = pendingMerge {
            if workbook.undoDepth > depth { mergedEntries[workbook.undoDepth] = ids }
            pendingMerge = nil
        }
        let moved = reportChanges(report)
        entry.cadres = moved.map { value(Self.cadres, $0.row, "id").displayText }
        entry.effect = moved.first.map(\.moves) ?? ""
        if let cell {
            entry.cell = cell
            (entry.old, entry.new) = (old, currentValue(cell))
        }
        entry.made = made
        commit(entry)
    }

    /// Counts a change and writes it to the journal before the command
    /// returns. If the journal cannot be written, `revert` takes the change
    /// back rather than leave it unsafe.
    @discardableResult
    func record(_ line: String, counts: Bool = true, revert: () -> Void) throws(CommandError) -> LogEntry {
        let entry = beginEntry(line)
        guard !scenarioState.materializing else { return entry }
        if counts { unsaved += 1 }
        guard !replaying else { return entry }
        do { try journal.append(Self.journalLine(entry)) } catch {
            revert()
            if counts { unsaved -= 1 }
            throw CommandError(error)
        }
        return entry
    }

    /// Marks the workbook as saved: nothing left to journal.
    func markSaved() {
        unsaved = 0
        recoveredJournal = 0
        journal.remove()
        journal = Journal(for: document.path)
    }

    // MARK: Opening and leaving

    /// What to do with a journal left by a session that died.
    public enum Recovery: Sendable {
        /// Ask (interactive).
        case ask
        /// Replay it (`--recover`).
        case replay
        /// Refuse to start until the user decides (batch without `--recover`).
        case refuse
    }

    /// Opens a workbook file, replaying a journal left by a crash as `recovery` says.
    public static func open(_ path: String, recovery: Recovery, interactive: Bool = false, color: Bool = false,
                            output: @escaping (String) -> Void = { print($0) },
                            ask: ((String) -> String?)? = nil) throws(CommandError) -> Session {
        let document: WorkbookDocument
        do { document = try WorkbookDocument.open(path) } catch { throw CommandError(error) }
        let session = Session(document: document, interactive: interactive, color: color, output: output)
        session.ask = ask
        try session.recover(recovery)
        return session
    }

    /// A new workbook from the town template, not yet saved anywhere.
    public static func untitled(recovery: Recovery, interactive: Bool = false, color: Bool = false,
                                output: @escaping (String) -> Void = { print($0) },
                                ask: ((String) -> String?)? = nil) throws(CommandError) -> Session {
        let year = Calendar.current.component(.year, from: Date())
        guard let wb = try? Templates.make("town", year: year) else { throw CommandError("the town template does not load") }
        wb.clearUndo()
        let session = Session(document: WorkbookDocument(workbook: wb), interactive: interactive, color: color, output: output)
        session.ask = ask
        try session.recover(recovery)
        return session
    }

    /// Replays a journal found beside the workbook.
    func recover(_ recovery: Recovery) throws(CommandError) {
        let lines: [(number: Int, text: String)]
        do {
            guard let found = try journal.pending(), !found.isEmpty else {
                journal.remove()
                return
            }
            lines = found
        } catch { throw CommandError(error) }
        let what = "\(journal.path) holds \(lines.count) unsaved change\(lines.count == 1 ? "" : "s") from a session that did not end cleanly (the last: \(lines.last!.text))"
        switch recovery {
        case .refuse:
            throw CommandError("\(what). Run again with --recover to replay them, or move the journal away to open the saved file without them.")
        case .ask:
            let answer = ask?("\(what).\nReplay them? [Y/n] ")?.trimmingCharacters(in: .whitespaces).lowercased() ?? "y"
            if answer.hasPrefix("n") {
                say("set the journal aside as \(journal.setAside()); the workbook is as last saved")
                return
            }
        case .replay:
            break
        }
        replaying = true
        let speak = output
        output = { _ in }
        defer {
            replaying = false
            output = speak
        }
        for line in lines {
            do { try execute(line.text) } catch {
                throw CommandError("\(journal.path):\(line.number): \(error.message) — the journal is kept; move it away to open the saved file")
            }
        }
        recoveredJournal = journal.size
        speak("recovered \(lines.count) unsaved change\(lines.count == 1 ? "" : "s") from \(journal.path)")
    }

    /// The end of a run. A batch run drops what it did not save; an
    /// interactive one asks first (false: stay).
    public func finish() -> Bool {
        if unsaved > 0, interactive, let ask {
            let name = document.path ?? "the new workbook"
            while true {
                let answer = ask("\(unsaved) unsaved change\(unsaved == 1 ? "" : "s") to \(name). Save before quitting? [y/n/c] ")?
                    .trimmingCharacters(in: .whitespaces).lowercased() ?? "c"
                if answer.hasPrefix("y") {
                    do {
                        try save(to: nil, force: false)
                        break
                    } catch {
                        say("error: \(error.message)")
                        return false
                    }
                }
                if answer.hasPrefix("n") { break }
                if answer.hasPrefix("c") || answer.isEmpty { return false }
            }
        }
        if !interactive, recoveredJournal > 0 {
            journal.truncate(to: recoveredJournal)
            say("the recovered changes are not saved yet: they stay in \(journal.path) until a save")
            return true
        }
        journal.remove()
        return true
    }

    func save(to target: String?, force: Bool) throws(CommandError) {
        try onBase { () throws(CommandError) in
            do throws(FileError) { try document.save(to: target, force: force) } catch { throw CommandError(error) }
        }
        markSaved()
    }

    func replaceDocument(_ new: WorkbookDocument) {
        journal.remove()
        document = new
        journal = Journal(for: new.path)
        unsaved = 0
        recoveredJournal = 0
        rosterCache = nil
        scenarioState = ScenarioState()
    }
}
