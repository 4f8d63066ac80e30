import KaoheCore

/// A row of the `rules` sheet: one offence (or credit) of the office rules.
public struct Rule: Sendable, Equatable {
    public var code: String
    public var text: String
    /// The points of one occurrence; nil for a discretionary rule.
    public var points: Double?
    public var min: Double?
    public var max: Double?
    /// The department that records it.
    public var dept: String
    /// deduct, credit, absence, leave, forfeit or derived.
    public var kind: String
    public var row: RowID

    /// Points chosen per event within `min`...`max` (4.4b, 4.5).
    public var discretionary: Bool { points == nil && min != nil && max != nil }

    /// The section a rule belongs to: `4.6` for 4.6a, 4.6l and 4.6c.
    public var section: Substring { code.prefix { !$0.isLetter } }

    /// `-1`, `+2`, `-2 to -1`, `-5 in place`.
    public var pointsText: String {
        if let p = points { return kind == "derived" ? "\(Town.signed(p)) in place" : Town.signed(p) }
        if let lo = min, let hi = max { return "\(Town.signed(lo)) to \(Town.signed(hi))" }
        return ""
    }
}

extension Town {
    public static let ruleKinds = ["deduct", "credit", "absence", "leave", "forfeit"]

    /// The rule table, read once per `Town`.
    public var rules: [Rule] {
        if let rulesCache { return rulesCache }
        let table = ((try? workbook.rows(of: "rules")) ?? []).map { r in
            Rule(code: value("rules", r, "code").displayText, text: value("rules", r, "text").displayText,
                 points: value("rules", r, "points").number, min: value("rules", r, "min").number,
                 max: value("rules", r, "max").number, dept: value("rules", r, "dept").displayText,
                 kind: value("rules", r, "kind").displayText, row: r)
        }
        rulesCache = table
        return table
    }

    /// A rule by code, or the nearest codes.
    public func rule(_ code: String) throws(SchemeError) -> Rule {
        guard !rules.isEmpty else { throw SchemeError(.noRulesSheet) }
        if let r = rules.first(where: { $0.code == code }) { return r }
        let near = rules.map(\.code).filter { editDistance($0, code) <= 1 || $0.hasPrefix(code) }
        throw SchemeError(.noRule(code, near: Array(near.prefix(4))))
    }

    /// Adds a rule: fixed points (`-0.5`) or a discretionary range (`-2..-1`).
    @discardableResult
    public func addRule(code: String, text: String, points: String, by dept: String?, kind: String?) throws(SchemeError) -> Rule {
        try require("rules")
        if rules.contains(where: { $0.code == code }) { throw SchemeError(.ruleExists(code)) }
        var values: [String: Value] = ["code": .text(code), "text": .text(text), "dept": .text(dept ?? "")]
        let natural: String
        if let range = points.range(of: "..") {
            guard let lo = Num.parse(String(points[..<range.lowerBound])), let hi = Num.parse(String(points[range.upperBound...])), lo <= hi else {
                throw SchemeError(.ruleBadRange(points))
            }
            values["min"] = .number(lo)
            values["max"] = .number(hi)
            natural = hi > 0 ? "credit" : "deduct"
        } else {
            guard let p = Num.parse(points) else { throw SchemeError(.ruleBadPoints(points)) }
            values["points"] = .number(p)
            natural = p > 0 ? "credit" : "deduct"
        }
        let chosen = kind ?? natural
        guard Self.ruleKinds.contains(chosen) else {
            throw SchemeError(.ruleBadKind(Self.ruleKinds, chosen))
        }
        values["kind"] = .text(chosen)
        let (row, _) = try engine { () throws(WorkbookError) in try workbook.addRow(to: "rules", values) }
        rulesCache = nil
        return try rule(value("rules", row, "code").displayText)
    }
}
