import KaoheCore

extension Session {
    func help(_ words: [String]) throws(CommandError) {
        guard !words.isEmpty else {
            var lines: [String] = []
            for group in CommandSpec.Group.allCases {
                let specs = CommandTable.all.filter { $0.group == group }
                guard !specs.isEmpty else { continue }
                lines.append(group.title.text(lang) + (lang == .zh ? "：" : ":"))
                let width = specs.map { $0.name.displayWidth }.max() ?? 0
                for spec in specs { lines.append("  " + Table.pad(spec.name, width, right: false) + "  " + spec.summaryPhrase.text(lang)) }
                lines.append("")
            }
            lines.append(Phrase.helpFooter.text(lang))
            lines.append(Phrase.helpAliases(CommandTable.aliases).text(lang))
            say(lines.joined(separator: "\n"))
            return
        }
        let typed = words.joined(separator: " ")
        let words = [CommandTable.canonical(words[0])] + words.dropFirst().map { $0.lowercased() }
        let name = words.joined(separator: " ")
        let matches = CommandTable.all.filter { $0.name == name || $0.words[0] == words[0] && words.count == 1 }
        guard !matches.isEmpty else {
            throw CommandError(.noHelp(typed, hint: didYouMean(name, in: CommandTable.all.map(\.name))))
        }
        var lines: [String] = []
        for spec in matches {
            lines.append(Phrase.helpUsage(spec.usage).text(lang))
            lines.append("  " + spec.summaryPhrase.text(lang))
            if !spec.options.isEmpty { lines.append(Phrase.helpOptions(spec.options.map { "\($0.key)=" }.joined(separator: " ")).text(lang)) }
            let aliases = CommandTable.aliases(of: spec.words[0]).map { ([$0] + spec.words.dropFirst().map(String.init)).joined(separator: " ") }
            if !aliases.isEmpty { lines.append(Phrase.helpAlias(aliases).text(lang)) }
            lines.append(Phrase.helpExample.text(lang))
            // The replies an example shows (`→ …`) are the English ones: in
            // Chinese the example gives the lines to type, and kaohe's own
            // reply to them is in Chinese when they are run.
            lines.append(contentsOf: spec.example.split(separator: "\n").filter { lang == .en || !$0.hasPrefix("→") }.map { "  " + $0 })
            lines.append("")
        }
        lines.removeLast()
        say(lines.joined(separator: "\n"))
    }
}
