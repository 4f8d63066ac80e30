import Testing
@testable import KaoheCore

/// Statistical functions checked against Microsoft Excel's documentation
/// (support.microsoft.com examples). Excel's ranges such as A2:A5 become whole
/// columns `t[a]`; a cell Excel reads from another row becomes `INDEX(t[col], i)`.
///
/// A criterion Excel reads from a cell is given here twice: as a parameter `k`
/// (the call then compiles to a shared incremental aggregate) and as this row's
/// column `k` (the call is then evaluated row by row). Both must give Excel's result.
@Suite("Statistical functions, as Excel documents them")
struct FunctionsStatisticalTests {
    // MARK: AVERAGE, MIN, MAX

    /// Excel docs, AVERAGE / MIN / MAX examples: A2:A6 = 10, 7, 9, 27, 2.
    static var docNumbers: KeyValuePairs<String, [Value]> { ["a": [n(10), n(7), n(9), n(27), n(2)]] }

    // Excel docs, AVERAGE example (=AVERAGE(A2:A6) 11, =AVERAGE(A2:A6,5) 10, =AVERAGE(A2:C2) 19 with
    // A2:C2 = 10, 15, 32); MIN example (=MIN(A2:A6) 2, =MIN(A2:A6,0) 0); MAX example
    // (=MAX(A2:A6) 27, =MAX(A2:A6,30) 30).
    @Test("AVERAGE, MIN, MAX: documented examples", arguments: [(String, Value)]([
        ("=AVERAGE(t[a])", n(11)), ("=AVERAGE(t[a], 5)", n(10)), ("=AVERAGE(10, 15, 32)", n(19)),
        ("=MIN(t[a])", n(2)), ("=MIN(t[a], 0)", n(0)),
        ("=MAX(t[a])", n(27)), ("=MAX(t[a], 30)", n(30)),
    ]))
    func averageMinMaxDocs(_ formula: String, _ expected: Value) throws {
        #expect(try evaluate(formula, Self.docNumbers) == expected)
    }

    // Excel docs, AVERAGE / MIN / MAX remarks: in a reference, text, logical values and empty cells
    // are ignored (zero is counted); logical values and numbers as text typed directly into the
    // arguments are counted; text that is not a number typed directly is #VALUE!; an error value
    // is returned as is; with no numbers, MIN and MAX return 0 and AVERAGE #DIV/0!.
    @Test("AVERAGE, MIN, MAX: what counts", arguments: [(String, Value)]([
        ("=AVERAGE(t[a])", n(5)), ("=AVERAGE(t[a], 2)", n(4)), ("=MIN(t[a])", n(0)), ("=MAX(t[a])", n(10)),
        ("=MIN(t[a], 20)", n(0)), ("=MAX(t[a], -1)", n(10)),
        ("=AVERAGE(TRUE, \"3\")", n(2)), ("=MAX(\"3\", 2)", n(3)), ("=MIN(TRUE, 5)", n(1)), ("=MAX(FALSE, -1)", n(0)),
        ("=MAX(\"x\", 1)", err(.value)), ("=AVERAGE(\"x\")", err(.value)), ("=MIN(1, #N/A)", err(.na)),
        ("=MAX(t[text])", n(0)), ("=MIN(t[text])", n(0)), ("=AVERAGE(t[text])", err(.div0)),
        ("=MAX(t[text], t[text])", n(0)), ("=AVERAGE(t[text], t[text])", err(.div0)),
        ("=MAX(t[bad])", err(.na)), ("=MIN(t[bad])", err(.na)), ("=AVERAGE(t[bad])", err(.na)),
        ("=MAX(t[bad], 0)", err(.na)), ("=AVERAGE(t[bad], 0)", err(.na)),
        ("=MIN(x)", n(0)), ("=MAX(x, -3)", n(-3)), ("=MIN(-3, 4.5, -0.5)", n(-3)),
    ]))
    func averageMinMaxRules(_ formula: String, _ expected: Value) throws {
        let data: KeyValuePairs<String, [Value]> = [
            "a": [n(10), t("x"), b(true), empty, n(0), t("5")],
            "text": [t("x"), t("y"), b(true), empty, empty, t("1")],
            "bad": [n(1), err(.na), n(3), empty, empty, empty],
            "x": [t("7")],
        ]
        #expect(try evaluate(formula, data) == expected)
    }

    // MARK: COUNT, COUNTA

    /// Excel docs, COUNT / COUNTA example data: Sales, 12/8/2008 (serial 39790), blank, 19, 22.24,
    /// TRUE, #DIV/0!.
    static var docMixed: KeyValuePairs<String, [Value]> {
        ["a": [t("Sales"), n(39790), empty, n(19), n(22.24), b(true), err(.div0)],
         "tail": [n(19), n(22.24), b(true), err(.div0)]]
    }

