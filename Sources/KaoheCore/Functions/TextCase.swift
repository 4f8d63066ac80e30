extension String {
    /// `lowercased()`, without building a new string when no character
    /// would change: ASCII without capitals and the scripts without case
    /// (CJK, kana, Hangul). Ids, codes, names and offices are such text, and
    /// criteria, groups and lookups fold the case of every row they read.
    var caseFolded: String {
        // ASCII without capitals, and the three-byte sequences led by E3…E9
        // (U+3000…U+9FFF: CJK punctuation, kana, ideographs), read as bytes.
        let caseless = utf8.withContiguousStorageIfAvailable { bytes in
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                if b < 0x80 {
                    if b >= 0x41 && b <= 0x5A { return false }
                    i += 1
                } else if b >= 0xE3 && b <= 0xE9 {
                    i += 3
                } else {
                    return false
                }
            }
            return true
        }
        if caseless == true { return self }
        for u in unicodeScalars {
            switch u.value {
            case 0x41...0x5A: return lowercased()
            case 0..<0x80, 0x3000...0x9FFF, 0xAC00...0xD7A3, 0xF900...0xFAFF: continue
            default: return lowercased()
            }
        }
        return self
    }

    /// Whether any byte of the text's UTF-8 satisfies `test`.
    func containsByte(where test: (UInt8) -> Bool) -> Bool {
        if let found = utf8.withContiguousStorageIfAvailable({ $0.contains(where: test) }) { return found }
        return utf8.contains(where: test)
    }
}

extension String.UTF8View {
    /// Whether the bytes equal `other`'s with ASCII letters of either case
    /// (`"True"` against `"TRUE"`), without building an upper-cased copy.
    func elementsEqualIgnoringASCIICase(_ other: StaticString) -> Bool {
        guard count == other.utf8CodeUnitCount else { return false }
        return other.withUTF8Buffer { o in
            for (a, b) in zip(self, o) {
                let x = a >= 0x61 && a <= 0x7A ? a - 0x20 : a, y = b >= 0x61 && b <= 0x7A ? b - 0x20 : b
                if x != y { return false }
            }
            return true
        }
    }
}

/// Whether two texts hold the same bytes (not merely canonically equivalent).
@inline(__always)
func sameBytes(_ a: String, _ b: String) -> Bool {
    // The same bits are the same small text, or the same storage.
    if unsafeBitCast(a, to: (UInt64, UInt64).self) == unsafeBitCast(b, to: (UInt64, UInt64).self) { return true }
    guard a.utf8.count == b.utf8.count else { return false }
    if let same = a.utf8.withContiguousStorageIfAvailable({ x in
        b.utf8.withContiguousStorageIfAvailable { y in x.elementsEqual(y) }
    }), let same { return same }
    return a.utf8.elementsEqual(b.utf8)
}

extension Hasher {
    /// Feeds a text as `String`'s own hash would for equality's sake
    /// (canonically equivalent texts hash alike) at a fraction of its cost
    /// where the text is ASCII: `String` hashes its normalised form scalar
    /// by scalar, here the bytes of its ASCII equivalent (`asciiEquivalent`)
    /// go in at once; any other text goes through `String`'s hash.
    @inline(__always)
    mutating func combine(text t: String) {
        guard var ascii = t.asciiEquivalent else { return combine(t) }
        ascii.withUTF8 { combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

extension String {
    /// The ASCII text this one is `==` to, if any: itself when it is ASCII;
    /// else, when it consists of ASCII and the three scalars whose canonical
    /// decomposition is one ASCII character (U+037E GREEK QUESTION MARK is
    /// `;`, U+1FEF GREEK VARIA is `` ` ``, U+212A KELVIN SIGN is `K`), the
    /// text with those replaced. ASCII never composes with ASCII, so two
    /// texts with an ASCII equivalent are `==` exactly when their
    /// equivalents have the same bytes, and no other text is `==` to them.
    var asciiEquivalent: String? {
        let ascii: Bool? = utf8.withContiguousStorageIfAvailable { bytes in
            for b in bytes where b >= 0x80 { return false }
            return true
        }
        if ascii == true { return self }
        var mapped = ""
        for u in unicodeScalars {
            switch u.value {
            case 0..<0x80: mapped.unicodeScalars.append(u)
            case 0x37E: mapped += ";"
            case 0x1FEF: mapped += "`"
            case 0x212A: mapped += "K"
            default: return nil
            }
        }
        return mapped
    }
}

/// A text as a dictionary key: equal as `String` compares them, hashed at
/// ASCII speed (`Hasher.combine(text:)`), for tables of a million ids.
public struct TextKey: Hashable, Sendable {
    public let text: String

    public init(_ text: String) { self.text = text }

    public func hash(into h: inout Hasher) { h.combine(text: text) }

    public static func == (a: TextKey, b: TextKey) -> Bool { a.text == b.text }
}
