import Foundation
import KaoheCore
import KaoheFile
import KaoheScheme

/// The change log: every committed change with who made it and when
/// (`LogEntry`), kept in the workbook file. A journal line carries its
/// entry's id, time and user in a trailing comment (`# logged "…" "…" "…"`),
/// so a replay after a crash logs the change as it was made.
extension Session {
    static let logTag = "# logged "

    /// Who is making changes: `--user`, `KAOHE_USER`, else the login name.
    public static func defaultUser() -> String {
        let env = ProcessInfo.processInfo.environment
        if let u = env["KAOHE_USER"], !u.isEmpty { return u }
        if let u = env["USER"] ?? env["LOGNAME"], !u.isEmpty { return u }
        return "unknown"
    }

    /// Now as `YYYY-MM-DD HH:MM:SS`, or `KAOHE_NOW` when set (tests pin it).
    static func now() -> String {
        if let fixed = ProcessInfo.processInfo.environment["KAOHE_NOW"] { return fixed }
        let c = Calendar(identifier: .gregorian).dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date())
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    /// A line without its log tag, and the entry the tag names (id, time, user).
    static func splitTag(_ line: String) -> (command: String, entry: LogEntry?) {
        guard let r = line.range(of: " " + logTag, options: .backwards) else { return (line, nil) }
        let fields = String(line[r.upperBound...])
        guard let words = try? Words.split(fields), words.count == 3, words.allSatisfy(\.quoted) else {
            return (line, nil)
        }
        let command = String(line[..<r.lowerBound])
        return (command, LogEntry(id: words[0].text, time: words[1].text, user: words[2].text, command: command))
    }

    /// Starts the log entry of a change about to be journaled: from the
    /// journal's tag when replaying, else new.
    func beginEntry(_ command: String) -> LogEntry {
        if let replayed = replayedEntry, replayed.command == command { return replayed }
        return LogEntry(id: ChangeLog.newID("e"), time: Self.now(), user: user, command: command, scenario: scenarioState.current)
    }

    /// The journal line of an entry: its command and its tag.
    static func journalLine(_ e: LogEntry) -> String {
        "\(e.command) \(logTag)\([e.id, e.time, e.user].map(quoteWord).joined(separator: " "))"
    }

    /// A word in double quotes for `Words.split`, on one line.
    static func quoteWord(_ s: String) -> String {
        let flat = s.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\\", with: "\\\\")
        return "\"" + flat.replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// The input cell a command writes, for merge conflicts; nil for the others.
    func target(of inv: Invocation) -> LogCell? {
        switch inv.spec.name {
        case "set", "clear":
            guard let row = try? cadre(inv[0]!), let col = try? column(inv[1]!, sheet: Self.cadres) else { return nil }
            return LogCell(sheet: Self.cadres, key: value(Self.cadres, row, "id").displayText, column: col.key)
        case "param": return LogCell(sheet: "", key: "", column: inv[0]!)
        case "office set": return LogCell(sheet: "offices", key: inv[0]!, column: "line_rank")
        default: return nil
        }
    }

    func currentValue(_ cell: LogCell) -> Value {
        if cell.sheet.isEmpty { return workbook.param(cell.column) ?? .empty }
        if cell.sheet == Self.cadres, let row = town.cadre(id: cell.key) { return value(cell.sheet, row, cell.column) }
        guard let row = try? self.row(cell.key, in: cell.sheet, what: Phrase(verbatim: cell.sheet)) else { return .empty }
        return value(cell.sheet, row, cell.column)
    }

    /// Adds the finished entry to the workbook's log.
    func commit(_ entry: LogEntry) {
        guard !scenarioState.materializing else { return }
        if document.log == nil { document.log = ChangeLog(workbook: Self.identity(log: nil, version: document.version)) }
        document.log!.entries.append(entry)
    }

    /// `log [CADRE] [since=DATE] [by=NAME]`
    func showLog(_ inv: Invocation) throws(CommandError) {
        var entries = document.log?.entries ?? []
        if let name = inv[0] {
            let id = value(Self.cadres, try cadre(name), "id").displayText
            entries = entries.filter { $0.cadres.contains(id) || $0.cell?.key == id }
        }
        if let since = inv.options["since"]?.text {
            _ = try scheme { () throws(SchemeError) in try town.date(since) }
            entries = entries.filter { $0.time >= since }
        }
        if let by = inv.options["by"]?.text { entries = entries.filter { $0.user == by } }
        var table = Table(headers: ["when", "who", "change", "what moved"])
        for e in entries {
            let change = (e.scenario.map { "[\($0)] " } ?? "") + e.command
            table.add([Table.Cell(text: String(e.time.prefix(16))), Table.Cell(text: e.user), Table.Cell(text: change), Table.Cell(text: e.effect)])
        }
        table.maxWidth = max(30, screen.width / 2 - 20)
        let all = document.log?.entries.count ?? 0
        table.footer = [Phrase.logFooter(entries.count, of: all).text(lang)]
        present(table)
    }
}
