import KaoheCore

/// How a column's numbers are shown, on screen and in CSV alike: money to
/// the fen whatever `decimals` says, counts and ranks as whole numbers, every
/// other number (scores) to `decimals` places (SPEC section 5).
public enum NumberFormat {
    /// The template's money columns, by sheet: paid to the fen (SPEC section 1).
    public static let money: [String: Set<String>] = [
        "cadres": ["pool", "share", "bonus", "award_money", "payout"],
        "awards": ["amount", "best", "paid", "share"],
        "award_table": ["amount"],
    ]

    /// The template's counts, ranks, numbers and years, by sheet: shown as they are.
    /// (`awards.earlier` is the count an older template had in place of `first`.)
    public static let counts: [String: Set<String>] = [
        "cadres": ["rank", "study_absent", "study_leave", "duty_absent", "duty_leave", "exact_fen", "floor_fen", "rest_fen", "extra_fen", "seat"],
        "events": ["no", "times"],
        "awards": ["no", "members", "first", "earlier", "left_fen"],
        "history": ["year", "rank"],
        "offices": ["line_rank"],
    ]

    /// The decimal places for a column's numbers; nil for a count, shown as it is.
    public static func places(sheet: String, column: String, decimals: Int) -> Int? {
        if money[sheet]?.contains(column) == true { return 2 }
        if counts[sheet]?.contains(column) == true { return nil }
        return decimals
    }

    /// A number as its column shows it.
    public static func text(_ x: Double, places: Int?) -> String {
        places.map { Num.fixed(x, decimals: $0) } ?? Num.general(x)
    }

    /// `text`, appended to UTF-8 bytes (a CSV's numbers).
    public static func append(_ x: Double, places: Int?, to out: inout [UInt8]) {
        if let places { Num.appendFixed(x, decimals: places, to: &out) } else { out.append(contentsOf: Num.general(x).utf8) }
    }

    /// The workbook's `decimals` parameter (2 when absent or out of range).
    public static func decimals(of wb: Workbook) -> Int {
        if case .number(let d)? = wb.param("decimals"), d >= 0, d <= 10, d == d.rounded() { return Int(d) }
        return 2
    }
}
