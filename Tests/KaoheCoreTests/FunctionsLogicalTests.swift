import Testing
@testable import KaoheCore

/// Logical functions and operators checked against Microsoft Excel's documentation
/// (support.microsoft.com: the function pages and "Calculation operators and precedence").
@Suite("Logical functions and operators, as Excel documents them")
struct FunctionsLogicalTests {
    // MARK: IF

    // Excel docs, IF examples: =IF(C2="Yes",1,2); =IF(C2=1,"Yes","No");
    // =IF(C2>B2,"Over Budget","Within Budget"); =IF(C2>B2,C2-B2,0) (B = budgeted, C = actual).
    @Test("IF: documented examples", arguments: [(String, Int, Value)]([
        ("=IF(answer = \"Yes\", 1, 2)", 1, n(1)), ("=IF(answer = \"Yes\", 1, 2)", 2, n(2)),
        ("=IF(actual = 1, \"Yes\", \"No\")", 3, t("Yes")), ("=IF(actual = 1, \"Yes\", \"No\")", 1, t("No")),
        ("=IF(actual > budget, \"Over Budget\", \"Within Budget\")", 1, t("Over Budget")),
        ("=IF(actual > budget, \"Over Budget\", \"Within Budget\")", 2, t("Within Budget")),
        ("=IF(actual > budget, actual - budget, 0)", 1, n(50)),
        ("=IF(actual > budget, actual - budget, 0)", 2, n(0)),
    ]))
    func ifDocs(_ formula: String, _ row: Int, _ expected: Value) throws {
        let data: KeyValuePairs<String, [Value]> = [
            "answer": [t("yes"), t("No"), t("Yes")],
            "budget": [n(1500), n(500), n(0)],
            "actual": [n(1550), n(500), n(1)],
        ]
        #expect(try evaluate(formula, data, row: row) == expected)
    }

    // Excel docs, IF: value_if_false omitted gives FALSE; numbers convert (0 is FALSE, any other
    // number TRUE); text that is not TRUE/FALSE is #VALUE!; an error condition is returned; only the
    // branch taken is evaluated; an empty cell is FALSE, and an empty result shows 0.
    @Test("IF: conditions and branches", arguments: [(String, Value)]([
        ("=IF(FALSE, 1)", b(false)), ("=IF(TRUE, 1)", n(1)), ("=IF(0, \"t\", \"f\")", t("f")),
        ("=IF(-0.5, \"t\", \"f\")", t("t")), ("=IF(\"abc\", 1, 2)", err(.value)), ("=IF(#N/A, 1, 2)", err(.na)),
        ("=IF(TRUE, 1, 1/0)", n(1)), ("=IF(FALSE, 1/0, 2)", n(2)), ("=IF(TRUE, 1/0, 2)", err(.div0)),
        ("=IF(e, 1, 2)", n(2)), ("=IF(TRUE, e)", n(0)), ("=IF(1 > 2, \"no\", IF(2 > 1, \"nested\", \"no\"))", t("nested")),
    ]))
    func ifRules(_ formula: String, _ expected: Value) throws {
        #expect(try evaluate(formula, ["e": [empty]]) == expected)
    }

    // MARK: IFS

    // Excel docs, IFS example 1: =IFS(A2>89,"A",A2>79,"B",A2>69,"C",A2>59,"D",TRUE,"F") per score.
    @Test("IFS: documented grade example", arguments: [(Double, String)]([
        (93, "A"), (89, "B"), (80, "B"), (79, "C"), (70, "C"), (68, "D"), (60, "D"), (59, "F"), (58, "F"),
    ]))
    func ifsGrades(_ score: Double, _ grade: String) throws {
        let formula = "=IFS(s > 89, \"A\", s > 79, \"B\", s > 69, \"C\", s > 59, \"D\", TRUE, \"F\")"
        #expect(try evaluate(formula, ["s": [n(score)]]) == t(grade))
    }

