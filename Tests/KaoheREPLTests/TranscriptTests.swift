import CoreFoundation
import Foundation
import Testing

// Transcript tests: scripts of REPL commands with their expected output, run
// through the real binary in batch mode. One session per file,
// Tests/Transcripts/*.txt:
//
//   # comment        a line that is "#" or starts with "# "; never output
//   @workbook NAME   a fresh temporary folder holding a copy of Workbooks/NAME
//                    and of every file in Tests/Transcripts/fixtures/ is the
//                    working directory, and kaohe opens NAME (without this line:
//                    kaohe on the untitled town template)
//   @lang zh|en      the language kaohe speaks (LANG=zh_CN.UTF-8 or C.UTF-8;
//                    without this line: en, whatever the machine's locale)
//   > COMMAND        a command that succeeds; the lines after it, up to the next
//                    '>', '!', '@' or comment line, are its standard output
//                    (blank lines at the end of a block only space the file out)
//   ! COMMAND        a command that fails; the lines after it are its message
//   @file NAME [bom] [crlf] [gb18030]
//                    the lines after it are the whole of file NAME at the end of
//                    the '>' run: each line ends in \n (\r\n with crlf), encoded
//                    as UTF-8 (GB18030 with gb18030), after a UTF-8 BOM with bom
//
// All '>' commands run in order in one process, fed on stdin: it must exit 0,
// say nothing on stderr, and print exactly their blocks one after another (so
// after a `> quit` the later '>' blocks are empty). Each '!' command runs in a
// process of its own, in a fresh folder, from a script (-f script) holding the
// '>' commands before it and then itself: it must exit 1, print exactly the
// blocks of those commands, and write `script:N: MESSAGE` to stderr, N being
// its line in that script.
//
// Run: swift test --disable-xctest --filter Transcript. KAOHE_BLESS=1 rewrites
// the files with what the binary printed; read the diff before committing it.

@Suite("transcripts")
struct TranscriptTests {
    static let folder = Binary.root.appendingPathComponent("Tests/Transcripts")
    static let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
        .filter { $0.hasSuffix(".txt") }.sorted()
    static let bless = ProcessInfo.processInfo.environment["KAOHE_BLESS"] == "1"

    @Test("there are transcripts to run")
    func found() {
        #expect(!Self.names.isEmpty, "no transcripts in \(Self.folder.path)")
    }

    @Test("transcript", arguments: names)
    func transcript(_ name: String) throws {
        let url = Self.folder.appendingPathComponent(name)
        var t = try Transcript(parsing: String(contentsOf: url, encoding: .utf8), name: name)
        let passing = t.steps.filter { !$0.fails }

        let (main, dir) = try t.run(passing.map(\.command), script: false)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(main.status == 0 && main.stderr.isEmpty, "\(name): the '>' commands failed (status \(main.status)): \(main.stderr)")
        let mainMatched = main.stdout == Transcript.joined(passing.flatMap(\.expected))
        if Self.bless {
            try t.blessOutputs()
        } else if !mainMatched {
            Issue.record(Comment(rawValue: t.mismatch(in: passing, actual: main.stdout)))
        }

        for (i, check) in t.files.enumerated() {
            let data = FileManager.default.contents(atPath: dir.appendingPathComponent(check.name).path)
            if Self.bless {
                t.files[i].expected = data.flatMap(check.content) ?? ["(missing)"]
            } else if data != check.bytes {
                let actual = data.map { check.content($0) ?? ["(not \(check.gb18030 ? "GB18030" : "UTF-8"), \(check.bom ? "or no BOM" : "or a BOM"))"] } ?? ["(missing)"]
                Issue.record(Comment(rawValue: "\(name):\(check.line): the file \(check.name) is not as expected\n" + Transcript.diff(check.expected, actual)))
            }
        }

        for (i, step) in t.steps.enumerated() where step.fails {
            let before = t.steps[..<i].filter { !$0.fails }
            let (r, dir) = try t.run(before.map(\.command) + [step.command], script: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let prefix = "script:\(before.count + 1): "
            var problems: [String] = []
            if r.status != 1 { problems.append("exit status \(r.status), expected 1") }
            let printed = before.flatMap(\.expected)
            // A difference there is the '>' run's, already reported.
            if mainMatched || Self.bless, r.stdout != Transcript.joined(printed) {
                problems.append("the commands before it printed something else, or it printed something\n" + Transcript.diff(printed, Transcript.lines(r.stdout)))
            }
            if Self.bless, r.stderr.hasPrefix(prefix), r.stderr.hasSuffix("\n") {
                t.steps[i].expected = Transcript.lines(String(r.stderr.dropFirst(prefix.count).dropLast()))
            } else if r.stderr != prefix + step.expected.joined(separator: "\n") + "\n" {
                problems.append("stderr is not as expected\n" + Transcript.diff(Transcript.lines(prefix + step.expected.joined(separator: "\n")), Transcript.lines(r.stderr)))
            }
            if !problems.isEmpty {
                Issue.record(Comment(rawValue: "\(name):\(step.line): ! \(step.command)\n" + problems.joined(separator: "\n")))
            }
        }

        if Self.bless { try t.source.write(to: url, atomically: true, encoding: .utf8) }
    }
}

/// One transcript file, parsed; it keeps its source lines so that blessing
/// rewrites only the expected blocks.
struct Transcript {
    struct Step {
        var command: String
        var fails: Bool
        /// The command's line in the transcript file (from 1).
        var line: Int
        var expected: [String]
        /// Where `expected` stands in `lines`.
        var block: Range<Int>
    }

