import Foundation
import KaoheCore
import KaoheFile

extension CommandTable {
    static let history: [CommandSpec] = [
        CommandSpec(
            name: "history add", group: .history, usage: "history add CADRE YEAR [rank=R] [bottom=yes]",
            summary: "record an earlier year's result (bottom twice or three times running changes status)",
            example: "history add 李艳 2025 rank=58 bottom=yes",
            arguments: [Arg(name: "CADRE", kind: .cadre), Arg(name: "YEAR", kind: .value)],
            options: [("rank", .value), ("bottom", .words(["yes", "no"]))], changes: true
        ) { s, inv throws(CommandError) in try s.addHistory(inv) },
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
        ) { s, inv throws(CommandError) in try s.nextYear(inv[0]!, force: inv.flags.contains("force")) },
    ]
}

extension Session {
    func addHistory(_ inv: Invocation) throws(CommandError) {
        try requireSheet("history")
        let row = try cadre(inv[0]!)
        guard let year = Int(inv[1]!), (1900...2999).contains(year) else { throw CommandError("history add: YEAR is a year such as 2025, not '\(inv[1]!)'") }
        if let current = workbook.param("year")?.number, Double(year) >= current {
            throw CommandError("history add: \(year) is not an earlier year (this workbook assesses \(Int(current)))")
        }
        let id = value(Self.cadres, row, "id")
        let taken = ((try? workbook.rows(of: "history")) ?? []).contains {
            value("history", $0, "cadre") == id && value("history", $0, "year") == .number(Double(year))
        }
        if taken { throw CommandError("history add: \(cadreLabel(row)) already has a result for \(year); see history \(id.displayText)") }
        var values: [String: Value] = ["cadre": id, "year": .number(Double(year))]
        if let r = inv.options["rank"]?.text {
            guard let n = Int(r), n >= 1 else { throw CommandError("history add: rank is a whole number from 1, not '\(r)'") }
            values["rank"] = .number(Double(n))
        }
        let bottom = inv.options["bottom"]?.text ?? "no"
        guard case .bool(let yes) = ValueWords.value(bottom, rule: ColumnRule(.yesNo)) else { throw CommandError("history add: bottom is yes or no, not '\(bottom)'") }
        values["bottom"] = .bool(yes)
        watch(row)
        try engine { () throws(WorkbookError) in _ = try workbook.addRow(to: "history", values) }
        say("\(cadreLabel(row)) \(year): \(values["rank"].map { "rank \($0.displayText)" } ?? "no rank")\(yes ? ", bottom" : "")")
    }

    func listHistory(_ cadreRow: RowID?) throws(CommandError) {
        try requireSheet("history")
        var rows = try engine { () throws(WorkbookError) in try workbook.rows(of: "history") }
        if let cadreRow {
            let id = value(Self.cadres, cadreRow, "id")
            rows = rows.filter { value("history", $0, "cadre") == id }
        }
        rows.sort { (value("history", $0, "year").number ?? 0, value("history", $0, "cadre").displayText) < (value("history", $1, "year").number ?? 0, value("history", $1, "cadre").displayText) }
        var table = Table(headers: ["year", "cadre", "rank", "bottom"])
        let years = cells(rows.map { value("history", $0, "year") }), ranks = cells(rows.map { value("history", $0, "rank") })
        for (i, r) in rows.enumerated() {
            let id = value("history", r, "cadre").displayText
            table.add([years[i], Table.Cell(text: roster.byID[id].map(cadreLabel) ?? id), ranks[i], cell(value("history", r, "bottom"))])
        }
        table.footer = ["\(rows.count) result\(rows.count == 1 ? "" : "s")"]
        present(table)
    }

    /// Writes next year's workbook; this one is not changed.
    func nextYear(_ path: String, force: Bool) throws(CommandError) {
        try requireSheet("history")
        guard force || !FileManager.default.fileExists(atPath: path) else {
            throw CommandError("year next: \(path) exists; choose another name, or add force to overwrite it")
        }
        guard case .number(let year)? = workbook.param("year") else { throw CommandError("year next: the workbook has no year parameter") }
        let results = regularRows.map { row in
            [value(Self.cadres, row, "id"), .number(year), value(Self.cadres, row, "rank"), value(Self.cadres, row, "bottom")]
        }
        let next: Workbook
        do { next = try WorkbookFile.read(WorkbookFile.write(workbook), file: path) } catch { throw CommandError(error) }
        try engine { () throws(WorkbookError) in
            for sheet in ["events", "awards"] where next.sheetNames.contains(sheet) {
                for row in try next.rows(of: sheet) { try next.removeRow(row, sheet: sheet) }
            }
            let roster: Set<String> = ["id", "name", "office", "instructor", "staff"]
            for c in try next.columns(of: Self.cadres) {
                for row in try next.rows(of: Self.cadres) where c.formula == nil ? !roster.contains(c.key) : try next.override(row: row, column: c.key, sheet: Self.cadres) != nil {
                    try next.clear(row: row, column: c.key, sheet: Self.cadres)
                }
            }
            if next.sheetNames.contains("offices") {
                for row in try next.rows(of: "offices") { try next.set(.empty, row: row, column: "line_rank", sheet: "offices") }
            }
            try next.setParam("year", .number(year + 1))
            try next.appendRows(to: "history", columns: ["cadre", "year", "rank", "bottom"], rows: results)
        }
        do { try WorkbookDocument(workbook: next).save(to: path, force: true) } catch { throw CommandError(error) }
        say("wrote \(path): year \(Int(year) + 1), \(roster.entries.count) cadres, \(results.count) results of \(Int(year)) added to history; this workbook is unchanged")
    }
}
