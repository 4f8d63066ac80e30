extension Session {
    func help(_ words: [String]) throws(CommandError) {
        guard !words.isEmpty else {
            var lines: [String] = []
            for group in CommandSpec.Group.allCases {
                let specs = CommandTable.all.filter { $0.group == group }
                guard !specs.isEmpty else { continue }
                lines.append(group.rawValue + ":")
                let width = specs.map { $0.name.displayWidth }.max() ?? 0
                for spec in specs { lines.append("  " + Table.pad(spec.name, width, right: false) + "  " + spec.summary) }
                lines.append("")
            }
            lines.append("A cadre is named by id, name, or the start of either; a column by key or label.")
            lines.append("Quote words with blanks: \"...\". # starts a comment. help COMMAND shows usage and an example.")
            say(lines.joined(separator: "\n"))
            return
        }
        let name = words.joined(separator: " ")
        let matches = CommandTable.all.filter { $0.name == name || $0.words[0] == words[0] && words.count == 1 }
        guard !matches.isEmpty else {
            throw CommandError("no command '\(name)'\(didYouMean(name, in: CommandTable.all.map(\.name))); type help for the list")
        }
        var lines: [String] = []
        for spec in matches {
            lines.append("usage: \(spec.usage)")
            lines.append("  \(spec.summary)")
            if !spec.options.isEmpty { lines.append("  options: " + spec.options.map { "\($0.key)=" }.joined(separator: " ")) }
            lines.append("example:")
            lines.append(contentsOf: spec.example.split(separator: "\n").map { "  " + $0 })
            lines.append("")
        }
        lines.removeLast()
        say(lines.joined(separator: "\n"))
    }
}
