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
            name: "open", group: .files, usage: "open FILE",
            summary: "open a workbook file (asks first if this one has unsaved changes)",
            example: "open Workbooks/demo-2026.kaohe\n→ opened Workbooks/demo-2026.kaohe: 60 cadres",
            arguments: [Arg(name: "FILE", kind: .file)]
        ) { s, inv throws(CommandError) in try s.openFile(inv[0]!) },
        CommandSpec(
            name: "save", group: .files, usage: "save [FILE] [force]",
            summary: "save the workbook (atomically); force overwrites a file changed on disk since it was opened",
            example: "save\n→ saved demo-2026.kaohe\nsave copy.kaohe",
            arguments: [Arg(name: "FILE", kind: .file, optional: true)], flags: ["force"]
        ) { s, inv throws(CommandError) in
            try s.save(to: inv[0], force: inv.flags.contains("force"))
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
            usage: "export csv|xlsx|html FILE [sheet=S] [cols=A,B,..] [labels] [bom] [encoding=gb18030]",
            summary: "write a sheet as CSV for Excel and WPS (numbers as shown, formula injection neutralised), the approval workbook as .xlsx, or the printable report as .html",
            example: "export csv 2026-考核.csv labels bom\n→ wrote 60 rows of cadres to 2026-考核.csv\nexport xlsx 2026-考核.xlsx\nexport html 2026-考核.html",
            arguments: [Arg(name: "csv|xlsx|html", kind: .words(["csv", "xlsx", "html"])), Arg(name: "FILE", kind: .file)],
            options: [("sheet", .sheet), ("cols", .column), ("encoding", .words(["utf8", "gb18030"]))],
            flags: ["labels", "bom"]
        ) { s, inv throws(CommandError) in try s.export(inv) },
        CommandSpec(
            name: "import", group: .files, usage: "import cadres FILE.csv|FILE.xlsx",
            summary: "add cadres from a CSV (UTF-8, UTF-8 with BOM or GB18030) or the first sheet of an .xlsx; header by column key or Chinese label",
            example: "import cadres roster.csv\n→ imported 12 cadres from roster.csv",
            arguments: [Arg(name: "cadres", kind: .words(["cadres"])), Arg(name: "FILE", kind: .file)],
            changes: true
        ) { s, inv throws(CommandError) in try s.importCadres(inv) },
    ]
}

extension Session {
    func openFile(_ path: String) throws(CommandError) {
        if unsaved > 0 {
            guard interactive, let ask else {
                throw CommandError("\(unsaved) unsaved change\(unsaved == 1 ? "" : "s"): save first, or save to another file")
            }
            let answer = ask("\(unsaved) unsaved change\(unsaved == 1 ? "" : "s") will be lost. Open \(path) anyway? [y/N] ")?.lowercased() ?? "n"
            guard answer.hasPrefix("y") else { return }
        }
        let document: WorkbookDocument
        do { document = try WorkbookDocument.open(path) } catch { throw CommandError(error) }
        replaceDocument(document)
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

    /// `export csv|xlsx|html FILE`: the file's bytes from the format's own
    /// code, written by `writeExport`.
    func export(_ inv: Invocation) throws(CommandError) {
        let path = inv[1]!
        let written: String
        switch inv[0] {
        case "csv": written = try exportCSV(inv, to: path)
        case "xlsx": written = try exportXLSX(inv, to: path)
        case "html": written = try exportHTML(inv, to: path)
        default: throw CommandError("export: no format '\(inv[0]!)': use csv, xlsx or html; usage: \(inv.spec.usage)")
        }
        say("wrote \(written) to \(path)")
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
        do {
            try data().write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch let error as FileError {
            throw CommandError(error)
        } catch {
            throw CommandError("cannot write \(path): \(error.localizedDescription)")
        }
    }

    func exportCSV(_ inv: Invocation, to path: String) throws(CommandError) -> String {
        let sheet = inv.options["sheet"]?.text ?? Self.cadres
        var options = CSV.ExportOptions(labels: inv.flags.contains("labels"), bom: inv.flags.contains("bom"))
        options.columns = try exportColumns(inv, sheet: sheet)
        if let enc = inv.options["encoding"]?.text {
            let name = enc.lowercased().replacingOccurrences(of: "-", with: "")
            guard let e = CSV.Encoding(rawValue: name == "utf8" ? "utf-8" : name) else {
                throw CommandError("export: no encoding '\(enc)': use utf8 or gb18030")
            }
            options.encoding = e
        }
        let rows = try engine { () throws(WorkbookError) in try workbook.rowCount(of: sheet) }
        try writeExport({ () throws(FileError) in try CSV.export(workbook, sheet: sheet, options: options) }, to: path)
        return "\(rows) row\(rows == 1 ? "" : "s") of \(sheet)"
    }

    func importCadres(_ inv: Invocation) throws(CommandError) {
        guard inv[0] == "cadres" else { throw CommandError("import: only cadres can be imported; usage: \(inv.spec.usage)") }
        let path = inv[1]!
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandError("\(path): \(FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "no such file")")
        }
        let count: Int
        do {
            count = path.lowercased().hasSuffix(".xlsx")
                ? try XLSX.importRows(data, file: path, into: workbook, sheet: Self.cadres)
                : try CSV.importRows(data, file: path, into: workbook, sheet: Self.cadres)
        } catch { throw CommandError(error) }
        rosterChanged()
        try checkUniqueIDs()
        say("imported \(count) cadre\(count == 1 ? "" : "s") from \(path)")
    }
}
