/// Where an interactive session's lines come from (readline; tests drive it through a terminal).
public protocol LineEditor: AnyObject {
    /// The next line, or nil at the end of input (Ctrl-D).
    func readLine(prompt: String) -> String?
    /// Remembers a line in the history.
    func remember(_ line: String)
}