    // Excel docs, COUNT example: numbers in the range 3; its last cells (19, 22.24, TRUE, #DIV/0!) 2;
    // the range and the value 2: 4. COUNTA example: cells that are not empty 6.
    // COUNT remarks: numbers, numbers as text and logical values typed directly are counted; errors
    // and text that is not a number are not; in a reference only numbers count.
    @Test("COUNT, COUNTA: documented examples and rules", arguments: [(String, Value)]([
        ("=COUNT(t[a])", n(3)), ("=COUNT(t[tail])", n(2)), ("=COUNT(t[a], 2)", n(4)),
        ("=COUNTA(t[a])", n(6)), ("=COUNTA(t[a], t[tail])", n(10)), ("=COUNTA(t[a], \"x\")", n(7)),
        ("=COUNT(\"1\", TRUE, \"a\", 5, #DIV/0!)", n(3)),
        ("=COUNT(t[tail], \"2\")", n(3)),
    ]))
    func countDocs(_ formula: String, _ expected: Value) throws {
        #expect(try evaluate(formula, Self.docMixed) == expected)
    }

    // Excel docs, COUNTA: counts cells with any information, error values and empty text ("")
    // included; empty cells are not counted. COUNT: a reference to numeric text is not counted.
    @Test func countaCountsEverythingButEmpty() throws {
        let data: KeyValuePairs<String, [Value]> = ["b": [t(""), empty, n(0), b(false), err(.na), t("x")], "c": [t("1")]]
        #expect(try evaluate("=COUNTA(t[b])", data) == n(5))
        #expect(try evaluate("=COUNTA(t[b], 1)", data) == n(6))
        #expect(try evaluate("=COUNT(t[b])", data) == n(1))
        #expect(try evaluate("=COUNT(c)", data) == n(0))
        #expect(try evaluate("=COUNTA(c)", data) == n(1))
        #expect(try evaluate("=COUNT(t[e])", ["e": [empty, empty]]) == n(0))
        #expect(try evaluate("=COUNTA(t[e])", ["e": [empty, empty]]) == n(0))
    }

    // MARK: SUMIF

    /// Excel docs, SUMIF example 1: property value, commission, data (C2 = 250,000).
    static var property: KeyValuePairs<String, [Value]> {
        ["value": [n(100_000), n(200_000), n(300_000), n(400_000)],
         "commission": [n(7000), n(14000), n(21000), n(28000)],
         "data": [n(250_000)]]
    }

    // Excel docs, SUMIF example 1: =SUMIF(A2:A5,">160000",B2:B5) 63,000; =SUMIF(A2:A5,">160000")
    // 900,000; =SUMIF(A2:A5,300000,B2:B5) 21,000; =SUMIF(A2:A5,">" & C2,B2:B5) 49,000.
    @Test("SUMIF example 1", arguments: [(String, Value)]([
        ("=SUMIF(t[value], \">160000\", t[commission])", n(63000)),
        ("=SUMIF(t[value], \">160000\")", n(900_000)),
        ("=SUMIF(t[value], 300000, t[commission])", n(21000)),
        ("=SUMIF(t[value], \">\" & data, t[commission])", n(49000)),
        ("=SUMIF(t[value], \">\" & INDEX(t[data], 1), t[commission])", n(49000)),
    ]))
    func sumifExample1(_ formula: String, _ expected: Value) throws {
        #expect(try evaluate(formula, Self.property) == expected)
    }

    /// Excel docs, SUMIF example 2: category, food, sales (one category left blank).
    static var groceries: KeyValuePairs<String, [Value]> {
        ["category": [t("Vegetables"), t("Vegetables"), t("Fruits"), empty, t("Vegetables"), t("Fruits")],
         "food": [t("Tomatoes"), t("Celery"), t("Oranges"), t("Butter"), t("Carrots"), t("Apples")],
         "sales": [n(2300), n(5500), n(800), n(400), n(4200), n(1200)]]
    }

    // Excel docs, SUMIF example 2: =SUMIF(A2:A7,"Fruits",C2:C7) 2,000; "Vegetables" 12,000;
    // =SUMIF(B2:B7,"*es",C2:C7) 4,300 (Tomatoes, Oranges, Apples); =SUMIF(A2:A7,"",C2:C7) 400.
    @Test("SUMIF example 2", arguments: [(String, Value)]([
        ("=SUMIF(t[category], \"Fruits\", t[sales])", n(2000)),
        ("=SUMIF(t[category], \"Vegetables\", t[sales])", n(12000)),
        ("=SUMIF(t[food], \"*es\", t[sales])", n(4300)),
        ("=SUMIF(t[category], \"\", t[sales])", n(400)),
        ("=SUMIF(t[category], \"fruits\", t[sales])", n(2000)),
        ("=SUMIF(t[category], \"<>Vegetables\", t[sales])", n(2400)),
        ("=SUMIF(t[category], \"Meat\", t[sales])", n(0)),
    ]))
    func sumifExample2(_ formula: String, _ expected: Value) throws {
        #expect(try evaluate(formula, Self.groceries) == expected)
    }

    // MARK: SUMIFS

    /// Excel docs, SUMIFS example: quantity sold, product, salesperson.
    static var produce: KeyValuePairs<String, [Value]> {
        ["qty": [n(5), n(4), n(15), n(3), n(22), n(12), n(10), n(33)],
         "product": [t("Apples"), t("Apples"), t("Artichokes"), t("Artichokes"), t("Bananas"), t("Bananas"), t("Carrots"), t("Carrots")],
         "seller": [t("Tom"), t("Sarah"), t("Tom"), t("Sarah"), t("Tom"), t("Sarah"), t("Tom"), t("Sarah")]]
    }

