import Foundation
import KaoheCore
import KaoheFile

extension CommandTable {
    static let files: [CommandSpec] = [
        CommandSpec(
            name: "help", group: .files, usage: "help [COMMAND]",
            summary: "list the commands, or show one command's usage with an example",
            example: "help deduct", arguments: [Arg(name: "COMMAND", kind: .command, optional: true)], variadic: true
        ) { s, inv throws(CommandError) in try s.help(inv.positional.map(\.text)) },
        CommandSpec(
            name: "open", group: .files, usage: "open FILE [readonly]",
            summary: "open a workbook file (asks first if this one has unsaved changes); readonly: look without locking it",
            example: "open Workbooks/demo-2026.kaohe\n→ opened Workbooks/demo-2026.kaohe: 60 cadres",
            arguments: [Arg(name: "FILE", kind: .file)], flags: ["readonly"]
        ) { s, inv throws(CommandError) in try s.openFile(inv[0]!, readOnly: inv.flags.contains("readonly")) },
        CommandSpec(
            name: "save", group: .files, usage: "save [FILE] [force]",
            summary: "save the workbook (atomically); force overwrites an existing FILE, or one changed on disk since it was opened",
            example: "save\n→ saved demo-2026.kaohe\nsave copy.kaohe",
            arguments: [Arg(name: "FILE", kind: .file, optional: true)], flags: ["force"]
        ) { s, inv throws(CommandError) in
            let target = try inv[0].map { _ throws(CommandError) in try s.outputFile(inv, at: 0, mayBeTheOpenWorkbook: true) }
            try s.save(to: target, force: inv.flags.contains("force"))
            s.say(.saved(s.document.path ?? ""))
        },
        CommandSpec(
            name: "quit", aliases: ["exit", "\\q", ".quit"], group: .files, usage: "quit",
            summary: "leave kaohe (asks first when there are unsaved changes); Ctrl-D does the same",
            example: "quit"
        ) { s, _ throws(CommandError) in
            s.quitRequested = true
            if !s.interactive, s.unsaved > 0 {
                s.say(.quitUnsaved(s.unsaved))
            }
        },
        CommandSpec(
            name: "export", group: .files,
            usage: "export csv|xlsx|html FILE [sheet=S] [cols=A,B,..] [labels] [bom] [encoding=gb18030] [force]",
            summary: "write a sheet as CSV for Excel and WPS (numbers as shown, formula injection neutralised), the approval workbook as .xlsx, or the printable report as .html; force overwrites FILE",
            example: "export csv 2026-考核.csv labels bom\n→ wrote 60 rows of cadres to 2026-考核.csv\nexport xlsx 2026-考核.xlsx\nexport html 2026-考核.html",
            // FILE is checked by `export`, which knows `export x.csv` lacks the format, not the file.
            arguments: [Arg(name: "csv|xlsx|html", kind: .words(["csv", "xlsx", "html"])), Arg(name: "FILE", kind: .file, optional: true)],
            options: [("sheet", .sheet), ("cols", .column), ("encoding", .words(["utf8", "gb18030", "gbk"]))],
            flags: ["labels", "bom", "force"]
        ) { s, inv throws(CommandError) in try s.export(inv) },
        CommandSpec(
            name: "export form", group: .files, usage: "export form FILE.csv for=DEPT [bom] [encoding=gb18030] [force]",
            summary: "write a department's blank return: the rules it records and the roster, to fill in and bring back with import events",
            example: "export form 宣传委员.csv for=宣传委员 bom\n→ wrote the return form of 宣传委员 to 宣传委员.csv: …",
            arguments: [Arg(name: "FILE", kind: .file)], options: [("for", .value), ("encoding", .words(["utf8", "gb18030", "gbk"]))],
            flags: ["bom", "force"]
        ) { s, inv throws(CommandError) in try s.exportForm(inv) },
        CommandSpec(
            name: "merge", group: .files, usage: "merge FILE [prefer=ours|theirs]",
            summary: "bring in what a department recorded in its copy of this workbook: events appended and renumbered, cells, cadres; conflicts listed",
            example: "merge 宣传委员.kaohe\n→ merged 宣传委员's copy (宣传委员.kaohe): 14 events, 3 cells, 1 conflict",
            arguments: [Arg(name: "FILE", kind: .file)], options: [("prefer", .words(["ours", "theirs"]))], changes: true
        ) { s, inv throws(CommandError) in try s.merge(inv[0]!, prefer: inv.options["prefer"]?.text) },
        CommandSpec(
            name: "import", group: .files, usage: "import cadres FILE.csv|FILE.xlsx   or   import events FILE.csv   or   import scores FILE.csv COLUMN",
            summary: "add cadres (a CSV or the first sheet of an .xlsx), a department's events, or a column of scores (UTF-8, BOM or GB18030; keys or Chinese headers); all or nothing",
            example: "import cadres roster.csv\n→ imported 12 cadres from roster.csv\nimport events 宣传委员.csv\nimport scores 村评分.csv rural_raw",
            arguments: [Arg(name: "cadres", kind: .words(["cadres", "events", "scores"])), Arg(name: "FILE", kind: .file),
                        Arg(name: "COLUMN", kind: .value, optional: true)],
            changes: true
        ) { s, inv throws(CommandError) in try s.importCadres(inv) },
    ]
}

