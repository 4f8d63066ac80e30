import Foundation

/// The loop: lines from an editor (a person) or a script (batch) through
/// the session.
public enum REPL {
    /// Interactive: a prompt, errors shown and forgotten, Ctrl-D and `quit`
    /// ask before dropping unsaved changes.
    public static func interactive(_ session: Session, editor: LineEditor) {
        while true {
            let name = session.document.path.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "new workbook"
            let scenario = session.currentScenario.map { " [\($0)]" } ?? ""
            guard let line = editor.readLine(prompt: "kaohe \(name)\(scenario)\(session.unsaved > 0 ? "*" : "")> ") else {
                session.say("")
                if session.finish() { return }
                continue
            }
            editor.remember(line)
            do {
                try session.execute(line)
            } catch {
                let text = error.text(session.lang)
                let label = session.lang == .zh ? "错误：" : "error: "
                session.say(session.color ? "\u{1B}[31m\(label)\u{1B}[0m\(text)" : label + text)
            }
            if session.quitRequested {
                if session.finish() { return }
                session.quitRequested = false
            }
        }
    }

    /// Batch: runs each line of a source in order; the first failing
    /// command stops the run with `SOURCE:LINE: message` on stderr.
    /// Returns the exit code. Unsaved changes are dropped at the end.
    public static func batch(_ session: Session, source: String, lines: () -> String?, error: (String) -> Void) -> Int32 {
        var number = 0
        return batch(session, lines: {
            guard let line = lines() else { return nil }
            number += 1
            return (source, number, line)
        }, error: error)
    }

    /// Batch over lines from several sources in turn (`-f` scripts and `-c`
    /// commands in the order given), each named by its own source and line.
    public static func batch(_ session: Session, lines: () -> (source: String, number: Int, line: String)?, error: (String) -> Void) -> Int32 {
        defer { _ = session.finish() }
        while let (source, number, line) = lines() {
            do {
                try session.execute(line)
            } catch let e {
                error("\(source):\(number): \(e.text(session.lang))")
                return 1
            }
            // Each command's output leaves at once, even into a pipe: a
            // program driving kaohe waits for it.
            fflush(nil)
            if session.quitRequested { return 0 }
        }
        return 0
    }
}