    // Excel docs, SUMIFS example: =SUMIFS(A2:A9, B2:B9, "=A*", C2:C9, "Tom") 20;
    // =SUMIFS(A2:A9, B2:B9, "<>Bananas", C2:C9, "Tom") 30.
    @Test("SUMIFS documented examples", arguments: [(String, Value)]([
        ("=SUMIFS(t[qty], t[product], \"=A*\", t[seller], \"Tom\")", n(20)),
        ("=SUMIFS(t[qty], t[product], \"<>Bananas\", t[seller], \"Tom\")", n(30)),
        ("=SUMIFS(t[qty], t[seller], \"Sarah\")", n(52)),
        ("=SUMIFS(t[qty], t[seller], \"Sarah\", t[qty], \">=10\")", n(45)),
        ("=SUMIFS(t[qty], t[product], \"?????\", t[seller], \"sarah\")", n(0)),
        ("=SUMIFS(t[qty], t[product], \"*s\", t[seller], \"Tom\", t[qty], \"<>22\")", n(30)),
    ]))
    func sumifs(_ formula: String, _ expected: Value) throws {
        #expect(try evaluate(formula, Self.produce) == expected)
    }

    // MARK: AVERAGEIF

    // Excel docs, AVERAGEIF example 1: =AVERAGEIF(B2:B5,"<23000") 14,000; =AVERAGEIF(A2:A5,"<250000")
    // 150,000; =AVERAGEIF(A2:A5,"<95000") #DIV/0!; =AVERAGEIF(A2:A5,">250000",B2:B5) 24,500.
    @Test("AVERAGEIF example 1", arguments: [(String, Value)]([
        ("=AVERAGEIF(t[commission], \"<23000\")", n(14000)),
        ("=AVERAGEIF(t[value], \"<250000\")", n(150_000)),
        ("=AVERAGEIF(t[value], \"<95000\")", err(.div0)),
        ("=AVERAGEIF(t[value], \">250000\", t[commission])", n(24500)),
    ]))
    func averageifExample1(_ formula: String, _ expected: Value) throws {
        #expect(try evaluate(formula, Self.property) == expected)
    }

    // Excel docs, AVERAGEIF example 2: =AVERAGEIF(A2:A6,"=*West",B2:B6) 16,733.5;
    // =AVERAGEIF(A2:A6,"<>*(New Office)",B2:B6) 18,589.
    @Test func averageifExample2() throws {
        let regions: KeyValuePairs<String, [Value]> = [
            "region": [t("East"), t("West"), t("North"), t("South (New Office)"), t("MidWest")],
            "profit": [n(45678), n(23789), n(-4789), n(0), n(9678)],
        ]
        #expect(try evaluate("=AVERAGEIF(t[region], \"=*West\", t[profit])", regions) == n(16733.5))
        #expect(try evaluate("=AVERAGEIF(t[region], \"<>*(New Office)\", t[profit])", regions) == n(18589))
    }

    // MARK: AVERAGEIFS

    // Excel docs, AVERAGEIFS example 1 (quiz grades, "Incomplete" is not a number):
    // =AVERAGEIFS(B2:B5, B2:B5, ">70", B2:B5, "<90") 80.5; =AVERAGEIFS(C2:C5, C2:C5, ">95") #DIV/0!;
    // =AVERAGEIFS(D2:D5, D2:D5, "<>Incomplete", D2:D5, ">80") 87.5.
    @Test func averageifsExample1() throws {
        let quizzes: KeyValuePairs<String, [Value]> = [
            "student": [t("Emilio"), t("Julie"), t("Hans"), t("Frederique")],
            "first": [n(75), n(94), n(86), t("Incomplete")],
            "second": [n(85), n(80), n(93), n(75)],
            "final": [n(87), n(88), t("Incomplete"), n(75)],
        ]
        #expect(try evaluate("=AVERAGEIFS(t[first], t[first], \">70\", t[first], \"<90\")", quizzes) == n(80.5))
        #expect(try evaluate("=AVERAGEIFS(t[second], t[second], \">95\")", quizzes) == err(.div0))
        #expect(try evaluate("=AVERAGEIFS(t[final], t[final], \"<>Incomplete\", t[final], \">80\")", quizzes) == n(87.5))
    }

