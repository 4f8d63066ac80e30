import Testing
@testable import KaoheCore

/// Typed, ranged input columns: what each rule accepts, its text, and
/// every path into the engine refusing the same values with the same message.
@Suite("Column rules")
struct ColumnRuleTests {
    /// A sheet `t` with `democratic` (民主评议, 0–10), `kind` (a list) and
    /// `office` (one of `offices[name]`), and one row: democratic 8, office 党政办.
    func ruled() throws -> Workbook {
        let wb = Workbook()
        try wb.addSheet("offices")
        try wb.addColumn("name", to: "offices")
        try wb.appendRows(to: "offices", columns: ["name"], rows: [[t("党政办")], [t("综治办")]])
        try wb.addSheet("t")
        try wb.addColumn("democratic", label: "民主评议", to: "t")
        try wb.addColumn("kind", to: "t")
        try wb.addColumn("office", label: "所在办", to: "t")
        try wb.addColumn("double", formula: "=democratic*2", to: "t")
        try wb.setRule(ColumnRule(parsing: "number 0..10"), column: "democratic", sheet: "t")
        try wb.setRule(ColumnRule(parsing: "one of \"regular\", \"temp\""), column: "kind", sheet: "t")
        try wb.setRule(ColumnRule(parsing: "one of offices[name]"), column: "office", sheet: "t")
        try wb.addRow(to: "t", ["democratic": n(8), "office": t("党政办")])
        return wb
    }

    func refusal(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch { return "\(error)" }
    }

    @Test("each rule reads and writes back as typed", arguments: [
        "number", "number 0..10", "number 0..", "number ..40", "number -2.5..0.5", "whole 1..", "whole 0..6", "text", "yesno", "date",
        "one of \"regular\", \"temp\"", "one of offices[name]",
    ])
    func roundTrip(_ text: String) throws {
        #expect(try ColumnRule(parsing: text).description == text)
    }

    @Test("a list may be typed without quotes")
    func unquotedList() throws {
        #expect(try ColumnRule(parsing: "one of regular, temp") == ColumnRule(.oneOf(["regular", "temp"])))
    }

    @Test("a rule that does not read says what does", arguments: [
        ("numbr", "unknown type 'numbr': number [MIN..MAX], whole [MIN..MAX], text, yesno, date, one of \"A\", \"B\" or one of SHEET[COLUMN]"),
        ("number 10..0", "the range 10..0 is empty: MIN comes first"),
        ("number 0-10", "a range is MIN..MAX (e.g. 0..10), not '0-10'"),
        ("number 0..x", "'x' in the range 0..x is not a number"),
        ("number 0..10 12", "a number takes one range, MIN..MAX, not '12'"),
        ("one of a,,b", "a choice is a list of words separated by commas: one of \"A\", \"B\""),
    ])
    func syntaxErrors(_ text: String, _ message: String) {
        #expect(refusal { _ = try ColumnRule(parsing: text) } == message)
    }

    @Test("numbers as a Chinese input method types them", arguments: [
        ("８．５", 8.5), ("８。５", 8.5), ("７，５", 7.5), ("7,5", 7.5), ("1，000", 1000), ("12,345.5", 12345.5),
        ("　９　", 9), (" 9.5 ", 9.5), ("－３", -3), ("＋２", 2), ("１０", 10),
    ])
    func fullWidth(_ text: String, _ expected: Double) {
        #expect(ColumnRule.number(in: text) == expected)
    }

    @Test("text that shows no number is none", arguments: ["九", "12abc", "1,2,3", "1,00,0", ",5", "", "8..5"])
    func notNumbers(_ text: String) {
        #expect(ColumnRule.number(in: text) == nil)
    }

