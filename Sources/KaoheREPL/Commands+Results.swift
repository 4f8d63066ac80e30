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

    var regularRows: [RowID] {
        let rows = roster.entries.map(\.row)
        return zip(rows, values(Self.cadres, rows, "regular")).filter { $0.1 != .bool(false) }.map(\.0)
    }

    /// `rank [COLUMN]`: every column the table shows is read once, in roster
    /// order, and the ranked rows sorted by position, so the table costs a
    /// pass over 100,000 rows and one sort.
    func ranking(_ columnName: String?) throws(CommandError) {
        let key = try columnName.map { n throws(CommandError) in try column(n, sheet: Self.cadres).key } ?? "total"
        let all = roster.entries.map(\.row)
        let scores = values(Self.cadres, all, key)
        let isRegular = values(Self.cadres, all, "regular").map { $0 != .bool(false) }
        // Ties are equal as shown, as RANK has them.
        let sorted = all.indices.filter { isRegular[$0] }.sorted { Self.sortsBefore(scores[$1], scores[$0]) }
        let temps = all.indices.filter { !isRegular[$0] }
        let order = sorted + temps
        let rankOf = key == "total" ? values(Self.cadres, all, "rank") : []
        var rankColumn: [Value] = []
        rankColumn.reserveCapacity(order.count)
        for (i, p) in sorted.enumerated() {
            let shared = i > 0 && scores[sorted[i - 1]] == scores[p]
            rankColumn.append(key == "total" ? rankOf[p] : shared ? rankColumn[i - 1] : .number(Double(i + 1)))
        }
        rankColumn += temps.map { _ in .empty }
        func shown(_ column: String) -> [Table.Cell] {
            let column = values(Self.cadres, all, column)
            return order.map { Table.Cell(text: column[$0].displayText) }
        }
        func formatted(_ column: String, _ values: [Value]) -> [Table.Cell] {
            cells(order.map { values[$0] }, sheet: Self.cadres, column: column)
        }
        var table = Table(headers: ["rank", "id", "name", "office", key, "bottom", "status"],
                          columns: [cells(rankColumn, sheet: Self.cadres, column: "rank"), shown("id"), shown("name"), shown("office"),
                                    formatted(key, scores), formatted("bottom", values(Self.cadres, all, "bottom")),
                                    formatted("status", values(Self.cadres, all, "status"))])
        table.fixed = 3
        let bottomN = workbook.param("bottom_n")?.displayText ?? "?"
        table.footer = [Phrase.rankFooter(ranked: sorted.count, temps: temps.count, bottomN: bottomN).text(lang)]
        present(table)
    }

    func bonusTable() throws(CommandError) {
        guard (try? workbook.columns(of: Self.cadres))?.contains(where: { $0.key == "share" }) == true else {
            throw CommandError(.noBonusColumns)
        }
        let rows = roster.entries.map(\.row)
        func column(_ key: String) -> [Value] { values(Self.cadres, rows, key) }
        let forfeit = column("forfeit"), bonus = column("bonus"), awardMoney = column("award_money"), share = column("share")
        let isRegular = column("regular").map { $0 != .bool(false) }
        var paid = 0.0, withheld = 0.0, awards = 0.0
        var notes: [Table.Cell] = []
        notes.reserveCapacity(rows.count)
        let tempNote = Table.Cell(text: Phrase.bonusTempNote.text(lang), style: .flag)
        for i in rows.indices {
            paid += bonus[i].number ?? 0
            awards += awardMoney[i].number ?? 0
            if !isRegular[i] {
                notes.append(tempNote)
            } else if forfeit[i] == .bool(true) {
                let share = share[i].number ?? 0
                withheld += share
                notes.append(Table.Cell(text: Phrase.bonusForfeitNote(Num.fixed(share, decimals: 2)).text(lang), style: .flag))
            } else {
                notes.append(Table.Cell(text: ""))
            }
        }
        func shown(_ key: String) -> [Table.Cell] { column(key).map { Table.Cell(text: $0.displayText) } }
        func formatted(_ key: String, _ values: [Value]? = nil) -> [Table.Cell] { cells(values ?? column(key), sheet: Self.cadres, column: key) }
        var table = Table(headers: ["id", "name", "total", "bonus", "award_money", "payout", "note"],
                          columns: [shown("id"), shown("name"), formatted("total"), formatted("bonus", bonus),
                                    formatted("award_money", awardMoney), formatted("payout"), notes])
        table.fixed = 2
        let regular = rows.indices.filter { isRegular[$0] }
        let pool = regular.first.flatMap { value(Self.cadres, rows[$0], "pool").number } ?? 0
        let perHead = (workbook.param("pool_district")?.number ?? 0) + (workbook.param("pool_town")?.number ?? 0)
        let rounding = Num.round(pool - paid - withheld, 2)
        func money(_ x: Double) -> String { Num.fixed(x, decimals: 2) }
        table.footer = Phrase.bonusFooter(perHead: money(perHead), regular: regular.count, pool: money(pool), paid: money(paid),
                                          withheld: money(withheld), rounding: money(rounding), largestRemainder: largestRemainder,
                                          awards: money(awards), payout: money(paid + awards)).map { $0.text(lang) }
        present(table)
    }
}
