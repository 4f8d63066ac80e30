import KaoheCore
import KaoheFile
import KaoheScheme

/// What a command says when it cannot do what was asked: the problem, and
/// the fix where one is known. The workbook is left as it was.
public struct CommandError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The message in both languages (see `Catalogue/`).
    public var phrase: Phrase

    public init(_ phrase: Phrase) { self.phrase = phrase }

    /// A message not yet in the catalogue: the same text in both languages.
    public init(_ message: String) { phrase = Phrase(verbatim: message) }

    /// The English message.
    public var message: String { phrase.en }

    public var description: String { phrase.en }

    public func text(_ language: Language) -> String { phrase.text(language) }

    init(_ error: WorkbookError) { phrase = error.phrase }

    init(_ error: FileError) { phrase = error.phrase }

    init(_ error: SchemeError) { phrase = error.phrase }
}

/// " (did you mean X?)" for the nearest candidate, or nothing when none is near.
func didYouMean<S: Sequence>(_ name: String, in candidates: S) -> Phrase where S.Element == String {
    nearest(name, in: candidates).map { Phrase.didYouMean($0) } ?? .empty
}

extension Session {
    /// Runs a workbook operation, turning its error into a command error.
    @discardableResult
    func engine<T>(_ body: () throws(WorkbookError) -> T) throws(CommandError) -> T {
        do { return try body() } catch { throw CommandError(error) }
    }

    /// Runs a scheme operation, turning its error into a command error.
    @discardableResult
    func scheme<T>(_ body: () throws(SchemeError) -> T) throws(CommandError) -> T {
        do { return try body() } catch { throw CommandError(error) }
    }

    /// The scheme over this workbook, for the command being run: it reads
    /// the rule table and roster once per command.
    var town: Town {
        if let townCache, townCache.workbook === workbook { return townCache }
        let t = Town(workbook)
        townCache = t
        return t
    }
}
