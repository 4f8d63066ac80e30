import Foundation

/// What fits in an argument's place: drives completion and nothing else.
enum ArgKind: Sendable, Equatable {
    case command, cadre, office, column, sheet, rule, param, file, event, award, scenario
    case words([String])
    /// Free text or a number the user types: nothing to complete.
    case value
}

/// One positional argument of a command.
struct Arg: Sendable {
    let name: String
    let kind: ArgKind
    var optional = false
}

/// A command, declared once: dispatch, `help`, usage errors and completion
/// all read this table.
struct CommandSpec: Sendable {
    enum Group: String, Sendable, CaseIterable {
        case files = "Workbook and files"
        case view = "Looking"
        case edit = "Entering and editing"
        case roster = "Roster and structure"
        case scheme = "The scheme: events and awards"
        case results = "Results"
        case history = "History and next year"
        case scenario = "What-if scenarios"
    }

    /// One or two words: `show`, `cadre add`.
    let name: String
    /// Other words that run it, as other tools spell it (`exit`, `\q`, `.quit`).
    var aliases: [String] = []
    let group: Group
    let usage: String
    let summary: String
    /// A worked example: the lines to type, then `→` and what comes back.
    let example: String
    var arguments: [Arg] = []
    /// The last argument takes the rest of the words.
    var variadic = false
    /// `key=value` options and their completions.
    var options: [(key: String, kind: ArgKind)] = []
    /// Bare words that switch something on (`labels`, `bom`).
    var flags: [String] = []
    /// Whether it changes the workbook: such a command is one undoable step,
    /// goes to the journal, and reports what moved.
    var changes = false
    /// Whether it moves between what-if layers (`scenario new`, `use`, …):
    /// not a step of the workbook's undo, but journaled, so a replay ends in
    /// the same scenario.
    var layer = false
    /// Undo and redo: they change the workbook by walking its history rather
    /// than in a transaction of their own, and journal themselves.
    var walksHistory = false
    /// What a journal may hold, and so all that recovery replays.
    var journaled: Bool { changes || walksHistory || layer }
    let run: @Sendable (Session, inout Invocation) throws(CommandError) -> Void

    var words: [Substring] { name.split(separator: " ") }

    /// Changing commands that a scenario cannot hold: they read a file
    /// that a later replay may not find.
    var scenarioSafe: Bool { name != "import" && name != "merge" }
}

/// A command line matched to its command: positional words, options, flags.
struct Invocation {
    let spec: CommandSpec
    let line: String
    var positional: [Word] = []
    var options: [String: Word] = [:]
    var flags: Set<String> = []
    /// The line to journal in place of `line`, when replaying the line later
    /// could mean something else (a default date is today).
    var journalLine: String?
    /// Where a formula's text ends: before the command's `key=` options
    /// that follow it (`column add x =times*2 sheet=events`).
    var formulaEnd: String.Index?

    init(spec: CommandSpec, line: String, words: ArraySlice<Word>) throws(CommandError) {
        self.spec = spec
        self.line = line
        for (n, word) in zip(words.indices, words) {
            if !word.quoted, word.text.hasPrefix("=") {
                // A formula: the rest of the line is its text (see `rest(from:)`),
                // but for the command's options at its end, so options go in any order.
                positional.append(word)
                var end = words.endIndex
                while end - 1 > n, let key = words[end - 1].optionKey, spec.options.contains(where: { $0.key == key }) {
                    let w = words[end - 1]
                    options[String(key)] = Word(text: w.optionValue, range: w.range, quoted: w.quoted)
                    end -= 1
                }
                if end < words.endIndex { formulaEnd = words[end - 1].range.upperBound }
                break
            }
            if !spec.options.isEmpty, let key = word.optionKey {
                guard spec.options.contains(where: { $0.key == key }) else {
                    throw CommandError(.noOption(spec.name, key: String(key), hint: didYouMean(String(key), in: spec.options.map(\.key)), usage: spec.usage))
                }
                options[String(key)] = Word(text: word.optionValue, range: word.range, quoted: word.quoted)
            } else if !word.quoted, spec.flags.contains(word.text) {
                flags.insert(word.text)
            } else {
                positional.append(word)
            }
        }
        let required = spec.arguments.filter { !$0.optional }.count
        if positional.count < required {
            let missing = spec.arguments[positional.count].name
            throw CommandError(.missingArgument(spec.name, missing, usage: spec.usage))
        }
        if !spec.variadic, positional.count > spec.arguments.count {
            let extra = positional[spec.arguments.count]
            throw CommandError(.unexpectedWord(spec.name, extra.text, usage: spec.usage))
        }
    }

    /// The positional argument at `i`, if given.
    subscript(i: Int) -> String? { i < positional.count ? positional[i].text : nil }

    /// The line from the `i`th positional word to its end, as typed: a
    /// formula keeps its quotes and blanks.
    func rest(from i: Int) -> String {
        String(line[positional[i].range.lowerBound..<(formulaEnd ?? line.endIndex)]).trimmingCharacters(in: .whitespaces)
    }
}
