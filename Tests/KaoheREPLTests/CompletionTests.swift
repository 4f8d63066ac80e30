import Foundation
import Testing
@testable import KaoheREPL

/// What Tab offers, asked of the session the way readline asks it: the line
/// before the word being typed, and the word so far. Readline breaks words
/// at blanks, `=` and `,`, and leaves an opening quote in `before`.
@Suite("Tab completion, in process")
final class CompletionTests {
    let directory: URL
    let session: Session

    /// What one Tab finds: words, or "file names fit here".
    struct Found: Equatable, CustomStringConvertible {
        var candidates: [String]
        var files = false
        static func words(_ w: String...) -> Found { Found(candidates: w) }
        static let nothing = Found(candidates: [])
        static let files = Found(candidates: [], files: true)
        var description: String { files ? "files \(candidates)" : "\(candidates)" }
    }

    init() throws {
        directory = try Binary.scratch(copying: "demo-2026.kaohe")
        session = try Session.open(directory.appendingPathComponent("demo-2026.kaohe").path, recovery: .replay, output: { _ in })
        session.lang = .en
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func tab(_ before: String, _ word: String) -> Found {
        let r = session.completions(before: before, word: word)
        return Found(candidates: r.candidates, files: r.files)
    }

    static let offices = ["党政办", "经济发展办", "农业农村办", "城建办", "社会事务办", "综治办", "计生办", "财政所", "武装部"]
    static let sheets = ["offices", "rules", "events", "award_table", "awards", "history", "cadres"]
    static let clauses = ["where", "sort", "cols", "limit"]

    // MARK: Commands

    @Test("an empty line offers every command word once, in the order of the command table")
    func allCommands() {
        var seen = Set<String>()
        let expected = CommandTable.all.map { String($0.words[0]) }.filter { seen.insert($0).inserted }
        #expect(tab("", "") == Found(candidates: expected))
        #expect(expected.filter { $0 == "cadre" }.count == 1)
        #expect(expected.contains("show") && expected.contains("export") && expected.contains("column"))
    }

    @Test("command names by prefix, ASCII case ignored")
    func commandPrefixes() {
        #expect(tab("", "sh") == .words("show", "sheets"))
        #expect(tab("", "SHO") == .words("show"))
        #expect(tab("", "ca") == .words("cadre"))
        #expect(tab("", "col") == .words("columns", "column"))
        #expect(tab("", "un") == .words("undo"))
        #expect(tab("", "exp") == .words("export", "expanded", "explain"))
        #expect(tab("", "zz") == .nothing)
        #expect(tab("help ", "sh") == .words("show", "sheets"))
    }

    @Test("Chinese command words by prefix; after one, or an upper-case name, what follows its English command")
    func commandAliases() {
        #expect(tab("", "扣") == .words("扣分"))
        #expect(tab("", "奖励") == .words("奖励", "奖励表"))
        #expect(tab("", "").candidates.allSatisfy { $0.allSatisfy(\.isASCII) }, "an English session offers the English words on an empty line")
        #expect(tab("扣分 李艳 ", "") == tab("deduct 李艳 ", ""))
        #expect(tab("SHOW ", "") == tab("show ", ""))
        #expect(tab("场景 ", "") == tab("scenario ", ""))
    }

    @Test("the second word of a two-word command: cadre a → add, column → add set remove")
    func subcommands() {
        #expect(tab("cadre ", "a") == .words("add"))
        #expect(tab("cadre ", "") == .words("add", "remove"))
        #expect(tab("column ", "") == .words("add", "set", "remove"))
        #expect(tab("office ", "s") == .words("set"))
        #expect(tab("award ", "ev") == .words("evidence"))
        #expect(tab("export ", "") == .words("form", "csv", "xlsx", "html"))
        #expect(tab("import ", "") == .words("cadres", "events", "scores"))
    }

    @Test("award's first word is also an office or a cadre, beside the `award evidence` subcommand")
    func awardRecipient() {
        #expect(tab("award ", "党") == .words("党政办"))
        #expect(tab("award ", "李") == .words("李艳", "李军", "李建华", "李霞"))
        #expect(tab("award 李艳 ", "") == .words("district", "city", "province", "national"))
        #expect(tab("award 李艳 city ", "") == .words("key", "collective", "individual"))
    }

    // MARK: Cadres

    @Test("cadres by Chinese prefix, in roster order")
    func cadresByChinesePrefix() {
        #expect(tab("show ", "李") == .words("李艳", "李军", "李建华", "李霞"))
        #expect(tab("show ", "李建") == .words("李建华"))
        #expect(tab("set ", "张") == .words("张磊", "张超"))
        #expect(tab("cadre remove ", "宋") == .words("宋国庆", "宋秀英"))
        #expect(tab("events ", "黄") == .words("黄磊", "黄芳", "黄文杰", "黄军"))
        #expect(tab("explain ", "李艳") == .words("李艳"))
        #expect(tab("set ", "欧阳") == .nothing)
    }

    @Test("cadres by id prefix, case ignored")
    func cadresByID() {
        let c0x = Found(candidates: (1...9).map { "c0\($0)" })
        #expect(tab("show ", "c0") == c0x)
        #expect(tab("show ", "C0") == c0x)
        #expect(tab("set ", "c6") == .words("c60"))
        #expect(tab("deduct ", "c05") == .words("c05"))
    }

    @Test("a cadre inside an opened quote: readline leaves the quote in `before`")
    func cadreInQuotes() {
        #expect(tab("show \"", "李") == .words("李艳", "李军", "李建华", "李霞"))
    }

    @Test("a cadre added in the session completes at once")
    func newCadre() throws {
        try session.execute("cadre add c61 王新 office=党政办")
        #expect(tab("show ", "王") == .words("王丽", "王娜", "王文杰", "王新"))
        #expect(tab("set ", "c61") == .words("c61"))
    }

    // MARK: Columns

    @Test("after a cadre: columns by key and by Chinese label")
    func columns() {
        #expect(tab("set c01 ", "demo") == .words("democratic"))
        #expect(tab("set c01 ", "民主") == .words("民主评议"))
        #expect(tab("set 李艳 ", "to") == .words("total"))
        #expect(tab("set c01 ", "bo") == .words("bottom", "bottom_1", "bottom_2", "bonus"))
        #expect(tab("clear c01 ", "demo") == .words("democratic"))
        #expect(tab("explain 李艳 ", "总") == .words("总分"))
        #expect(tab("column set ", "to") == .words("total"))
        #expect(tab("rank ", "to") == .words("total"))
        #expect(tab("set c01 democratic ", "") == .nothing)
    }

    // MARK: Options and flags

    @Test("`cadre add ID NAME` offers its options; office= completes office names")
    func cadreAddOptions() {
        #expect(tab("cadre add c61 王新 ", "") == .words("office=", "instructor=", "staff="))
        #expect(tab("cadre add c61 王新 office=", "党") == .words("党政办"))
        #expect(tab("cadre add c61 王新 office=", "") == Found(candidates: Self.offices))
        #expect(tab("cadre add c61 王新 office=", "综") == .words("综治办"))
        #expect(tab("cadre add c61 王新 staff=", "") == .words("temp", "regular"))
        #expect(tab("cadre add c61 王新 instructor=", "y") == .words("yes"))
        #expect(tab("cadre add c61 王新 office=党政办 ", "") == .words("instructor=", "staff="))
        // ID and NAME are the user's to type.
        #expect(tab("cadre add ", "") == .nothing)
        #expect(tab("cadre add c61 ", "") == .nothing)
    }

    @Test("offices, rules, parameters and events where they fit")
    func otherNames() {
        #expect(tab("office set ", "") == Found(candidates: Self.offices))
        #expect(tab("office set 党政办 ", "") == .words("rank"))
        #expect(tab("param ", "pool") == .words("pool_district", "pool_town"))
        #expect(tab("param ", "de") == .words("decimals"))
        #expect(tab("revoke ", "5") == .words("5", "50", "51", "52"))
        #expect(tab("deduct c01 4.2a ", "") == .words("points=", "note=", "date=", "by="))
        #expect(tab("columns ", "") == Found(candidates: Self.sheets))
    }

    @Test("revoke and event set offer live events only (18 is revoked), award commands live awards; each with its note")
    func liveNumbersWithNotes() {
        #expect(tab("revoke ", "1") == .words("1", "10", "11", "12", "13", "14", "15", "16", "17", "19"))
        #expect(tab("event set ", "18") == .nothing)
        let events = session.completionsWithNotes(before: "revoke ", word: "5")
        #expect(events.candidates == ["5", "50", "51", "52"])
        #expect(events.notes == ["5": "周娜 (c13) 4.2l ×10, 2026-01-19", "50": "杨洋 (c39) 4.6a, 2026-11-28",
                                 "51": "李建华 (c30) 4.6a, 2026-04-23", "52": "李军 (c28) 4.2c, 2026-05-11"])
        let awards = session.completionsWithNotes(before: "award evidence ", word: "")
        #expect(awards.candidates == ["1", "2", "3", "4", "5", "6"])
        #expect(awards.notes["5"] == "胡平 (c24) district individual 优秀共产党员 (pending)")
        #expect(tab("award revoke ", "4") == .words("4"))
        // Names, columns and the rest carry no notes.
        #expect(session.completionsWithNotes(before: "show ", word: "李").notes.isEmpty)
    }

    @Test("rule codes: deduct offers the rules it takes, credit the rules that add points")
    func ruleCodes() {
        // 4.2b and 4.6b are derived (never entered); 4.6c adds points.
        #expect(tab("deduct c01 ", "4.2") == .words("4.2a", "4.2l", "4.2c"))
        #expect(tab("deduct c01 ", "4.6") == .words("4.6a", "4.6l", "4.6d"))
        #expect(tab("credit c01 ", "4.") == .words("4.6c"))
    }

    // MARK: show

    @Test("show: sheet names, cadres and clauses first")
    func showFirstWord() {
        let all = tab("show ", "")
        #expect(Array(all.candidates.prefix(7)) == Self.sheets)
        #expect(Array(all.candidates.suffix(4)) == Self.clauses)
        #expect(all.candidates.count == 7 + 120 + 4)
        #expect(tab("show ", "o") == .words("offices"))
        #expect(tab("show ", "cad") == .words("cadres"))
        #expect(tab("show ", "w") == .words("where"))
        #expect(tab("show ", "li") == .words("limit"))
    }

    @Test("show: clauses after a sheet; columns after sort and cols, of the sheet named")
    func showClauses() {
        #expect(tab("show cadres ", "") == Found(candidates: Self.clauses))
        #expect(tab("show sort ", "to") == .words("total"))
        #expect(tab("show sort ", "总") == .words("总分"))
        #expect(tab("show sort total ", "") == Found(candidates: ["desc", "asc"] + Self.clauses))
        #expect(tab("show sort total desc ", "") == Found(candidates: Self.clauses))
        #expect(tab("show cols ", "姓") == .words("姓名"))
        #expect(tab("show where ", "to") == .words("total"))
        #expect(tab("show offices sort ", "") == .words("name", "line_rank", "办", "线上名次"))
        #expect(tab("show offices cols ", "l") == .words("line_rank"))
        #expect(tab("show cols name,total ", "") == Found(candidates: Self.clauses))
        #expect(tab("show limit ", "") == .nothing)
    }

    @Test("show cols: the column after a comma completes too")
    func showColsAfterComma() {
        #expect(tab("show cols name,", "to") == .words("total"))
        #expect(tab("show cols name,", "名") == .words("名次"))
    }

    @Test("show CADRE is a card: nothing follows it")
    func nothingAfterCard() {
        #expect(tab("show 李艳 ", "") == .nothing)
    }

    // MARK: Files

    @Test("file names fit after open, save, export csv and import cadres")
    func fileNames() {
        #expect(tab("open ", "") == .files)
        #expect(tab("open ", "demo") == .files)
        #expect(tab("save ", "") == .files)
        #expect(tab("export csv ", "") == .files)
        #expect(tab("export csv ", "out") == .files)
        #expect(tab("import cadres ", "r") == .files)
        // Not before the file's place, and not after it.
        #expect(tab("export ", "") == .words("form", "csv", "xlsx", "html"))
        #expect(tab("save out.kaohe ", "") == .words("force"))
        #expect(tab("import cadres roster.csv ", "") == .nothing)
        #expect(tab("show ", "demo") == .nothing)
    }

    @Test("export csv FILE: flags and options, each until given; option values")
    func exportOptions() {
        #expect(tab("export csv out.csv ", "") == .words("labels", "bom", "force", "sheet=", "cols=", "encoding="))
        #expect(tab("export csv out.csv ", "l") == .words("labels"))
        #expect(tab("export csv out.csv ", "b") == .words("bom"))
        #expect(tab("export csv out.csv labels ", "") == .words("bom", "force", "sheet=", "cols=", "encoding="))
        #expect(tab("export csv out.csv labels bom sheet=cadres ", "") == .words("force", "cols=", "encoding="))
        #expect(tab("export csv out.csv sheet=", "") == Found(candidates: Self.sheets))
        #expect(tab("export csv out.csv encoding=", "") == .words("utf8", "gb18030", "gbk"))
        #expect(tab("export csv out.csv cols=", "na") == .words("name"))
        #expect(tab("export csv out.csv cols=name,", "to") == .words("total"))
        #expect(tab("export csv out.csv sheet=offices cols=", "") == .words("name", "line_rank", "办", "线上名次"))
    }
}
