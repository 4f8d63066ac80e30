/// Every command, in the order `help` lists them.
enum CommandTable {
    static let all: [CommandSpec] = files + viewing + language + editing + roster + scheme + results + outputs + history + scenario

    /// The command a line names: two words (`cadre add`) before one.
    static func find(_ words: [Word]) throws(CommandError) -> CommandSpec {
        let first = words[0].text
        if words.count > 1, let spec = all.first(where: { $0.words.count == 2 && $0.words[0] == first && $0.words[1] == words[1].text }) {
            return spec
        }
        if let spec = all.first(where: { $0.words.count == 1 && ($0.name == first || $0.aliases.contains(first)) }) { return spec }
        let subcommands = all.filter { $0.words.count == 2 && $0.words[0] == first }
        if !subcommands.isEmpty {
            let given = words.count > 1 ? "'\(words[1].text)'" : "nothing"
            let names = subcommands.map { String($0.words[1]) }
            let hint = words.count > 1 ? didYouMean(words[1].text, in: names) : ""
            throw CommandError("\(first): expected \(names.joined(separator: ", ")), not \(given)\(hint); see help \(first)")
        }
        let names = Set(all.map { String($0.words[0]) })
        throw CommandError("unknown command '\(first)'\(didYouMean(first, in: names)); type help for the list")
    }
}
