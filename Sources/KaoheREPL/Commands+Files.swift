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
            usage: "export csv FILE [sheet=S] [cols=A,B,..] [labels] [bom] [encoding=gb18030]",
            summary: "write a sheet as CSV for Excel and WPS (numbers as shown, formula injection neutralised)",
            example: "export csv 2026-考核.csv labels bom\n→ wrote 60 rows of cadres to 2026-考核.csv",
            arguments: [Arg(name: "csv", kind: .words(["csv"])), Arg(name: "FILE", kind: .file)],
            options: [("sheet", .sheet), ("cols", .column), ("encoding", .words(["utf8", "gb18030"]))],
            flags: ["labels", "bom"]
        ) { s, inv throws(CommandError) in try s.exportCSV(inv) },
        CommandSpec(
            name: "export form", group: .files, usage: "export form FILE.csv for=DEPT [bom] [encoding=gb18030]",
            summary: "write a department's blank return: the rules it records and the roster, to fill in and bring back with import events",
            example: "export form 宣传委员.csv for=宣传委员 bom\n→ wrote the return form of 宣传委员 to 宣传委员.csv: …",
            arguments: [Arg(name: "FILE", kind: .file)], options: [("for", .value), ("encoding", .words(["utf8", "gb18030"]))],
            flags: ["bom"]
        ) { s, inv throws(CommandError) in try s.exportForm(inv) },
        CommandSpec(
            name: "merge", group: .files, usage: "merge FILE [prefer=ours|theirs]",
            summary: "bring in what a department recorded in its copy of this workbook: events appended and renumbered, cells, cadres; conflicts listed",
            example: "merge 宣传委员.kaohe\n→ merged 宣传委员's copy (宣传委员.kaohe): 14 events, 3 cells, 1 conflict",
            arguments: [Arg(name: "FILE", kind: .file)], options: [("prefer", .words(["ours", "theirs"]))], changes: true
        ) { s, inv throws(CommandError) in try s.merge(inv[0]!, prefer: inv.options["prefer"]?.text) },
        CommandSpec(
            name: "import", group: .files, usage: "import cadres FILE.csv   or   import events FILE.csv   or   import scores FILE.csv COLUMN",
            summary: "add cadres, a department's events, or a column of scores from a CSV (UTF-8, BOM or GB18030; keys or Chinese headers); all or nothing",
            example: "import cadres roster.csv\n→ imported 12 cadres from roster.csv\nimport events 宣传委员.csv\nimport scores 村评分.csv rural_raw",
            arguments: [Arg(name: "cadres", kind: .words(["cadres", "events", "scores"])), Arg(name: "FILE", kind: .file),
                        Arg(name: "COLUMN", kind: .value, optional: true)],
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

    /// `encoding=` of an export.
    func encoding(_ inv: Invocation) throws(CommandError) -> CSV.Encoding {
        guard let enc = inv.options["encoding"]?.text else { return .utf8 }
        let name = enc.lowercased().replacingOccurrences(of: "-", with: "")
        guard let e = CSV.Encoding(rawValue: name == "utf8" ? "utf-8" : name) else {
            throw CommandError("\(inv.spec.name): no encoding '\(enc)': use utf8 or gb18030")
        }
        return e
    }

    func exportForm(_ inv: Invocation) throws(CommandError) {
        let path = inv[0]!
        guard let dept = inv.options["for"]?.text else { throw CommandError("export form: name the department: export form \(path) for=宣传委员") }
        let options = CSV.ExportOptions(bom: inv.flags.contains("bom"), encoding: try encoding(inv))
        let data = CSV.table(try formRows(for: dept), options: options)
        do { try data.write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            throw CommandError("cannot write \(path): \(error.localizedDescription)")
        }
        say("wrote the return form of \(dept) to \(path): fill in rule and times (one row per event; copy a cadre's row for more), then import events \(path)")
    }

    func exportCSV(_ inv: Invocation) throws(CommandError) {
        guard inv[0] == "csv" else { throw CommandError("export: only csv is supported; usage: \(inv.spec.usage)") }
        let path = inv[1]!
        let sheet = inv.options["sheet"]?.text ?? Self.cadres
        var options = CSV.ExportOptions(labels: inv.flags.contains("labels"), bom: inv.flags.contains("bom"), encoding: try encoding(inv))
        if let cols = inv.options["cols"]?.text {
            var keys: [String] = []
            for name in cols.split(separator: ",") { keys.append(try column(String(name), sheet: sheet).key) }
            options.columns = keys
        }
        let rows = try engine { () throws(WorkbookError) in try workbook.rowCount(of: sheet) }
        do {
            let data = try CSV.export(workbook, sheet: sheet, options: options)
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch let error as FileError {
            throw CommandError(error)
        } catch {
            throw CommandError("cannot write \(path): \(error.localizedDescription)")
        }
        say("wrote \(rows) row\(rows == 1 ? "" : "s") of \(sheet) to \(path)")
    }

    func importCadres(_ inv: Invocation) throws(CommandError) {
        switch inv[0] {
        case "events": return try importEvents(inv[1]!)
        case "scores":
            guard let column = inv[2] else { throw CommandError("import scores: name the column the scores go to: import scores \(inv[1]!) rural_raw") }
            return try importScores(inv[1]!, column: column)
        case "cadres": break
        default: throw CommandError("import: cadres, events or scores, not '\(inv[0]!)'; usage: \(inv.spec.usage)")
        }
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