    // Excel docs, IFS remarks: with no TRUE condition the result is #N/A; a condition that is not a
    // logical value is #VALUE!; the first TRUE condition wins; the value may be any type.
    @Test("IFS: no match, bad conditions", arguments: [(String, Value)]([
        ("=IFS(FALSE, 1)", err(.na)), ("=IFS(1 > 2, \"a\", 2 > 3, \"b\")", err(.na)),
        ("=IFS(\"x\", 1)", err(.value)), ("=IFS(#DIV/0!, 1, TRUE, 2)", err(.div0)),
        ("=IFS(TRUE, \"first\", TRUE, \"second\")", t("first")), ("=IFS(FALSE, 1, TRUE, 1/0)", err(.div0)),
        ("=IFS(FALSE, 1, TRUE, FALSE)", b(false)), ("=IFS(1 < 2, \"yes\")", t("yes")),
    ]))
    func ifsRules(_ formula: String, _ expected: Value) throws {
        #expect(try evaluate(formula) == expected)
    }

    // MARK: IFERROR

    // Excel docs, IFERROR example (quota, units sold: 210/35, 55/0, blank/23):
    // =IFERROR(A2/B2, "Error in calculation") 6; =IFERROR(A3/B3, ...) "Error in calculation";
    // =IFERROR(A4/B4, ...) 0.
    @Test("IFERROR: documented example", arguments: [(Int, Value)]([
        (1, n(6)), (2, t("Error in calculation")), (3, n(0)),
    ]))
    func iferrorDocs(_ row: Int, _ expected: Value) throws {
        let data: KeyValuePairs<String, [Value]> = ["quota": [n(210), n(55), empty], "units": [n(35), n(0), n(23)]]
        #expect(try evaluate("=IFERROR(quota / units, \"Error in calculation\")", data, row: row) == expected)
    }

    // Excel docs, IFERROR: every error type (#N/A, #VALUE!, #REF!, #DIV/0!, #NUM!, #NAME?, #NULL!) is
    // caught; any other value is returned as is; an empty value shows 0.
    @Test("IFERROR: catches every error", arguments: [(String, Value)]([
        ("=IFERROR(#N/A, \"x\")", t("x")), ("=IFERROR(\"a\" + 1, \"x\")", t("x")), ("=IFERROR(#REF!, 0)", n(0)),
        ("=IFERROR(#NUM!, 1)", n(1)), ("=IFERROR(#NAME?, 1)", n(1)), ("=IFERROR(#NULL!, 1)", n(1)),
        ("=IFERROR(1, \"x\")", n(1)), ("=IFERROR(\"ok\", 1/0)", t("ok")), ("=IFERROR(e, \"x\")", n(0)),
        ("=IFERROR(1/0, 1/0)", err(.div0)), ("=IFERROR(FALSE, TRUE)", b(false)),
    ]))
    func iferrorRules(_ formula: String, _ expected: Value) throws {
        #expect(try evaluate(formula, ["e": [empty]]) == expected)
    }

    // MARK: AND, OR, NOT

    // Excel docs, AND example (A2 = 50, A3 = 104): =AND(A2>1,A2<100) TRUE;
    // =IF(AND(A2<A3,A2<100),A2,"The value is out of range") 50;
    // =IF(AND(A3>1,A3<100),A3,"The value is out of range") "The value is out of range".
    // OR example: =OR(A2>1,A2<100) TRUE; =IF(OR(A2>1,A2<100),A3,"The value is out of range") 104;
    // =IF(OR(A2<0,A2>50),A2,"The value is out of range") "The value is out of range".
    // NOT example: =NOT(A2>100) TRUE; =IF(AND(NOT(A2>1),NOT(A2<100)),A2,"The value is out of range")
    // "The value is out of range"; =IF(OR(NOT(A3<0),NOT(A3>50)),A3,"The value is out of range") 104.
    @Test("AND, OR, NOT: documented examples", arguments: [(String, Value)]([
        ("=AND(x > 1, x < 100)", b(true)),
        ("=IF(AND(x < y, x < 100), x, \"The value is out of range\")", n(50)),
        ("=IF(AND(y > 1, y < 100), y, \"The value is out of range\")", t("The value is out of range")),
        ("=OR(x > 1, x < 100)", b(true)),
        ("=IF(OR(x > 1, x < 100), y, \"The value is out of range\")", n(104)),
        ("=IF(OR(x < 0, x > 50), x, \"The value is out of range\")", t("The value is out of range")),
        ("=NOT(x > 100)", b(true)),
        ("=IF(AND(NOT(x > 1), NOT(x < 100)), x, \"The value is out of range\")", t("The value is out of range")),
        ("=IF(OR(NOT(y < 0), NOT(y > 50)), y, \"The value is out of range\")", n(104)),
    ]))
    func andOrNotDocs(_ formula: String, _ expected: Value) throws {
        #expect(try evaluate(formula, ["x": [n(50)], "y": [n(104)]]) == expected)
    }

