import Testing
@testable import KaoheCore

/// Lookup functions checked against Microsoft Excel's documentation
/// (support.microsoft.com examples). Excel's ranges become whole columns `t[a]`.
@Suite("Lookup functions, as Excel documents them")
struct FunctionsLookupTests {
    // MARK: MATCH

    /// Excel docs, MATCH example: product (Bananas, Oranges, Apples, Pears), count (25, 38, 40, 41);
    /// `down` is the count in descending order, `fruit` sorted text.
    static var matchData: KeyValuePairs<String, [Value]> {
        ["product": [t("Bananas"), t("Oranges"), t("Apples"), t("Pears")],
         "count": [n(25), n(38), n(40), n(41)],
         "down": [n(41), n(40), n(38), n(25)],
         "fruit": [t("apple"), t("banana"), t("cherry"), t("date")]]
    }

    // Excel docs, MATCH example: =MATCH(39,B2:B5,1) 2 (the largest value ≤ 39 is 38, 2nd);
    // =MATCH(41,B2:B5,0) 4; =MATCH(40,B2:B5,-1) #N/A (the range is not in descending order).
    // MATCH remarks: match_type 1 (the default) finds the largest value ≤ lookup_value in ascending
    // data, -1 the smallest value ≥ lookup_value in descending data, 0 the first exact match; text is
    // not case-sensitive; no match is #N/A.
    @Test("MATCH: documented example and match types", arguments: [(String, Value)]([
        ("=MATCH(39, t[count], 1)", n(2)), ("=MATCH(41, t[count], 0)", n(4)), ("=MATCH(40, t[count], -1)", err(.na)),
        ("=MATCH(39, t[count])", n(2)), ("=MATCH(40, t[count], 1)", n(3)), ("=MATCH(10, t[count], 1)", err(.na)),
        ("=MATCH(100, t[count], 1)", n(4)), ("=MATCH(25, t[count], 1)", n(1)), ("=MATCH(39, t[count], 0)", err(.na)),
        ("=MATCH(39, t[down], -1)", n(2)), ("=MATCH(41, t[down], -1)", n(1)), ("=MATCH(25, t[down], -1)", n(4)),
        ("=MATCH(10, t[down], -1)", n(4)), ("=MATCH(50, t[down], -1)", err(.na)), ("=MATCH(40, t[down], 0)", n(2)),
        ("=MATCH(\"blueberry\", t[fruit], 1)", n(2)), ("=MATCH(\"zucchini\", t[fruit])", n(4)),
        ("=MATCH(\"aardvark\", t[fruit], 1)", err(.na)), ("=MATCH(\"CHERRY\", t[fruit], 1)", n(3)),
        ("=MATCH(\"apples\", t[product], 0)", n(3)), ("=MATCH(\"PEARS\", t[product], 0)", n(4)),
        ("=MATCH(\"Kiwi\", t[product], 0)", err(.na)), ("=MATCH(38, t[product], 0)", err(.na)),
        ("=MATCH(#N/A, t[count], 0)", err(.na)),
    ]))
    func matchDocs(_ formula: String, _ expected: Value) throws {
        #expect(try evaluate(formula, Self.matchData) == expected)
    }

    // Excel docs, MATCH remarks: "If match_type is 0 and lookup_value is a text string, you can use
    // the wildcard characters — the question mark (?) and asterisk (*) — in the lookup_value ... If
    // you want to find an actual question mark or asterisk, type a tilde (~) before the character."
    // MATCH returns the position of the first match.
    @Test("MATCH: wildcards with match type 0", arguments: [(String, Value)]([
        ("=MATCH(\"B*\", t[product], 0)", n(1)), ("=MATCH(\"*an*\", t[product], 0)", n(1)),
        ("=MATCH(\"?ears\", t[product], 0)", n(4)), ("=MATCH(\"Or*\", t[product], 0)", n(2)),
        ("=MATCH(\"*s\", t[product], 0)", n(1)), ("=MATCH(\"a?????\", t[product], 0)", n(3)),
        ("=MATCH(\"a????\", t[product], 0)", err(.na)), ("=MATCH(\"~*\", t[sym], 0)", n(3)),
        ("=MATCH(\"~?\", t[sym], 0)", n(2)), ("=MATCH(\"*\", t[sym], 0)", n(1)), ("=MATCH(\"a~*b\", t[sym], 0)", n(4)),
        ("=MATCH(\"?\", t[sym], 0)", n(1)),
    ]))
    func matchWildcards(_ formula: String, _ expected: Value) throws {
        let data: KeyValuePairs<String, [Value]> = [
            "product": [t("Bananas"), t("Oranges"), t("Apples"), t("Pears")],
            "sym": [t("a"), t("?"), t("*"), t("a*b")],
        ]
        #expect(try evaluate(formula, data) == expected)
    }