    @Test("set refuses a value its rule refuses, with the rule, and changes nothing", arguments: [
        ("democratic", n(12), "民主评议 (democratic) takes a number from 0 to 10, not 12"),
        ("democratic", n(-0.5), "民主评议 (democratic) takes a number from 0 to 10, not -0.5"),
        ("democratic", t("九"), "民主评议 (democratic) takes a number from 0 to 10, not '九'"),
        ("democratic", b(true), "民主评议 (democratic) takes a number from 0 to 10, not TRUE"),
        ("kind", t("tmp"), "kind takes regular or temp, not 'tmp' (did you mean temp?)"),
        ("office", t("党政"), "所在办 (office) takes one of offices[name], not '党政' (did you mean 党政办?)"),
    ])
    func setRefused(_ column: String, _ value: Value, _ message: String) throws {
        let wb = try ruled()
        let row = try wb.row(1)
        let before = try wb.column(column)
        let undoable = wb.canUndo
        #expect(refusal { try wb.set(value, row: row, column: column, sheet: "t") } == message)
        #expect(try wb.column(column) == before)
        #expect(wb.canUndo == undoable)
        #expect(try wb.value(row: row, column: "double", sheet: "t") == n(16))
    }

    @Test("set accepts what the rule reads: the bounds, full-width text, empty, a list's words, a lookup's names")
    func setAccepted() throws {
        let wb = try ruled()
        let row = try wb.row(1)
        for (value, stored) in [(n(10), n(10)), (n(0), n(0)), (t("８．５"), n(8.5)), (t(" 9 "), n(9)), (empty, empty)] {
            try wb.set(value, row: row, column: "democratic", sheet: "t")
            #expect(try wb.value(row: row, column: "democratic", sheet: "t") == stored)
        }
        try wb.set(t("temp"), row: row, column: "kind", sheet: "t")
        try wb.set(t("综治办"), row: row, column: "office", sheet: "t")
        #expect(try wb.column("office") == [t("综治办")])
    }

    @Test("an input, ruled or not, keeps the number it shows: 0.1 + 0.2 is stored as 0.3 to the bit")
    func canonicalInputs() throws {
        let wb = try ruled()
        try wb.addColumn("free", to: "t")
        let row = try wb.row(1)
        for column in ["free", "democratic"] {
            try wb.set(n(0.1 + 0.2), row: row, column: column, sheet: "t")
            #expect(try wb.value(row: row, column: column, sheet: "t").number == 0.3)
        }
    }