    struct FileCheck {
        var name: String
        var bom = false, crlf = false, gb18030 = false
        var line: Int
        var expected: [String]
        var block: Range<Int>

        static let gb18030Encoding = String.Encoding(rawValue: CFStringConvertEncodingToNSStringEncoding(CFStringEncoding(CFStringEncodings.GB_18030_2000.rawValue)))
        var encoding: String.Encoding { gb18030 ? Self.gb18030Encoding : .utf8 }
        var ending: String { crlf ? "\r\n" : "\n" }

        var bytes: Data? {
            guard let text = expected.map({ $0 + ending }).joined().data(using: encoding) else { return nil }
            return (bom ? Data([0xEF, 0xBB, 0xBF]) : Data()) + text
        }

        /// A file's content as this check's lines, if it is in its encoding
        /// (and has the BOM when asked for, and only then).
        func content(_ data: Data) -> [String]? {
            let hasBOM = data.starts(with: [0xEF, 0xBB, 0xBF])
            guard hasBOM == bom, let text = String(data: bom ? data.dropFirst(3) : data, encoding: encoding) else { return nil }
            var lines = text.components(separatedBy: ending)
            if lines.last == "" { lines.removeLast() }
            return lines
        }
    }

    let name: String
    var lines: [String]
    var workbook: String?
    var lang = "en"
    var steps: [Step] = []
    var files: [FileCheck] = []

    init(parsing text: String, name: String) throws {
        self.name = name
        lines = Self.lines(text)
        var i = 0
        while i < lines.count {
            let line = lines[i], number = i + 1
            i += 1
            if line.trimmingCharacters(in: .whitespaces).isEmpty || Self.isComment(line) { continue }
            if line.hasPrefix("@workbook ") {
                workbook = String(line.dropFirst("@workbook ".count)).trimmingCharacters(in: .whitespaces)
                continue
            }
            if line.hasPrefix("@lang ") {
                lang = String(line.dropFirst("@lang ".count)).trimmingCharacters(in: .whitespaces)
                guard lang == "zh" || lang == "en" else { throw TranscriptError("\(name):\(number): expected @lang zh or @lang en") }
                continue
            }
            let start = i
            while i < lines.count, !Self.startsEntry(lines[i]) { i += 1 }
            var end = i
            while end > start, lines[end - 1].trimmingCharacters(in: .whitespaces).isEmpty { end -= 1 }
            let block = Array(lines[start..<end])
            if line.hasPrefix(">") || line.hasPrefix("!") {
                var command = line.dropFirst()
                if command.hasPrefix(" ") { command = command.dropFirst() }
                steps.append(Step(command: String(command), fails: line.hasPrefix("!"), line: number, expected: block, block: start..<end))
            } else if line.hasPrefix("@file ") {
                let words = line.split(separator: " ").dropFirst().map(String.init)
                guard let file = words.first, Set(words.dropFirst()).isSubset(of: ["bom", "crlf", "gb18030"]) else {
                    throw TranscriptError("\(name):\(number): expected @file NAME [bom] [crlf] [gb18030]")
                }
                let flags = Set(words.dropFirst())
                files.append(FileCheck(name: file, bom: flags.contains("bom"), crlf: flags.contains("crlf"), gb18030: flags.contains("gb18030"),
                                       line: number, expected: block, block: start..<end))
            } else {
                throw TranscriptError("\(name):\(number): expected '>', '!', '@workbook', '@lang', '@file' or a comment, not: \(line)")
            }
        }
    }

    static func isComment(_ line: String) -> Bool { line == "#" || line.hasPrefix("# ") }