    // Excel docs, AND/OR: arguments must evaluate to logical values (numbers convert, 0 is FALSE);
    // text and empty cells in a reference are ignored; with no logical values at all the result is
    // #VALUE!; text typed directly is #VALUE!; an error argument is returned.
    // NOT: reverses a logical value; numbers convert; text is #VALUE!; an empty cell is FALSE.
    @Test("AND, OR, NOT: rules", arguments: [(String, Value)]([
        ("=AND(TRUE, TRUE)", b(true)), ("=AND(TRUE, FALSE)", b(false)), ("=AND(1, 2)", b(true)), ("=AND(1, 0)", b(false)),
        ("=OR(FALSE, FALSE)", b(false)), ("=OR(0, 3)", b(true)), ("=OR(FALSE, TRUE, FALSE)", b(true)),
        ("=AND(t[mixed])", b(true)), ("=OR(t[mixed])", b(true)), ("=AND(t[mixed], FALSE)", b(false)),
        ("=AND(t[falsy])", b(false)), ("=OR(t[falsy])", b(false)), ("=OR(t[falsy], 1)", b(true)),
        ("=AND(t[words])", err(.value)), ("=OR(t[words])", err(.value)), ("=AND(t[words], TRUE)", b(true)),
        ("=AND(\"x\")", err(.value)), ("=OR(\"x\", TRUE)", err(.value)), ("=AND(w)", err(.value)),
        ("=OR(#N/A, TRUE)", err(.na)), ("=AND(TRUE, 1/0)", err(.div0)), ("=OR(t[bad])", err(.na)),
        ("=NOT(FALSE)", b(true)), ("=NOT(TRUE)", b(false)), ("=NOT(0)", b(true)), ("=NOT(5)", b(false)),
        ("=NOT(\"x\")", err(.value)), ("=NOT(#N/A)", err(.na)), ("=NOT(e)", b(true)), ("=NOT(NOT(7))", b(true)),
    ]))
    func andOrNotRules(_ formula: String, _ expected: Value) throws {
        let data: KeyValuePairs<String, [Value]> = [
            "mixed": [b(true), t("x"), empty, n(1)],
            "falsy": [b(false), n(0), t("TRUE"), empty],
            "words": [t("a"), empty, t("b"), empty],
            "bad": [b(true), err(.na), empty, empty],
            "w": [t("x")],
            "e": [empty],
        ]
        #expect(try evaluate(formula, data) == expected)
    }

    // MARK: Operators

