import KaoheCore

/// What entering, editing and the roster's commands refuse.
extension Phrase {
    static func setOneValue(_ quoted: String) -> Phrase {
        Phrase(en: "set: one value only: quote a value with blanks, e.g. \"\(quoted)\"",
               zh: "set：只能给一个值：含空格的值请加引号，如 \"\(quoted)\"")
    }

    static func noParameter(_ name: String, hint: Phrase) -> Phrase {
        Phrase(en: "no parameter '\(name)'", zh: "没有参数“\(name)”") + hint
            + Phrase(en: "; to add one: param \(name) VALUE new", zh: "；如要新增：param \(name) 值 new")
    }

    static let paramOneValue = Phrase(en: "param: one value only; quote text with blanks", zh: "param：只能给一个值；含空格的文字请加引号")

    static func countNotWhole(_ command: String, _ text: String) -> Phrase {
        Phrase(en: "\(command): N must be a whole number above 0, not '\(text)'", zh: "\(command)：N 应为大于 0 的整数，不能写“\(text)”")
    }

    static func nothingToUndo(scenario: String?, keeps: Bool) -> Phrase {
        let place = scenario.map { name in
            Phrase(en: " in scenario \(name)", zh: "（场景 \(name) 中）")
                + (keeps ? Phrase(en: " (the changes it had when you switched to it stay: scenario drop removes them)",
                                  zh: "（切换到该场景时已有的修改保留：scenario drop 可删除）") : .empty)
        } ?? .empty
        return Phrase(en: "nothing to undo", zh: "没有可撤回的修改") + place
    }

    static let nothingToRedo = Phrase(en: "nothing to redo", zh: "没有可重做的修改")

    static func officeSetExpectedRank(_ typed: String, usage: String) -> Phrase {
        Phrase(en: "office set: expected rank, not '\(typed)'", zh: "office set：此处应为 rank，不能是“\(typed)”") + .usage(usage)
    }

    static func formulaStartsWithEquals(_ key: String) -> Phrase {
        Phrase(en: "column set: a formula starts with =, e.g. column set \(key) =line+rules",
               zh: "column set：公式以 = 开头，如 column set \(key) =line+rules")
    }

    static func cadreNeedsIDAndName(usage: String) -> Phrase {
        Phrase(en: "cadre add: a cadre needs an id and a name", zh: "cadre add：干部须有编号和姓名") + .usage(usage)
    }

    static func idTaken(_ command: String, _ id: String, by label: String, unique: Bool) -> Phrase {
        Phrase(en: "\(command): the id \(id) is taken by \(label)\(unique ? "; ids are unique" : "")",
               zh: "\(command)：编号 \(id) 已由 \(label) 使用\(unique ? "；编号不能重复" : "")")
    }

    static func idEmpty(_ label: String, keeps old: String) -> Phrase {
        Phrase(en: "a cadre's id cannot be empty (\(label) keeps \(old))", zh: "干部编号不能为空（\(label) 仍为 \(old)）")
    }

    static let nameEmpty = Phrase(en: "a cadre's name cannot be empty: every cadre needs one", zh: "干部姓名不能为空：每名干部都须有姓名")

    static func officeExists(_ name: String) -> Phrase {
        Phrase(en: "office add: \(name) already exists", zh: "office add：科室 \(name) 已存在")
    }

    static func lineRankNotWhole(_ text: String) -> Phrase {
        Phrase(en: "a line rank is a whole number from 1 (or none), not '\(text)'",
               zh: "线上工作名次为不小于 1 的整数（或 none），不能写“\(text)”")
    }

    static func columnAddNeedsKind(usage: String) -> Phrase {
        Phrase(en: "column add: say input, or give a formula starting with =", zh: "column add：请写 input，或给出以 = 开头的公式") + .usage(usage)
    }

    static func columnAddExpectedKind(_ kind: String) -> Phrase {
        Phrase(en: "column add: expected input or =FORMULA, not '\(kind)'", zh: "column add：此处应为 input 或 =公式，不能是“\(kind)”")
    }
}
