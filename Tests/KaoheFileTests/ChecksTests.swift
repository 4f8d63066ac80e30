import Foundation
import KaoheCore
import Testing
@testable import KaoheFile

/// The reader, `kaohe check` and the imports apply the rules the commands
/// apply, and say where each problem is.
@Suite("Checks on files and imports")
struct ChecksTests {
    static let broken = """
        kaohe 1

        param decimals = -400
        param collective_split = "share"
        param year =

        sheet offices
        column name "办" text
        row "党政办"

        sheet rules
        column code
        row "4.1"

        sheet cadres
        column id "编号" text
        column name "姓名" text
        column office "所在办" one of offices[name]
        column democratic "民主评议" number 0..10
        row "c01", "张伟", "党政办", 9
        row "c02", "李娜", "党正办", 12
        row "c01", "王芳"
        row , "无号"
        row "c04"

        sheet events
        column no
        column cadre
        column rule
        row 1, "c01", "4.1"
        row 1, "c02", "4.1"
        row 2, "c09", "4.9"

        """

    @Test("a file that breaks the rules opens, each problem a warning at its line, in line order")
    func warnings() throws {
        let (wb, warnings) = try WorkbookFile.load(Self.broken, file: "w.kaohe")
        #expect(warnings.map(\.description) == [
            "w.kaohe:3: param decimals takes a whole number from 0 to 6, not '-400'",
            "w.kaohe:4: param collective_split takes shared or per_member, not 'share'",
            "w.kaohe:5: param year takes a whole number from 1900 to 2999, not nothing",
            "w.kaohe:21: 所在办 (office) takes one of offices[name], not '党正办' (did you mean 党政办?)",
            "w.kaohe:21: 民主评议 (democratic) takes a number from 0 to 10, not 12",
            "w.kaohe:22: the id c01 is also cadre 张伟 (cadres row 1): ids must be unique",
            "w.kaohe:23: cadre 无号 has no id: every cadre needs a unique id",
            "w.kaohe:24: cadre c04 has no name",
            "w.kaohe:31: event number 1 is used twice (also events row 1): numbers must be unique",
            "w.kaohe:32: event 2 names no cadre 'c09' (did you mean c01?)",
            "w.kaohe:32: event 2 names no rule '4.9' (did you mean 4.1?)",
        ])
        // Opened as written, so the office can fix it; saved, it keeps every value.
        #expect(try wb.rowCount(of: "cadres") == 5)
        #expect(try WorkbookFile.load(WorkbookFile.write(wb), file: "w.kaohe").warnings == warnings)
    }

    @Test("a workbook written before column rules opens as it did: no rules, no warnings, the same figures")
    func beforeRules() throws {
        let old = try Templates.demo(year: 2026)
        let text = WorkbookFile.write(old).replacingOccurrences(
            of: #"(?m)^(column \w+ "[^"]*") (number|whole|text|yesno|date|one of).*$"#, with: "$1", options: .regularExpression)
        #expect(!text.contains(" number 0..10"))
        let (wb, warnings) = try WorkbookFile.load(text, file: "old.kaohe")
        #expect(warnings.isEmpty)
        #expect(wb.rule(column: "democratic", sheet: "cadres") == nil)
        let payout = try wb.columnRef("payout", sheet: "cadres"), before = try old.columnRef("payout", sheet: "cadres")
        #expect(try wb.rows(of: "cadres").map { wb.value(CellRef(payout, $0)) } == old.rows(of: "cadres").map { old.value(CellRef(before, $0)) })
    }

    @Test("the template and the demo town have no problems")
    func clean() throws {
        #expect(try WorkbookFile.load(Templates.town(year: 2026), file: "t").warnings.isEmpty)
        #expect(Checks.problems(in: try Templates.demo(year: 2026)).isEmpty)
    }

    @Test("the parameters' rules, shared by param and the reader", arguments: [
        ("decimals", .number(2), nil), ("decimals", .number(-400), "param decimals takes a whole number from 0 to 6, not '-400'"),
        ("decimals", .number(2.5), "param decimals takes a whole number from 0 to 6, not '2.5'"),
        ("decimals", .empty, "param decimals takes a whole number from 0 to 6, not nothing"),
        ("fen_rounding", .text("largest_remainder"), nil),
        ("fen_rounding", .text("half-up"), "param fen_rounding takes half_up or largest_remainder, not 'half-up'"),
        ("pool_town", .number(-1), "param pool_town takes a number from 0, not '-1'"),
        ("town", .text("东湖镇"), nil),
    ] as [(String, Value, String?)])
    func parameters(_ name: String, _ value: Value, _ message: String?) {
        switch Checks.parameter(name, value) {
        case .success: #expect(message == nil)
        case .failure(let p): #expect(p.message == message)
        }
    }

    /// The town template with offices 党政办 and 综治办 and cadre c01 张伟.
    func town() throws -> Workbook {
        let wb = try WorkbookFile.read(Templates.town(year: 2026), file: "town")
        try wb.appendRows(to: "offices", columns: ["name"], rows: [[.text("党政办")], [.text("综治办")]])
        try wb.appendRows(to: "cadres", columns: ["id", "name", "office"], rows: [[.text("c01"), .text("张伟"), .text("党政办")]])
        return wb
    }

    func importRoster(_ csv: String, into wb: Workbook) throws -> (rows: Int, warnings: [FileProblem]) {
        try CSV.importRows(Data(csv.utf8), file: "r.csv", into: wb, sheet: "cadres", rules: .roster)
    }

    @Test("import skips blank rows, reads full-width scores and Chinese words, warns of a repeated name")
    func importAccepted() throws {
        let wb = try town()
        let csv = "编号,姓名,所在办,人员类别,农村指导员,民主评议\n c02 ,李娜,综治办,临聘,是,８．５\n,,,,,\n , , ,,,\nc03,张伟,党政办,在编,否,7\n,,,,,\n"
        let result = try importRoster(csv, into: wb)
        #expect(result.rows == 2)
        #expect(result.warnings.map(\.description) == ["r.csv:5: warning: the name 张伟 is already in cadres (accepted: two cadres may share a name; name them by id)"])
        let ids = try wb.rows(of: "cadres").map { try wb.value(row: $0, column: "id", sheet: "cadres") }
        #expect(ids == [.text("c01"), .text("c02"), .text("c03")])
        let c02 = try wb.rows(of: "cadres")[1]
        #expect(try wb.value(row: c02, column: "democratic", sheet: "cadres") == .number(8.5))
        #expect(try wb.value(row: c02, column: "staff", sheet: "cadres") == .text("temp"))
        #expect(try wb.value(row: c02, column: "instructor", sheet: "cadres") == .bool(true))
    }

    @Test("import refuses, all or nothing, every row the roster's rules refuse, at its line")
    func importRefused() throws {
        let wb = try town()
        let csv = """
            id,name,office,democratic
            c02,李娜,党正办,9
            ,无号,党政办,9
            c04,,综治办,9
            c01,王芳,综治办,9
            c05,赵六,综治办,12
            c06,钱七,综治办,九
            c07,孙八,综治办,8
            c07,周九,综治办,8

            """
        #expect(failure { _ = try importRoster(csv, into: wb) } == """
            r.csv:2: 所在办 (office) takes one of offices[name], not '党正办' (did you mean 党政办?)
            r.csv:3: no id: every row needs one (or leave the whole row blank)
            r.csv:4: no name: every row needs one (or leave the whole row blank)
            r.csv:5: the id c01 is already in cadres: each id is unique
            r.csv:6: 民主评议 (democratic) takes a number from 0 to 10, not 12
            r.csv:7: 民主评议 (democratic) takes a number from 0 to 10, not '九'
            r.csv:9: the id c07 is also on line 8: each id is unique
            """)
        #expect(try wb.rowCount(of: "cadres") == 1)
        #expect(failure { _ = try importRoster("name\n张三\n", into: wb) } == "r.csv:1: the header has no column id: every row needs one")
    }
    @Test("the rows a check suspects are the same found on two cores as on one, in order")
    func suspectsOnTwoCores() {
        for n in [0, 1, 99_999, 100_000, 100_001, 250_003] {
            let suspect: @Sendable (Int) -> Bool = { $0 % 7 == 3 || $0 == n - 1 || $0 == n / 2 }
            #expect(Checks.rowsWhere(n, suspect) == (0..<n).filter(suspect), "\(n)")
        }
    }
}