extension Session {
    func openFile(_ path: String, readOnly: Bool) throws(CommandError) {
        if unsaved > 0 {
            guard interactive, let ask else {
                throw CommandError(.unsavedRefuse(unsaved))
            }
            let answer = ask(Phrase.openUnsavedQuestion(unsaved, path: path).text(lang))?.lowercased() ?? "n"
            guard answer.hasPrefix("y") else { return }
        }
        // Opening this workbook again (to drop its unsaved changes) needs its lock:
        // let go of it first; a later save takes it again.
        if let open = self.document.path, WorkbookDocument.resolved(open) == WorkbookDocument.resolved(path) { self.document.close() }
        let document = try Self.openDocument(path, readOnly: readOnly, ask: interactive ? ask : nil, readOnlyHint: "open \(path) readonly")
        replaceDocument(document)
        opened()
        sayWarnings()
        try recover(interactive ? .ask : .refuse)
        say(.opened(path, cadres: try? workbook.rowCount(of: Self.cadres)))
    }

    /// The file a command is to write, checked: the one place that decides
    /// whether a command may write the FILE it names (every export, save
    /// FILE). Refuses a name starting with `-` (options are bare words
    /// here), a folder, the open workbook (unless saving it), and an
    /// existing file unless the command says `force`; each message shows the
    /// line that would work.
    func outputFile(_ inv: Invocation, at index: Int, mayBeTheOpenWorkbook: Bool = false) throws(CommandError) -> String {
        let path = inv[index]!
        let command = inv.line.trimmingCharacters(in: .whitespaces)
        guard !path.hasPrefix("-") else {
            throw CommandError(.notAFileName(inv.spec.name, path, usage: inv.spec.usage))
        }
        var st = stat()
        guard stat(path, &st) == 0 else { return path }
        if st.st_mode & S_IFMT == S_IFDIR {
            throw CommandError(.isAFolder(inv.spec.name, path, example: URL(fileURLWithPath: document.path ?? "out.kaohe").lastPathComponent))
        }
        if let open = document.path, WorkbookDocument.resolved(path) == WorkbookDocument.resolved(open) {
            guard mayBeTheOpenWorkbook else {
                throw CommandError(.isTheOpenWorkbook(inv.spec.name, path))
            }
            return path
        }
        guard inv.flags.contains("force") else {
            throw CommandError(.fileExists(inv.spec.name, path, line: command))
        }
        return path
    }

    /// `encoding=` of an export.
    func encoding(_ inv: Invocation) throws(CommandError) -> CSV.Encoding {
        guard let enc = inv.options["encoding"]?.text else { return .utf8 }
        let name = enc.lowercased().replacingOccurrences(of: "-", with: "")
        guard let e = CSV.Encoding(rawValue: name == "utf8" ? "utf-8" : name) else {
            throw CommandError(.noEncoding(inv.spec.name, enc))
        }
        return e
    }

    func exportForm(_ inv: Invocation) throws(CommandError) {
        let path = try outputFile(inv, at: 0)
        guard let dept = inv.options["for"]?.text else { throw CommandError(.formNeedsDepartment(path)) }
        let options = CSV.ExportOptions(bom: inv.flags.contains("bom"), encoding: try encoding(inv))
        let data = CSV.table(try formRows(for: dept), options: options)
        try refuseOutsideGBK(data, options.encoding, command: inv.line)
        do { try WorkbookDocument.atomicWrite(data, to: path) } catch { throw CommandError(error) }
        say(.wroteForm(dept, path: path))
    }

