extension CommandTable {
    static let scheme: [CommandSpec] = []
    static let results: [CommandSpec] = []
    static let history: [CommandSpec] = []
}
