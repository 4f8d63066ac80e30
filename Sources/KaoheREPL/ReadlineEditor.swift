import CReadline
import Foundation

/// GNU readline: line editing, Ctrl-R search, history kept in a file, and
/// Tab completion from the session.
public final class ReadlineEditor: LineEditor {
    let historyFile: String
    static let historyLimit: Int32 = 2000

    /// - Parameter historyFile: where history lives across sessions (`~/.kaohe_history`).
    public init(session: Session, historyFile: String) {
        self.historyFile = historyFile
        setlocale(LC_ALL, "")
        completingSession = session
        kaohe_rl_setup("kaohe", completeForReadline)
        kaohe_rl_catch_interrupt()
        // append_history only appends: the file must exist for the first line to stay.
        if !FileManager.default.fileExists(atPath: historyFile) {
            _ = FileManager.default.createFile(atPath: historyFile, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        read_history(historyFile)
    }

    public func readLine(prompt: String) -> String? {
        guard let raw = readline(prompt) else { return nil }
        defer { free(raw) }
        return String(cString: raw)
    }

    public func remember(_ line: String) {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return }
        // Readline keeps repeats; one copy of a line typed twice in a row is enough.
        if let last = kaohe_rl_last_history(), String(cString: last) == trimmed { return }
        add_history(trimmed)
        append_history(1, historyFile)
        history_truncate_file(historyFile, Self.historyLimit)
    }
}

/// The session Tab completes against. Readline calls back through a C
/// function with no context, on the one thread that runs the REPL.
nonisolated(unsafe) private var completingSession: Session?
/// The notes of the matches just offered, for `displayWithNotes`.
nonisolated(unsafe) private var completionNotes: [String: String] = [:]

private func completeForReadline(_ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    guard let session = completingSession, let text, let buffer = kaohe_rl_line_buffer() else { return nil }
    let bytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self), count: Int(start)))
    let before = String(decoding: bytes, as: UTF8.self)
    let (candidates, notes, files) = session.completionsWithNotes(before: before, word: String(cString: text))
    completionNotes = notes
    kaohe_rl_display_matches(notes.isEmpty ? nil : displayWithNotes)
    if files {
        kaohe_rl_completion_done(0, 1)
        return nil
    }
    kaohe_rl_completion_done(1, 1)
    guard !candidates.isEmpty else { return nil }
    // A name with a blank is offered quoted, so that it reads back as one word.
    let quoted = candidates.map { $0.contains(" ") ? Words.quote($0) : $0 }
    let list = quoted.count == 1 ? quoted : [commonPrefix(quoted)] + quoted
    let out = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: list.count + 1)
    for (i, s) in list.enumerated() { out[i] = strdup(s) }
    out[list.count] = nil
    return out
}

/// The second Tab's list when the matches have notes: one a line, the
/// match, then its note (`53  李艳 (c01) 4.2a ×3, 2026-11-25`), numbers in order.
private func displayWithNotes(_ matches: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ count: Int32, _ longest: Int32) {
    guard let matches, count > 0 else { return }
    let offered = (1...Int(count)).compactMap { matches[$0].map { String(cString: $0) } }
        .sorted { (Int($0) ?? .max, $0) < (Int($1) ?? .max, $1) }
    let width = offered.map(\.displayWidth).max() ?? 0
    let lines = offered.map { Table.pad($0, width, right: false) + "  " + (completionNotes[$0] ?? "") }
    print("\n" + lines.map { $0.trailingTrimmed.terminalSafe }.joined(separator: "\n"))
    fflush(nil)
    kaohe_rl_redisplay_after_list()
}
