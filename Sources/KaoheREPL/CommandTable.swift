/// Every command, in the order `help` lists them.
enum CommandTable {
    static let all: [CommandSpec] = files + viewing + editing + roster + scheme + results + outputs + history + scenario

    /// The commands by name (`cadre add`, `deduct`): a line is looked up
    /// here, not by scanning the table (a return runs thousands at once).
    static let byName: [String: CommandSpec] = Dictionary(all.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })

    /// The command a line names: two words (`cadre add`) before one.
    static func find(_ words: [Word]) throws(CommandError) -> CommandSpec {
        let first = words[0].text
        if words.count > 1, let spec = byName[first + " " + words[1].text], spec.words.count == 2 { return spec }
        if let spec = byName[first], spec.words.count == 1 { return spec }
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
