import Testing
@testable import KaoheCore

@Suite("Formula parsing")
struct ParserTests {
    @Test("precedence and canonical printing", arguments: [(String, String)]([
        ("=1+2*3", "1+2*3"),
        ("=(1+2)*3", "(1+2)*3"),
        ("=-2^2", "-2^2"),
        ("=2^3^2", "2^3^2"),
        ("=2^(3^2)", "2^(3^2)"),
        ("=a&\"x\"=\"1x\"", "a&\"x\"=\"1x\""),
        ("=if(a>1, sum(t[a]), 0)", "IF(a>1,SUM(t[a]),0)"),
        ("= 50% * 2", "50%*2"),
        ("=\"say \"\"hi\"\"\"", "\"say \"\"hi\"\"\""),
        ("=rank.eq(total, cadres[total])", "RANK.EQ(total,cadres[total])"),
        ("=总分+1", "总分+1"),
        ("=IF（a>1，1，0）", "IF(a>1,1,0)"),
        ("=#N/A", "#N/A"),
        ("=1-(2-3)", "1-(2-3)"),
    ]))
    func printing(_ source: String, _ printed: String) throws {
        #expect(try Parser.parse(source).description == printed)
    }

    @Test("every node keeps its source range")
    func ranges() throws {
        let e = try Parser.parse("=IF(a>1, b, 0)")
        #expect(e.range == 1..<14)
        guard case .call(_, let args) = e.kind else { Issue.record("not a call"); return }
        #expect(args.map(\.range) == [4..<7, 9..<10, 12..<13])
    }

    @Test("errors name the column and the problem", arguments: [(String, Int, String)]([
        ("=IF(a>, 1)", 6, "expected an expression after '>'"),
        ("=1+", 3, "expected an expression after '+'"),
        ("=", 1, "empty formula"),
        ("=(1+2", 2, "expected ')' to close the '(' here"),
        ("=SUM(1,2", 5, "expected ')' to close SUM("),
        ("=SUM(1,,2)", 7, "expected an argument after ','"),
        ("=1+2)", 5, "unexpected ')' with no '(' to close"),
        ("=\"abc", 2, "unterminated text"),
        ("=A1+$B$2", 5, "unexpected character '$'"),
        ("=1 2", 4, "unexpected '2' after a complete expression"),
        ("=#BOGUS!", 2, "unknown error value '#BOGUS!'"),
        ("=cadres[", 8, "expected a column name inside cadres[...]"),
        ("=cadres[total", 8, "expected ']' to close cadres["),
        ("=()", 2, "empty parentheses"),
        ("=1;2", 3, "separate arguments with ','"),
        ("=*3", 2, "unexpected '*': expected an expression"),
        ("=SUM(1 2)", 8, "expected ',' or ')' in the arguments of SUM"),
    ]))
    func errors(_ source: String, _ column: Int, _ message: String) {
        do {
            _ = try Parser.parse(source)
            Issue.record("\(source) parsed")
        } catch {
            #expect(error.column == column, "\(source): \(error)")
            #expect(error.message.contains(message), "\(source): \(error)")
        }
    }

    @Test func caretUnderTheSpot() {
        let e = FormulaError("expected an expression after '>'", column: 6)
        #expect(e.description == "col 6: expected an expression after '>'")
        #expect(e.caretLine(in: "=IF(a>, 1)") == "=IF(a>, 1)\n     ^")
        // Wide characters take two terminal columns.
        #expect(FormulaError("x", column: 4).caretLine(in: "=总分>") == "=总分>\n     ^")
    }

    @Test("names are checked when the formula is entered", arguments: [(String, Int, String)]([
        ("=totl+1", 2, "unknown name 'totl'"),
        ("=SUMM(a)", 2, "unknown function SUMM (did you mean SUM?)"),
        ("=ROUND(a)", 2, "ROUND takes 2 arguments, not 1"),
        ("=t[a]+1", 2, "t[a] is a whole column"),
        ("=SUM(t[zz])", 6, "sheet t has no column 'zz'"),
        ("=SUM(x[a])", 6, "unknown sheet 'x'"),
        ("=COUNTIFS(t[a],1,t[a])", 2, "ranges and criteria come in pairs"),
        ("=SUM", 2, "SUM is a function"),
    ]))
    func nameErrors(_ source: String, _ column: Int, _ message: String) throws {
        let e = try #require(try formulaError(source, ["a": [n(1)], "total": [n(2)]]))
        #expect(e.column == column, "\(source): \(e)")
        #expect(e.message.contains(message), "\(source): \(e)")
    }

    @Test func suggestionForAMisspelledColumn() throws {
        let e = try #require(try formulaError("=totl+1", ["a": [n(1)], "total": [n(2)]]))
        #expect(e.message.contains("did you mean total?"))
    }
}
