import KaoheCore

/// What the scheme says when a change would break the regulation or names
/// something that is not there: the problem and, where one is known, the fix.
/// Nothing has changed when it is thrown.
public struct SchemeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The message in both languages (see `Catalogue.swift`).
    public var phrase: Phrase

    public init(_ phrase: Phrase) { self.phrase = phrase }

    init(_ error: WorkbookError) { phrase = error.phrase }

    /// The English message.
    public var message: String { phrase.en }

    public var description: String { phrase.en }
}

/// " (did you mean X?)" for the nearest candidate, or nothing when none is near.
func didYouMean<S: Sequence>(_ name: String, in candidates: S) -> Phrase where S.Element == String {
    nearest(name, in: candidates).map { Phrase.didYouMean($0) } ?? .empty
}