    // Excel: MATCH with match type 0 compares without converting types: the number 5 does not match
    // the text "5", TRUE does not match 1.
    @Test func matchDoesNotConvertTypes() throws {
        let data: KeyValuePairs<String, [Value]> = ["a": [t("5"), n(1), b(true), n(5)]]
        #expect(try evaluate("=MATCH(5, t[a], 0)", data) == n(4))
        #expect(try evaluate("=MATCH(\"5\", t[a], 0)", data) == n(1))
        #expect(try evaluate("=MATCH(TRUE, t[a], 0)", data) == n(3))
        #expect(try evaluate("=MATCH(1, t[a], 0)", data) == n(2))
    }

    // Excel never matches a blank cell in an exact lookup, and reads a blank lookup value as 0
    // (Excel 365 captured in formualizer issue #319: MATCH(0, {1, blank, 2}, 0) is #N/A, and
    // MATCH(F1, A1:A3, 0) with F1 blank finds the 0). Cells 1, blank, 0, "x": a blank looks for 0.
    @Test("exact lookups never match blank cells; a blank lookup value looks for 0", arguments: [(String, Value)]([
        ("=MATCH(0, t[a], 0)", n(3)), ("=MATCH(k, t[a], 0)", n(3)), ("=MATCH(k, t[b], 0)", err(.na)),
        ("=XLOOKUP(k, t[a], t[c])", t("third")), ("=XLOOKUP(k, t[b], t[c], \"none\")", t("none")),
        ("=XLOOKUP(0, t[b], t[c], \"none\")", t("none")), ("=XLOOKUP(k, t[a], t[c], \"none\", 0, -1)", t("third")),
    ]))
    func blanksInExactLookups(_ formula: String, _ expected: Value) throws {
        let data: KeyValuePairs<String, [Value]> = [
            "a": [n(1), empty, n(0), t("x")], "b": [n(1), empty, t("y"), t("x")],
            "c": [t("first"), t("second"), t("third"), t("fourth")], "k": [empty],
        ]
        #expect(try evaluate(formula, data) == expected)
    }

    // MARK: INDEX

    // Excel docs, INDEX example (array form, A2:B3 = Apples, Lemons / Bananas, Pears):
    // =INDEX(A2:B3,2,2) Pears; =INDEX(A2:B3,2,1) Bananas. Here each column of the array is a column
    // of the sheet. INDEX remarks: a row_num or column_num outside the range is #REF!.
    @Test("INDEX: documented example and bounds", arguments: [(String, Value)]([
        ("=INDEX(t[b], 2)", t("Pears")), ("=INDEX(t[a], 2)", t("Bananas")), ("=INDEX(t[a], 2, 1)", t("Bananas")),
        ("=INDEX(t[a], 1)", t("Apples")), ("=INDEX(t[b], 1, 1)", t("Lemons")), ("=INDEX(t[a], 3)", err(.ref)),
        ("=INDEX(t[a], 1, 2)", err(.ref)), ("=INDEX(t[a], -1)", err(.value)), ("=INDEX(t[a], 1.9)", t("Apples")),
        ("=INDEX(t[a], \"x\")", err(.value)), ("=INDEX(t[a], #N/A)", err(.na)), ("=INDEX(t[c], 2)", n(0)),
        ("=INDEX(t[c], 1)", n(7)), ("=INDEX(t[a] & \"!\", 2)", t("Bananas!")),
    ]))
    func indexDocs(_ formula: String, _ expected: Value) throws {
        let data: KeyValuePairs<String, [Value]> = [
            "a": [t("Apples"), t("Bananas")], "b": [t("Lemons"), t("Pears")], "c": [n(7), empty],
        ]
        #expect(try evaluate(formula, data) == expected)
    }

    // Excel docs, INDEX and MATCH together (the documented replacement for VLOOKUP to the left).
    @Test func indexMatch() throws {
        #expect(try evaluate("=INDEX(t[product], MATCH(40, t[count], 0))", Self.matchData) == t("Apples"))
        #expect(try evaluate("=INDEX(t[count], MATCH(\"pe*\", t[product], 0))", Self.matchData) == n(41))
        #expect(try evaluate("=INDEX(t[product], MATCH(39, t[count]))", Self.matchData) == t("Oranges"))
        #expect(try evaluate("=INDEX(t[product], MATCH(99, t[count], 0))", Self.matchData) == err(.na))
    }

