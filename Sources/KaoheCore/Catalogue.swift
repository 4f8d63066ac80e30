/// The engine's messages in both languages. `description` of each error
/// stays its English text; `phrase` carries both, for the REPL to choose.
extension Phrase {
    /// " (did you mean X?)", the hint after a name that is not there.
    public static func didYouMean(_ name: String) -> Phrase {
        Phrase(en: " (did you mean \(name)?)", zh: "（是否要输入 \(name)？）")
    }

    /// The hint for an optional suggestion, or nothing.
    public static func didYouMean(_ name: String?) -> Phrase {
        name.map { didYouMean($0) } ?? .empty
    }
}

extension WorkbookError {
    /// The message in both languages; its English is `description`.
    public var phrase: Phrase {
        switch self {
        case .unknownSheet(let n, let s):
            Phrase(en: "no sheet named '\(n)'", zh: "没有名为“\(n)”的表") + .didYouMean(s)
        case .unknownColumn(let n, let sheet, let s):
            Phrase(en: "no column '\(n)' in sheet \(sheet)", zh: "表 \(sheet) 中没有列“\(n)”") + .didYouMean(s)
        case .unknownParameter(let n, let s):
            Phrase(en: "no parameter '\(n)'", zh: "没有参数“\(n)”") + .didYouMean(s)
        case .unknownRow(let r, let sheet):
            Phrase(en: "no row \(r) in sheet \(sheet)", zh: "表 \(sheet) 中没有第 \(r) 行")
        case .duplicateSheet(let n):
            Phrase(en: "a sheet named '\(n)' already exists", zh: "已有名为“\(n)”的表")
        case .duplicateColumn(let n, let sheet):
            Phrase(en: "sheet \(sheet) already has a column '\(n)'", zh: "表 \(sheet) 已有列“\(n)”")
        case .invalidName(let n):
            Phrase(en: "'\(n)' is not a valid name: use letters, digits and '_', starting with a letter",
                   zh: "“\(n)”不是有效的名称：请用字母、数字和“_”，并以字母开头")
        case .formula(let e, let source):
            Phrase(en: description, zh: "公式 \(source.hasPrefix("=") ? source : "=" + source) 有误：第 \(e.column) 列，\(e.message)")
        case .notAnInputColumn(let n):
            Phrase(en: "column '\(n)' is computed by a formula", zh: "列“\(n)”由公式计算，不能直接录入")
        case .invalidValue(let v): v.phrase
        case .nothingToUndo: Phrase(en: "nothing to undo", zh: "没有可撤销的修改")
        case .nothingToRedo: Phrase(en: "nothing to redo", zh: "没有可重做的修改")
        }
    }
}

extension ColumnRule {
    /// What the column accepts, in both languages (`explanation` is the English).
    public var explanationPhrase: Phrase {
        switch kind {
        case .number(let lo, let hi, let whole):
            let range = switch (lo, hi) {
            case let (lo?, hi?): "\(Num.general(lo)) 到 \(Num.general(hi)) 之间的"
            case let (lo?, nil): "不小于 \(Num.general(lo)) 的"
            case let (nil, hi?): "不大于 \(Num.general(hi)) 的"
            case (nil, nil): ""
            }
            return Phrase(en: explanation, zh: range + (whole ? "整数" : "数"))
        case .text: return Phrase(en: explanation, zh: "文字")
        case .yesNo: return Phrase(en: explanation, zh: "是或否（yes 或 no）")
        case .date: return Phrase(en: explanation, zh: "日期（YYYY-MM-DD）")
        case .oneOf(let items): return Phrase(en: explanation, zh: items.joined(separator: "、") + " 之一")
        case .lookup(let sheet, let column): return Phrase(en: explanation, zh: "\(sheet)[\(column)] 中的一项")
        }
    }
}

extension RuleViolation {
    /// The refusal in both languages; its English is `description`.
    public var phrase: Phrase {
        let name = label.isEmpty ? column : "\(label) (\(column))"
        let shown = if case .text(let s) = value { "“\(s)”" } else { " " + value.displayText }
        let accepted = rule.explanationPhrase.zh
        let spaced = accepted.first?.isASCII == true ? " " + accepted : accepted
        return Phrase(en: description, zh: "\(name) 只能填\(spaced)，不能填\(shown)" + Phrase.didYouMean(suggestion).zh)
    }
}

/// What a column rule's text (`column add … input number 0..10`) is refused for.
extension Phrase {
    static let ruleForms = "number [MIN..MAX], whole [MIN..MAX], text, yesno, date, one of \"A\", \"B\" or one of SHEET[COLUMN]"

    static let ruleExpectedType = Phrase(en: "expected a type: \(ruleForms)", zh: "缺少类型：可用 \(ruleForms)")

    static func ruleOneRange(_ extra: String) -> Phrase {
        Phrase(en: "a number takes one range, MIN..MAX, not '\(extra)'", zh: "数字只能有一个范围 MIN..MAX，不能写“\(extra)”")
    }

    static func ruleRangeForm(_ range: Substring) -> Phrase {
        Phrase(en: "a range is MIN..MAX (e.g. 0..10), not '\(range)'", zh: "范围写作 MIN..MAX（如 0..10），不能写“\(range)”")
    }

    static func ruleBoundNotNumber(_ s: String, range: Substring) -> Phrase {
        Phrase(en: "'\(s)' in the range \(range) is not a number", zh: "范围 \(range) 中的“\(s)”不是数字")
    }

    static func ruleRangeEmpty(_ range: Substring) -> Phrase {
        Phrase(en: "the range \(range) is empty: MIN comes first", zh: "范围 \(range) 是空的：小的数应在前")
    }

    static func ruleNotLookup(_ rest: Substring) -> Phrase {
        Phrase(en: "'\(rest)' is not SHEET[COLUMN], e.g. offices[name]", zh: "“\(rest)”不是 表[列] 的形式，如 offices[name]")
    }

    static let ruleChoiceList = Phrase(en: "a choice is a list of words separated by commas: one of \"A\", \"B\"",
                                       zh: "可选值是以逗号分隔的一组词：one of \"A\", \"B\"")

    static func ruleUnknownType(_ text: String) -> Phrase {
        Phrase(en: "unknown type '\(text)': \(ruleForms)", zh: "没有类型“\(text)”：可用 \(ruleForms)")
    }
}
