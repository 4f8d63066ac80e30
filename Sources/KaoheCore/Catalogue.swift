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
            Phrase(en: description, zh: "公式 \(source.hasPrefix("=") ? source : "=" + source) 第 \(e.column) 列：\(e.phrase.zh)")
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

extension Token {
    /// `describe` in both languages.
    var describePhrase: Phrase {
        switch kind {
        case .end: Phrase(en: describe, zh: "公式末尾")
        case .string: Phrase(en: describe, zh: "文字 \"\(text)\"")
        default: Phrase(en: describe, zh: "“\(text)”")
        }
    }
}

/// What is wrong with a formula's text, placed by column (`col 6: …`).
extension Phrase {
    static func formulaWholeColumn(_ sheet: String, _ column: String) -> Phrase {
        Phrase(en: "\(sheet)[\(column)] is a whole column: use it inside a function such as SUM(\(sheet)[\(column)]), or write \(column) for this row's value",
               zh: "\(sheet)[\(column)] 是整列：请放在函数中使用，如 SUM(\(sheet)[\(column)])，或写 \(column) 取本行的值")
    }

    static func formulaCallIt(_ name: String) -> Phrase {
        Phrase(en: "\(name) is a function: call it with parentheses, \(name)(...)", zh: "\(name) 是函数：请加括号调用，\(name)(...)")
    }

    static func formulaUnknownName(_ n: String, sheet: String, hint: Phrase, isSheet: Bool) -> Phrase {
        Phrase(en: "unknown name '\(n)': not a column of \(sheet) nor a parameter", zh: "无法识别的名称“\(n)”：既不是 \(sheet) 表的列，也不是参数") + hint
            + (isSheet ? Phrase(en: " (\(n) is a sheet: write \(n)[column] for one of its columns)", zh: "（\(n) 是表：取其中一列请写 \(n)[列名]）") : .empty)
    }

    static func formulaUnknownSheet(_ sheet: String, hint: Phrase) -> Phrase {
        Phrase(en: "unknown sheet '\(sheet)'", zh: "没有表“\(sheet)”") + hint
    }

    static func formulaSelfAggregate(_ sheet: String, _ column: String) -> Phrase {
        Phrase(en: "\(sheet)[\(column)] is the column being defined: a column cannot aggregate itself",
               zh: "\(sheet)[\(column)] 就是正在定义的列：一列不能对自身汇总")
    }

    static func formulaNoColumn(_ sheet: String, _ column: String, hint: Phrase) -> Phrase {
        Phrase(en: "sheet \(sheet) has no column '\(column)'", zh: "表 \(sheet) 没有列“\(column)”") + hint
    }

    static func formulaUnknownFunction(_ name: String, hint: Phrase) -> Phrase {
        Phrase(en: "unknown function \(name)", zh: "没有函数 \(name)") + hint
    }

    static func formulaArity(_ name: String, takes: String, given: Int, usage: String) -> Phrase {
        Phrase(en: "\(name) takes \(takes), not \(given): \(usage)", zh: "\(name) 的参数个数应为 \(takes)，不能是 \(given) 个：\(usage)")
    }

    static func formulaCheck(_ name: String, _ problem: String, usage: String) -> Phrase {
        let zh = ["conditions and values come in pairs": "条件与值须成对出现",
                  "ranges and criteria come in pairs": "区域与条件须成对出现",
                  "after the first range, ranges and criteria come in pairs": "第一个区域之后，区域与条件须成对出现"][problem] ?? problem
        return Phrase(en: "\(name): \(problem): \(usage)", zh: "\(name)：\(zh)：\(usage)")
    }

    static let formulaEmpty = Phrase(en: "empty formula: write an expression after '='", zh: "公式是空的：请在“=”后写出表达式")
    static let formulaUnopened = Phrase(en: "unexpected ')' with no '(' to close", zh: "多了“)”：前面没有对应的“(”")

    static func formulaAfterComplete(_ token: Phrase) -> Phrase {
        Phrase(en: "unexpected \(token.en) after a complete expression (missing an operator or ','?)",
               zh: "完整的表达式后面多出了\(token.zh)（是否缺少运算符或“,”？）")
    }