    /// Whether a line ends the block above it.
    static func startsEntry(_ line: String) -> Bool {
        line.hasPrefix(">") || line.hasPrefix("!") || line.hasPrefix("@") || isComment(line)
    }

    static func joined(_ lines: [String]) -> String { lines.map { $0 + "\n" }.joined() }

    /// Lines without their `\n`; no empty last line for a final `\n`.
    static func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Runs commands in a fresh folder, fed on stdin or from a script file;
    /// returns the result and the folder (the caller removes it).
    func run(_ commands: [String], script: Bool) throws -> (Binary.Result, URL) {
        let dir = try Binary.scratch(copying: workbook)
        let fixtures = TranscriptTests.folder.appendingPathComponent("fixtures")
        for file in (try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? [] {
            try FileManager.default.copyItem(at: fixtures.appendingPathComponent(file), to: dir.appendingPathComponent(file))
        }
        var arguments = workbook.map { [$0] } ?? []
        let text = Self.joined(commands)
        if script {
            try text.write(to: dir.appendingPathComponent("script"), atomically: true, encoding: .utf8)
            arguments += ["-f", "script"]
        }
        // The change line lists the columns recomputed everywhere in an order
        // that follows the hash seed (a product bug); a fixed seed keeps the
        // output the same from run to run.
        // The change log's clock and user are pinned too.
        let result = try Binary.run(arguments, stdin: script ? "" : text, in: dir, environment: [
            "SWIFT_DETERMINISTIC_HASHING": "1", "KAOHE_NOW": "2026-12-02 09:30:00", "KAOHE_USER": "党政办",
            "LANG": lang == "zh" ? "zh_CN.UTF-8" : "C.UTF-8",
        ])
        return (result, dir)
    }

    /// The whole-output mismatch of the '>' run, naming the first command
    /// whose block differs.
    func mismatch(in passing: [Step], actual: String) -> String {
        let actualLines = Self.lines(actual)
        var n = 0
        var at = " (extra output at the end)"
        for step in passing {
            if Array(actualLines.dropFirst(n).prefix(step.expected.count)) != step.expected {
                at = " (first difference in the block of \(name):\(step.line): > \(step.command))"
                break
            }
            n += step.expected.count
        }
        return "\(name): the output of the '>' commands is not as expected\(at)\n" + Self.diff(passing.flatMap(\.expected), actualLines)
    }

    /// Gives each '>' step the output it printed, from runs of growing
    /// prefixes of the session (a shared run cannot tell whose line is whose).
    mutating func blessOutputs() throws {
        var printed = ""
        var done: [String] = []
        for (i, step) in steps.enumerated() where !step.fails {
            done.append(step.command)
            let (r, dir) = try run(done, script: false)
            try? FileManager.default.removeItem(at: dir)
            guard r.stdout.hasPrefix(printed) else { throw TranscriptError("\(name):\(step.line): output before this command changed between runs") }
            steps[i].expected = Self.lines(String(r.stdout.dropFirst(printed.count)))
            printed = r.stdout
        }
    }

    /// The file with every expected block replaced by its current content.
    var source: String {
        var out = lines
        let blocks = steps.map { ($0.block, $0.expected) } + files.map { ($0.block, $0.expected) }
        for (range, expected) in blocks.sorted(by: { $0.0.lowerBound > $1.0.lowerBound }) {
            out.replaceSubrange(range, with: expected)
        }
        return Self.joined(out)
    }

    /// A line diff (longest common subsequence) with line numbers: `-` only
    /// expected, `+` only actual, two lines of context around each change.
    static func diff(_ expected: [String], _ actual: [String]) -> String {
        let a = expected, b = actual
        var lcs = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var ops: [(mark: Character, line: Int, text: String)] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                ops.append((" ", i + 1, a[i]))
                i += 1
                j += 1
            } else if j < b.count, i == a.count || lcs[i][j + 1] >= lcs[i + 1][j] {
                ops.append(("+", j + 1, b[j]))
                j += 1
            } else {
                ops.append(("-", i + 1, a[i]))
                i += 1
            }
        }
        let changed = ops.indices.filter { ops[$0].mark != " " }
        var out: [String] = []
        var last = -1
        for k in ops.indices where changed.contains(where: { abs($0 - k) <= 2 }) {
            if last >= 0, k > last + 1 { out.append("  …") }
            out.append("\(ops[k].mark) \(ops[k].line)  \(ops[k].text)")
            last = k
        }
        return "- expected, + actual (line numbers of each):\n" + out.joined(separator: "\n")
    }
}

struct TranscriptError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
