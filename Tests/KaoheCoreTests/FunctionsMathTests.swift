import Testing
@testable import KaoheCore

/// Math functions checked against Microsoft Excel's documentation
/// (support.microsoft.com examples). Excel's ranges become whole columns `t[a]`.
@Suite("Math functions, as Excel documents them")
struct FunctionsMathTests {
    // MARK: SUM

    /// Excel docs, SUM example data: -5, 15, 30, '5 (text), TRUE.
    static var sumData: KeyValuePairs<String, [Value]> {
        ["a": [n(-5), n(15), n(30), t("5"), b(true)], "x": [t("5")], "y": [b(true)]]
    }

    // Excel docs, SUM example: =SUM(3, 2) 5; =SUM("5", 15, TRUE) 21 (text numbers and logical values
    // typed directly are counted); =SUM(A2:A4) 40; =SUM(A2:A4, 15) 55; =SUM(A5,A6, 2) 2 (the text
    // and logical value in references are ignored). Here the column also holds '5 and TRUE, which a
    // range ignores, so =SUM(t[a]) is the documented 40.
    @Test("SUM: documented example", arguments: [(String, Value)]([
        ("=SUM(3, 2)", n(5)), ("=SUM(\"5\", 15, TRUE)", n(21)), ("=SUM(t[a])", n(40)),
        ("=SUM(t[a], 15)", n(55)), ("=SUM(x, y, 2)", n(2)),
    ]))
    func sumDocs(_ formula: String, _ expected: Value) throws {
        #expect(try evaluate(formula, Self.sumData) == expected)
    }

    // Excel: text that is not a number typed directly is #VALUE!; errors propagate, from a range as
    // well; an empty range sums to 0; decimal sums are exact at 15 digits.
    @Test("SUM: errors, empty ranges, decimals", arguments: [(String, Value)]([
        ("=SUM(\"abc\")", err(.value)), ("=SUM(1, #N/A)", err(.na)), ("=SUM(t[bad])", err(.div0)),
        ("=SUM(t[bad], 1)", err(.div0)), ("=SUM(t[none])", n(0)), ("=SUM(t[none], t[none])", n(0)),
        ("=SUM(0.1, 0.2)", n(0.3)), ("=SUM(t[dec])", n(0.6)), ("=SUM(t[dec], -0.5)", n(0.1)),
        ("=SUM(-1, \"-2.5\", FALSE)", n(-3.5)), ("=SUM(none)", n(0)),
    ]))
    func sumRules(_ formula: String, _ expected: Value) throws {
        let data: KeyValuePairs<String, [Value]> = [
            "bad": [n(1), err(.div0), err(.na)],
            "none": [empty, empty, empty],
            "dec": [n(0.1), n(0.2), n(0.3)],
        ]
        #expect(try evaluate(formula, data) == expected)
    }

    // MARK: ROUND, ROUNDUP, ROUNDDOWN

    // Excel docs, ROUND examples: =ROUND(2.15, 1) 2.2; =ROUND(2.149, 1) 2.1; =ROUND(-1.475, 2) -1.48;
    // =ROUND(21.5, -1) 20; =ROUND(626.3,-3) 1000; =ROUND(1.98,-1) 0; =ROUND(-50.55,-2) -100.
    @Test("ROUND: documented examples", arguments: [(String, Value)]([
        ("=ROUND(2.15, 1)", n(2.2)), ("=ROUND(2.149, 1)", n(2.1)), ("=ROUND(-1.475, 2)", n(-1.48)),
        ("=ROUND(21.5, -1)", n(20)), ("=ROUND(626.3, -3)", n(1000)), ("=ROUND(1.98, -1)", n(0)),
        ("=ROUND(-50.55, -2)", n(-100)),
    ]))
    func roundDocs(_ formula: String, _ expected: Value) throws {
        #expect(try evaluate(formula) == expected)
    }

    // Excel docs, ROUNDUP examples: =ROUNDUP(3.2,0) 4; =ROUNDUP(76.9,0) 77; =ROUNDUP(3.14159, 3) 3.142;
    // =ROUNDUP(-3.14159, 1) -3.2; =ROUNDUP(31415.92654, -2) 31,500.
    // ROUNDDOWN examples: =ROUNDDOWN(3.2, 0) 3; =ROUNDDOWN(76.9,0) 76; =ROUNDDOWN(3.14159, 3) 3.141;
    // =ROUNDDOWN(-3.14159, 1) -3.1; =ROUNDDOWN(31415.92654, -2) 31,400.
    @Test("ROUNDUP, ROUNDDOWN: documented examples", arguments: [(String, Value)]([
        ("=ROUNDUP(3.2, 0)", n(4)), ("=ROUNDUP(76.9, 0)", n(77)), ("=ROUNDUP(3.14159, 3)", n(3.142)),
        ("=ROUNDUP(-3.14159, 1)", n(-3.2)), ("=ROUNDUP(31415.92654, -2)", n(31500)),
        ("=ROUNDDOWN(3.2, 0)", n(3)), ("=ROUNDDOWN(76.9, 0)", n(76)), ("=ROUNDDOWN(3.14159, 3)", n(3.141)),
        ("=ROUNDDOWN(-3.14159, 1)", n(-3.1)), ("=ROUNDDOWN(31415.92654, -2)", n(31400)),
    ]))
    func roundUpDownDocs(_ formula: String, _ expected: Value) throws {
        #expect(try evaluate(formula) == expected)
    }

