import KaoheCore

/// A problem in a workbook or CSV file, located as `FILE:LINE:COL`.
public struct FileProblem: Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int
    /// 1-based character column; 0 when the whole line (or file) is meant.
    public let column: Int
    /// The problem in both languages (see `Catalogue.swift`).
    public let phrase: Phrase

    /// The English problem.
    public var message: String { phrase.en }

    public init(file: String, line: Int, column: Int = 0, _ phrase: Phrase) {
        self.file = file
        self.line = line
        self.column = column
        self.phrase = phrase
    }

    /// A problem not yet in the catalogue: the same text in both languages.
    public init(file: String, line: Int, column: Int = 0, _ message: String) {
        self.init(file: file, line: line, column: column, Phrase(verbatim: message))
    }

    /// The problem after its place, in both languages (the English is `description`).
    public var located: Phrase {
        Phrase(en: description, zh: (column > 0 ? "\(file):\(line):\(column): " : "\(file):\(line): ") + phrase.zh)
    }

    public var description: String {
        column > 0 ? "\(file):\(line):\(column): \(message)" : "\(file):\(line): \(message)"
    }
}

/// Why a file could not be read or written: every problem found, in order.
public struct FileError: Error, Sendable, Equatable, CustomStringConvertible {
    public let problems: [FileProblem]
    /// True when the file could not be opened for writing because another
    /// kaohe holds its lock; `holder` is who, if its lock file says yet.
    public let locked: Bool
    public let holder: LockHolder?

    public init(_ problems: [FileProblem]) {
        self.problems = problems
        locked = false
        holder = nil
    }

    public init(_ problem: FileProblem) { self.init([problem]) }
    public init(file: String, _ message: String) { self.init(FileProblem(file: file, line: 0, message)) }
    public init(file: String, _ phrase: Phrase) { self.init(FileProblem(file: file, line: 0, phrase)) }

    /// Another kaohe is writing `file`.
    public init(file: String, lockedBy holder: LockHolder?) {
        problems = [FileProblem(file: file, line: 0, .lockedBy(holder))]
        locked = true
        self.holder = holder
    }

    public var description: String {
        problems.map { $0.line == 0 ? "\($0.file): \($0.message)" : $0.description }.joined(separator: "\n")
    }

    /// Every problem in both languages, each after its place.
    public var phrase: Phrase {
        .joined(problems.map { $0.line == 0 ? Phrase(en: "\($0.file): ", zh: "\($0.file)：") + $0.phrase : $0.located }, en: "\n", zh: "\n")
    }
}
