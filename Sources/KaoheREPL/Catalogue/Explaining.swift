import KaoheCore

/// The words of `explain` around the figures.
extension Phrase {
    static func explainEnteredOver(_ id: String, _ key: String) -> Phrase {
        Phrase(en: "  entered over the column's formula (clear \(id) \(key) returns to it)", zh: "  手工录入，覆盖了列公式（clear \(id) \(key) 可恢复公式）")
    }

    static let explainEnteredInput = Phrase(en: "  entered (an input column)", zh: "  录入值（录入列）")

    static func explainFormula(_ source: String, own: Bool) -> Phrase {
        Phrase(en: "  formula\(own ? " (this cell's own)" : ""): \(source)", zh: "  公式\(own ? "（该单元格单独设置）" : "")：\(source)")
    }

    static func explainInputs(_ inputs: [String]) -> Phrase {
        Phrase(en: "  inputs: " + inputs.joined(separator: ", "), zh: "  输入：" + inputs.joined(separator: "，"))
    }

    static let explainForfeited = Phrase(en: "  forfeited (4.1g): the share is withheld, not paid to others",
                                         zh: "  扣发考核奖（4.1g）：该份额暂扣，不分给他人")

    static let explainEmpty = Phrase(en: "(empty)", zh: "（空）")
    static let explainParameter = Phrase(en: " (parameter)", zh: "（参数）")

    static func explainEvents(_ numbers: [String]) -> Phrase {
        Phrase(en: (numbers.count == 1 ? "event " : "events ") + numbers.joined(separator: ", "), zh: "记录 " + numbers.joined(separator: "、"))
    }

    static func explainLeavesCounted(_ n: String, code: String, refs: String, limit: String, rule: String) -> Phrase {
        Phrase(en: "\(n) × \(code) counted (\(refs)), \(limit) make \(rule)", zh: "\(n) × \(code) 已计次（\(refs)），满 \(limit) 次适用 \(rule)")
    }

    static func explainForfeitNote(_ code: String, refs: String) -> Phrase {
        Phrase(en: "\(code) (\(refs)): bonus forfeited", zh: "\(code)（\(refs)）：扣发考核奖")
    }

    static let explainNoEvents = Phrase(en: " (no events)", zh: "（无扣加分记录）")

    static func explainFloor(_ floor: String) -> Phrase {
        Phrase(en: ", not below rules_floor \(floor)", zh: "，不低于 rules_floor \(floor)")
    }
}