    // Excel docs, AVERAGEIFS example 2 (houses):
    // =AVERAGEIFS(B2:B7, C2:C7, "Bellevue", D2:D7, ">2", E2:E7, "Yes") 397,839;
    // =AVERAGEIFS(B2:B7, C2:C7, "Issaquah", D2:D7, "<=3", E2:E7, "No") 230,000.
    @Test func averageifsExample2() throws {
        let houses: KeyValuePairs<String, [Value]> = [
            "price": [n(230_000), n(197_000), n(345_678), n(321_900), n(450_000), n(395_000)],
            "town": [t("Issaquah"), t("Bellevue"), t("Bellevue"), t("Issaquah"), t("Bellevue"), t("Bellevue")],
            "bedrooms": [n(3), n(2), n(4), n(2), n(5), n(4)],
            "garage": [t("No"), t("Yes"), t("Yes"), t("Yes"), t("Yes"), t("No")],
        ]
        #expect(try evaluate("=AVERAGEIFS(t[price], t[town], \"Bellevue\", t[bedrooms], \">2\", t[garage], \"Yes\")", houses) == n(397_839))
        #expect(try evaluate("=AVERAGEIFS(t[price], t[town], \"Issaquah\", t[bedrooms], \"<=3\", t[garage], \"No\")", houses) == n(230_000))
    }

    // MARK: COUNTIF, COUNTIFS

    // Excel docs, COUNTIF examples (A2:A5 apples, oranges, peaches, apples; B2:B5 32, 54, 75, 86):
    // =COUNTIF(A2:A5,"apples") 2; =COUNTIF(A2:A5,A4) 1; =COUNTIF(A2:A5,A2)+COUNTIF(A2:A5,A3) 3;
    // =COUNTIF(B2:B5,">55") 2; =COUNTIF(B2:B5,"<>"&B4) 3; =COUNTIF(B2:B5,">=32")-COUNTIF(B2:B5,">85") 3;
    // =COUNTIF(A2:A5,"*") 4; =COUNTIF(A2:A5,"?????es") 2.
    @Test("COUNTIF documented examples", arguments: [(String, Value)]([
        ("=COUNTIF(t[a], \"apples\")", n(2)),
        ("=COUNTIF(t[a], INDEX(t[a], 3))", n(1)),
        ("=COUNTIF(t[a], a) + COUNTIF(t[a], INDEX(t[a], 2))", n(3)),
        ("=COUNTIF(t[b], \">55\")", n(2)),
        ("=COUNTIF(t[b], \"<>\" & INDEX(t[b], 3))", n(3)),
        ("=COUNTIF(t[b], \">=32\") - COUNTIF(t[b], \">85\")", n(3)),
        ("=COUNTIF(t[a], \"*\")", n(4)),
        ("=COUNTIF(t[a], \"?????es\")", n(2)),
    ]))
    func countifDocs(_ formula: String, _ expected: Value) throws {
        let fruit: KeyValuePairs<String, [Value]> = [
            "a": [t("apples"), t("oranges"), t("peaches"), t("apples")],
            "b": [n(32), n(54), n(75), n(86)],
        ]
        #expect(try evaluate(formula, fruit) == expected)
    }

    // Excel docs, COUNTIFS example 1 (quota exceeded per quarter): =COUNTIFS(B2:B5,"=Yes",C2:C5,"=Yes")
    // 2 (Burke, Sundaram). The row-wise examples =COUNTIFS(B2:D2,"=Yes") 1 (Davidoski) and
    // =COUNTIFS(B5:D5,"=Yes",B3:D3,"=Yes") 1 (Levitan and Burke, same quarter) run on the table
    // transposed, one column per salesperson.
    @Test func countifsExample1() throws {
        let byPerson: KeyValuePairs<String, [Value]> = [
            "q1": [t("Yes"), t("Yes"), t("Yes"), t("No")],
            "q2": [t("No"), t("Yes"), t("Yes"), t("Yes")],
            "q3": [t("No"), t("No"), t("Yes"), t("Yes")],
        ]
        #expect(try evaluate("=COUNTIFS(t[q1], \"=Yes\", t[q2], \"=Yes\")", byPerson) == n(2))
        let byQuarter: KeyValuePairs<String, [Value]> = [
            "davidoski": [t("Yes"), t("No"), t("No")],
            "burke": [t("Yes"), t("Yes"), t("No")],
            "sundaram": [t("Yes"), t("Yes"), t("Yes")],
            "levitan": [t("No"), t("Yes"), t("Yes")],
        ]
        #expect(try evaluate("=COUNTIFS(t[davidoski], \"=Yes\")", byQuarter) == n(1))
        #expect(try evaluate("=COUNTIFS(t[levitan], \"=Yes\", t[burke], \"=Yes\")", byQuarter) == n(1))
    }

    // Excel docs, COUNTIFS example 2 (A2:A7 1..6, B2:B7 5/1/2011..5/6/2011, as serials 40664..40669):
    // =COUNTIFS(A2:A7,"<6",A2:A7,">1") 4; =COUNTIFS(A2:A7, "<5",B2:B7,"<5/3/2011") 2;
    // =COUNTIFS(A2:A7, "<" & A6,B2:B7,"<" & B4) 2.
    @Test func countifsExample2() throws {
        let data: KeyValuePairs<String, [Value]> = [
            "a": (1...6).map { n(Double($0)) },
            "b": (40664...40669).map { n(Double($0)) },
        ]
        #expect(try evaluate("=COUNTIFS(t[a], \"<6\", t[a], \">1\")", data) == n(4))
        #expect(try evaluate("=COUNTIFS(t[a], \"<5\", t[b], \"<40666\")", data) == n(2))
        #expect(try evaluate("=COUNTIFS(t[a], \"<\" & INDEX(t[a], 5), t[b], \"<\" & INDEX(t[b], 3))", data) == n(2))
    }

