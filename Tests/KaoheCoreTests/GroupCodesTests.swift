@testable import KaoheCore
import Testing

/// The numbering of groups (`GroupCodes`), the text memo it keeps
/// (`TextTable`) and the text hash both rely on (`Hasher.combine(text:)`).
@Suite("Group numbers, the text memo and the text hash")
struct GroupCodesTests {
    /// ASCII, the three scalars canonically equal to ASCII, composed and
    /// decomposed accents, CJK, and long runs (past 15 bytes a text is not
    /// a small string).
    static let pieces = ["a", "K", "k", ";", "`", "\u{37E}", "\u{1FEF}", "\u{212A}", "e", "\u{301}", "\u{E9}", "党政办", "c000017", "0123456789abcdef", "Å", "A\u{30A}"]

    static func texts(_ n: Int, seed: UInt64) -> [String] {
        var rng = SplitMix64(seed: seed)
        return pieces + (0..<n).map { _ in (0..<rng.randint(1, 4)).map { _ in pieces[rng.randint(0, pieces.count - 1)] }.joined() }
    }

    @Test("texts equal as Swift compares them hash alike, as values and as group keys")
    func equalTextsHashAlike() {
        let texts = Self.texts(3_000, seed: 5)
        var classes: [String: [String]] = [:]
        for t in texts { classes[t, default: []].append(t) }
        var pairs = 0
        for t in texts {
            for u in classes[t]! where !sameBytes(t, u) {
                pairs += 1
                #expect(Value.text(t).hashValue == Value.text(u).hashValue, "\(Array(t.unicodeScalars)) \(Array(u.unicodeScalars))")
                #expect(GroupKey.text(t).hashValue == GroupKey.text(u).hashValue)
                #expect(TextKey(t).hashValue == TextKey(u).hashValue && TextKey(t) == TextKey(u))
            }
        }
        // The check has canonically equal texts of different bytes to look at.
        #expect(pairs > 100)
        #expect("a\u{37E}" == "a;" && Value.text("a\u{37E}").hashValue == Value.text("a;").hashValue)
        #expect("\u{212A}" == "K" && GroupKey.text("\u{212A}").hashValue == GroupKey.text("K").hashValue)
    }

    @Test("the text memo finds what was put in, by bytes, short texts and long")
    func textTableAgainstDictionary() {
        var table = TextTable()
        var model: [[UInt8]: UInt32] = [:]
        let texts = Self.texts(20_000, seed: 9)
        for (i, t) in texts.enumerated() {
            let h = TextTable.hash(t)
            // A copy built afresh: the same bytes in another `String`.
            let copy = String(decoding: Array(t.utf8), as: UTF8.self)
            #expect(TextTable.hash(copy) == h)
            if let found = table.find(copy, hash: h) {
                #expect(model[Array(t.utf8)] == found)
            } else {
                #expect(model[Array(t.utf8)] == nil, "\(t) is held but not found")
                table.insert(t, hash: h, UInt32(i))
                model[Array(t.utf8)] = UInt32(i)
            }
        }
        #expect(table.count == model.count)
    }

    @Test("an entry's two numbers are set apart: a slot code, a group's number, either first")
    func twoNumbersAnEntry() {
        var table = TextTable(byBytes: true)
        let a = "c000001", b = String(decoding: Array("c000001".utf8), as: UTF8.self), long = String(repeating: "长", count: 9)
        table.set(a, hash: TextTable.hash(a, byBytes: true), group: 7)
        // A group's number alone is no memo's value.
        #expect(table.find(b, hash: TextTable.hash(b, byBytes: true)) == nil)
        table.set(b, hash: TextTable.hash(b, byBytes: true), value: 3)
        #expect(table.entry(a, hash: TextTable.hash(a, byBytes: true))! == (3, 7))
        table.set(long, hash: TextTable.hash(long, byBytes: true), value: 5)
        table.set(long, hash: TextTable.hash(long, byBytes: true), group: 9)
        #expect(table.entry(long, hash: TextTable.hash(long, byBytes: true))! == (5, 9))
        #expect(table.count == 2)
    }

