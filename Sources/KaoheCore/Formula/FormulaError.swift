/// A problem in a formula's text, located by 1-based character column.
///
/// Rendered as `col 6: expected an expression after '>'`; ``caretLine(in:)``
/// gives the source with a caret under the spot for a terminal.
public struct FormulaError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The problem in both languages (see `Catalogue.swift`).
    public let phrase: Phrase
    /// 1-based character column in the formula text (the `=` is column 1).
    public let column: Int
    public let length: Int

    /// The English problem.
    public var message: String { phrase.en }

    public init(_ phrase: Phrase, column: Int, length: Int = 1) {
        self.phrase = phrase
        self.column = column
        self.length = max(1, length)
    }

    /// A problem not yet in the catalogue: the same text in both languages.
    public init(_ message: String, column: Int, length: Int = 1) {
        self.init(Phrase(verbatim: message), column: column, length: length)
    }

    init(_ phrase: Phrase, at range: Range<Int>) {
        self.init(phrase, column: range.lowerBound + 1, length: range.count)
    }

    public var description: String { "col \(column): \(message)" }

    /// The formula with a line of carets under the offending characters.
    public func caretLine(in source: String) -> String {
        let chars = Array(source)
        var pad = 0
        for c in chars.prefix(column - 1) { pad += c.displayWidth }
        var width = 0
        for c in chars.dropFirst(column - 1).prefix(length) { width += c.displayWidth }
        return source + "\n" + String(repeating: " ", count: pad) + String(repeating: "^", count: max(1, width))
    }
}

extension Character {
    /// Terminal columns this character takes: 2 for East Asian wide and
    /// full-width characters, 0 for combining marks, 1 otherwise.
    public var displayWidth: Int {
        guard let scalar = unicodeScalars.first else { return 0 }
        let v = scalar.value
        // Below U+0300 there are no marks and nothing wide; the CJK block is
        // all letters: neither needs the Unicode tables.
        if v < 0x300 { return v == 0 ? 0 : 1 }
        if (0x4E00...0x9FFF).contains(v) { return 2 }
        let category = scalar.properties.generalCategory
        if category == .nonspacingMark || category == .enclosingMark { return 0 }
        return Self.wide.contains(where: { $0.contains(v) }) ? 2 : 1
    }

    private static let wide: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
        0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
        0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]
}

extension String {
    /// Terminal columns the text takes (a Chinese character takes two).
    ///
    /// - Complexity: O(bytes); text of printable ASCII and Chinese characters
    ///   (a table's ids, names and numbers) is measured without the
    ///   character-breaking rules.
    public var displayWidth: Int { plainWidth ?? reduce(0) { $0 + $1.displayWidth } }

    /// The display width when every character is printable ASCII (one
    /// column) or a CJK ideograph (two), each a character of one scalar; nil
    /// for any other text, which `displayWidth` measures by its characters.
    public var plainWidth: Int? { utf8.withContiguousStorageIfAvailable(plainWidth(of:)) ?? Array(utf8).withUnsafeBufferPointer(plainWidth(of:)) }
}

extension Substring {
    /// Terminal columns the text takes (see `String.displayWidth`).
    public var displayWidth: Int { plainWidth ?? reduce(0) { $0 + $1.displayWidth } }

    /// See `String.plainWidth`.
    public var plainWidth: Int? { utf8.withContiguousStorageIfAvailable(plainWidth(of:)) ?? Array(utf8).withUnsafeBufferPointer(plainWidth(of:)) }
}

/// `plainWidth` on UTF-8 bytes: printable ASCII bytes count one, the three
/// bytes of U+4E00–U+9FFF (lead bytes E4–E9) two. Neither kind joins its
/// neighbour into one character, so counting them counts characters.
private func plainWidth(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    var width = 0, i = 0
    while i < bytes.count {
        let b = bytes[i]
        if b >= 0x20 && b < 0x7F {
            width += 1
            i += 1
        } else if b >= 0xE4 && b <= 0xE9 && i + 2 < bytes.count {
            // Valid UTF-8 from a String: two continuation bytes follow.
            let scalar = UInt32(b & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
            guard scalar >= 0x4E00 else { return nil }
            width += 2
            i += 3
        } else {
            return nil
        }
    }
    return width
}
