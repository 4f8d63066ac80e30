import Foundation
import KaoheCore
import Testing
@testable import KaoheFile

/// Opening a workbook checks its bytes as UTF-8 itself (`isUTF8`): it must
/// refuse exactly what the standard library refuses.
@Suite("The reader's UTF-8 check")
struct UTF8CheckTests {
    func agrees(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes(WorkbookDocument.isUTF8) == (String(validating: bytes, as: UTF8.self) != nil)
    }

    @Test("the edges of every form: overlong, surrogates, past U+10FFFF, cut short, stray continuations")
    func edges() {
        let cases: [[UInt8]] = [
            [], [0x41], [0x7F], [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xC2, 0x80], [0xDF, 0xBF], [0xDF],
            [0xE0, 0x9F, 0x80], [0xE0, 0xA0, 0x80], [0xE4, 0xB8, 0xAD], [0xE4, 0xB8], [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80],
            [0xEF, 0xBF, 0xBF], [0xEF, 0xBB, 0xBF, 0x6B], [0xF0, 0x8F, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF],
            [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0xF0, 0x90, 0x80],
            Array("kaohe 2\nrow \"张伟\", 8\n".utf8), Array("abcdefgh张ijklmnop".utf8) + [0x80], Array("abcdefghijklmnop".utf8) + [0xE4, 0xB8],
        ]
        for c in cases { #expect(agrees(c), "\(c)") }
    }

    @Test("random bytes, mostly text: the same verdict as the standard library")
    func random() {
        var rng = SplitMix64(seed: 7)
        let pieces: [[UInt8]] = [Array("row \"c000001\", ".utf8), Array("经济发展办".utf8), Array("😀".utf8), [0x0A], [0x20]]
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<rng.randint(0, 12) {
                if rng.randint(0, 9) < 8 {
                    bytes += pieces[rng.randint(0, pieces.count - 1)]
                } else {
                    bytes.append(UInt8(rng.randint(0x7E, 0xFF)))
                }
            }
            #expect(agrees(bytes), "\(bytes)")
        }
    }
    /// A workbook file's bytes, written to a fresh temporary path.
    func file(_ bytes: [UInt8]) throws -> String {
        let path = NSTemporaryDirectory() + "kaohe-utf8-" + UUID().uuidString + ".kaohe"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("opening checks the bytes beside the parse: a file not UTF-8 is refused as such, at its first bad byte, even when it also does not parse")
    func openRefuses() throws {
        let good = Array("kaohe 2\nsheet t\ncolumn a\nrow \"x\"\nend\n".utf8)
        // A bad byte inside a text the parser would take (line 4, column 7).
        var bad = good
        bad.insert(0xFF, at: good.firstIndex(of: UInt8(ascii: "x"))! + 1)
        // And one in a file that also has a line the parser refuses.
        let worse = Array("kaohe 2\nsheet t\nbogus line\ncolumn a\nrow \"".utf8) + [0xC0, 0x80] + Array("\"\nend\n".utf8)
        for (bytes, line, column) in [(bad, 4, 7), (worse, 5, 6)] {
            let path = try file(bytes)
            defer { unlink(path) }
            #expect(throws: FileError(FileProblem(file: path, line: line, column: column, .notUTF8("a workbook file")))) {
                _ = try WorkbookDocument.open(path, readOnly: true)
            }
        }
    }

    @Test("the version of a file opened is SIZE:FNV-1a of its bytes, as journals written before recorded it")
    func version() throws {
        let bytes = Array("kaohe 2\nsheet t\ncolumn a\nrow \"张伟\"\nrow 8\nend\n".utf8)
        let path = try file(bytes)
        defer { unlink(path) }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        #expect(try WorkbookDocument.open(path, readOnly: true).version == "\(bytes.count):" + String(h, radix: 16))
    }
}
