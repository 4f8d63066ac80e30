@testable import KaoheCore
import Testing

/// `Criterion.plainText`, the short cut for criteria that are plain text,
/// against parsing: wherever it answers, parsing gives the same criterion.
@Suite("Plain-text criteria = parsed criteria")
struct CriteriaPlainTextTests {
    static let pieces = ["c", "000017", "C", "党政办", "综治", "Ä", "é", "한", "Д", "ｃ", "ſ", "ß", "İ", "*", "?", "~", " ", "4.2a", "TRUE", "x", "々", "〇", "😀", "ǅ"]

    @Test("fixed and random texts: a plain answer is the parsed criterion; a pattern is never plain")
    func againstParsing() {
        var rng = SplitMix64(seed: 17)
        var texts = Self.pieces + ["c000017", "党政办", "Ab", "TRUE", "False", "4.2a", "a*b", "é?", "Straße", "ΣΑΣ", "数～"]
        for _ in 0..<20_000 {
            texts.append((0..<rng.randint(1, 4)).map { _ in Self.pieces[rng.randint(0, Self.pieces.count - 1)] }.joined())
        }
        for t in texts {
            guard let plain = Criterion.plainText(t) else { continue }
            #expect(plain == Criterion(.text(t)), "\(t)")
            #expect(!t.contains("*") && !t.contains("?") && !t.contains("~"), "\(t)")
        }
        #expect(Criterion.plainText("c000017") != nil)
        #expect(Criterion.plainText("党政办") != nil)
        #expect(Criterion.plainText("Ab") == Criterion(.text("ab")))
    }
}
