import KaoheCore

/// A what-if scenario as the file keeps it: a name, the scenario it is
/// layered on (nil: the base figures), and its changes, each the command
/// that made it as it was journaled (defaults such as today's date filled in).
///
/// ```
/// scenario "综治办降级"
///   change "office set 综治办 rank 4"
/// scenario "再少一名末位" parent "综治办降级"
///   change "param bottom_n 2"
/// ```
public struct ScenarioRecord: Sendable, Equatable {
    public var name: String
    public var parent: String?
    public var changes: [String]

    public init(name: String, parent: String? = nil, changes: [String] = []) {
        self.name = name
        self.parent = parent
        self.changes = changes
    }
}

extension WorkbookFile {
    /// The scenario blocks, after the sheets, parents before their children.
    static func write(_ scenarios: [ScenarioRecord]) -> String {
        // Each after its parent, otherwise in the order kept.
        var ordered: [ScenarioRecord] = []
        var pending = scenarios
        while !pending.isEmpty {
            let ready = pending.filter { s in s.parent.map { p in ordered.contains { $0.name == p } } ?? true }
            ordered += ready.isEmpty ? pending : ready
            pending.removeAll { s in ordered.contains { $0.name == s.name } }
        }
        var out = ""
        for s in ordered {
            out += "\nscenario " + ValueCodec.quote(s.name)
            if let p = s.parent { out += " parent " + ValueCodec.quote(p) }
            out += "\n"
            for c in s.changes { out += "  change " + ValueCodec.quote(c) + "\n" }
        }
        return out
    }
}

extension ValueCodec.Scanner {
    /// After any blanks, a `"..."` string; else an error naming `what` was
    /// expected, and how it is written.
    mutating func quoted(expecting what: String, as form: String? = nil) throws(ValueCodec.ScanError) -> String {
        skipSpaces()
        guard !atEnd, b[i] == UInt8(ascii: "\"") else {
            throw ValueCodec.ScanError(at: i, .expectedQuoted(what, form: form))
        }
        return try quoted()
    }
}

extension FileParser {

    /// `scenario "NAME" [parent "NAME"]`
    mutating func scenario(_ line: [UInt8], _ n: Int, from: Int) {
        var scanner = ValueCodec.Scanner(line, from: from)
        do {
            let name = try scanner.quoted(expecting: "the scenario's name", as: "scenario \"NAME\"")
            scanner.skipSpaces()
            var parent: String?
            if !scanner.atEnd {
                let rest = String(decoding: line[scanner.i...], as: UTF8.self)
                guard rest.hasPrefix("parent") else {
                    problem(n, Self.column(line, scanner.i), .expectedParent)
                    return
                }
                scanner.i += 6
                parent = try scanner.quoted(expecting: "the parent's name", as: "parent \"NAME\"")
                scanner.skipSpaces()
                guard scanner.atEnd else { problem(n, Self.column(line, scanner.i), .textAfterParent); return }
            }
            guard !name.isEmpty, name != "base" else {
                problem(n, from + 2, .scenarioNamedBase)
                return
            }
            if scenarios.contains(where: { $0.name == name }) {
                problem(n, from + 2, .scenarioTwice(name))
                return
            }
            if let parent, !scenarios.contains(where: { $0.name == parent }) {
                problem(n, from + 2, .parentNotAbove(name, parent: parent))
                return
            }
            scenarios.append(ScenarioRecord(name: name, parent: parent))
        } catch {
            problem(n, Self.column(line, error.offset), error.phrase)
        }
    }

    /// `  change "COMMAND"`, under its scenario.
    mutating func change(_ line: [UInt8], _ n: Int, from: Int) {
        guard !scenarios.isEmpty else { problem(n, 1, .changeNeedsScenario); return }
        var scanner = ValueCodec.Scanner(line, from: from)
        do {
            let text = try scanner.quoted(expecting: "the command", as: "change \"COMMAND\"")
            scanner.skipSpaces()
            guard scanner.atEnd else { problem(n, Self.column(line, scanner.i), .oneCommandPerChange); return }
            scenarios[scenarios.count - 1].changes.append(text)
        } catch {
            problem(n, Self.column(line, error.offset), error.phrase)
        }
    }
}