    // MARK: Criteria

    /// Numbers, numeric text, logical values and an empty cell.
    static var criteriaNumbers: KeyValuePairs<String, [Value]> {
        ["a": [n(1), n(2), n(3), n(4), n(5), t("5"), b(true), empty, t("x"), n(0), b(false)]]
    }

    // Excel docs, COUNTIF/SUMIF criteria: a number or text ("32", ">32", "<>", "") that defines which
    // cells count; equality to a number also matches the number typed as text (COUNTIF compares
    // "5" and 5 alike), while >, <, >=, <= compare numbers only; "<>" counts every cell that is not
    // empty, "" and "=" the empty ones; "<>5" counts empty cells and the text "5" as well (only
    // equality converts numeric text: 11 cells less the number 5 = 10); TRUE matches logical TRUE;
    // wildcards match text only, never numbers.
    @Test("criteria on numbers (both evaluation paths)", arguments: [(Value, Int)]([
        (n(5), 2), (t("5"), 2), (t("=5"), 2), (t(">3"), 2), (t(">=3"), 3), (t("<3"), 3), (t("<=0"), 1),
        (t("<>5"), 10), (t("<>"), 10), (t(""), 1), (t("="), 1), (n(0), 1), (t(">=1"), 5), (n(2.5), 0),
        (b(true), 1), (t("TRUE"), 1), (b(false), 1), (t("<>TRUE"), 10), (t("x"), 1), (t("X"), 1),
        (t("=0"), 1), (t("*"), 2), (t("1*"), 0), (t(">-1"), 6),
    ]))
    func criteriaOnNumbers(_ k: Value, _ expected: Int) throws {
        #expect(try viaParam("=COUNTIF(t[a], k)", Self.criteriaNumbers, k) == n(Double(expected)))
        #expect(try viaColumn("=COUNTIF(t[a], k)", Self.criteriaNumbers, k) == n(Double(expected)))
    }

    // Excel reads a criterion's operand as it reads typed input (Excel docs, VALUE: "text can be in
    // any of the constant number, date, or time formats recognized by Excel"), so "50%" is 0.5,
    // "$1" is 1 and "1,000" is 1000 in a criterion, as "50%"*1 is 0.5 in arithmetic. Equality
    // converts numeric text cells ("03" counts for 3); "<>" does not convert them, so the text
    // "03" passes "<>3" (issue 10: the difference LibreOffice and Excel show there).
    // Cells 0.5, "50%", 1, 3, "03", 1000, 1500: ">50%" counts the numbers above 0.5 (1, 3, 1000,
    // 1500; text is never ordered against a number); "<=$1" 0.5 and 1; "0.5" and "50%" the number
    // and the text "50%"; "3" and "=03" the number 3 and the text "03"; "<>3" all but the number 3.
    @Test("criteria with percent, currency and thousands; <> and numeric text", arguments: [(Value, Int)]([
        (t(">50%"), 4), (t("<=$1"), 2), (t(">1,000"), 1), (t("=1,000"), 1), (t("0.5"), 2), (t("50%"), 2),
        (t("<>3"), 6), (t("3"), 2), (t("=03"), 2),
    ]))
    func criteriaReadAsInput(_ k: Value, _ expected: Int) throws {
        let data: KeyValuePairs<String, [Value]> = ["a": [n(0.5), t("50%"), n(1), n(3), t("03"), n(1000), n(1500)]]
        #expect(try viaParam("=COUNTIF(t[a], k)", data, k) == n(Double(expected)))
        #expect(try viaColumn("=COUNTIF(t[a], k)", data, k) == n(Double(expected)))
    }

    /// Text for wildcard criteria, with an empty cell and a number.
    static var criteriaText: KeyValuePairs<String, [Value]> {
        ["a": [t("apple"), t("Apple pie"), t("banana"), t("abc"), t("*"), t("a?c"), empty, n(7)]]
    }

    // Excel docs, COUNTIF criteria: text is matched case-insensitively; "?" matches any one
    // character and "*" any run ("apple*", "*~?"); "~" before * or ? finds the character itself;
    // "<>text" counts every other cell, empty ones included; "<", ">" compare text alphabetically.
    @Test("criteria on text, with wildcards (both evaluation paths)", arguments: [(Value, Int)]([
        (t("apple"), 1), (t("APPLE"), 1), (t("=apple"), 1), (t("apple*"), 2), (t("a*"), 4), (t("*"), 6),
        (t("?????"), 1), (t("???"), 2), (t("a?c"), 2), (t("a~?c"), 1), (t("~*"), 1), (t("*e"), 2), (t("*an*"), 1),
        (t("<>apple"), 7), (t("<>a*"), 4), (t(">b"), 1), (t("<b"), 5), (t(">=apple"), 3),
        (t(""), 1), (t("<>"), 7), (n(7), 1), (t("<>7"), 7), (t("pear"), 0),
    ]))
    func criteriaOnText(_ k: Value, _ expected: Int) throws {
        #expect(try viaParam("=COUNTIF(t[a], k)", Self.criteriaText, k) == n(Double(expected)))
        #expect(try viaColumn("=COUNTIF(t[a], k)", Self.criteriaText, k) == n(Double(expected)))
    }

