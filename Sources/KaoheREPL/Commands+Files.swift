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
            s.say("saved \(s.document.path ?? "")")
        },
        CommandSpec(
            name: "quit", group: .files, usage: "quit",
            summary: "leave kaohe (asks first when there are unsaved changes); Ctrl-D does the same",
            example: "quit"
        ) { s, _ throws(CommandError) in
            s.quitRequested = true
            if !s.interactive, s.unsaved > 0 {
                s.say("quit: \(s.unsaved) unsaved change\(s.unsaved == 1 ? "" : "s") not written (a batch run writes only on save)")
            }
        },
        CommandSpec(
            name: "export", group: .files,
            usage: "export csv FILE [sheet=S] [cols=A,B,..] [labels] [bom] [encoding=gb18030] [force]",
            summary: "write a sheet as CSV for Excel and WPS (numbers as shown, formula injection neutralised); force overwrites FILE",
            example: "export csv 2026-考核.csv labels bom\n→ wrote 60 rows of cadres to 2026-考核.csv",
            arguments: [Arg(name: "csv", kind: .words(["csv"])), Arg(name: "FILE", kind: .file)],
            options: [("sheet", .sheet), ("cols", .column), ("encoding", .words(["utf8", "gb18030"]))],
            flags: ["labels", "bom", "force"]
        ) { s, inv throws(CommandError) in try s.exportCSV(inv) },
        CommandSpec(
            name: "import", group: .files, usage: "import cadres FILE.csv",
            summary: "add cadres from a CSV (UTF-8, UTF-8 with BOM or GB18030; header by column key or Chinese label)",
            example: "import cadres roster.csv\n→ imported 12 cadres from roster.csv",
            arguments: [Arg(name: "cadres", kind: .words(["cadres"])), Arg(name: "FILE", kind: .file)],
            changes: true
        ) { s, inv throws(CommandError) in try s.importCadres(inv) },
    ]
}

extension Session {
    func openFile(_ path: String, readOnly: Bool) throws(CommandError) {
        if unsaved > 0 {
            guard interactive, let ask else {
                throw CommandError("\(unsaved) unsaved change\(unsaved == 1 ? "" : "s"): save first, or save to another file")
            }
            let answer = ask("\(unsaved) unsaved change\(unsaved == 1 ? "" : "s") will be lost. Open \(path) anyway? [y/N] ")?.lowercased() ?? "n"
            guard answer.hasPrefix("y") else { return }
        }
        // Opening this workbook again (to drop its unsaved changes) needs its lock:
        // let go of it first; a later save takes it again.
        if let open = self.document.path, WorkbookDocument.resolved(open) == WorkbookDocument.resolved(path) { self.document.close() }
        let document = try Self.openDocument(path, readOnly: readOnly, ask: interactive ? ask : nil, readOnlyHint: "open \(path) readonly")
        replaceDocument(document)
        opened()
        try recover(interactive ? .ask : .refuse)
        let count = (try? workbook.rowCount(of: Self.cadres)).map { ": \($0) cadres" } ?? ""
        say("opened \(path)\(count)")
    }

    /// Refuses a roster where two cadres share an id (the caller's
    /// transaction then rolls the change back).
    func checkUniqueIDs() throws(CommandError) {
        var seen: [String: RowID] = [:]
        for e in roster.entries where !e.id.isEmpty {
            if let other = seen[e.id] {
                throw CommandError("two cadres would have the id \(e.id): \(cadreLabel(other)) and \(e.name); ids must be unique")
            }
            seen[e.id] = e.row
        }
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
            throw CommandError("\(inv.spec.name): '\(path)' is not a file name: options here are bare words, not --options (\(inv.spec.usage)); a file whose name starts with '-' can be written as ./\(path)")
        }
        var st = stat()
        guard stat(path, &st) == 0 else { return path }
        if st.st_mode & S_IFMT == S_IFDIR {
            throw CommandError("\(inv.spec.name): \(path) is a folder: give a file name, such as \(path)/\(URL(fileURLWithPath: document.path ?? "out.kaohe").lastPathComponent)")
        }
        if let open = document.path, WorkbookDocument.resolved(path) == WorkbookDocument.resolved(open) {
            guard mayBeTheOpenWorkbook else {
                throw CommandError("\(inv.spec.name): \(path) is the open workbook: writing there would replace it; choose another name")
            }
            return path
        }
        guard inv.flags.contains("force") else {
            throw CommandError("\(inv.spec.name): \(path) already exists: to replace it, \(command) force; or choose another name")
        }
        return path
    }

    func exportCSV(_ inv: Invocation) throws(CommandError) {
        guard inv[0] == "csv" else { throw CommandError("export: only csv is supported; usage: \(inv.spec.usage)") }
        let path = try outputFile(inv, at: 1)
        let sheet = inv.options["sheet"]?.text ?? Self.cadres
        var options = CSV.ExportOptions(labels: inv.flags.contains("labels"), bom: inv.flags.contains("bom"))
        if let cols = inv.options["cols"]?.text {
            var keys: [String] = []
            for name in cols.split(separator: ",") { keys.append(try column(String(name), sheet: sheet).key) }
            options.columns = keys
        }
        if let enc = inv.options["encoding"]?.text {
            let name = enc.lowercased().replacingOccurrences(of: "-", with: "")
            guard let e = CSV.Encoding(rawValue: name == "utf8" ? "utf-8" : name) else {
                throw CommandError("export: no encoding '\(enc)': use utf8 or gb18030")
            }
            options.encoding = e
        }
        let rows = try engine { () throws(WorkbookError) in try workbook.rowCount(of: sheet) }
        do {
            try WorkbookDocument.atomicWrite(try CSV.export(workbook, sheet: sheet, options: options), to: path)
        } catch {
            throw CommandError(error)
        }
        say("wrote \(rows) row\(rows == 1 ? "" : "s") of \(sheet) to \(path)")
    }

    func importCadres(_ inv: Invocation) throws(CommandError) {
        guard inv[0] == "cadres" else { throw CommandError("import: only cadres can be imported; usage: \(inv.spec.usage)") }
        let path = inv[1]!
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandError("\(path): \(FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "no such file")")
        }
        let count: Int
        do { count = try CSV.importRows(data, file: path, into: workbook, sheet: Self.cadres) } catch { throw CommandError(error) }
        rosterChanged()
        try checkUniqueIDs()
        say("imported \(count) cadre\(count == 1 ? "" : "s") from \(path)")
    }
}