    @Test("addRow and appendRows refuse the whole batch for one bad value")
    func rowsRefused() throws {
        let wb = try ruled()
        #expect(refusal { try wb.addRow(to: "t", ["democratic": n(11)]) } == "民主评议 (democratic) takes a number from 0 to 10, not 11")
        #expect(refusal { try wb.appendRows(to: "t", columns: ["democratic", "office"], rows: [[n(9), t("综治办")], [n(7), t("武装部")]]) }
            == "所在办 (office) takes one of offices[name], not '武装部'")
        #expect(try wb.rowCount(of: "t") == 1)
        try wb.appendRows(to: "t", columns: ["democratic"], rows: [[t("９")]])
        #expect(try wb.column("democratic") == [n(8), n(9)])
    }

    @Test("appendRows column by column refuses what the rows form refuses, and enters the same")
    func columnsLikeRows() throws {
        let wb = try ruled()
        #expect(refusal { try wb.appendRows(to: "t", columns: ["democratic", "office"], values: [[n(9), n(7)], [t("综治办"), t("武装部")]]) }
            == "所在办 (office) takes one of offices[name], not '武装部'")
        #expect(try wb.rowCount(of: "t") == 1)
        try wb.appendRows(to: "t", columns: ["democratic", "office"], values: [[t("９"), n(0.1 + 0.2)], [t(" 综治办"), .empty]])
        #expect(try wb.column("democratic") == [n(8), n(9), n(0.3)])
        #expect(try wb.column("office") == [t("党政办"), t("综治办"), .empty])
        #expect(try wb.column("double") == [n(16), n(18), n(0.6)])
        try wb.undo()
        #expect(try wb.rowCount(of: "t") == 1)
    }

    @Test("loading unchecked keeps what breaks a rule, and violations lists it by row")
    func violations() throws {
        let wb = try ruled()
        try wb.appendRows(to: "t", columns: ["democratic", "kind", "office"], rows: [[n(12), t("regular"), t("党政办")], [n(5), t("x"), t("无")]], checked: false)
        #expect(wb.violations(in: "t").map { "\($0.row): \($0.violation)" } == [
            "1: 民主评议 (democratic) takes a number from 0 to 10, not 12",
            "2: kind takes regular or temp, not 'x'",
            "2: 所在办 (office) takes one of offices[name], not '无'",
        ])
    }

    @Test("a whole number refuses fractions; a rule goes on an input column only, and undo takes it back")
    func wholeAndUndo() throws {
        let wb = try ruled()
        try wb.addColumn("times", to: "t")
        try wb.setRule(ColumnRule(parsing: "whole 1.."), column: "times", sheet: "t")
        let row = try wb.row(1)
        #expect(refusal { try wb.set(n(2.5), row: row, column: "times", sheet: "t") } == "times takes a whole number from 1, not 2.5")
        #expect(refusal { try wb.setRule(ColumnRule(.text), column: "double", sheet: "t") } == "column 'double' is computed by a formula")
        #expect(refusal { try wb.setRule(ColumnRule(.lookup(sheet: "offices", column: "nme")), column: "kind", sheet: "t") }
            == "no column 'nme' in sheet offices (did you mean name?)")
        try wb.undo()
        try wb.set(n(2.5), row: row, column: "times", sheet: "t")
        #expect(wb.rule(column: "times", sheet: "t") == nil)
    }
    @Test("accepts is admit's verdict, for every rule and every kind of value")
    func acceptsAgreesWithAdmit() throws {
        let rules = ["number", "number 0..10", "whole 1..", "number ..40", "text", "yesno", "date",
                     "one of \"regular\", \"temp\"", "one of offices[name]"].map { try! ColumnRule(parsing: $0) }
        let values: [Value] = [.empty, n(0), n(8), n(10.5), n(-1), n(2.5), n(.nan), n(.infinity), .bool(true), .bool(false),
                               .error(.na), t(""), t(" "), t("8"), t(" 8 "), t("８．５"), t("1，000"), t("regular"), t(" temp"),
                               t("Regular"), t("2026-02-28"), t("2026-02-29"), t("2024-02-29"), t(" 2026-01-01"), t("2026-1-01"),
                               t("党政办"), t("党政办 "), t("综治办"), t("财政所"), t("e\u{301}")]
        let choices: Set<TextKey> = [TextKey("党政办"), TextKey("综治办"), TextKey("é")]
        for rule in rules {
            for v in values {
                #expect(rule.accepts(v, choices: choices) == (rule.admit(v, choices: choices) != nil), "\(rule) \(v)")
            }
        }
    }
    @Test("a date is a day that exists: month lengths and the Gregorian leap years")
    func datesExist() {
        let date = ColumnRule(.date)
        // 30 days hath September, April, June and November; February 29 in
        // years divisible by 4, except centuries not divisible by 400.
        for d in ["2026-01-31", "2026-03-31", "2026-04-30", "2026-06-30", "2026-07-31", "2026-08-31", "2026-09-30",
                  "2026-11-30", "2026-12-31", "2024-02-29", "2000-02-29", "2026-02-28"] {
            #expect(date.accepts(.text(d)), "\(d)")
        }
        for d in ["2026-04-31", "2026-06-31", "2026-09-31", "2026-11-31", "2026-02-29", "1900-02-29", "2100-02-29",
                  "2026-02-30", "2026-13-01", "2026-00-10", "2026-01-00", "2026-01-32"] {
            #expect(!date.accepts(.text(d)), "\(d)")
        }
    }
}