    // Excel docs, COUNTIFS remarks: "If the criteria argument is a reference to an empty cell, the
    // COUNTIFS function treats the empty cell as a 0 value."
    @Test func emptyCriterionIsZero() throws {
        let data: KeyValuePairs<String, [Value]> = ["a": [n(0), empty, n(1), n(0), t("0")]]
        #expect(try viaParam("=COUNTIFS(t[a], k)", data, empty) == n(3))
        #expect(try viaColumn("=COUNTIFS(t[a], k)", data, empty) == n(3))
    }

    // Excel: the *IF functions sum only the cells that meet the criteria, so an error in a cell that
    // does not match is ignored (hence the documented idiom =SUMIF(range,"<>#N/A")), while an error
    // in a matching cell is the result. COUNTIF counts error values named as text criteria.
    @Test("errors in *IF ranges", arguments: [(String, Value)]([
        ("=SUMIF(t[a], \"<>#N/A\")", n(6)),
        ("=SUMIF(t[a], \">0\")", n(6)),
        ("=SUMIF(t[e], \"<>#N/A\")", err(.div0)),
        ("=COUNTIF(t[a], \"#N/A\")", n(2)),
        ("=COUNTIF(t[e], \"#DIV/0!\")", n(1)),
        ("=COUNTIF(t[a], \">0\")", n(2)),
        ("=SUMIF(t[b], \"x\", t[a])", n(1)),
        ("=SUMIF(t[b], \"y\", t[a])", err(.na)),
        ("=SUMIFS(t[a], t[b], \"y\")", err(.na)),
        ("=AVERAGEIF(t[b], \"z\", t[a])", err(.div0)),
        ("=MAXIFS(t[a], t[b], \"x\")", n(1)),
        ("=MAXIFS(t[a], t[b], \"q\")", err(.na)),
        ("=MINIFS(t[e], t[b], \"x\")", err(.div0)),
        ("=COUNTIFS(t[a], \">0\", t[b], \"x\")", n(1)),
    ]))
    func errorsInRanges(_ formula: String, _ expected: Value) throws {
        let data: KeyValuePairs<String, [Value]> = [
            "a": [n(1), err(.na), n(5), err(.na), n(0)],
            "b": [t("x"), t("y"), t("q"), t("q"), t("w")],
            "e": [err(.div0), n(1), err(.na), n(2), empty],
        ]
        #expect(try evaluate(formula, data) == expected)
    }

    // Excel docs, SUMIF: "Blank and text values are ignored" in the cells summed; the numeric
    // text "5" matches criterion 5 but, being text, adds nothing.
    @Test func sumifIgnoresTextInSumRange() throws {
        let data: KeyValuePairs<String, [Value]> = ["a": [n(5), t("5"), n(5), n(6)], "b": [n(1), n(2), t("three"), empty]]
        #expect(try evaluate("=SUMIF(t[a], 5)", data) == n(10))
        #expect(try evaluate("=SUMIF(t[a], 5, t[b])", data) == n(3))
        #expect(try evaluate("=AVERAGEIF(t[a], 5, t[b])", data) == n(1.5))
        #expect(try evaluate("=SUMIF(t[a], 6, t[b])", data) == n(0))
        #expect(try evaluate("=AVERAGEIF(t[a], 6, t[b])", data) == err(.div0))
    }

    // A criterion that varies by row (Excel's =COUNTIF($A$2:$A$6, A2) filled down) counts duplicates.
    @Test func criterionFromThisRow() throws {
        let wb = try sheet(["a": [t("x"), t("y"), t("x"), t("X"), n(1)], "v": [n(1), n(2), n(3), n(4), n(5)]])
        try wb.addColumn("dups", formula: "=COUNTIF(t[a], a)", to: "t")
        try wb.addColumn("total", formula: "=SUMIFS(t[v], t[a], a)", to: "t")
        #expect(try wb.column("dups") == [n(3), n(1), n(3), n(3), n(1)])
        #expect(try wb.column("total") == [n(8), n(2), n(8), n(8), n(5)])
    }

    // SUMIFS, AVERAGEIFS, MAXIFS, MINIFS with a logical criterion and criteria from parameters.
    @Test func ifsWithBooleanAndParameterCriteria() throws {
        let data: KeyValuePairs<String, [Value]> = [
            "v": [n(10), n(20), n(30), n(40)],
            "live": [b(true), b(false), b(true), b(true)],
            "g": [t("a"), t("a"), t("b"), t("a")],
        ]
        #expect(try evaluate("=SUMIFS(t[v], t[live], TRUE)", data) == n(80))
        #expect(try evaluate("=SUMIFS(t[v], t[live], TRUE, t[g], \"a\")", data) == n(50))
        #expect(try evaluate("=AVERAGEIFS(t[v], t[live], FALSE)", data) == n(20))
        #expect(try evaluate("=MAXIFS(t[v], t[live], TRUE, t[g], \"a\")", data) == n(40))
        #expect(try evaluate("=MINIFS(t[v], t[live], TRUE, t[g], \"a\")", data) == n(10))
        #expect(try evaluate("=SUMIFS(t[v], t[g], k)", data, params: ["k": t("a")]) == n(70))
        #expect(try evaluate("=SUMIFS(t[v], t[g], k, t[v], \">\" & m)", data, params: ["k": t("a"), "m": n(15)]) == n(60))
    }

