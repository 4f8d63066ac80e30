import Foundation
import KaoheCore
import KaoheFile

extension CommandTable {
    static let outputs: [CommandSpec] = [
        CommandSpec(
            name: "summary", group: .results, usage: "summary",
            summary: "per office: headcount, average total, best and worst, bonus and award money; per category: average, highest, lowest",
            example: "summary"
        ) { s, _ throws(CommandError) in try s.summary() },
    ]
}

extension Session {
    func summary() throws(CommandError) {
        guard let summary = TownSummary.make(workbook) else {
            throw CommandError(.summaryNeedsColumns(TownSummary.needed))
        }
        func score(_ x: Double?) -> Table.Cell { x.map { cell(.number($0), places: decimals) } ?? Table.Cell(text: "") }
        func extreme(_ e: (total: Double, names: [String])?) -> Table.Cell {
            Table.Cell(text: e.map { "\($0.names.joined(separator: ", ")) \(Num.fixed($0.total, decimals: decimals))" } ?? "")
        }
        func count(_ n: Int) -> Table.Cell { cell(.number(Double(n))) }
        var offices = Table(headers: ["office", "cadres", "temp", "average", "best", "worst", "bonus", "awards"])
        for g in summary.offices + [summary.town] {
            offices.add([Table.Cell(text: g == summary.town ? "all" : g.name), count(g.headcount), count(g.temporary), score(g.averageTotal),
                         extreme(g.best), extreme(g.worst), cell(.number(g.bonus), places: 2), cell(.number(g.awards), places: 2)])
        }
        offices.footer = ["average, best and worst total over the ranked cadres; temporary staff are counted, not ranked"]
        var categories = Table(headers: ["category", "label", "average", "highest", "lowest"])
        for c in summary.categories {
            categories.add([Table.Cell(text: c.key), Table.Cell(text: c.label), score(c.average), score(c.highest), score(c.lowest)])
        }
        present(offices)
        present(categories)
    }

    /// `export xlsx FILE [sheet=S] [cols=…]`: headers and values are always
    /// in Chinese (the workbook leaves the office), so `labels` changes nothing.
    func exportXLSX(_ inv: Invocation, to path: String) throws(CommandError) -> Phrase {
        try refuseCSVOptions(inv)
        let sheet = inv.options["sheet"]?.text
        let options = XLSX.ExportOptions(sheet: sheet, columns: try exportColumns(inv, sheet: sheet ?? Self.cadres))
        let rows = try engine { () throws(WorkbookError) in try workbook.rowCount(of: sheet ?? Self.cadres) }
        try writeExport({ () throws(FileError) in try XLSX.export(workbook, options: options) }, to: path)
        return sheet == nil ? .approvalWorkbook(rows) : .rowsOf(rows, sheet: sheet!)
    }

    func exportHTML(_ inv: Invocation, to path: String) throws(CommandError) -> Phrase {
        try refuseCSVOptions(inv)
        if let option = ["sheet", "cols"].first(where: { inv.options[$0] != nil }) {
            throw CommandError(.htmlHasEverySection(option))
        }
        let rows = try engine { () throws(WorkbookError) in try workbook.rowCount(of: Self.cadres) }
        try writeExport({ () throws(FileError) in try HTMLReport.page(workbook) }, to: path)
        return .report(rows)
    }

    /// `bom` and `encoding=` shape CSV bytes; an .xlsx or .html is UTF-8 by definition.
    private func refuseCSVOptions(_ inv: Invocation) throws(CommandError) {
        let given = inv.flags.contains("bom") ? "bom" : inv.options["encoding"] != nil ? "encoding=" : nil
        if let given { throw CommandError(.csvOnly(inv[0]!, given)) }
    }
}