    // MARK: XLOOKUP

    /// Excel docs, XLOOKUP example 1: country names and their telephone codes.
    static var countries: KeyValuePairs<String, [Value]> {
        ["country": [t("China"), t("India"), t("United States"), t("Indonesia"), t("Brazil"),
                     t("Pakistan"), t("Nigeria"), t("Bangladesh"), t("Russia"), t("Mexico")],
         "code": [n(86), n(91), n(1), n(62), n(55), n(92), n(234), n(880), n(7), n(52)]]
    }

    // Excel docs, XLOOKUP example 1: =XLOOKUP(F2,B2:B11,D2:D11) looks up a country and returns its
    // code (exact match by default). Syntax table: with no match and no [if_not_found] the result is
    // #N/A, otherwise [if_not_found]; match_mode 2 is a wildcard match where *, ? and ~ have special
    // meaning; search_mode -1 searches from the last item.
    @Test("XLOOKUP: exact, not found, wildcards, search from the end", arguments: [(String, Value)]([
        ("=XLOOKUP(\"Brazil\", t[country], t[code])", n(55)), ("=XLOOKUP(\"brazil\", t[country], t[code])", n(55)),
        ("=XLOOKUP(\"Mexico\", t[country], t[code])", n(52)), ("=XLOOKUP(\"France\", t[country], t[code])", err(.na)),
        ("=XLOOKUP(\"France\", t[country], t[code], \"Not found\")", t("Not found")),
        ("=XLOOKUP(\"China\", t[country], t[code], \"Not found\")", n(86)),
        ("=XLOOKUP(234, t[code], t[country])", t("Nigeria")),
        ("=XLOOKUP(\"B*\", t[country], t[code], 0, 2)", n(55)), ("=XLOOKUP(\"B*\", t[country], t[code], 0, 0)", n(0)),
        ("=XLOOKUP(\"B*\", t[country], t[code], 0, 2, -1)", n(880)), ("=XLOOKUP(\"?ndia\", t[country], t[code], 0, 2)", n(91)),
        ("=XLOOKUP(\"*ia\", t[country], t[code], 0, 2)", n(91)), ("=XLOOKUP(\"*ia\", t[country], t[code], 0, 2, -1)", n(7)),
        ("=XLOOKUP(\"United*\", t[country], t[code], \"none\", 2)", n(1)),
        ("=XLOOKUP(\"X*\", t[country], t[code], \"none\", 2)", t("none")),
        ("=XLOOKUP(#N/A, t[country], t[code], \"none\")", err(.na)),
    ]))
    func xlookupExact(_ formula: String, _ expected: Value) throws {
        #expect(try evaluate(formula, Self.countries) == expected)
    }

    /// Excel docs, XLOOKUP example: tax rates and the top income of each bracket.
    static var brackets: KeyValuePairs<String, [Value]> {
        ["rate": [n(0.1), n(0.12), n(0.22), n(0.24), n(0.32), n(0.35)],
         "income": [n(9700), n(39475), n(84200), n(160725), n(204100), n(510300)]]
    }

    // Excel docs, XLOOKUP tax-rate example: =XLOOKUP(E2,C2:C7,B2:B7,0,1,1) finds the rate of an income
    // of 46,523: match_mode 1 (exact match, else the next larger item, 84,200) gives 22%; the
    // if_not_found argument 0 covers incomes above the top bracket. match_mode -1 takes the next
    // smaller item instead; an exact match wins in either mode.
    @Test("XLOOKUP: next larger and next smaller", arguments: [(String, Value)]([
        ("=XLOOKUP(46523, t[income], t[rate], 0, 1, 1)", n(0.22)), ("=XLOOKUP(46523, t[income], t[rate], 0, 1)", n(0.22)),
        ("=XLOOKUP(46523, t[income], t[rate], 0, -1)", n(0.12)), ("=XLOOKUP(84200, t[income], t[rate], 0, 1)", n(0.22)),
        ("=XLOOKUP(84200, t[income], t[rate], 0, -1)", n(0.22)), ("=XLOOKUP(600000, t[income], t[rate], 0, 1)", n(0)),
        ("=XLOOKUP(600000, t[income], t[rate], 0, -1)", n(0.35)), ("=XLOOKUP(100, t[income], t[rate], \"low\", -1)", t("low")),
        ("=XLOOKUP(100, t[income], t[rate], \"low\", 1)", n(0.1)), ("=XLOOKUP(46523, t[income], t[rate])", err(.na)),
        ("=XLOOKUP(46523, t[income], t[rate], 0, 1, 2)", n(0.22)), ("=XLOOKUP(46523, t[income], t[rate], 0, 1, -1)", n(0.22)),
    ]))
    func xlookupApproximate(_ formula: String, _ expected: Value) throws {
        #expect(try evaluate(formula, Self.brackets) == expected)
    }

