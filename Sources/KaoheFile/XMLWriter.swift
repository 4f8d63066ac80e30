/// XML written straight into bytes, for the parts of an .xlsx: a sheet of
/// 100,000 rows is tens of megabytes, so no tree is built and text without
/// anything to escape is copied as it is.
struct XMLWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 4096) {
        bytes.reserveCapacity(capacity)
        raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n")
    }

    /// Markup, as given.
    mutating func raw(_ s: String) { bytes.append(contentsOf: s.utf8) }

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
