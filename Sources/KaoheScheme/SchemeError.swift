import KaoheCore

/// What the scheme says when a change would break the regulation or names
/// something that is not there: the problem and, where one is known, the fix.
/// Nothing has changed when it is thrown.
public struct SchemeError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    init(_ error: WorkbookError) { message = error.description }

    public var description: String { message }
}

/// " (did you mean X?)" for the nearest candidate, or "" when none is near.
func didYouMean<S: Sequence>(_ name: String, in candidates: S) -> String where S.Element == String {
    nearest(name, in: candidates).map { " (did you mean \($0)?)" } ?? ""
}
