import ArgumentParser
import Foundation
import KaoheCore
import KaoheFile
import KaoheREPL

/// The command line: the REPL on a workbook, batch runs, and the
/// subcommands that create and check workbooks.
struct Kaohe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kaohe",
        abstract: "考核: the town cadre assessment workbook.",
        usage: """
            kaohe [FILE]                    the REPL (on the town template when no FILE)
            kaohe FILE -c 'CMD' [-c ...]    run commands, print their output, exit
            kaohe FILE -f SCRIPT            run a script of commands, exit (-f and -c mix, run in order)
            ... | kaohe FILE                batch mode: no prompt, no colour
            kaohe new FILE [--template T]   create a workbook
            kaohe check FILE                report a workbook's problems, or a summary
            """,
        discussion: """
            kaohe keeps a year's assessment as a spreadsheet-style workbook: cadres \
            are rows, score categories are columns, and totals, ranks and bonuses \
            are formulas that recompute incrementally. Type help at the prompt for \
            the commands.

            In batch mode the first failing command stops the run with exit code 1 \
            and SCRIPT:LINE: message on stderr; changes are written only by save.
            """,
        version: KaoheVersion.string
    )

    @Argument(help: "The workbook file to open.")
    var file: String?

    @Option(name: .customShort("c"), help: ArgumentHelp("A command to run (repeatable); then exit.", valueName: "CMD"))
    var commands: [String] = []

    @Option(name: .customShort("f"), help: ArgumentHelp("A script of commands to run (repeatable; with -c, in the order given); then exit.", valueName: "SCRIPT"))
    var scripts: [String] = []

    @Flag(help: "Replay the changes a killed session left in FILE.journal (batch mode).")
    var recover = false

    @Option(help: ArgumentHelp("Who the change log names for this session's changes (default: KAOHE_USER, else the login name).", valueName: "NAME"))
    var user: String?

    @Flag(name: .customLong("read-only"), help: "Open FILE without locking it: look and export, no changes (another kaohe may be writing it).")
    var readOnly = false

    func run() throws {
        // The session reads it when it starts: one place decides who is logged.
        if let user { setenv("KAOHE_USER", user, 1) }
        var err = StandardError()
        let interactive = commands.isEmpty && scripts.isEmpty && isatty(0) == 1
        let color = interactive && isatty(1) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            && ProcessInfo.processInfo.environment["TERM"] != "dumb"
        let out: (String) -> Void = { print($0) }
        // A name that is not there is most likely a workbook still to make.
        if let file, !FileManager.default.fileExists(atPath: file) {
            print("kaohe: " + Phrase.noWorkbook(file).text(Language.fromEnvironment(ProcessInfo.processInfo.environment)), to: &err)
            throw ExitCode(1)
        }
        if interactive {
            try runInteractive(color: color)
            return
        }
        let session: Session
        do {
            let recovery: Session.Recovery = recover ? .replay : .refuse
            session = try file.map { path throws(CommandError) in try Session.open(path, recovery: recovery, readOnly: readOnly, output: out) }
                ?? Session.untitled(recovery: recovery, output: out)
        } catch let error as CommandError {
            print("kaohe: \(error.text(Language.fromEnvironment(ProcessInfo.processInfo.environment)))", to: &err)
            throw ExitCode(1)
        }
        let code: Int32
        if !scripts.isEmpty || !commands.isEmpty {
            // Every script is read before anything runs: a missing one stops the run before it starts.
            var lines: [(source: String, number: Int, line: String)] = []
            var given = 0
            for step in orderedSteps() {
                switch step {
                case .command(let line):
                    given += 1
                    lines.append(("-c", given, line))
                case .script(let path):
                    let text: String
                    do { text = try WorkbookDocument.readUTF8(path, what: "a script").text } catch {
                        print("kaohe: \(error.phrase.text(Language.fromEnvironment(ProcessInfo.processInfo.environment)))", to: &err)
                        throw ExitCode(1)
                    }
                    var script = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                    if script.last == "" { script.removeLast() }
                    lines += script.enumerated().map { (path, $0.offset + 1, $0.element) }
                }
            }
            var rest = lines[...]
            code = REPL.batch(session, lines: { rest.popFirst() }, error: { print($0, to: &err) })
        } else {
            code = REPL.batch(session, source: "<stdin>", lines: { readLine() }, error: { print($0, to: &err) })
        }
        if code != 0 { throw ExitCode(code) }
    }

    enum Step: Equatable {
        case command(String)
        case script(String)
    }

    /// The `-c` commands and `-f` scripts in the order they were given, as
    /// psql runs them. The parser keeps each kind's order but not how they
    /// interleave, so the arguments are read again; if that reading does not
    /// find the same commands and scripts, scripts come first.
    func orderedSteps() -> [Step] {
        var steps: [Step] = []
        var args = CommandLine.arguments.dropFirst()[...]
        while let arg = args.popFirst(), arg != "--" {
            if arg == "-c" || arg == "-f", let value = args.popFirst() {
                steps.append(arg == "-c" ? .command(value) : .script(value))
            }
        }
        let found = (commands: steps.compactMap { if case .command(let c) = $0 { c } else { nil } },
                     scripts: steps.compactMap { if case .script(let s) = $0 { s } else { nil } })
        guard found.commands == commands, found.scripts == scripts else { return scripts.map(Step.script) + commands.map(Step.command) }
        return steps
    }

    func runInteractive(color: Bool) throws {
        let home = ProcessInfo.processInfo.environment["HOME"] ?? "."
        var editor: ReadlineEditor?
        // Before the line editor exists (opening: a lock held, a journal to
        // replay), questions are read from the terminal as plain lines.
        let ask: (String) -> String? = { question in
            if let editor { return editor.readLine(prompt: question) }
            print(question, terminator: "")
            fflush(nil)
            return readLine()
        }
        let session: Session
        do {
            session = try file.map { path throws(CommandError) in
                try Session.open(path, recovery: .ask, readOnly: readOnly, interactive: true, color: color, ask: ask)
            } ?? Session.untitled(recovery: .ask, interactive: true, color: color, ask: ask)
        } catch let error as CommandError {
            var err = StandardError()
            print("kaohe: \(error.text(Language.fromEnvironment(ProcessInfo.processInfo.environment)))", to: &err)
            throw ExitCode(1)
        }
        let lineEditor = ReadlineEditor(session: session, historyFile: home + "/.kaohe_history")
        editor = lineEditor
        session.attach(ask: ask, pager: Terminal.page)
        session.measureScreen = Terminal.size
        let cadres = session.document.path == nil ? "a new workbook from the town template" : session.document.path!
        print("kaohe \(KaoheVersion.string) on \(cadres). Type help for the commands, Tab to complete.")
        REPL.interactive(session, editor: lineEditor)
    }
}

