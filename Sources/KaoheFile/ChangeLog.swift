import Foundation
import KaoheCore

/// One committed change, as the change log keeps it: who made it, when, the
/// command (as journaled), and what a merge needs to bring it into another
/// copy of the workbook.
///
/// ```
/// log "wb-5c1e9a0f3d2b7e41"
///   entry "e-0f3a…" "2026-03-05 14:02:11" "宣传委员" "deduct 李艳 4.2a x2 date=2026-03-05" cadres="c01" made="events 53" effect="rules 11 → 9"
///   entry "e-7b21…" "2026-03-06 09:10:00" "宣传委员" "import events 宣传委员.csv" made="events 54, events 55" lines="deduct c02 4.2a date=…\ndeduct …"
/// ```
public struct LogEntry: Sendable, Equatable {
    /// Unique across every copy of the workbook: a merge brings in the
    /// entries whose ids it has not seen.
    public var id: String
    /// `YYYY-MM-DD HH:MM:SS`, local time.
    public var time: String
    public var user: String
    public var command: String
    /// The scenario the change was made in; nil for the base.
    public var scenario: String?
    /// The ids of the cadres whose figures it moved.
    public var cadres: [String] = []
    /// The input cell a `set`, `clear`, `param` or `office set` wrote, for
    /// finding conflicts in a merge.
    public var cell: LogCell?
    public var old: Value?
    public var new: Value?
    /// The numbered rows it created, as `events 53`, `awards 7`: a merge
    /// renumbers them and the commands that name them.
    public var made: [String] = []
    /// What moved, in short: `rules 11 → 9, rank 4 → 7`.
    public var effect = ""
    /// The commands an import ran, one per row of its file (`deduct c01
    /// 4.2a x2 date=…`): a merge replays them, since the file itself stays
    /// with the department.
    public var lines: [String] = []

    public init(id: String, time: String, user: String, command: String, scenario: String? = nil) {
        (self.id, self.time, self.user, self.command, self.scenario) = (id, time, user, command, scenario)
    }
}

/// An input cell as a log entry names it: sheet, the row's key (a cadre's
/// id, an office's name; empty for a parameter), and column (or parameter).
public struct LogCell: Sendable, Hashable {
    public var sheet: String
    public var key: String
    public var column: String

    public init(sheet: String, key: String, column: String) {
        (self.sheet, self.key, self.column) = (sheet, key, column)
    }
}

/// The workbook's change log: its identity (shared by every copy made from
/// it, so a merge can tell a department's copy from an unrelated file) and
/// its entries in the order committed.
public struct ChangeLog: Sendable, Equatable {
    public var workbook: String
    public var entries: [LogEntry] = []

    public init(workbook: String = ChangeLog.newID("wb")) { self.workbook = workbook }

