import KaoheCore

extension CommandTable {
    static let results: [CommandSpec] = [
        CommandSpec(
            name: "rank", group: .results, usage: "rank [COLUMN]",
            summary: "the ranking by total (or another column): ties share a rank (1, 2, 2, 4), bottom and status flags",
            example: "rank\nrank democratic", arguments: [Arg(name: "COLUMN", kind: .column, optional: true)]
        ) { s, inv throws(CommandError) in try s.ranking(inv[0]) },
        CommandSpec(
            name: "bonus", group: .results, usage: "bonus",
            summary: "the pool, each cadre's bonus, award money and payout, what is withheld, to the fen", example: "bonus"
        ) { s, _ throws(CommandError) in try s.bonusTable() },
        CommandSpec(
            name: "explain", group: .results, usage: "explain CADRE COLUMN",
            summary: "how a value was computed: its formula, the inputs with their values, the events behind it",
            example: "explain 李艳 rules\n→ rules = 10 - 1 (4.2c, event 35) + 2 (4.6c, event 19) = 11",
            arguments: [Arg(name: "CADRE", kind: .cadre), Arg(name: "COLUMN", kind: .column)]
        ) { s, inv throws(CommandError) in try s.explain(s.cadre(inv[0]!), s.column(inv[1]!, sheet: Session.cadres).key) },
    ]
}

extension Session {
    /// `fen_rounding largest_remainder`: money splits pay their amount to the fen.
    var largestRemainder: Bool { workbook.param("fen_rounding") == .text("largest_remainder") }

    var regularRows: [RowID] { roster.entries.map(\.row).filter { value(Self.cadres, $0, "regular") != .bool(false) } }

    func ranking(_ columnName: String?) throws(CommandError) {
        let key = try columnName.map { n throws(CommandError) in try column(n, sheet: Self.cadres).key } ?? "total"
        let all = roster.entries.map(\.row)
        let regular = Set(regularRows)
        // Ties are equal as shown, as RANK has them.
        let scored = all.filter(regular.contains).map { ($0, value(Self.cadres, $0, key)) }
        let sorted = scored.sorted { Self.sortsBefore($1.1, $0.1) }
        var table = Table(headers: ["rank", "id", "name", "office", key, "bottom", "status"])
        table.fixed = 3
        var rankColumn: [Value] = []
        var rows: [RowID] = []
        for (i, entry) in sorted.enumerated() {
            let shared = i > 0 && sorted[i - 1].1 == entry.1
            let rank = key == "total" ? value(Self.cadres, entry.0, "rank") : shared ? rankColumn[i - 1] : .number(Double(i + 1))
            rankColumn.append(rank)
            rows.append(entry.0)
        }
        let temps = all.filter { !regular.contains($0) }
        let ranks = cells(rankColumn + temps.map { _ in .empty }, sheet: Self.cadres, column: "rank")
        let values = cells((rows + temps).map { value(Self.cadres, $0, key) }, sheet: Self.cadres, column: key)
        for (i, row) in (rows + temps).enumerated() {
            table.add([ranks[i], Table.Cell(text: value(Self.cadres, row, "id").displayText),
                       Table.Cell(text: value(Self.cadres, row, "name").displayText),
                       Table.Cell(text: value(Self.cadres, row, "office").displayText), values[i],
                       cells([value(Self.cadres, row, "bottom")], sheet: Self.cadres, column: "bottom")[0],
                       cells([value(Self.cadres, row, "status")], sheet: Self.cadres, column: "status")[0]])
        }
        let bottomN = workbook.param("bottom_n")?.displayText ?? "?"
        table.footer = [Phrase.rankFooter(ranked: rows.count, temps: temps.count, bottomN: bottomN).text(lang)]
        present(table)
    }

    func bonusTable() throws(CommandError) {
        guard (try? workbook.columns(of: Self.cadres))?.contains(where: { $0.key == "share" }) == true else {
            throw CommandError(.noBonusColumns)
        }
        let rows = roster.entries.map(\.row)
        var table = Table(headers: ["id", "name", "total", "bonus", "award_money", "payout", "note"])
        table.fixed = 2
        var paid = 0.0, withheld = 0.0, awards = 0.0
        var notes: [String] = []
        for row in rows {
            let forfeited = value(Self.cadres, row, "forfeit") == .bool(true)
            let regular = value(Self.cadres, row, "regular") != .bool(false)
            paid += value(Self.cadres, row, "bonus").number ?? 0
            awards += value(Self.cadres, row, "award_money").number ?? 0
            var note = regular ? "" : Phrase.bonusTempNote.text(lang)
            if forfeited, regular {
                let share = value(Self.cadres, row, "share").number ?? 0
                withheld += share
                note = Phrase.bonusForfeitNote(Num.fixed(share, decimals: 2)).text(lang)
            }
            notes.append(note)
        }
        let columns = ["total", "bonus", "award_money", "payout"].map { key in cells(rows.map { value(Self.cadres, $0, key) }, sheet: Self.cadres, column: key) }
        for (i, row) in rows.enumerated() {
            table.add([Table.Cell(text: value(Self.cadres, row, "id").displayText), Table.Cell(text: value(Self.cadres, row, "name").displayText),
                       columns[0][i], columns[1][i], columns[2][i], columns[3][i], Table.Cell(text: notes[i], style: notes[i].isEmpty ? .plain : .flag)])
        }
        let regular = regularRows
        let pool = regular.first.flatMap { value(Self.cadres, $0, "pool").number } ?? 0
        let perHead = (workbook.param("pool_district")?.number ?? 0) + (workbook.param("pool_town")?.number ?? 0)
        let rounding = Num.round(pool - paid - withheld, 2)
        func money(_ x: Double) -> String { Num.fixed(x, decimals: 2) }
        table.footer = Phrase.bonusFooter(perHead: money(perHead), regular: regular.count, pool: money(pool), paid: money(paid),
                                          withheld: money(withheld), rounding: money(rounding), largestRemainder: largestRemainder,
                                          awards: money(awards), payout: money(paid + awards)).map { $0.text(lang) }
        present(table)
    }
}
