import KaoheCore
import KaoheFile

/// What a command says when it cannot do what was asked: the problem, and
/// the fix where one is known. The workbook is left as it was.
public struct CommandError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }

    init(_ error: WorkbookError) { message = error.description }

    init(_ error: FileError) { message = error.description }
}

/// "did you mean X?" for the nearest candidate, or "" when none is near.
func didYouMean<S: Sequence>(_ name: String, in candidates: S) -> String where S.Element == String {
    nearest(name, in: candidates).map { " (did you mean \($0)?)" } ?? ""
}

extension Session {
    /// Runs a workbook operation, turning its error into a command error.
    @discardableResult
    func engine<T>(_ body: () throws(WorkbookError) -> T) throws(CommandError) -> T {
        do { return try body() } catch { throw CommandError(error) }
    }
}