    // Excel docs, XLOOKUP: unlike VLOOKUP's approximate match, match_mode -1 and 1 with the default
    // linear search do not need sorted data; the next smaller/larger item is found wherever it is.
    // search_mode -1 returns the last exact match.
    @Test("XLOOKUP: unsorted data and the last match", arguments: [(String, Value)]([
        ("=XLOOKUP(35, t[k], t[v], \"-\", -1)", t("a")), ("=XLOOKUP(35, t[k], t[v], \"-\", 1)", t("e")),
        ("=XLOOKUP(25, t[k], t[v], \"-\", 1)", t("a")), ("=XLOOKUP(5, t[k], t[v], \"-\", -1)", t("-")),
        ("=XLOOKUP(60, t[k], t[v], \"-\", 1)", t("-")), ("=XLOOKUP(60, t[k], t[v], \"-\", -1)", t("c")),
        ("=XLOOKUP(\"a\", t[name], t[v])", t("a")), ("=XLOOKUP(\"a\", t[name], t[v], \"-\", 0, -1)", t("c")),
        ("=XLOOKUP(\"A\", t[name], t[v], \"-\", 0, 1)", t("a")), ("=XLOOKUP(\"c\", t[name], t[v], \"-\", 0, -1)", t("e")),
    ]))
    func xlookupUnsorted(_ formula: String, _ expected: Value) throws {
        let data: KeyValuePairs<String, [Value]> = [
            "k": [n(30), n(10), n(50), n(20), n(40)],
            "v": [t("a"), t("b"), t("c"), t("d"), t("e")],
            "name": [t("a"), t("b"), t("a"), t("b"), t("c")],
        ]
        #expect(try evaluate(formula, data) == expected)
    }

    // Excel: XLOOKUP matches without converting types (the number 1 does not find the text "1");
    // the value returned may be any type, and an empty cell shows 0.
    @Test func xlookupTypes() throws {
        let data: KeyValuePairs<String, [Value]> = [
            "k": [t("1"), n(1), b(true), t("x")],
            "v": [n(10), b(false), t("yes"), empty],
        ]
        #expect(try evaluate("=XLOOKUP(1, t[k], t[v])", data) == b(false))
        #expect(try evaluate("=XLOOKUP(\"1\", t[k], t[v])", data) == n(10))
        #expect(try evaluate("=XLOOKUP(TRUE, t[k], t[v])", data) == t("yes"))
        #expect(try evaluate("=XLOOKUP(\"X\", t[k], t[v])", data) == n(0))
        #expect(try evaluate("=XLOOKUP(k, t[k], t[v])", data, row: 2) == b(false))
    }

    // Excel: MATCH type 1 on ascending data with duplicates gives the last of the equal values;
    // type 0 the first. XLOOKUP's next larger/smaller item also orders text alphabetically.
    @Test func approximateDuplicatesAndText() throws {
        let data: KeyValuePairs<String, [Value]> = [
            "d": [n(1), n(2), n(2), n(3)],
            "f": [t("apple"), t("banana"), t("cherry"), t("date")],
        ]
        #expect(try evaluate("=MATCH(2, t[d], 1)", data) == n(3))
        #expect(try evaluate("=MATCH(2, t[d], 0)", data) == n(2))
        #expect(try evaluate("=MATCH(2.5, t[d])", data) == n(3))
        #expect(try evaluate("=XLOOKUP(\"blueberry\", t[f], t[f], \"-\", 1)", data) == t("cherry"))
        #expect(try evaluate("=XLOOKUP(\"blueberry\", t[f], t[f], \"-\", -1)", data) == t("banana"))
        #expect(try evaluate("=XLOOKUP(\"BANANA\", t[f], t[d], \"-\", 1)", data) == n(2))
    }

    // Excel: MATCH and XLOOKUP need a range to search; a whole column where one value is expected
    // (the lookup value, the position) is refused when the formula is entered.
    @Test func refusedFormulas() throws {
        #expect(try formulaError("=MATCH(t[a], t[a], 0)") != nil)
        #expect(try formulaError("=INDEX(t[a], t[a])") != nil)
        #expect(try formulaError("=XLOOKUP(1, t[a])") != nil)
        #expect(try formulaError("=INDEX(t[a], 1)") == nil)
    }
}
