/// Every command, in the order `help` lists them.
enum CommandTable {
    static let all: [CommandSpec] = files + viewing + language + editing + roster + scheme + results + outputs + history + scenario

    /// Chinese words for the English first words of commands: `扣分 c01 4.2a`
    /// is `deduct c01 4.2a`, `场景 use base` is `scenario use base`. Each
    /// stands for one English word only (undo is 撤回 and revoke 作废, so
    /// that 撤销 means neither by surprise); `help` lists them.
    static let aliases: [(key: String, value: String)] = [
        ("帮助", "help"), ("打开", "open"), ("保存", "save"), ("退出", "quit"), ("导出", "export"), ("合并", "merge"), ("导入", "import"),
        ("显示", "show"), ("查看", "show"), ("工作表", "sheets"), ("参数表", "params"),
        ("设置", "set"), ("清除", "clear"), ("参数", "param"), ("撤回", "undo"), ("重做", "redo"),
        ("干部", "cadre"), ("科室", "office"), ("列", "column"),
        ("条款", "rules"), ("扣分", "deduct"), ("加分", "credit"), ("作废", "revoke"), ("记录", "events"), ("奖励", "award"), ("奖励表", "awards"),
        ("汇总", "summary"), ("排名", "rank"), ("考核奖", "bonus"), ("说明", "explain"),
        ("历史", "history"), ("日志", "log"), ("场景", "scenario"), ("假设", "whatif"),
    ]

    static let aliasTable: [String: String] = Dictionary(aliases.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })

    /// A command word as the table spells it: in lower case (`SHOW` is
    /// `show`), a Chinese alias in English.
    static func canonical(_ word: String) -> String {
        aliasTable[word] ?? word.lowercased()
    }

    /// The Chinese aliases of an English first word.
    static func aliases(of word: Substring) -> [String] {
        aliases.filter { $0.value == word }.map(\.key)
    }

    /// The commands by name (`cadre add`, `deduct`): a line is looked up
    /// here, not by scanning the table (a return runs thousands at once).
    static let byName: [String: CommandSpec] = Dictionary(all.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })

    /// The command a line names: two words (`cadre add`) before one.
    static func find(_ words: [Word]) throws(CommandError) -> CommandSpec {
        let first = canonical(words[0].text)
        let second = words.count > 1 ? words[1].text.lowercased() : nil
        if let second, let spec = byName[first + " " + second], spec.words.count == 2 { return spec }
        if let spec = byName[first], spec.words.count == 1 { return spec }
        if let spec = all.first(where: { $0.words.count == 1 && $0.aliases.contains(first) }) { return spec }
        let subcommands = all.filter { $0.words.count == 2 && $0.words[0] == first }
        if !subcommands.isEmpty {
            let names = subcommands.map { String($0.words[1]) }
            let hint = words.count > 1 ? didYouMean(words[1].text, in: names) : .empty
            throw CommandError(.expectedSubcommand(words[0].text, names: names, given: words.count > 1 ? words[1].text : nil, hint: hint))
        }
        let names = Set(all.map { String($0.words[0]) } + aliases.map(\.key))
        throw CommandError(.unknownCommand(words[0].text, hint: didYouMean(words[0].text, in: names)))
    }
}