    // MARK: MAXIFS, MINIFS

    // Excel docs, MAXIFS example 1: =MAXIFS(A2:A7,B2:B7,1) 91; MINIFS example 1: =MINIFS(A2:A7,B2:B7,1)
    // 88 (grades 89, 93, 96, 85, 91, 88; weights 1, 2, 2, 3, 1, 1).
    @Test func maxifsMinifsExample1() throws {
        let data: KeyValuePairs<String, [Value]> = [
            "grade": [n(89), n(93), n(96), n(85), n(91), n(88)],
            "weight": [n(1), n(2), n(2), n(3), n(1), n(1)],
        ]
        #expect(try evaluate("=MAXIFS(t[grade], t[weight], 1)", data) == n(91))
        #expect(try evaluate("=MINIFS(t[grade], t[weight], 1)", data) == n(88))
        #expect(try viaParam("=MAXIFS(t[grade], t[weight], k)", data, n(2)) == n(96))
        #expect(try viaColumn("=MINIFS(t[grade], t[weight], k)", data, n(2)) == n(93))
    }

    // Excel docs, MAXIFS example 3: =MAXIFS(A2:A7,B2:B7,"b",D2:D7,">100") 50; MINIFS example 3:
    // =MINIFS(A2:A7,B2:B7,"b",D2:D7,">100") 1 (weights 10, 1, 100, 1, 1, 50; grades b, a, a, b, a, b;
    // levels 100, 100, 200, 300, 100, 400). With no cell meeting the criteria both return 0.
    @Test("MAXIFS, MINIFS example 3", arguments: [(String, Value)]([
        ("=MAXIFS(t[weight], t[grade], \"b\", t[level], \">100\")", n(50)),
        ("=MINIFS(t[weight], t[grade], \"b\", t[level], \">100\")", n(1)),
        ("=MAXIFS(t[weight], t[class], \"Business\")", n(100)),
        ("=MINIFS(t[weight], t[class], \"Technical\", t[grade], \"a\")", n(1)),
        ("=MAXIFS(t[weight], t[grade], \"c\")", n(0)),
        ("=MINIFS(t[weight], t[grade], \"c\")", n(0)),
        ("=MAXIFS(t[weight], t[grade], \"b\", t[level], \">400\")", n(0)),
    ]))
    func maxifsMinifsExample3(_ formula: String, _ expected: Value) throws {
        let data: KeyValuePairs<String, [Value]> = [
            "weight": [n(10), n(1), n(100), n(1), n(1), n(50)],
            "grade": [t("b"), t("a"), t("a"), t("b"), t("a"), t("b")],
            "class": [t("Business"), t("Technical"), t("Business"), t("Technical"), t("Technical"), t("Business")],
            "level": [n(100), n(100), n(200), n(300), n(100), n(400)],
        ]
        #expect(try evaluate(formula, data) == expected)
    }

    // MARK: RANK, RANK.EQ

    // Excel docs, RANK / RANK.EQ example (A2:A6 = 7, 3.5, 3.5, 1, 2): =RANK.EQ(A2,A2:A6,1) 5;
    // =RANK.EQ(A6,A2:A6) 4; =RANK(A3,A2:A6,1) 3. Duplicates share a rank and leave a gap.
    @Test func rankDocs() throws {
        let data: KeyValuePairs<String, [Value]> = ["a": [n(7), n(3.5), n(3.5), n(1), n(2)]]
        #expect(try results("=RANK.EQ(a, t[a], 1)", data) == [n(5), n(3), n(3), n(1), n(2)])
        #expect(try results("=RANK.EQ(a, t[a])", data) == [n(1), n(2), n(2), n(5), n(4)])
        #expect(try results("=RANK(a, t[a], 0)", data) == [n(1), n(2), n(2), n(5), n(4)])
        #expect(try evaluate("=RANK.EQ(INDEX(t[a], 1), t[a], 1)", data) == n(5))
        #expect(try evaluate("=RANK.EQ(2, t[a])", data) == n(4))
        #expect(try evaluate("=RANK(3.5, t[a], 1)", data) == n(3))
    }

