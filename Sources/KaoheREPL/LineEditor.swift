/// Where lines come from: readline for a person, a script for tests and batch.
public protocol LineEditor: AnyObject {
    /// The next line, or nil at the end of input (Ctrl-D).
    func readLine(prompt: String) -> String?
    /// Remembers a line in the history.
    func remember(_ line: String)
}

/// Lines from a list, as a test or a script types them.
public final class ScriptedEditor: LineEditor {
    var lines: [String]
    public private(set) var history: [String] = []

    public init(_ lines: [String]) { self.lines = lines }

    public func readLine(prompt: String) -> String? { lines.isEmpty ? nil : lines.removeFirst() }

    public func remember(_ line: String) { history.append(line) }
}