    // Excel docs, "Calculation operators and precedence": arithmetic + - * / % ^, the & text
    // operator, comparisons = > < >= <= <> (TRUE/FALSE). Order: negation (-), %, ^, * and /, + and -,
    // &, comparisons; operators of equal precedence go left to right, so -2^2 is 4 and 2^3^2 is 64;
    // parentheses change the order (=5+2*3 is 11, =(5+2)*3 is 21).
    @Test("operators and precedence", arguments: [(String, Value)]([
        ("=5+2*3", n(11)), ("=(5+2)*3", n(21)), ("=(4+8)/(2+1)", n(4)), ("=-2^2", n(4)), ("=-(2^2)", n(-4)),
        ("=0-2^2", n(-4)), ("=2^3^2", n(64)), ("=2^(3^2)", n(512)), ("=10-2-3", n(5)), ("=8/2/2", n(2)),
        ("=2^-1", n(0.5)), ("=-2^-2", n(0.25)), ("=3^2", n(9)), ("=20%", n(0.2)), ("=-5%", n(-0.05)),
        ("=10%%", n(0.001)), ("=2*50%", n(1)), ("=10%^2", n(0.01)), ("=200%^2", n(4)), ("=(-2)^3", n(-8)),
        ("=1+2&3+4", t("37")), ("=\"a\"&1+2", t("a3")), ("=1&2=12", b(false)), ("=1&2=\"12\"", b(true)),
        ("=1+2=3", b(true)), ("=1<2<3", b(false)), ("=(1<2)=TRUE", b(true)), ("=2*3>5", b(true)),
        ("=0.1+0.2=0.3", b(true)), ("=1/7&\"\"", t("0.142857142857143")), ("=1/3&\"\"", t("0.333333333333333")),
        ("=0.1+0.2&\"\"", t("0.3")), ("=--\"3\"", n(3)), ("=+\"a\"", t("a")), ("=2^0.5", n(1.4142135623731)),
    ]))
    func precedence(_ formula: String, _ expected: Value) throws {
        #expect(try evaluate(formula) == expected)
    }

    // Excel docs, "Calculation operators and precedence" (converting values): "1"+"2" is 3 (text
    // that looks like a number converts); ="1"+1 is 2; =TRUE+1 is 2 (TRUE converts to 1); ="A"&TRUE is
    // ATRUE; ="a"+1 is #VALUE! (text that is not a number). Empty cells are 0 or "".
    @Test("type coercion", arguments: [(String, Value)]([
        ("=\"3\"+1", n(4)), ("=\"1\"+\"2\"", n(3)), ("=\"2\"*\"3\"", n(6)), ("=3-\"1\"", n(2)), ("=\"8\"/\"2\"", n(4)),
        ("=\"2\"^2", n(4)), ("=\"1e3\"+0", n(1000)), ("=\"-1.5\"*2", n(-3)), ("=\" 3 \"+1", n(4)),
        ("=TRUE+1", n(2)), ("=TRUE+TRUE", n(2)), ("=FALSE*5", n(0)), ("=-TRUE", n(-1)), ("=-\"2\"", n(-2)),
        ("=\"a\"+1", err(.value)), ("=1+\"a\"", err(.value)), ("=\"\"+1", err(.value)), ("=\"TRUE\"+1", err(.value)),
        ("=-\"a\"", err(.value)), ("=\"a\"%", err(.value)),
        ("=\"A\"&TRUE", t("ATRUE")), ("=1&2", t("12")), ("=1.5&\"\"", t("1.5")), ("=FALSE&1", t("FALSE1")),
        ("=e+1", n(1)), ("=e*5", n(0)), ("=e&\"x\"", t("x")), ("=-e", n(0)), ("=e", n(0)), ("=e&e", t("")),
        ("=s+1", n(6)), ("=s&s", t("55")), ("=tr+1", n(2)),
    ]))
    func coercion(_ formula: String, _ expected: Value) throws {
        #expect(try evaluate(formula, ["e": [empty], "s": [t("5")], "tr": [b(true)]]) == expected)
    }

