extension CommandTable {
    static let language: [CommandSpec] = [
        CommandSpec(
            name: "lang", group: .view, usage: "lang [zh|en]",
            summary: "the language of messages, help, tables and change lines (default from LANG: zh for zh_*)",
            example: "lang zh\n→ lang zh：提示、帮助、表格和变动行使用中文",
            arguments: [Arg(name: "LANG", kind: .words(["zh", "en"]), optional: true)]
        ) { s, inv throws(CommandError) in try s.setLanguage(inv[0]) },
    ]
}