    /// A random id such as `wb-5c1e9a0f3d2b7e41`.
    public static func newID(_ prefix: String) -> String {
        var g = SystemRandomNumberGenerator()
        let n = g.next() as UInt64
        let hex = String(n, radix: 16)
        return prefix + "-" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}

extension WorkbookFile {
    /// The log's lines. Written as UTF-8 bytes and made a string once: a
    /// year's log is 200,000 entries (60 MB), and appending each field to a
    /// `String` scalar by scalar cost more than the rest of the file.
    static func write(_ log: ChangeLog?) -> String {
        guard let log else { return "" }
        var out: [UInt8] = []
        out.reserveCapacity(log.entries.count * 160 + 64)
        func add(_ s: String) { out.append(contentsOf: s.utf8) }
        func quoted(_ s: String) {
            out.append(UInt8(ascii: "\""))
            for b in s.utf8 {
                switch b {
                case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
                case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                default: out.append(b)
                }
            }
            out.append(UInt8(ascii: "\""))
        }
        func field(_ key: String, _ text: String) {
            out.append(UInt8(ascii: " "))
            add(key)
            out.append(UInt8(ascii: "="))
            quoted(text)
        }
        add("\nlog ")
        quoted(log.workbook)
        out.append(0x0A)
        for e in log.entries {
            add("  entry ")
            quoted(e.id)
            out.append(UInt8(ascii: " "))
            quoted(e.time)
            out.append(UInt8(ascii: " "))
            quoted(e.user)
            out.append(UInt8(ascii: " "))
            quoted(e.command)
            if let s = e.scenario { field("scenario", s) }
            if !e.cadres.isEmpty { field("cadres", e.cadres.joined(separator: " ")) }
            if let c = e.cell {
                field("sheet", c.sheet)
                field("key", c.key)
                field("column", c.column)
            }
            if let o = e.old { field("old", ValueCodec.encode(o)) }
            if let n = e.new { field("new", ValueCodec.encode(n)) }
            if !e.made.isEmpty { field("made", e.made.joined(separator: ", ")) }
            if !e.effect.isEmpty { field("effect", e.effect) }
            if !e.lines.isEmpty { field("lines", e.lines.joined(separator: "\n")) }
            out.append(0x0A)
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension FileParser {
    /// `log "WORKBOOK-ID"`
    mutating func logHeader(_ line: [UInt8], _ n: Int, from: Int) {
        guard log == nil else { problem(n, 1, .secondLog); return }
        var scanner = ValueCodec.Scanner(line, from: from)
        do {
            log = ChangeLog(workbook: try scanner.quoted(expecting: "the workbook's id", as: "log \"ID\""))
            scanner.skipSpaces()
            if !scanner.atEnd { problem(n, Self.column(line, scanner.i), .textAfterLogID) }
        } catch {
            problem(n, Self.column(line, error.offset), error.phrase)
        }
    }

    /// `  entry "ID" "TIME" "USER" "COMMAND" [key="…" …]`
    mutating func logEntry(_ line: [UInt8], _ n: Int, from: Int) {
        guard log != nil else { problem(n, 1, .entryNeedsLog); return }
        var scanner = ValueCodec.Scanner(line, from: from)
        do throws(ValueCodec.ScanError) {
            var fixed: [String] = []
            for what in ["the entry's id", "its time", "who made it", "the command"] {
                fixed.append(try scanner.quoted(expecting: what))
            }
            var e = LogEntry(id: fixed[0], time: fixed[1], user: fixed[2], command: fixed[3])
            var cell: [String: String] = [:]
            while true {
                scanner.skipSpaces()
                if scanner.atEnd { break }
                let start = scanner.i
                while scanner.i < line.count, line[scanner.i] != UInt8(ascii: "=") { scanner.i += 1 }
                let key = String(decoding: line[start..<scanner.i], as: UTF8.self)
                scanner.i += 1
                guard !scanner.atEnd, line[scanner.i] == UInt8(ascii: "\"") else {
                    throw ValueCodec.ScanError(at: start, .expectedEntryField(key))
                }
                let text = try scanner.quoted()
                switch key {
                case "scenario": e.scenario = text
                case "cadres": e.cadres = text.split(separator: " ").map(String.init)
                case "sheet", "key", "column": cell[key] = text
                case "old", "new":
                    var inner = ValueCodec.Scanner(Array(text.utf8))
                    let v = try inner.value()
                    if key == "old" { e.old = v } else { e.new = v }
                case "made": e.made = text.components(separatedBy: ", ")
                case "effect": e.effect = text
                case "lines": e.lines = text.components(separatedBy: "\n")
                default: throw ValueCodec.ScanError(at: start, .unknownEntryField(key))
                }
            }
            if let sheet = cell["sheet"], let column = cell["column"] { e.cell = LogCell(sheet: sheet, key: cell["key"] ?? "", column: column) }
            log!.entries.append(e)
        } catch {
            problem(n, Self.column(line, error.offset), error.phrase)
        }
    }
}

extension ChangeLog {
    /// The change log of a workbook file, read without its sheets: a merge
    /// needs only the copy's log (its imports keep their rows in it), and
    /// building the copy's 100,000 cadres would cost more than the merge.
    /// Returns the log (nil for a file without one) and the file's version,
    /// as `WorkbookDocument.version` gives it for an opened file.
    ///
    /// The file must be a kaohe workbook, whole (its `end` line) and its
    /// log lines must read; problems are `FILE:LINE:COL`, as on open.
    public static func read(_ data: Data, file: String) throws(FileError) -> (log: ChangeLog?, version: String) {
        let bytes = [UInt8](data)
        guard bytes.starts(with: Array("kaohe ".utf8)) else {
            throw FileError(FileProblem(file: file, line: 1, column: 1, "not a kaohe workbook: the first line should be 'kaohe \(WorkbookFile.version)'"))
        }
        var headerEnd = 6
        while headerEnd < bytes.count, bytes[headerEnd] != 0x0A, bytes[headerEnd] != 0x0D { headerEnd += 1 }
        // Version 1 files have no `end` line.
        let version = Int(String(decoding: bytes[6..<headerEnd], as: UTF8.self).trimmingCharacters(in: .whitespaces)) ?? WorkbookFile.version
        var parser = FileParser(file: file)
        var n = 0, start = 0, ended = version < 2
        var inLog = false
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            n += 1
            var stop = end
            if stop > start, bytes[stop - 1] == 0x0D { stop -= 1 }
            let first = start < stop ? bytes[start] : 0
            // Only the log's lines are read: `log "…"` at the start of a line, its indented entries, and `end`.
            if first == UInt8(ascii: "l"), bytes[start..<stop].starts(with: Array("log ".utf8)) {
                inLog = true
                parser.logHeader(Array(bytes[start..<stop]), n, from: 3)
            } else if inLog, first == 0x20 {
                var i = start
                while i < stop, bytes[i] == 0x20 { i += 1 }
                if bytes[i..<stop].starts(with: Array("entry ".utf8)) { parser.logEntry(Array(bytes[start..<stop]), n, from: i + 5 - start) }
            } else if first == UInt8(ascii: "e"), bytes[start..<stop].elementsEqual(Array("end".utf8)) {
                ended = true
            }
            start = end + 1
        }
        if !ended {
            parser.problem(n, 0, .fileCutShortNoHand)
        }
        guard parser.problems.isEmpty else { throw FileError(parser.problems) }
        return (parser.log, WorkbookDocument.Fingerprint(data).text)
    }
}
