import KaoheCore

/// What `show` refuses.
extension Phrase {
    static func showNoSheet(_ name: String, hint: Phrase, usage: String) -> Phrase {
        Phrase(en: "show: no sheet '\(name)'", zh: "show：没有表“\(name)”") + hint + .usage(usage)
    }

    static func showNeeds(_ word: String, _ what: Phrase, usage: String) -> Phrase {
        Phrase(en: "show: \(word) needs \(what.en)", zh: "show：\(word) 后面需要\(what.zh)") + .usage(usage)
    }

    static let showAColumn = Phrase(en: "a column", zh: "一个列名")
    static let showColumnNames = Phrase(en: "column names, e.g. cols name,total", zh: "列名，如 cols name,total")
    static let showANumber = Phrase(en: "a number", zh: "一个数字")

    static let showWhereNeedsCondition = Phrase(en: "show: where needs a condition, e.g. where total<60", zh: "show：where 后面需要条件，如 where total<60")

    static func showLimitNotWhole(_ n: String) -> Phrase {
        Phrase(en: "show: limit needs a whole number, not '\(n)'", zh: "show：limit 后面应为整数，不能是“\(n)”")
    }

    static func showUnexpected(_ word: String, hint: Phrase, usage: String) -> Phrase {
        Phrase(en: "show: unexpected '\(word)'", zh: "show：多出了“\(word)”") + hint + .usage(usage)
    }
}
