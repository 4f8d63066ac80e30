import Testing
@testable import KaoheCore

/// Formulas nested past `Parser.maxDepth` are refused at the place they go
/// past it; everything up to the limit parses, computes and prints. And
/// what the parser fuzzer (`make fuzz`) found.
@Suite("Formula nesting and fuzz findings")
struct NestingTests {
    static let limit = Parser.maxDepth

    @Test("20,000 parentheses: refused at the 200th, column 201 (the '=' is column 1)")
    func parentheses() {
        let formula = "=" + String(repeating: "(", count: 20_000) + "1" + String(repeating: ")", count: 20_000)
        #expect(throws: FormulaError(.formulaTooDeep(200), column: 201)) {
            _ = try Parser.parse(formula)
        }
        #expect(Phrase.formulaTooDeep(200).en == "the formula nests deeper than 200 levels here (each operator of a chain, parenthesis and call is a level): split it into columns, or sum a whole column with SUM(sheet[column])")
    }

    @Test("a 100 KB sum of 50,000 ones: refused at its 200th '+', column 1 + 2 × 200 = 401")
    func longSum() {
        let formula = "=" + Array(repeating: "1", count: 50_000).joined(separator: "+")
        do { _ = try Parser.parse(formula); Issue.record("accepted") } catch { #expect(error.column == 401) }
    }

    @Test("deep calls and signs: refused at the call or sign that goes past the limit")
    func callsAndSigns() {
        let calls = "=" + String(repeating: "ABS(", count: 300) + "1" + String(repeating: ")", count: 300)
        // The 200th ABS( starts at column 2 + 4 × 199 = 798; its '(' is column 801.
        do { _ = try Parser.parse(calls); Issue.record("accepted") } catch { #expect(error.column == 801) }
        let signs = "=" + String(repeating: "-", count: 10_000) + "1"
        do { _ = try Parser.parse(signs); Issue.record("accepted") } catch { #expect(error.column == 201) }
    }

    @Test("a formula just inside the limit parses, computes and prints: 199 additions and 198 nested parentheses")
    func insideTheLimit() throws {
        // 1+1+…+1 with 200 ones: a chain of 199 additions, depth 200.
        let sum = "=" + Array(repeating: "1", count: Self.limit).joined(separator: "+")
        #expect(try evaluate(sum) == n(200))
        #expect(try Parser.parse(sum).description == String(sum.dropFirst()))
        let nested = "=" + String(repeating: "(", count: Self.limit - 2) + "a+1" + String(repeating: ")", count: Self.limit - 2)
        #expect(try evaluate(nested, ["a": [n(41)]]) == n(42))
    }

    @Test("a name cannot start with a combining mark: printed after '=', the mark would join it (fuzz finding ؖ=000)")
    func combiningMark() {
        // U+0616 is a nonspacing Arabic mark.
        #expect(throws: FormulaError(.formulaUnexpectedCharacter("\u{0616}"), column: 1)) { _ = try Parser.parse("\u{0616}=000") }
        #expect(Phrase.formulaUnexpectedCharacter("\u{0616}").en == "unexpected character '\u{0616}'")
    }

    @Test("an error value followed by '/' reads as a division, as it prints (fuzz finding #N/A<tab>/A)")
    func errorThenDivide() throws {
        #expect(try Parser.parse("=#N/A\t/A").description == "#N/A/A")
        let again = try Parser.parse("=#N/A/A")
        guard case .binary(.divide, let l, let r) = again.kind else { Issue.record("\(again.kind)"); return }
        #expect(l.kind == .error(.na) && r.kind == .name("A"))
        // The longest name wins: #DIV/0! is one error, in any case.
        #expect(try Parser.parse("=#div/0!+1").description == "#DIV/0!+1")
    }
}
