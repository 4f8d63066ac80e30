import KaoheCore
import Testing
@testable import KaoheFile

/// Every malformed file is refused with `FILE:LINE:COL: what is wrong`, and
/// nothing is built.
/// A file with sheet `t` of input columns `a` and `b`, then `rest`.
private func h(_ rest: String) -> String { "kaohe 1\nsheet t\ncolumn a\ncolumn b\n" + rest }

@Suite("Malformed workbook files")
struct MalformedFileTests {

    @Test(arguments: [(String, String)]([
        ("", "bad.kaohe:1: empty file: a workbook starts with the line 'kaohe 2'"),
        ("# only a comment\n", "bad.kaohe:1: empty file: a workbook starts with the line 'kaohe 2'"),
        ("name,score\n张伟,90\n", "bad.kaohe:1:1: not a kaohe workbook: the first line should be 'kaohe 2'"),
        ("kaohe 3\n", "bad.kaohe:1:7: this workbook is format version 3; this kaohe reads versions up to 2: upgrade kaohe to open it"),
        ("kaohe x\n", "bad.kaohe:1:7: 'x' is not a format version: the first line should be 'kaohe 2'"),
        ("kaohe 1\nparm year = 2026\n", "bad.kaohe:2:1: unknown line 'parm' (did you mean param?): expected param, sheet, column, row, cell, scenario, change, log, entry or end"),
        ("kaohe 1\nparam year 2026\n", "bad.kaohe:2:12: expected '=' after the parameter name: param year = VALUE"),
        ("kaohe 1\nparam year = 20x6\n", "bad.kaohe:2:14: expected a value (a number, \"text\", TRUE, FALSE or an error such as #N/A), found '20x6': quote text with \"...\""),
        ("kaohe 1\nparam town = 东湖镇\n", "bad.kaohe:2:14: expected a value (a number, \"text\", TRUE, FALSE or an error such as #N/A), found '东湖镇': quote text with \"...\""),
        ("kaohe 1\nparam town = \"东湖镇\n", "bad.kaohe:2:14: unterminated text: no closing '\"' for the one here"),
        ("kaohe 1\nparam a = 1\nparam a = 2\n", "bad.kaohe:3:7: parameter 'a' is set twice"),
        ("kaohe 1\nparam 2a = 1\n", "bad.kaohe:2:7: expected a parameter name (letters, digits and '_', starting with a letter), found '2'"),
        ("kaohe 1\nparam a = 1, 2\n", "bad.kaohe:2:14: one value per parameter: remove what follows"),
        ("kaohe 1\nparam e = #OOPS\n", "bad.kaohe:2:11: unknown error value '#OOPS' (known: #NULL! #DIV/0! #VALUE! #REF! #NAME? #NUM! #N/A #CYCLE!)"),
        ("kaohe 1\ncolumn a\n", "bad.kaohe:2:1: a column needs a sheet: put 'sheet NAME' above it"),
        ("kaohe 1\nrow 1\n", "bad.kaohe:2:1: a row needs a sheet: put 'sheet NAME' above it"),
        ("kaohe 1\nsheet t\nsheet t\n", "bad.kaohe:3:7: sheet 't' appears twice"),
        ("kaohe 1\nsheet\n", "bad.kaohe:2:6: expected a sheet name after the keyword"),
        ("kaohe 1\nsheet t u\n", "bad.kaohe:2:9: unexpected text after the sheet name"),
        (h("column a\n"), "bad.kaohe:5:8: sheet t already has a column 'a'"),
        (h("row 1\ncolumn c\n"), "bad.kaohe:6:1: column 'c' comes after rows of sheet t: columns come first"),
        (h("column c \"总分\" x\n"), "bad.kaohe:5:15: unknown type 'x': number [MIN..MAX], whole [MIN..MAX], text, yesno, date, one of \"A\", \"B\" or one of SHEET[COLUMN]"),
        (h("column c \"总分\" 5\n"), "bad.kaohe:5:15: expected a \"label\", a =formula or a rule (number 0..10, yesno, …) after the column key, found '5'"),
        (h("column c \"总分\" number 10..0\n"), "bad.kaohe:5:15: the range 10..0 is empty: MIN comes first"),
        (h("column c \"总分\" one of nosuch[name]\n"), "bad.kaohe:5:15: no sheet named 'nosuch' (in the rule one of nosuch[name])"),
        (h("column c \"总分\n"), "bad.kaohe:5:10: unterminated text: no closing '\"' for the one here"),
        (h("column c =a+\n"), "bad.kaohe:5:12: expected an expression after '+'"),
        (h("column c \"合计\" =SUM(t[a]\n"), "bad.kaohe:5:19: expected ')' to close SUM("),
        (h("column c =IF(a>, 1)\n"), "bad.kaohe:5:15: expected an expression after '>'"),
        (h("row 1, 2, 3\n"), "bad.kaohe:5:1: this row has 3 values but sheet t has 2 input columns"),
        (h("scenario \"a\"\nrow 1\n"), "bad.kaohe:6:1: 'row' after a scenario or the change log: parameters and sheets come first"),
        (h("  change \"set c1 a 1\"\n"), "bad.kaohe:5:1: a change line belongs to a scenario: put it under 'scenario \"NAME\"'"),
        (h("scenario \"a\"\nscenario \"a\"\n"), "bad.kaohe:6:10: scenario \"a\" appears twice"),
        (h("scenario \"b\" parent \"a\"\n"), "bad.kaohe:5:10: scenario \"b\" is layered on \"a\", which is not defined above it"),
        (h("scenario \"base\"\n"), "bad.kaohe:5:10: a scenario needs a name other than \"base\" (the real figures)"),
        (h("scenario 降级\n"), "bad.kaohe:5:10: expected the scenario's name in double quotes: scenario \"NAME\""),
        (h("scenario \"a\" over \"b\"\n"), "bad.kaohe:5:14: expected parent \"NAME\" or the end of the line after the scenario's name"),
        (h("scenario \"a\"\n  change \"set c1 a 1\" x\n"), "bad.kaohe:6:23: one quoted command per change line: remove what follows"),
        (h("row 1 2\n"), "bad.kaohe:5:5: expected a value (a number, \"text\", TRUE, FALSE or an error such as #N/A), found '1 2': separate values with ','"),
        (h("row \"a\" \"b\"\n"), "bad.kaohe:5:9: expected ',' between values, found '\"'"),
        (h("row \"x\\q\"\n"), "bad.kaohe:5:7: unknown escape '\\q' (use \\\\, \\\", \\n, \\r or \\t)"),
        (h("row 1\n  cell z 5\n"), "bad.kaohe:6:8: sheet t has no column 'z'"),
        (h("row 1\n  cell bb 5\n"), "bad.kaohe:6:8: sheet t has no column 'bb' (did you mean b?)"),
        (h("row 1\ncell b 5\n"), "bad.kaohe:6:1: a cell line belongs to the row above it: indent it with two spaces"),
        (h("  cell b 5\n"), "bad.kaohe:5:1: a cell line belongs to a row: put it under the row it changes"),
        (h("row 1\n  cell b 5 6\n"), "bad.kaohe:6:10: expected a value (a number, \"text\", TRUE, FALSE or an error such as #N/A), found '5 6': separate values with ','"),
        (h("row 1\n  cell b 5, 6\n"), "bad.kaohe:6:13: one value per cell line: remove what follows"),
        (h("row 1\n  cell b =SUMM(a)\n"), "bad.kaohe:6:11: unknown function SUMM (did you mean SUM?)"),
        // Formulas are checked as they are set, in a load that builds the
        // structure once: each bad one at its own line and column.
        ("kaohe 1\nsheet t\ncolumn a\ncolumn b =SUMM(a)\ncolumn c \"总\" =a+COUNTX(t[a])\nrow 1\n  cell c =AVERAGEE(a)\nrow 2\n  cell b =a+1\n",
         "bad.kaohe:4:11: unknown function SUMM (did you mean SUM?)\nbad.kaohe:5:17: unknown function COUNTX (did you mean COUNT?)\nbad.kaohe:7:11: unknown function AVERAGEE (did you mean AVERAGE?)"),
        (h(" row 1\n"), "bad.kaohe:5:1: 'row' starts at the beginning of its line (no indent)"),
        (h("column c =a+\nrow 1, 2, 3\n"), "bad.kaohe:5:12: expected an expression after '+'\nbad.kaohe:6:1: this row has 3 values but sheet t has 2 input columns"),
        ("kaohe 1\nsheet t\ncolumn a\nrow 1\nrow x\nrow \"ok\"\nbogus\n", "bad.kaohe:5:5: expected a value (a number, \"text\", TRUE, FALSE or an error such as #N/A), found 'x': quote text with \"...\"\nbad.kaohe:7:1: unknown line 'bogus': expected param, sheet, column, row, cell, scenario, change, log, entry or end"),
    ]))
    func refused(_ text: String, _ message: String) {
        do {
            _ = try WorkbookFile.read(text, file: "bad.kaohe")
            Issue.record("accepted:\n\(text)")
        } catch {
            #expect(error.description == message)
        }
    }
}