    // Excel docs, RANK: ties get the same rank, the next rank is skipped (1, 2, 2, 4); a non-zero
    // order ranks ascending. Evaluated as an aggregate (constant order) and row by row (order
    // from a column).
    @Test func rankTiesAndOrder() throws {
        let desc: KeyValuePairs<String, [Value]> = ["a": [n(90), n(80), n(80), n(70)], "o": [n(0), n(0), n(0), n(0)]]
        #expect(try results("=RANK(a, t[a])", desc) == [n(1), n(2), n(2), n(4)])
        #expect(try results("=RANK.EQ(a, t[a], o)", desc) == [n(1), n(2), n(2), n(4)])
        let asc: KeyValuePairs<String, [Value]> = ["a": [n(70), n(80), n(80), n(90)], "o": [n(1), n(1), n(1), n(1)]]
        #expect(try results("=RANK(a, t[a], 1)", asc) == [n(1), n(2), n(2), n(4)])
        #expect(try results("=RANK.EQ(a, t[a], o)", asc) == [n(1), n(2), n(2), n(4)])
        #expect(try results("=RANK(a, t[a], -1)", asc) == [n(1), n(2), n(2), n(4)])
        #expect(try results("=RANK(a, t[a], 0)", asc) == [n(4), n(2), n(2), n(1)])
    }

    // An order each row gives, over 90, 80, 80, 70, 70, 90: 90 descending is 1st; 80
    // ascending 3rd (the two 70s below it); 80 descending 3rd (the two 90s above); 70
    // ascending 1st. An order that is an error gives that error, text #VALUE!.
    @Test func rankWithAnOrderEachRow() throws {
        let data: KeyValuePairs<String, [Value]> = [
            "a": [n(90), n(80), n(80), n(70), n(70), n(90)], "o": [n(0), n(1), b(false), b(true), .error(.na), t("x")],
        ]
        #expect(try results("=RANK(a, t[a], o)", data) == [n(1), n(3), n(3), n(1), .error(.na), .error(.value)])
    }

    // Excel docs, RANK: "Nonnumeric values in ref are ignored"; a number not in ref is #N/A.
    @Test func rankIgnoresTextAndMissesAbsentNumbers() throws {
        let data: KeyValuePairs<String, [Value]> = ["a": [n(10), t("x"), n(30), empty, b(true), n(20)], "o": [n(0)]]
        #expect(try evaluate("=RANK(20, t[a])", data) == n(2))
        #expect(try evaluate("=RANK(20, t[a], o)", data) == n(2))
        #expect(try evaluate("=RANK(10, t[a], 1)", data) == n(1))
        #expect(try evaluate("=RANK(25, t[a])", data) == err(.na))
        #expect(try evaluate("=RANK(25, t[a], o)", data) == err(.na))
        #expect(try evaluate("=RANK(#N/A, t[a])", data) == err(.na))
    }

    // Excel: a number argument read from an empty cell is 0 (as in =ABS(A1)), so RANK of an empty
    // cell is the rank of 0 (3 in 0, 1, 5), and #N/A where 0 is absent; it is never #VALUE!.
    @Test
    func rankOfEmptyCell() throws {
        let data: KeyValuePairs<String, [Value]> = ["a": [n(0), n(1), n(5)], "e": [empty], "o": [n(0)]]
        #expect(try evaluate("=RANK(e, t[a], o)", data) == n(3))
        #expect(try evaluate("=RANK(e, t[a])", data) == n(3))
    }

    // Excel gives one answer for a criterion whatever cell it is read from. The text criterion
    // "#N/A" counts the cells holding #N/A; a criterion that *is* an error value is the result.
    @Test
    func errorValuedCriterion() throws {
        let data: KeyValuePairs<String, [Value]> = ["a": [n(1), err(.na), t("x"), err(.na)], "v": [n(1), n(2), n(3), n(4)]]
        #expect(try viaParam("=COUNTIF(t[a], k)", data, t("#N/A")) == n(2))
        #expect(try viaColumn("=COUNTIF(t[a], k)", data, t("#N/A")) == n(2))
        #expect(try viaParam("=COUNTIF(t[a], k)", data, err(.na)) == err(.na))
        #expect(try viaColumn("=COUNTIF(t[a], k)", data, err(.na)) == viaParam("=COUNTIF(t[a], k)", data, err(.na)))
        #expect(try viaColumn("=SUMIF(t[a], k, t[v])", data, err(.na)) == viaParam("=SUMIF(t[a], k, t[v])", data, err(.na)))
    }
}

/// `formula` with `k` a parameter: a whole-column call compiles to an incremental aggregate.
private func viaParam(_ formula: String, _ columns: KeyValuePairs<String, [Value]>, _ k: Value) throws -> Value {
    try evaluate(formula, columns, params: ["k": k])
}

/// `formula` with `k` a column of this row (row 1): the call is evaluated row by row.
private func viaColumn(_ formula: String, _ columns: KeyValuePairs<String, [Value]>, _ k: Value) throws -> Value {
    let wb = try sheet(columns)
    try wb.addColumn("k", to: "t")
    let first = try wb.row(1)
    try wb.set(k, row: first, column: "k", sheet: "t")
    try wb.addColumn("result", formula: formula, to: "t")
    return try wb.value(row: first, column: "result", sheet: "t")
}

/// `formula` evaluated in every row.
private func results(_ formula: String, _ columns: KeyValuePairs<String, [Value]>) throws -> [Value] {
    let wb = try sheet(columns)
    try wb.addColumn("result", formula: formula, to: "t")
    return try wb.column("result")
}
