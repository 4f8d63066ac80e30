/// A problem in a workbook or CSV file, located as `FILE:LINE:COL`.
public struct FileProblem: Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int
    /// 1-based character column; 0 when the whole line (or file) is meant.
    public let column: Int
    public let message: String

    public init(file: String, line: Int, column: Int = 0, _ message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
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

    /// Another kaohe is writing `file`.
    public init(file: String, lockedBy holder: LockHolder?) {
        let who = holder.map { "another kaohe (\($0))" } ?? "another kaohe"
        problems = [FileProblem(file: file, line: 0, "\(who) has this workbook open for writing; one writer at a time")]
        locked = true
        self.holder = holder
    }

    public var description: String {
        problems.map { $0.line == 0 ? "\($0.file): \($0.message)" : $0.description }.joined(separator: "\n")
    }
}