enum Terminal {
    static func size() -> (width: Int, height: Int) {
        var w = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &w) == 0, w.ws_row > 0 else { return (100, 40) }
        return (Int(w.ws_col), Int(w.ws_row))
    }

    /// Shows text through `$PAGER` (default `less -FRXS`: wide tables scroll sideways), as psql does.
    static func page(_ text: String) -> Bool {
        let pager = ProcessInfo.processInfo.environment["PAGER"].flatMap { $0.isEmpty ? nil : $0 } ?? "less -FRXS"
        fflush(nil)
        guard let pipe = popen(pager, "w") else { return false }
        fputs(text + "\n", pipe)
        return pclose(pipe) == 0
    }
}
/// `kaohe new FILE [--template town|demo] [--year Y]`
struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kaohe new",
        abstract: "Create a workbook from a template.",
        discussion: "town: the town's assessment scheme, empty. demo: the scheme filled with a realistic town, to try kaohe out.")

    @Argument(help: "The workbook file to create.")
    var file: String

    @Option(help: "\(Templates.names.joined(separator: " or ")).")
    var template = "town"

    @Option(help: "The assessment year (default: this year).")
    var year = Calendar.current.component(.year, from: Date())

    @Flag(help: "Overwrite FILE if it exists.")
    var force = false

    func run() throws {
        var err = StandardError()
        guard force || !FileManager.default.fileExists(atPath: file) else {
            print("kaohe new: \(file) already exists; choose another name, or add --force to overwrite it", to: &err)
            throw ExitCode(1)
        }
        guard let workbook = try Templates.make(template, year: year) else {
            let hint = nearest(template, in: Templates.names).map { "did you mean \($0)? " } ?? ""
            print("kaohe new: no template '\(template)' (\(hint)templates: \(Templates.names.joined(separator: ", ")))", to: &err)
            throw ExitCode(1)
        }
        do {
            try WorkbookDocument(workbook: workbook).save(to: file, force: true)
        } catch {
            print("kaohe new: \(error)", to: &err)
            throw ExitCode(1)
        }
        print("created \(file) from the \(template) template (year \(year))")
    }
}

/// `kaohe check FILE`: opens a workbook and reports problems or a summary.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kaohe check", abstract: "Open a workbook and report its problems, or a summary.",
        discussion: "Every value the commands would refuse is listed as FILE:LINE: problem, and the exit code is 1; such a file still opens, so the office can fix it.")

    @Argument(help: "The workbook file.")
    var file: String

    func run() throws {
        var err = StandardError()
        let lang = Language.fromEnvironment(ProcessInfo.processInfo.environment)
        do {
            let document = try WorkbookDocument.open(file, readOnly: true)
            let wb = document.workbook
            for w in document.warnings { print(w.located.text(lang)) }
            for sheet in wb.sheetNames {
                print("\(sheet): \(try wb.rowCount(of: sheet)) rows, \(try wb.columns(of: sheet).count) columns")
            }
            if !wb.cyclicColumns.isEmpty { print("circular references: \(wb.cyclicColumns.joined(separator: ", "))") }
            if !document.warnings.isEmpty {
                print("\(document.warnings.count) problem\(document.warnings.count == 1 ? "" : "s"): the file opens; fix \(document.warnings.count == 1 ? "it" : "them") with the commands, then save", to: &err)
                throw ExitCode(1)
            }
        } catch let error as FileError {
            print(error.phrase.text(lang), to: &err)
            throw ExitCode(1)
        }
    }
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }
}

// The REPL takes a FILE where subcommands would stand, which ArgumentParser
// cannot mix: `new` and `check` are dispatched here (`./new` opens a file so named).
// A file size limit reached (ulimit -f) is a write that fails, to report
// like a full disk, not a signal that kills the process mid-save.
signal(SIGXFSZ, SIG_IGN)
// A reader that leaves early (`kaohe FILE -c rank | head`, or `q` in the
// pager before a long table is through) makes writes fail, not a signal that
// kills the session: the commands after it still run (a `-c save` among
// them), and the workbook's lock and journal are put away as at any end.
signal(SIGPIPE, SIG_IGN)
Memory.keepFreedPages()
let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "new": New.main(Array(arguments.dropFirst()))
case "check": Check.main(Array(arguments.dropFirst()))
default: Kaohe.main(arguments)
}
