import KaoheCore

/// XML written straight into bytes, for the parts of an .xlsx: a sheet of
/// 100,000 rows is tens of megabytes, so no tree is built and text without
/// anything to escape is copied as it is.
struct XMLWriter {
    private(set) var bytes: [UInt8] = []

    /// A part's XML, the declaration first unless `prolog` is false (a piece of a part).
    init(capacity: Int = 4096, prolog: Bool = true) {
        bytes.reserveCapacity(capacity)
        if prolog { raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n") }
    }

    /// Nothing written, the capacity kept.
    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    /// The first `n` bytes dropped, as they are handed on.
    mutating func removeFirst(_ n: Int) { bytes.removeFirst(n) }

    /// Markup, as given. Disfavoured, so that a literal without
    /// interpolation is a `StaticString` and copied as bytes, not a
    /// `String` made for every cell.
    @_disfavoredOverload
    mutating func raw(_ s: String) { bytes.append(contentsOf: s.utf8) }

    /// Markup known at compile time: copied without making a String.
    mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func raw(_ b: [UInt8]) { bytes.append(contentsOf: b) }

    /// A whole number's decimal digits.
    mutating func int(_ n: Int) {
        if n < 0 { bytes.append(UInt8(ascii: "-")) }
        let m = n.magnitude
        // Most numbers in a sheet are one digit (styles, flags, counts).
        if m < 10 { return bytes.append(UInt8(ascii: "0") + UInt8(m)) }
        var width = 2, t = m / 100
        while t > 0 { t /= 10; width += 1 }
        digits(m, width: width)
    }

    /// `m`'s last `width` decimal digits, with leading zeros, made in a
    /// buffer on the stack and copied once.
    private mutating func digits(_ m: UInt, width: Int) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(width, 20)) { buffer in
            var m = m, i = width
            while i > 0 {
                i -= 1
                buffer[i] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: m % 10)
                m /= 10
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<width]))
        }
    }

    /// A number as `Num.general` writes it, the figure `Num.fixed(x, places)`
    /// shows when `places` is given: the decimal digits of the scaled
    /// integer, trailing zeros dropped. Numbers too large for that path, and
    /// General numbers that are not whole, go through `Num.general`.
    mutating func number(_ x: Double, places: Int?) {
        guard let p = places else {
            if x.magnitude < 1e15, x == x.rounded(.towardZero) { int(Int(x)) } else { raw(Num.general(x)) }
            return
        }
        let shown = Num.round(x, p)
        let scaled = (shown * Num.exactPowerOfTen(p)).rounded()
        guard scaled.magnitude < 1e15 else { return raw(Num.general(shown)) }
        var m = Int(scaled), q = p
        while q > 0, m % 10 == 0 { m /= 10; q -= 1 }
        if m < 0 { bytes.append(UInt8(ascii: "-")) }
        let unit = UInt(Num.exactPowerOfTen(q))
        int(Int(m.magnitude / unit))
        guard q > 0 else { return }
        bytes.append(UInt8(ascii: "."))
        digits(m.magnitude % unit, width: q)
    }

    /// Character data or an attribute value: `& < > "` as entities, and what
    /// XML 1.0 cannot carry (control characters) in Office's `_xHHHH_`
    /// notation, whose own underscore is then escaped too (`_x005F_`), so
    /// every string reads back exactly as it was.
    mutating func text(_ s: String) {
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x5F }) {
            bytes.append(contentsOf: s.utf8)
            return
        }
        let scalars = Array(s.unicodeScalars)
        for (i, u) in scalars.enumerated() {
            switch u {
            case "&": raw("&amp;")
            case "<": raw("&lt;")
            case ">": raw("&gt;")
            case "\"": raw("&quot;")
            case "\t", "\n", "\r": bytes.append(UInt8(u.value))
            case "_" where Self.startsOfficeEscape(scalars, at: i): raw("_x005F_")
            default:
                if u.value < 0x20 {
                    raw("_x" + String(repeating: "0", count: 2) + (u.value < 0x10 ? "0" : "") + String(u.value, radix: 16, uppercase: true) + "_")
                } else {
                    bytes.append(contentsOf: String(u).utf8)
                }
            }
        }
    }

    /// Whether `_xHHHH_` starts at `i`, which a reader would decode.
    static func startsOfficeEscape(_ s: [Unicode.Scalar], at i: Int) -> Bool {
        guard i + 6 < s.count, s[i + 1] == "x", s[i + 6] == "_" else { return false }
        return s[(i + 2)...(i + 5)].allSatisfy { $0.properties.isASCIIHexDigit }
    }
}