    // Excel docs, "Calculation operators": comparisons give TRUE or FALSE; text comparison is not
    // case-sensitive and alphabetical ("10" < "9" as text); across types numbers come before text
    // and text before logical values (FALSE before TRUE), and a number never equals text or a
    // logical value ("1"=1 is FALSE, TRUE=1 is FALSE). An empty cell compares as 0, "" or FALSE.
    @Test("comparisons", arguments: [(String, Value)]([
        ("=\"abc\"=\"ABC\"", b(true)), ("=\"a\"<\"B\"", b(true)), ("=\"B\">\"a\"", b(true)), ("=\"apple\"<\"apples\"", b(true)),
        ("=\"a\"<>\"A\"", b(false)), ("=\"a \"=\"a\"", b(false)), ("=\"10\"<\"9\"", b(true)), ("=10<9", b(false)),
        ("=1<\"1\"", b(true)), ("=\"1\"=1", b(false)), ("=\"z\"<TRUE", b(true)), ("=FALSE<TRUE", b(true)),
        ("=TRUE>1000", b(true)), ("=TRUE=1", b(false)), ("=0=FALSE", b(false)), ("=1<>1", b(false)), ("=1<>2", b(true)),
        ("=1>=1", b(true)), ("=1<=0", b(false)), ("=-1<0", b(true)), ("=\"\"=\"\"", b(true)),
        ("=e=0", b(true)), ("=e=\"\"", b(true)), ("=e=FALSE", b(true)), ("=e<1", b(true)), ("=e<\"a\"", b(true)),
        ("=e>-1", b(true)), ("=e=e", b(true)), ("=s=5", b(false)), ("=s=\"5\"", b(true)), ("=\"É\"=\"é\"", b(true)),
    ]))
    func comparisons(_ formula: String, _ expected: Value) throws {
        #expect(try evaluate(formula, ["e": [empty], "s": [t("5")]]) == expected)
    }

    // Excel: an operator given an error returns it (the left one first); division by zero (or by an
    // empty cell) is #DIV/0!; 0^0 and roots of negatives are #NUM!, 0 to a negative power #DIV/0!;
    // results beyond Excel's range are #NUM!.
    @Test("errors from operators", arguments: [(String, Value)]([
        ("=1/0", err(.div0)), ("=1/e", err(.div0)), ("=0/0", err(.div0)), ("=#N/A+1", err(.na)), ("=1+#N/A", err(.na)),
        ("=#DIV/0!+#N/A", err(.div0)), ("=#N/A&\"x\"", err(.na)), ("=\"x\"&#REF!", err(.ref)), ("=#N/A=1", err(.na)),
        ("=1<#NUM!", err(.num)), ("=-#N/A", err(.na)), ("=#N/A%", err(.na)), ("=1/0&\"x\"", err(.div0)),
        ("=0^0", err(.num)), ("=0^-1", err(.div0)), ("=(-8)^(1/3)", err(.num)), ("=10^400", err(.num)),
        ("=(1/0)*0", err(.div0)), ("=bad+1", err(.na)), ("=bad=bad", err(.na)),
    ]))
    func operatorErrors(_ formula: String, _ expected: Value) throws {
        #expect(try evaluate(formula, ["e": [empty], "bad": [err(.na)]]) == expected)
    }

    // Excel docs, "Calculation operators and precedence", converting values: =1+"$4.00" is 5 ("when a
    // plus sign (+) is expected, Excel converts text to numbers if it is in a format that would
    // normally be accepted for a number"); a percentage typed as text converts the same way.
    @Test
    func formattedTextConverts() throws {
        #expect(try evaluate("=1+\"$4.00\"") == n(5))
        #expect(try evaluate("=\"50%\"*1") == n(0.5))
    }

    // Excel stores full double precision between operations (it only shows 15 digits), so
    // =1/3*3 is 1 and =(1/3)*3=1 is TRUE.
    @Test
    func fullPrecisionBetweenOperations() throws {
        #expect(try evaluate("=1/3*3") == n(1))
        #expect(try evaluate("=(1/3)*3=1") == b(true))
        #expect(try evaluate("=10/3*3") == n(10))
    }

    // Excel: a whole range where a single value is expected is refused here (kaohe has no implicit
    // intersection), as is a wrong number of arguments.
    @Test func refusedFormulas() throws {
        #expect(try formulaError("=IF(t[a] > 1, 1, 2)") != nil)
        #expect(try formulaError("=t[a] + 1") != nil)
        #expect(try formulaError("=NOT(TRUE, FALSE)") != nil)
        #expect(try formulaError("=IFS(TRUE)") != nil)
        #expect(try formulaError("=IFERROR(1)") != nil)
        #expect(try formulaError("=AND(t[a])") == nil)
    }
}