    /// `export csv|xlsx|html FILE`: the file's bytes from the format's own
    /// code, written by `writeExport`.
    func export(_ inv: Invocation) throws(CommandError) {
        try requireFormat(inv)
        let path = try outputFile(inv, at: 1)
        let written: Phrase
        switch inv[0] {
        case "csv": written = try exportCSV(inv, to: path)
        case "xlsx": written = try exportXLSX(inv, to: path)
        case "html": written = try exportHTML(inv, to: path)
        default: throw CommandError(.noExportFormat(inv[0]!, usage: inv.spec.usage))
        }
        say(.wrote(written, path: path))
    }

    /// `export x.csv`: the format word is missing, not the file; the line
    /// that works is shown, the format read from the file's ending.
    func requireFormat(_ inv: Invocation) throws(CommandError) {
        guard inv.positional.count < 2 else { return }
        let formats = ["csv", "xlsx", "html"]
        let word = inv.positional[0]
        guard !formats.contains(word.text) else { throw CommandError(.missingFile(inv.spec.name, usage: inv.spec.usage)) }
        let ending = URL(fileURLWithPath: word.text).pathExtension.lowercased()
        let format = formats.contains(ending) ? ending : "csv"
        let line = inv.line[..<word.range.lowerBound] + format + " " + inv.line[word.range.lowerBound...]
        throw CommandError(.exportFormatMissing(format, line: line.trimmingCharacters(in: .whitespaces)))
    }

    /// The column keys named by `cols=` (keys or labels), nil when not given.
    func exportColumns(_ inv: Invocation, sheet: String) throws(CommandError) -> [String]? {
        guard let cols = inv.options["cols"]?.text else { return nil }
        var keys: [String] = []
        for name in cols.split(separator: ",") { keys.append(try column(String(name), sheet: sheet).key) }
        return keys
    }

    /// Writes an export's bytes: every format goes through here. The bytes
    /// come as a closure so the path can be checked before they are made.
    func writeExport(_ data: () throws(FileError) -> Data, to path: String) throws(CommandError) {
        do throws(FileError) { try WorkbookDocument.atomicWrite(data(), to: path) } catch { throw CommandError(error) }
    }

    func exportCSV(_ inv: Invocation, to path: String) throws(CommandError) -> Phrase {
        let sheet = inv.options["sheet"]?.text ?? Self.cadres
        var options = CSV.ExportOptions(labels: inv.flags.contains("labels"), bom: inv.flags.contains("bom"), encoding: try encoding(inv))
        options.columns = try exportColumns(inv, sheet: sheet)
        let rows = try engine { () throws(WorkbookError) in try workbook.rowCount(of: sheet) }
        let data: Data
        do { data = try CSV.export(workbook, sheet: sheet, options: options) } catch { throw CommandError(error) }
        try refuseOutsideGBK(data, options.encoding, command: inv.line)
        try writeExport({ () throws(FileError) in data }, to: path)
        return .rowsOf(rows, sheet: sheet)
    }

    /// `encoding=gbk`: GBK is GB18030 without its four-byte characters, so a
    /// file that needs one is refused, naming it, rather than written unreadable.
    func refuseOutsideGBK(_ data: Data, _ encoding: CSV.Encoding, command: String) throws(CommandError) {
        guard encoding == .gbk, let (line, character) = CSV.outsideGBK(data) else { return }
        let fixed = command.replacingOccurrences(of: "encoding=gbk", with: "encoding=gb18030", options: .caseInsensitive)
        throw CommandError(.exportOutsideGBK(character, line: line, fixed: fixed.trimmingCharacters(in: .whitespaces)))
    }

    func importCadres(_ inv: Invocation) throws(CommandError) {
        switch inv[0] {
        case "events": return try importEvents(inv[1]!)
        case "scores":
            guard let column = inv[2] else { throw CommandError(.scoresNeedColumn(inv[1]!)) }
            return try importScores(inv[1]!, column: column)
        case "cadres": break
        default: throw CommandError(.noImportKind(inv[0]!, usage: inv.spec.usage))
        }
        let path = inv[1]!
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandError(.cannotRead(path, exists: FileManager.default.fileExists(atPath: path)))
        }
        let result: (rows: Int, warnings: [FileProblem])
        do {
            result = path.lowercased().hasSuffix(".xlsx")
                ? try XLSX.importRows(data, file: path, into: workbook, sheet: Self.cadres, rules: .roster)
                : try CSV.importRows(data, file: path, into: workbook, sheet: Self.cadres, rules: .roster)
        } catch { throw CommandError(error) }
        rosterChanged()
        say(.importedCadres(result.rows, path: path))
        for w in result.warnings { say(w.located.text(lang)) }
    }
}
