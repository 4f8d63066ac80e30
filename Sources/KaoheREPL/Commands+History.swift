import Foundation
import KaoheCore
import KaoheFile
import KaoheScheme

extension CommandTable {
    static let history: [CommandSpec] = [
        CommandSpec(
            name: "history add", group: .history, usage: "history add CADRE YEAR [rank=R] [bottom=yes]",
            summary: "record an earlier year's result (bottom twice or three times running changes status)",
            example: "history add 李艳 2025 rank=58 bottom=yes",
            arguments: [Arg(name: "CADRE", kind: .cadre), Arg(name: "YEAR", kind: .value)],
            options: [("rank", .value), ("bottom", .words(["yes", "no"]))], changes: true
        ) { s, inv throws(CommandError) in try s.changeHistory(inv) },
        CommandSpec(
            name: "history set", group: .history, usage: "history set CADRE YEAR [rank=R] [bottom=yes|no]",
            summary: "correct an earlier year's rank or bottom flag",
            example: "history set 李艳 2025 bottom=no",
            arguments: [Arg(name: "CADRE", kind: .cadre), Arg(name: "YEAR", kind: .value)],
            options: [("rank", .value), ("bottom", .words(["yes", "no"]))], changes: true
        ) { s, inv throws(CommandError) in try s.changeHistory(inv) },
        CommandSpec(
            name: "history remove", group: .history, usage: "history remove CADRE YEAR",
            summary: "remove an earlier year's result entered by mistake",
            example: "history remove 李艳 2025",
            arguments: [Arg(name: "CADRE", kind: .cadre), Arg(name: "YEAR", kind: .value)], changes: true
        ) { s, inv throws(CommandError) in try s.changeHistory(inv) },
        CommandSpec(
            name: "history", group: .history, usage: "history [CADRE]",
            summary: "earlier years' ranks and bottom flags, which drive status",
            example: "history\nhistory 张磊", arguments: [Arg(name: "CADRE", kind: .cadre, optional: true)]
        ) { s, inv throws(CommandError) in try s.listHistory(inv[0].map { n throws(CommandError) in try s.cadre(n) }) },
        CommandSpec(
            name: "year next", group: .history, usage: "year next FILE [force]",
            summary: "start next year's workbook: roster, offices, rules, parameters; empty scores and events; this year's results in history",
            example: "year next 考核-2027.kaohe\n→ wrote 考核-2027.kaohe: year 2027, 60 cadres, 57 results added to history",
            arguments: [Arg(name: "FILE", kind: .file)], flags: ["force"]
        ) { s, inv throws(CommandError) in try s.onBase { () throws(CommandError) in try s.nextYear(s.outputFile(inv, at: 0)) } },
    ]
}

extension Session {
    /// history add, set and remove: one earlier year's result of one cadre.
    func changeHistory(_ inv: Invocation) throws(CommandError) {
        let row = try cadre(inv[0]!)
        let year = inv[1]!, rank = inv.options["rank"]?.text, bottom = inv.options["bottom"]?.text
        watch(row)
        switch inv.spec.name {
        case "history add": try scheme { () throws(SchemeError) in try town.addHistory(row, year: year, rank: rank, bottom: bottom) }
        case "history set": try scheme { () throws(SchemeError) in try town.setHistory(row, year: year, rank: rank, bottom: bottom) }
        default:
            try scheme { () throws(SchemeError) in try town.removeHistory(row, year: year) }
            say(.historyRemoved(cadreLabel(row), year: year))
            return
        }
        guard let h = town.historyRow(row, year: Int(year)!) else { return }
        let r = value("history", h, "rank")
        say(.historyLine(cadreLabel(row), year: year, rank: r.isEmpty ? nil : r.displayText, bottom: value("history", h, "bottom") == .bool(true)))
    }

    func listHistory(_ cadreRow: RowID?) throws(CommandError) {
        try scheme { () throws(SchemeError) in try town.require("history") }
        var rows = try engine { () throws(WorkbookError) in try workbook.rows(of: "history") }
        if let cadreRow {
            let id = value(Self.cadres, cadreRow, "id")
            rows = rows.filter { value("history", $0, "cadre") == id }
        }
        rows.sort { (value("history", $0, "year").number ?? 0, value("history", $0, "cadre").displayText) < (value("history", $1, "year").number ?? 0, value("history", $1, "cadre").displayText) }
        var table = Table(headers: ["year", "cadre", "rank", "bottom"], sheet: "history")
        table.fixed = 2
        let years = cells(rows.map { value("history", $0, "year") }, sheet: "history", column: "year")
        let ranks = cells(rows.map { value("history", $0, "rank") }, sheet: "history", column: "rank")
        for (i, r) in rows.enumerated() {
            let id = value("history", r, "cadre").displayText
            table.add([years[i], Table.Cell(text: roster.byID[id].map(cadreLabel) ?? id), ranks[i], cell(value("history", r, "bottom"))])
        }
        table.footer = [Phrase.historyFooter(rows.count).text(lang)]
        present(table)
    }

    /// Writes next year's workbook; this one is not changed.
    func nextYear(_ path: String) throws(CommandError) {
        try scheme { () throws(SchemeError) in try town.require("history") }
        guard case .number(let year)? = workbook.param("year") else { throw CommandError(.yearNextNoYear) }
        let results = regularRows.map { row in
            // A rank or flag that is not a figure (an error of an unfinished sheet) is not history.
            let rank = value(Self.cadres, row, "rank"), bottom = value(Self.cadres, row, "bottom")
            return [value(Self.cadres, row, "id"), .number(year), rank.number.map(Value.number) ?? .empty, { if case .bool = bottom { return bottom } else { return .empty } }()]
        }
        // Next year is a copy without what it starts without: no events or
        // awards, no scores, no cells of its own in the cadres' computed
        // columns, no offices' line ranks. Nothing dropped is written, read
        // or taken away again, so the copy costs the roster, not this year.
        let kept: Set<String> = ["id", "name", "office", "instructor", "staff"]
        var omitting = WorkbookFile.Omitting(rows: Set(["events", "awards"].filter(workbook.sheetNames.contains)))
        omitting.entries[Self.cadres] = Set(try engine { () throws(WorkbookError) in try workbook.columns(of: Self.cadres) }
            .filter { $0.formula != nil || !kept.contains($0.key) }.map(\.key))
        if workbook.sheetNames.contains("offices") { omitting.entries["offices"] = ["line_rank"] }
        let next: Workbook
        do { next = try WorkbookFile.read(WorkbookFile.write(workbook, omitting: omitting), file: path) } catch { throw CommandError(error) }
        try engine { () throws(WorkbookError) in
            try next.transaction { () throws(WorkbookError) in
                try next.setParam("year", .number(year + 1))
                try next.appendRows(to: "history", columns: ["cadre", "year", "rank", "bottom"], rows: results)
            }
        }
        do { try WorkbookDocument(workbook: next).save(to: path) } catch { throw CommandError(error) }
        say(.wroteNextYear(path, year: Int(year), cadres: roster.entries.count, results: results.count))
    }
}
