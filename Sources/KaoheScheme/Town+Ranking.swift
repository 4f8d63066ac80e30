import KaoheCore

/// How the town template ranks, as the change line needs to know it to say
/// who moved without reading everyone: `rank` is `RANK(total,
/// cadres[ranked_total])` (descending), `ranked_total` is the total of a
/// regular cadre (blank for temporary staff), and the bottom is the lowest
/// `bottom_n` ranked totals. Given the totals a change moved, these say
/// which cadres' ranks and bottom flags can have moved with them.
extension Town {
    /// Columns that, recomputed for every cadre, may move anyone's rank,
    /// bottom or status (`sheet.column`): after such a change only reading
    /// everyone can say who moved.
    public static let rankingInputs: Set = ["cadres.total", "cadres.ranked_total", "cadres.regular", "cadres.bottom_1", "cadres.bottom_2"]

    /// Whether the workbook ranks as the template does, through `ranked_total`.
    public var ranksByRankedTotal: Bool { (try? workbook.columnRef("ranked_total", sheet: Self.cadres)) != nil }

    /// Whether the ranked totals are current and indexed: then no total has
    /// gone stale unseen, and the queries below answer from the index.
    public var rankedTotalsIndexed: Bool { workbook.hasValueIndex("ranked_total", sheet: Self.cadres) }

    /// Builds the index of the ranked totals (one pass, as any ranking
    /// reads them), for the next change to follow.
    public func indexRankedTotals() {
        _ = try? workbook.lowestRows("ranked_total", count: 0, sheet: Self.cadres)
    }

    /// The span of ranked totals a cadre's move crosses: from its total
    /// before (when it was regular) to its ranked total now; none when
    /// neither ranks, broad when the cadre entered or left the ranking
    /// (which moves everyone below it).
    public enum Crossing { case none, span(Double, Double), broad }

    public func crossing(totalBefore was: Value, regularBefore: Bool, row: RowID) -> Crossing {
        let a = regularBefore ? was.number : nil
        let b = value(Self.cadres, row, "ranked_total").number
        switch (a, b) {
        case let (a?, b?): return .span(min(a, b), max(a, b))
        case (nil, nil): return .none
        default: return .broad
        }
    }

    /// The cadres whose rank can move when ranked totals crossed these
    /// spans: a cadre's rank (how many scored higher) moves exactly when its
    /// total x has lo ≤ x < hi for one span; for several, the union (each
    /// end included, to be safe).
    /// - Complexity: O(log n + the rows found), through the value index.
    public func rankMovers(_ spans: [(Double, Double)]) -> [RowID] {
        var movers: [RowID] = []
        for (lo, hi) in spans {
            movers += (try? workbook.rows(where: "ranked_total", from: lo, to: hi, includingHigh: spans.count > 1, sheet: Self.cadres)) ?? []
        }
        return spans.count > 1 ? Array(Set(movers)) : movers
    }

    /// The cadres whose bottom flag can move when `moved` totals moved: the
    /// lowest `bottom_n` + `moved` + 1 ranked totals (read before and after
    /// the change, their union holds everyone who entered or left).
    public func bottomCandidates(moved: Int) -> [RowID] {
        let count = Int(workbook.param("bottom_n")?.number ?? 0) + moved + 1
        return (try? workbook.lowestRows("ranked_total", count: count, sheet: Self.cadres)) ?? []
    }
}
