import KaoheCore

/// The assessment at a glance, per office and per category: what the REPL's
/// `summary` prints and the report shows. Averages, best and worst are over
/// the ranked (regular) cadres; temporary staff are counted apart.
public struct TownSummary: Sendable {
    public struct Group: Sendable, Equatable {
        public var name: String
        public var headcount = 0
        /// Temporary staff among the headcount: in no average, best or worst.
        public var temporary = 0
        /// Total score, rounded to `decimals`; nil when no one is ranked.
        public var averageTotal: Double?
        public var best: (total: Double, names: [String])?
        public var worst: (total: Double, names: [String])?
        public var bonus = 0.0
        public var awards = 0.0

        public static func == (a: Group, b: Group) -> Bool {
            a.name == b.name && a.headcount == b.headcount && a.temporary == b.temporary && a.averageTotal == b.averageTotal
                && a.best?.total == b.best?.total && a.best?.names == b.best?.names && a.worst?.total == b.worst?.total
                && a.worst?.names == b.worst?.names && a.bonus == b.bonus && a.awards == b.awards
        }
    }

    public struct Category: Sendable, Equatable {
        public var key: String
        public var label: String
        public var average: Double?
        public var highest: Double?
        public var lowest: Double?
    }

    /// In the order of the `offices` sheet, then offices only cadres name.
    public var offices: [Group]
    /// Every cadre together.
    public var town: Group
    public var categories: [Category]

    /// The `cadres` columns a summary reads (the town template's).
    public static let needed = ["name", "office", "total", "regular", "bonus", "award_money"]
    public static let categoryKeys = ["line", "rural", "petition", "rules", "democratic", "total"]

    /// The summary; nil when the workbook has no `cadres` sheet with the `needed` columns.
    public static func make(_ wb: Workbook) -> TownSummary? { try? summarize(wb) }

    static func summarize(_ wb: Workbook) throws(WorkbookError) -> TownSummary {
        let sheet = "cadres"
        let columns = try wb.columns(of: sheet)
        for key in needed { _ = try wb.columnRef(key, sheet: sheet) }
        let decimals = NumberFormat.decimals(of: wb)
        let rows = try wb.rows(of: sheet)
        func column(_ key: String) throws(WorkbookError) -> [Value] {
            let ref = try wb.columnRef(key, sheet: sheet)
            return rows.map { wb.value(CellRef(ref, $0)) }
        }
        let names = try column("name").map(\.displayText), offices = try column("office").map(\.displayText)
        let totals = try column("total"), regular = try column("regular").map { $0 != .bool(false) }
        let bonus = try column("bonus"), awards = try column("award_money")

        func group(_ name: String, _ members: [Int]) -> Group {
            var g = Group(name: name, headcount: members.count)
            g.temporary = members.filter { !regular[$0] }.count
            var bonusSum = ExactSum(), awardSum = ExactSum()
            for i in members {
                bonusSum.add(bonus[i].number ?? 0)
                awardSum.add(awards[i].number ?? 0)
            }
            g.bonus = Num.round(bonusSum.value, 2)
            g.awards = Num.round(awardSum.value, 2)
            let scored = members.filter { regular[$0] }.compactMap { i in totals[i].number.map { (i, Num.canonical($0)) } }
            guard !scored.isEmpty else { return g }
            var sum = ExactSum()
            for (_, t) in scored { sum.add(t) }
            g.averageTotal = Num.round(sum.value / Double(scored.count), decimals)
            let high = scored.map(\.1).max()!, low = scored.map(\.1).min()!
            g.best = (high, scored.filter { $0.1 == high }.map { names[$0.0] })
            g.worst = (low, scored.filter { $0.1 == low }.map { names[$0.0] })
            return g
        }

        var order: [String] = []
        if wb.sheetNames.contains("offices"), let ref = try? wb.columnRef("name", sheet: "offices") {
            order = try wb.rows(of: "offices").map { wb.value(CellRef(ref, $0)).displayText }
        }
        for office in offices where !order.contains(office) { order.append(office) }
        let members = Dictionary(grouping: rows.indices, by: { offices[$0] })
        let groups = order.map { group($0, members[$0] ?? []) }

        var categories: [Category] = []
        for key in categoryKeys {
            guard let info = columns.first(where: { $0.key == key }) else { continue }
            let all = try column(key)
            let values = all.indices.filter { regular[$0] }.compactMap { all[$0].number }
            var c = Category(key: key, label: info.label)
            if !values.isEmpty {
                var sum = ExactSum()
                for v in values { sum.add(v) }
                c.average = Num.round(sum.value / Double(values.count), decimals)
                c.highest = values.max()
                c.lowest = values.min()
            }
            categories.append(c)
        }
        return TownSummary(offices: groups, town: group("", Array(rows.indices)), categories: categories)
    }
}
