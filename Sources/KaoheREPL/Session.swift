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
    /// Where changes go before they count; nil for a read-only session,
    /// which must never touch the journal of the kaohe that writes the file.
    var journal: Journal?
    /// Changes made since the workbook was opened or saved.
    public private(set) var unsaved = 0
    /// Set by `quit`: the loop ends after this command.
    public internal(set) var quitRequested = false

    /// A person at a terminal (prompts, questions, pager) rather than a script.
    public let interactive: Bool
    /// ANSI colour for errors and flags: a terminal only.
    public let color: Bool
    /// The language of help, messages, change lines and tables (`lang`).
    public var lang = Language.fromEnvironment(ProcessInfo.processInfo.environment)
    /// Measures the terminal (columns, lines), for the pager, tables and
    /// long texts: asked again for every table, so a resized window counts.
    public var measureScreen: () -> (width: Int, height: Int) = { (100, 40) }
    /// psql's `\x` for tables wider than the screen (`expanded`).
    var expanded = Table.Expanded.auto

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
    /// The commands the command being run ran for the rows of a file (an import), for the log.
    var lines: [String] = []
    /// The log entries each merge brought, by the undo depth of the merge.
    var mergedEntries: [Int: [String]] = [:]
    /// The entries the merge being run brought, until its undo step exists.
    var pendingMerge: [String]?
    /// The entries of merges taken back by undo, for redo.
    var undoneMerges: [Int: [LogEntry]] = [:]
    /// The command line of each undo step, by the undo depth it made, so
    /// `undo` can say what it took back.
    var stepLines: [Int: String] = [:]
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
        journal = Self.journal(for: document)
    }

    static func journal(for document: WorkbookDocument) -> Journal? {
        document.readOnly ? nil : Journal(for: document.path, base: document.version)
    }

    /// Sets how questions are asked and tall output is paged (interactive).
    public func attach(ask: @escaping (String) -> String?, pager: @escaping (String) -> Bool) {
        self.ask = ask
        self.pager = pager
    }

    /// Everything kaohe shows goes through here, control characters escaped.
    func say(_ text: String) { output(text.terminalSafe) }

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
        lines = []
        let spec = try CommandTable.find(words)
        var invocation = try Invocation(spec: spec, line: line, words: words.dropFirst(spec.words.count))
        if spec.layer {
            guard !scenarioState.materializing else { throw CommandError(.notInScenarioChanges(spec.name)) }
            try spec.run(self, &invocation)
            // Switching changes nothing the file holds, but a replay must switch too.
            commit(try record(line, counts: spec.name != "scenario use") {})
            return
        }
        guard spec.changes else {
            try spec.run(self, &invocation)
            return
        }
        if document.readOnly {
            throw CommandError(.readOnlyRefused(spec.name))
        }
        if let current = scenarioState.current, !spec.scenarioSafe {
            throw CommandError(.baseOnly(spec.name, scenario: current))
        }
        let outer = watched
        watched = []
        defer { watched = outer }
        let depth = workbook.undoDepth
        let cell = target(of: invocation)
        let old = cell.map(currentValue)
        // What the command says is held back until its journal line is on
        // disk: a change is acknowledged only once it cannot be lost.
        let speak = output
        var held: [String] = []
        output = { held.append($0) }
        defer { output = speak }
        let report: ChangeReport
        var entry: LogEntry
        let before = outcomesBeforeChange()
        let narrow = narrowBaseline(before)
        do {
            report = try workbook.transaction { () throws(CommandError) in try spec.run(self, &invocation) }
            if workbook.undoDepth == depth, report.changes.isEmpty, report.invalidated.isEmpty, pendingMerge == nil {
                // Nothing moved and no step was made: nothing to journal or
                // undo. What the command meant to say (`bottom_n 3 → 3`)
                // would read as a change; its warnings still count.
                output = speak
                held.filter { $0.hasPrefix("warning") || $0.hasPrefix("警告") }.forEach(speak)
                say(.nothingChanged(cell.map { "\(cadreOrRow($0)) \($0.column)" }))
                return
            }
            entry = try record(invocation.journalLine ?? line) { _ = try? self.workbook.undo() }
        } catch {
            // The rollback (or the undo of a change the journal could not
            // keep) may take back cadres the command had already indexed.
            rosterChanged()
            throw error
        }
        let text = invocation.journalLine ?? line
        output = speak
        held.forEach(speak)
        noted(text, grew: workbook.undoDepth > depth)
        if workbook.undoDepth > depth { stepMade(text) }
        if let ids = pendingMerge {
            if workbook.undoDepth > depth { mergedEntries[workbook.undoDepth] = ids }
            pendingMerge = nil
        }
        let moved = reportChanges(report, since: before, narrow: narrow)
        entry.cadres = moved.map { value(Self.cadres, $0.row, "id").displayText }
        entry.effect = moved.first.map(\.moves) ?? ""
        if let cell {
            entry.cell = cell
            (entry.old, entry.new) = (old, currentValue(cell))
        }
        entry.made = made
        entry.lines = lines
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
        guard !replaying, let journal else { return entry }
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
        journal?.remove()
        journal = Self.journal(for: document)
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

    /// Opens a workbook file, replaying a journal left by a crash as `recovery`
    /// says. Read-only, it neither locks the file nor touches its journal.
    public static func open(_ path: String, recovery: Recovery, readOnly: Bool = false, interactive: Bool = false,
                            color: Bool = false, output: @escaping (String) -> Void = { print($0) },
                            ask: ((String) -> String?)? = nil) throws(CommandError) -> Session {
        let document = try openDocument(path, readOnly: readOnly, ask: interactive ? ask : nil,
                                        readOnlyHint: "kaohe \(path) --read-only")
        let session = Session(document: document, interactive: interactive, color: color, output: output)
        session.ask = ask
        session.opened()
        session.sayWarnings()
        try session.recover(recovery)
        return session
    }

    /// Opens a document for writing, or read-only when asked to or when
    /// another kaohe writes it and the user (asked, if someone can answer)
    /// agrees; `readOnlyHint` is how to ask for read-only from where the user is.
    static func openDocument(_ path: String, readOnly: Bool, ask: ((String) -> String?)?,
                             readOnlyHint: String) throws(CommandError) -> WorkbookDocument {
        do {
            return try WorkbookDocument.open(path, readOnly: readOnly)
        } catch where error.locked {
            guard let ask else { throw CommandError(.lockedReadOnlyHint(error.phrase, hint: readOnlyHint)) }
            let answer = ask(Phrase.askReadOnly(error.phrase).text(Language.fromEnvironment(ProcessInfo.processInfo.environment)))?
                .trimmingCharacters(in: .whitespaces).lowercased() ?? "n"
            guard !answer.hasPrefix("n") else { throw CommandError(error) }
            do { return try WorkbookDocument.open(path, readOnly: true) } catch { throw CommandError(error) }
        } catch {
            throw CommandError(error)
        }
    }

    /// Says what opening found and set right, and that a read-only session
    /// cannot change anything.
    func opened() {
        for notice in document.notices { say(notice) }
        if document.readOnly, let path = document.path {
            say(.openedReadOnlyNote(path))
        }
    }

    /// The problems of the file just opened, each at its line.
    func sayWarnings() {
        let warnings = document.warnings
        guard !warnings.isEmpty else { return }
        for w in warnings.prefix(20) { say(.warning(w.located)) }
        if warnings.count > 20 { say(.moreWarnings(warnings.count - 20, path: document.path ?? "")) }
        say(.problemsInFile(warnings.count))
    }

    /// A new workbook from the town template, not yet saved anywhere.
    public static func untitled(recovery: Recovery, interactive: Bool = false, color: Bool = false,
                                output: @escaping (String) -> Void = { print($0) },
                                ask: ((String) -> String?)? = nil) throws(CommandError) -> Session {
        let year = Calendar.current.component(.year, from: Date())
        guard let wb = try? Templates.make("town", year: year) else { throw CommandError(.templateDoesNotLoad) }
        wb.clearUndo()
        let session = Session(document: WorkbookDocument(workbook: wb), interactive: interactive, color: color, output: output)
        session.ask = ask
        try session.recover(recovery)
        return session
    }

    /// Replays a journal found beside the workbook: only if it was started
    /// on the version of the file now on disk, only its changing commands,
    /// and none of a last line the crash cut short.
    func recover(_ recovery: Recovery) throws(CommandError) {
        guard let journal else { return }
        let found: Journal.Pending
        do {
            guard let pending = try journal.pending() else { return }
            found = pending
        } catch { throw CommandError(error) }
        if let torn = found.tornLine {
            // The cut line's command never returned: it was never acknowledged.
            journal.truncate(to: found.intactSize)
            say(.tornLine("\(journal.path):\(torn)"))
        }
        let lines = found.lines
        guard !lines.isEmpty else {
            journal.remove()
            return
        }
        let what = "\(journal.path) holds \(lines.count) unsaved change\(lines.count == 1 ? "" : "s")"
        guard found.base == journal.base else {
            say(.journalNotReplayed(journal.path, count: lines.count, file: document.path, older: found.base == nil, keptAs: journal.setAside()))
            return
        }
        let described = "\(what) from a session that did not end cleanly (the last: \(lines.last!.text))"
        switch recovery {
        case .refuse:
            throw CommandError(.journalRefused(described, journal: journal.path, count: lines.count, last: lines.last!.text))
        case .ask:
            let answer = ask?(Phrase.askReplay(described, journal: journal.path, count: lines.count, last: lines.last!.text).text(lang))?.trimmingCharacters(in: .whitespaces).lowercased() ?? "y"
            if answer.hasPrefix("n") {
                say(.journalSetAside(journal.setAside()))
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
        var skipped: [String] = []
        for line in lines {
            // A journal holds only what changes the workbook: anything else
            // (a save, an export) would write files during recovery.
            if let words = try? Words.split(line.text), let spec = try? CommandTable.find(words), !spec.journaled {
                skipped.append("\(journal.path):\(line.number): '\(line.text)' does not change the workbook: not replayed")
                continue
            }
            do { try execute(line.text) } catch {
                throw CommandError(.journalReplayFailed("\(journal.path):\(line.number)", error.phrase))
            }
        }
        recoveredJournal = journal.size
        let count = lines.count - skipped.count
        skipped.forEach(speak)
        speak("recovered \(count) unsaved change\(count == 1 ? "" : "s") from \(journal.path)")
    }

    /// The end of a run. A batch run drops what it did not save; an
    /// interactive one asks first (false: stay).
    public func finish() -> Bool {
        if unsaved > 0, interactive, let ask {
            while true {
                let answer = ask(Phrase.askSaveBeforeQuit(unsaved, file: document.path).text(lang))?
                    .trimmingCharacters(in: .whitespaces).lowercased() ?? "c"
                if answer.hasPrefix("y") {
                    do {
                        try save(to: nil, force: false)
                        break
                    } catch {
                        say(.replayError(error.phrase))
                        return false
                    }
                }
                if answer.hasPrefix("n") { break }
                if answer.hasPrefix("c") || answer.isEmpty { return false }
            }
        }
        defer { document.close() }
        if !interactive, recoveredJournal > 0, let journal {
            journal.truncate(to: recoveredJournal)
            say(.recoveredNotSaved(journal.path))
            return true
        }
        journal?.remove()
        return true
    }

    func save(to target: String?, force: Bool) throws(CommandError) {
        try onBase { () throws(CommandError) in
            do throws(FileError) { try document.save(to: target, force: force) } catch { throw CommandError(error) }
        }
        markSaved()
    }

    func replaceDocument(_ new: WorkbookDocument) {
        journal?.remove()
        document.close()
        document = new
        journal = Self.journal(for: new)
        unsaved = 0
        recoveredJournal = 0
        rosterCache = nil
        scenarioState = ScenarioState()
    }
}