    @Test("texts equal as Swift compares them share a number; others do not, before and after compaction")
    func equalTextsShareANumber() {
        let codes = GroupCodes()
        let texts = Self.texts(2_000, seed: 21)
        func number(_ t: String) -> UInt32 { codes.code(GroupPath(.text(t))) }
        var seen: [String: UInt32] = [:]
        for t in texts {
            let n = number(t)
            if let m = seen[t] { #expect(m == n, "\(Array(t.unicodeScalars))") } else { seen[t] = n }
        }
        // Distinct texts, distinct numbers.
        #expect(Set(seen.values).count == seen.count)
        #expect(number("a\u{37E}") == number("a;") && number("\u{1FEF}x") == number("`x") && number("\u{212A}") == number("K"))
        #expect(number("\u{E9}") == number("e\u{301}") && number("a;") != number("a"))
        let map = codes.compact(keeping: Array(Set(seen.values)))
        for (t, n) in seen { #expect(codes.find(GroupPath(.text(t))) == map[Int(n)]) }
    }

    @Test("compaction keeps the numbers in use, under new numbers, and forgets the rest")
    func compaction() {
        let codes = GroupCodes()
        let a = codes.slotCode(.text("c1")), b = codes.slotCode(.text("C2")), c = codes.slotCode(.number(3))
        #expect(codes.slotCode(.text("C1")) == a)
        #expect(codes.slotCode(.text("3")) == c | GroupCodes.notPlain)
        #expect(codes.slotCode(.text("=c1")) == codes.slotCode(.text("=C1")))
        #expect(codes.slotCode(.empty) == GroupCodes.none)
        let map = codes.compact(keeping: [c, a])
        #expect(map[Int(a)] == 0 && map[Int(c)] == 1 && map[Int(b)] == GroupCodes.none)
        #expect(codes.find(GroupPath(.text("c1"))) == 0)
        #expect(codes.find(GroupPath(.text("c2"))) == nil)
        #expect(codes.slotCode(.text("c1")) == 0)
        #expect(codes.slotCode(.text("c2")) == 2)
    }

    /// A cell's slot code by its definition: its group (`GroupKey(cell:)`)
    /// numbered, `notPlain` set unless it is text read as its own plain
    /// equality.
    static func definedCode(_ codes: GroupCodes, _ v: Value) -> UInt32 {
        guard let k = GroupKey(cell: v) else { return GroupCodes.none }
        let c = codes.code(GroupPath(k))
        if case .text(let s) = v {
            guard case .text = k, Criterion.plainText(s) != nil else { return c | GroupCodes.notPlain }
        }
        return c
    }

    @Test("many cells at once get the codes each gets alone: new ids past the sample, groups a criterion numbered first, texts that are not plain")
    func manyAtOnce() {
        var rng = SplitMix64(seed: 33)
        let others = Self.texts(3_000, seed: 34) + ["TRUE", "true", "a*", "=c000001", "0123", "1,000", " c000002", "", "C000003", "党政办"]
        func cells(_ n: Int, newIDs: Bool) -> [Value] {
            (0..<n).map { i in
                switch rng.randint(0, 9) {
                case 0: return .number(Double(rng.randint(0, 50)))
                case 1: return .empty
                case 2: return .text(others[rng.randint(0, others.count - 1)])
                case 3: return .error(.na)
                default: return .text("c" + String(newIDs ? 100_000 + i : rng.randint(100_000, 100_000 + n)))
                }
            }
        }
        let batch = GroupCodes(), alone = GroupCodes()
        // Groups numbered by criteria before any cell is met.
        for g in ["c100007", "c100008", "党政办"] {
            #expect(batch.code(GroupPath(.text(g))) == alone.code(GroupPath(.text(g))))
        }
        // A roster's ids (most new: the table grows once, past the sample),
        // then its events' (most known).
        for column in [cells(20_000, newIDs: true), cells(30_000, newIDs: false)] {
            var got = [UInt32](repeating: 0, count: column.count)
            batch.slotCodes(count: column.count, { column[$0] }) { got[$0] = $1 }
            let want = column.map { Self.definedCode(alone, $0) }
            #expect(got == want)
            #expect(column.map { batch.slotCode($0) } == want)
        }
        #expect(batch.count == alone.count)
    }
}