    // Excel: ROUND rounds half away from zero on the decimal shown (1.005 to 1.01, 2.5 to 3, -2.5 to
    // -3); num_digits is truncated to an integer; numbers as text convert; text that is not a number
    // is #VALUE!; errors propagate; an empty cell is 0; ROUNDUP/ROUNDDOWN of an exact value keep it.
    @Test("ROUND family: rules", arguments: [(String, Value)]([
        ("=ROUND(1.005, 2)", n(1.01)), ("=ROUND(2.5, 0)", n(3)), ("=ROUND(-2.5, 0)", n(-3)),
        ("=ROUND(0.285, 2)", n(0.29)), ("=ROUND(2.15, 1.9)", n(2.2)), ("=ROUND(\"2.15\", 1)", n(2.2)),
        ("=ROUND(\"x\", 1)", err(.value)), ("=ROUND(#N/A, 1)", err(.na)), ("=ROUND(1, #DIV/0!)", err(.div0)),
        ("=ROUND(a, 0)", n(0)), ("=ROUND(1234.5678, -2)", n(1200)), ("=ROUND(TRUE, 0)", n(1)),
        ("=ROUNDUP(0.1 + 0.2, 1)", n(0.3)), ("=ROUNDUP(2, 0)", n(2)), ("=ROUNDDOWN(-2, 0)", n(-2)),
        ("=ROUNDUP(-0.1, 0)", n(-1)), ("=ROUNDDOWN(-0.9, 0)", n(0)), ("=ROUNDUP(0.0001, 3)", n(0.001)),
        ("=ROUNDDOWN(1.999, 2)", n(1.99)), ("=ROUNDUP(1.2, -1)", n(10)), ("=ROUNDDOWN(19, -1)", n(10)),
        ("=ROUND(1.5, 400)", n(1.5)), ("=ROUND(123.456, -400)", n(0)), ("=ROUND(2.5, -0.5)", n(3)),
    ]))
    func roundRules(_ formula: String, _ expected: Value) throws {
        #expect(try evaluate(formula, ["a": [empty]]) == expected)
    }

    // MARK: ABS

    // Excel docs, ABS example: =ABS(2) 2; =ABS(-2) 2; =ABS(A2) 4 with A2 = -4.
    // Excel: numbers as text and logical values convert, other text is #VALUE!, errors propagate.
    @Test("ABS", arguments: [(String, Value)]([
        ("=ABS(2)", n(2)), ("=ABS(-2)", n(2)), ("=ABS(a)", n(4)), ("=ABS(\"-3\")", n(3)), ("=ABS(TRUE)", n(1)),
        ("=ABS(\"x\")", err(.value)), ("=ABS(#N/A)", err(.na)), ("=ABS(e)", n(0)), ("=ABS(-0.1 - 0.2)", n(0.3)),
        ("=ABS(-a)", n(4)),
    ]))
    func abs(_ formula: String, _ expected: Value) throws {
        #expect(try evaluate(formula, ["a": [n(-4)], "e": [empty]]) == expected)
    }

    // MARK: SUMPRODUCT

    /// Excel docs, SUMPRODUCT example: array 1 {3,4; 8,6; 1,9}, array 2 {2,7; 6,7; 5,3}, flattened.
    static var productData: KeyValuePairs<String, [Value]> {
        ["a": [n(3), n(4), n(8), n(6), n(1), n(9)],
         "b": [n(2), n(7), n(6), n(7), n(5), n(3)],
         "one": [n(1), n(1), n(1), n(1), n(1), n(1)],
         "cat": [t("x"), t("y"), t("x"), t("X"), t("z"), t("y")]]
    }

