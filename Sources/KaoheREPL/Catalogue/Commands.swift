import KaoheCore

/// What the command line says about itself: words it cannot split, commands
/// and options it does not know, arguments missing or too many.
extension Phrase {
    static func unterminatedQuote(column: Int) -> Phrase {
        Phrase(en: "unterminated quote at column \(column): close it with \"",
               zh: "第 \(column) 列的引号没有闭合：请补上 \"")
    }

    static func unknownCommand(_ word: String, hint: Phrase) -> Phrase {
        Phrase(en: "unknown command '\(word)'", zh: "没有命令“\(word)”") + hint
            + Phrase(en: "; type help for the list", zh: "；输入 help 查看命令列表")
    }

    static func expectedSubcommand(_ first: String, names: [String], given: String?, hint: Phrase) -> Phrase {
        Phrase(en: "\(first): expected \(names.joined(separator: ", ")), not \(given.map { "'\($0)'" } ?? "nothing")",
               zh: "\(first) 后面应为 \(names.joined(separator: "、")) 之一，\(given.map { "不能是“\($0)”" } ?? "但什么也没有给出")")
            + hint + Phrase(en: "; see help \(first)", zh: "；见 help \(first)")
    }

    /// "; usage: …" after a usage error.
    static func usage(_ usage: String) -> Phrase {
        Phrase(en: "; usage: \(usage)", zh: "；用法：\(usage)")
    }

    static func noOption(_ command: String, key: String, hint: Phrase, usage: String) -> Phrase {
        Phrase(en: "\(command): no option \(key)=", zh: "\(command)：没有选项 \(key)=") + hint + .usage(usage)
    }

    static func missingArgument(_ command: String, _ argument: String, usage: String) -> Phrase {
        Phrase(en: "\(command): missing \(argument)", zh: "\(command)：缺少 \(argument)") + .usage(usage)
    }

    static func unexpectedWord(_ command: String, _ word: String, usage: String) -> Phrase {
        Phrase(en: "\(command): unexpected '\(word)'", zh: "\(command)：多出了“\(word)”") + .usage(usage)
    }

    static func noHelp(_ name: String, hint: Phrase) -> Phrase {
        Phrase(en: "no command '\(name)'", zh: "没有命令“\(name)”") + hint
            + Phrase(en: "; type help for the list", zh: "；输入 help 查看命令列表")
    }

    // MARK: How a command runs

    static func notInScenarioChanges(_ command: String) -> Phrase {
        Phrase(en: "\(command) cannot be part of a scenario's changes", zh: "\(command) 不能作为场景中的修改")
    }

    static func readOnlyRefused(_ command: String) -> Phrase {
        Phrase(en: "\(command): this workbook is open read-only, so it cannot change; save a copy to change that (save OTHER.kaohe)",
               zh: "\(command)：本工作簿以只读方式打开，不能修改；如需修改，请另存一份（save 新文件名.kaohe）")
    }

    static func baseOnly(_ command: String, scenario: String) -> Phrase {
        Phrase(en: "\(command) works on the base only (in use: scenario \(scenario)); scenario use base first",
               zh: "\(command) 只能在基准数据上执行（当前在场景 \(scenario) 中）；请先 scenario use base")
    }

    /// `COMMAND: ` before a message passed on from the command it ran.
    static func from(_ command: String, _ inner: Phrase) -> Phrase {
        Phrase(en: "\(command): ", zh: "\(command)：") + inner
    }
}