    static func formulaTooDeep(_ depth: Int) -> Phrase {
        Phrase(en: "the formula nests deeper than \(depth) levels here (each operator of a chain, parenthesis and call is a level): split it into columns, or sum a whole column with SUM(sheet[column])",
               zh: "公式在此处嵌套超过 \(depth) 层（连续运算的每个运算符、每对括号、每次函数调用各算一层）：请拆成几列，或用 SUM(表[列]) 对整列求和")
    }

    static func formulaExpectedAfter(_ op: String) -> Phrase {
        Phrase(en: "expected an expression after '\(op)'", zh: "“\(op)”后面缺少表达式")
    }

    static func formulaNotNumber(_ text: String) -> Phrase { Phrase(en: "'\(text)' is not a number", zh: "“\(text)”不是数字") }

    static func formulaUnknownError(_ text: String, known: String) -> Phrase {
        Phrase(en: "unknown error value '\(text)' (known: \(known))", zh: "没有错误值“\(text)”（可用：\(known)）")
    }

    static let formulaEmptyParens = Phrase(en: "empty parentheses: expected an expression", zh: "括号是空的：里面应有表达式")
    static let formulaExpectedAfterParen = Phrase(en: "expected an expression after '('", zh: "“(”后面缺少表达式")
    static let formulaUnclosedParen = Phrase(en: "expected ')' to close the '(' here", zh: "缺少“)”来闭合此处的“(”")
    static let formulaEndsEarly = Phrase(en: "the formula ends where an expression was expected", zh: "公式在应有表达式的地方结束了")
    static let formulaUnexpectedClose = Phrase(en: "unexpected ')': expected an expression", zh: "多了“)”：此处应为表达式")
    static let formulaUnexpectedComma = Phrase(en: "unexpected ',': expected an expression", zh: "多了“,”：此处应为表达式")

    static func formulaUnexpected(_ text: String) -> Phrase {
        Phrase(en: "unexpected '\(text)': expected an expression", zh: "多出了“\(text)”：此处应为表达式")
    }

    static func formulaUnclosedCall(_ name: String) -> Phrase {
        Phrase(en: "expected ')' to close \(name)(", zh: "缺少“)”来闭合 \(name)(")
    }

    static func formulaExpectedArgument(_ after: String) -> Phrase {
        Phrase(en: "expected an argument after '\(after)'", zh: "“\(after)”后面缺少参数")
    }

    static func formulaExpectedCommaOrClose(_ name: String, found: Phrase) -> Phrase {
        Phrase(en: "expected ',' or ')' in the arguments of \(name), found \(found.en)", zh: "\(name) 的参数中应为“,”或“)”，却是\(found.zh)")
    }

    static func formulaExpectedColumnName(_ sheet: String) -> Phrase {
        Phrase(en: "expected a column name inside \(sheet)[...]", zh: "\(sheet)[...] 中缺少列名")
    }

    static func formulaUnclosedBracket(_ sheet: String) -> Phrase {
        Phrase(en: "expected ']' to close \(sheet)[", zh: "缺少“]”来闭合 \(sheet)[")
    }

    static func formulaUnterminatedText(_ column: Int) -> Phrase {
        Phrase(en: "unterminated text: no closing '\"' for the one at col \(column)", zh: "文字没有闭合：第 \(column) 列的“\"”没有对应的结束引号")
    }

    static func formulaUnexpectedCharacter(_ c: Character) -> Phrase {
        let hint: Phrase = switch c {
        case "$": Phrase(en: " (kaohe has no A1 references: name a column, or sheet[column] for the whole column)",
                         zh: "（kaohe 没有 A1 式引用：请写列名，整列写 表[列]）")
        case ":": Phrase(en: " (ranges are whole columns: write sheet[column])", zh: "（区域即整列：请写 表[列]）")
        case ";": Phrase(en: " (separate arguments with ',')", zh: "（参数之间请用“,”分隔）")
        default: .empty
        }
        return Phrase(en: "unexpected character '\(c)'", zh: "多出了字符“\(c)”") + hint
    }
}