    // Excel docs, SUMPRODUCT example: =SUMPRODUCT(A2:B4, D2:E4) 156. Array arithmetic inside
    // SUMPRODUCT works element by element (the documented =SUMPRODUCT((range=value)*values) form).
    @Test("SUMPRODUCT: documented example and array arithmetic", arguments: [(String, Value)]([
        ("=SUMPRODUCT(t[a], t[b])", n(156)), ("=SUMPRODUCT(t[a], t[b], t[one])", n(156)),
        ("=SUMPRODUCT(t[a] * t[b])", n(156)), ("=SUMPRODUCT(t[a])", n(31)), ("=SUMPRODUCT(t[a] * 2)", n(62)),
        ("=SUMPRODUCT((t[cat] = \"x\") * t[a])", n(17)), ("=SUMPRODUCT(--(t[a] > 5))", n(3)),
        ("=SUMPRODUCT((t[a] > 5) * (t[cat] = \"y\"))", n(1)), ("=SUMPRODUCT(t[a], t[a])", n(207)),
        ("=SUMPRODUCT(t[a] - t[b])", n(1)), ("=SUMPRODUCT(5)", n(5)),
    ]))
    func sumproductDocs(_ formula: String, _ expected: Value) throws {
        #expect(try evaluate(formula, Self.productData) == expected)
    }

    // Excel docs, SUMPRODUCT remarks: the array arguments must have the same dimensions, else #VALUE!;
    // non-numeric array entries (text, logical values, empty cells) are treated as zeros; so a bare
    // comparison such as (A2:A7>5) sums to 0 until coerced with -- (text compares above any number,
    // so "x">0 is TRUE). Arithmetic converts TRUE and numeric text ("1"*40 is 40) but text that is
    // not a number makes #VALUE!. An error in an array is returned.
    @Test("SUMPRODUCT: non-numeric entries, sizes, errors", arguments: [(String, Value)]([
        ("=SUMPRODUCT(t[m], t[w])", n(100)), ("=SUMPRODUCT(t[m])", n(4)), ("=SUMPRODUCT(t[m] > 0)", n(0)),
        ("=SUMPRODUCT(--(t[m] > 0))", n(3)), ("=SUMPRODUCT(t[w], 1)", err(.value)),
        ("=SUMPRODUCT(t[m] * t[w])", err(.value)), ("=SUMPRODUCT(t[bad], t[w])", err(.na)),
        ("=SUMPRODUCT(t[bool], t[w])", n(0)), ("=SUMPRODUCT(t[bool] * t[w])", n(50)),
    ]))
    func sumproductRules(_ formula: String, _ expected: Value) throws {
        let data: KeyValuePairs<String, [Value]> = [
            "m": [n(1), t("x"), n(3), empty],
            "w": [n(10), n(20), n(30), n(40)],
            "bad": [n(1), err(.na), n(1), n(1)],
            "bool": [b(true), b(false), empty, t("1")],
        ]
        #expect(try evaluate(formula, data) == expected)
    }

    // Excel: these functions take single numbers; a whole column where a number is expected, or a
    // missing required argument, is refused when the formula is entered.
    @Test func refusedFormulas() throws {
        #expect(try formulaError("=ABS(t[a])") != nil)
        #expect(try formulaError("=ROUND(t[a], 1)") != nil)
        #expect(try formulaError("=ROUND(1)") != nil)
        #expect(try formulaError("=ROUNDUP(1, 2, 3)") != nil)
        #expect(try formulaError("=SUMPRODUCT()") != nil)
        #expect(try formulaError("=SUM(t[a])") == nil)
    }

    // Excel keeps full double precision between operations and only shows 15 digits:
    // =ROUNDDOWN(10/3*3, 0) is 10 and =SUM(1/3, 1/3, 1/3) is 1.
    @Test
    func fullPrecisionBetweenOperations() throws {
        #expect(try evaluate("=ROUNDDOWN(10/3*3, 0)") == n(10))
        #expect(try evaluate("=SUM(1/3, 1/3, 1/3)") == n(1))
    }

    // Excel docs, "Floating-point arithmetic may give inaccurate results in Excel" (example when a
    // value reaches zero): "Should an addition or subtraction operation result in a value at or
    // very close to zero, Excel 97 and later will compensate for any error introduced as a result
    // of converting an operand to and from binary": =1.333+1.225-1.333-1.225 shows 0. Only the
    // formula's last step: the same residue multiplied stays (2^-54 ≈ 5.55e-17), and a difference
    // far above the operands' last digits stays, as (1.333-1.233)-(1.334-1.234) shows -2.22E-16.
    @Test("a final sum or difference that cancels shows 0, as Excel compensates", arguments: [(String, Value)]([
        ("=0.1+0.2-0.3", n(0)), ("=1.333+1.225-1.333-1.225", n(0)), ("=a+b-c", n(0)),
        ("=(0.1+0.2-0.3)*1", n(0.1 + 0.2 - 0.3)), ("=(1.333-1.233)-(1.334-1.234)", n((1.333 - 1.233) - (1.334 - 1.234))),
        ("=1+2", n(3)), ("=a-a", n(0)),
    ]))
    func finalCancellation(_ formula: String, _ expected: Value) throws {
        let v = try evaluate(formula, ["a": [n(0.1)], "b": [n(0.2)], "c": [n(0.3)]])
        #expect(v.isIdentical(to: expected), "\(v) vs \(expected)")
    }
}
