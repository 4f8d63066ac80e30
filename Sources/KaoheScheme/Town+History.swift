import KaoheCore

extension Town {
    /// An earlier assessment year, checked: a year such as 2025, before this workbook's.
    func earlierYear(_ typed: String, _ verb: String) throws(SchemeError) -> Int {
        guard let year = Int(typed), (1900...2999).contains(year) else { throw SchemeError("\(verb): YEAR is a year such as 2025, not '\(typed)'") }
        if let current = workbook.param("year")?.number, Double(year) >= current {
            throw SchemeError("\(verb): \(year) is not an earlier year (this workbook assesses \(Int(current)))")
        }
        return year
    }

    /// The history row of a cadre's year, if recorded.
    public func historyRow(_ cadre: RowID, year: Int) -> RowID? {
        rows("history", where: "cadre", is: value(Self.cadres, cadre, "id").displayText)
            .first { value("history", $0, "year") == .number(Double(year)) }
    }

    static func rankValue(_ typed: String, _ verb: String) throws(SchemeError) -> Value {
        guard let n = Int(typed), n >= 1 else { throw SchemeError("\(verb): rank is a whole number from 1, not '\(typed)'") }
        return .number(Double(n))
    }

    static func bottomValue(_ typed: String, _ verb: String) throws(SchemeError) -> Value {
        switch typed.lowercased() {
        case "yes", "true", "是": return .bool(true)
        case "no", "false", "否": return .bool(false)
        default: throw SchemeError("\(verb): bottom is yes or no, not '\(typed)'")
        }
    }

    /// Records an earlier year's result, which drives `status`.
    @discardableResult
    public func addHistory(_ cadre: RowID, year typed: String, rank: String?, bottom: String?) throws(SchemeError) -> RowID {
        try require("history")
        let year = try earlierYear(typed, "history add")
        if historyRow(cadre, year: year) != nil {
            throw SchemeError("history add: \(label(cadre)) already has a result for \(year): correct it with history set \(value(Self.cadres, cadre, "id").displayText) \(year) rank=… bottom=…")
        }
        var values: [String: Value] = ["cadre": value(Self.cadres, cadre, "id"), "year": .number(Double(year))]
        if let rank { values["rank"] = try Self.rankValue(rank, "history add") }
        values["bottom"] = try Self.bottomValue(bottom ?? "no", "history add")
        let (row, _) = try engine { () throws(WorkbookError) in try workbook.addRow(to: "history", values) }
        return row
    }

    /// Corrects an earlier year's rank or bottom flag.
    @discardableResult
    public func setHistory(_ cadre: RowID, year typed: String, rank: String?, bottom: String?) throws(SchemeError) -> RowID {
        try require("history")
        let year = try earlierYear(typed, "history set")
        guard let row = historyRow(cadre, year: year) else {
            throw SchemeError("history set: \(label(cadre)) has no result for \(year): record it with history add")
        }
        guard rank != nil || bottom != nil else { throw SchemeError("history set: give rank=R or bottom=yes|no") }
        let r = try rank.map { t throws(SchemeError) in try Self.rankValue(t, "history set") }
        let b = try bottom.map { t throws(SchemeError) in try Self.bottomValue(t, "history set") }
        try engine { () throws(WorkbookError) in
            try workbook.transaction { () throws(WorkbookError) in
                if let r { try workbook.set(r, row: row, column: "rank", sheet: "history") }
                if let b { try workbook.set(b, row: row, column: "bottom", sheet: "history") }
            }
        }
        return row
    }

    /// Removes an earlier year's result entered by mistake.
    public func removeHistory(_ cadre: RowID, year typed: String) throws(SchemeError) {
        try require("history")
        let year = try earlierYear(typed, "history remove")
        guard let row = historyRow(cadre, year: year) else {
            throw SchemeError("history remove: \(label(cadre)) has no result for \(year); see history \(value(Self.cadres, cadre, "id").displayText)")
        }
        try engine { () throws(WorkbookError) in try workbook.removeRow(row, sheet: "history") }
    }
}
