import KaoheCore

extension Town {
    /// An earlier assessment year, checked: a year such as 2025, before this workbook's.
    func earlierYear(_ typed: String, _ verb: String) throws(SchemeError) -> Int {
        guard let year = Int(typed), (1900...2999).contains(year) else { throw SchemeError(.yearNotYear(verb, typed)) }
        if let current = workbook.param("year")?.number, Double(year) >= current {
            throw SchemeError(.yearNotEarlier(verb, year, current: Int(current)))
        }
        return year
    }

    /// The history row of a cadre's year, if recorded.
    public func historyRow(_ cadre: RowID, year: Int) -> RowID? {
        rows("history", where: "cadre", is: value(Self.cadres, cadre, "id").displayText)
            .first { value("history", $0, "year") == .number(Double(year)) }
    }

    static func rankValue(_ typed: String, _ verb: String) throws(SchemeError) -> Value {
        guard let n = Int(typed), n >= 1 else { throw SchemeError(.rankNotWhole(verb, typed)) }
        return .number(Double(n))
    }

    static func bottomValue(_ typed: String, _ verb: String) throws(SchemeError) -> Value {
        switch typed.lowercased() {
        case "yes", "true", "是": return .bool(true)
        case "no", "false", "否": return .bool(false)
        default: throw SchemeError(.bottomNotYesNo(verb, typed))
        }
    }

    /// Records an earlier year's result, which drives `status`.
    @discardableResult
    public func addHistory(_ cadre: RowID, year typed: String, rank: String?, bottom: String?) throws(SchemeError) -> RowID {
        try require("history")
        let year = try earlierYear(typed, "history add")
        if historyRow(cadre, year: year) != nil {
            throw SchemeError(.historyExists(label(cadre), year: year, id: value(Self.cadres, cadre, "id").displayText))
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
            throw SchemeError(.historySetMissing(label(cadre), year: year))
        }
        guard rank != nil || bottom != nil else { throw SchemeError(.historySetNothing) }
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
            throw SchemeError(.historyRemoveMissing(label(cadre), year: year, id: value(Self.cadres, cadre, "id").displayText))
        }
        try engine { () throws(WorkbookError) in try workbook.removeRow(row, sheet: "history") }
    }
}
