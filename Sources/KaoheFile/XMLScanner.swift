/// A small pull scanner for the XML of .xlsx parts: elements with their
/// attributes, text with its entities decoded, names without their
/// namespace prefix (`x:row` is `row`). Comments, processing instructions
/// and the DOCTYPE are skipped; CDATA is text. It checks no more than it
/// needs to read what Excel, WPS and LibreOffice write.
struct XMLScanner {
    enum Event: Equatable {
        case open(String, [String: String], selfClosing: Bool)
        case close(String)
        case text(String)
    }

    /// Where the XML stops making sense, as a byte offset.
    struct Malformed: Error { let offset: Int }

    private let bytes: [UInt8]
    private var i = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func next() throws(Malformed) -> Event? {
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "<") else {
                let start = i
                while i < bytes.count, bytes[i] != UInt8(ascii: "<") { i += 1 }
                return .text(try decode(start, i))
            }
            if starts(with: "<!--") { try skip(past: "-->"); continue }
            if starts(with: "<![CDATA[") {
                let start = i + 9
                try skip(past: "]]>")
                return .text(String(decoding: bytes[start..<(i - 3)], as: UTF8.self))
            }
            if starts(with: "<?") || starts(with: "<!") { try skip(past: ">"); continue }
            if starts(with: "</") {
                i += 2
                let name = localName(try scanName())
                skipBlanks()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ">") else { throw Malformed(offset: i) }
                i += 1
                return .close(name)
            }
            i += 1
            let name = localName(try scanName())
            var attributes: [String: String] = [:]
            while true {
                skipBlanks()
                guard i < bytes.count else { throw Malformed(offset: i) }
                if bytes[i] == UInt8(ascii: ">") { i += 1; return .open(name, attributes, selfClosing: false) }
                if starts(with: "/>") { i += 2; return .open(name, attributes, selfClosing: true) }
                let key = localName(try scanName())
                skipBlanks()
                guard i < bytes.count, bytes[i] == UInt8(ascii: "=") else { throw Malformed(offset: i) }
                i += 1
                skipBlanks()
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") else { throw Malformed(offset: i) }
                let quote = bytes[i]
                i += 1
                let start = i
                while i < bytes.count, bytes[i] != quote { i += 1 }
                guard i < bytes.count else { throw Malformed(offset: start) }
                attributes[key] = try decode(start, i)
                i += 1
            }
        }
        return nil
    }

    /// The text inside the element just opened, up to its end (nested
    /// elements' text included); empty for a self-closing element.
    mutating func text(of open: Event) throws(Malformed) -> String {
        guard case .open(_, _, let selfClosing) = open, !selfClosing else { return "" }
        var depth = 1, text = ""
        while depth > 0, let e = try next() {
            switch e {
            case .open(_, _, let closed): if !closed { depth += 1 }
            case .close: depth -= 1
            case .text(let t): text += t
            }
        }
        return text
    }

    private func starts(with s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard i + n <= bytes.count else { return false }
        return s.withUTF8Buffer { prefix in (0..<n).allSatisfy { bytes[i + $0] == prefix[$0] } }
    }

    private mutating func skip(past end: StaticString) throws(Malformed) {
        let start = i
        while i < bytes.count, !starts(with: end) { i += 1 }
        guard i < bytes.count else { throw Malformed(offset: start) }
        i += end.utf8CodeUnitCount
    }

    private mutating func skipBlanks() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
    }

    private mutating func scanName() throws(Malformed) -> Substring {
        let start = i
        while i < bytes.count, !" \t\r\n/>=".utf8.contains(bytes[i]) { i += 1 }
        guard i > start else { throw Malformed(offset: i) }
        return Substring(decoding: bytes[start..<i], as: UTF8.self)
    }

    private func localName(_ name: Substring) -> String {
        String(name.lastIndex(of: ":").map { name[name.index(after: $0)...] } ?? name)
    }

    /// Bytes as text with `&amp;`, `&#20013;`, `&#x4E2D;` … decoded.
    private func decode(_ start: Int, _ end: Int) throws(Malformed) -> String {
        let raw = String(decoding: bytes[start..<end], as: UTF8.self)
        guard raw.contains("&") else { return raw }
        var out = "", rest = Substring(raw)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";") else { throw Malformed(offset: start) }
            let entity = rest[rest.index(after: amp)..<semi]
            switch entity {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                let hex = entity.hasPrefix("#x") || entity.hasPrefix("#X")
                guard entity.hasPrefix("#"), let code = UInt32(entity.dropFirst(hex ? 2 : 1), radix: hex ? 16 : 10),
                      let scalar = Unicode.Scalar(code) else { throw Malformed(offset: start) }
                out.unicodeScalars.append(scalar)
            }
            rest = rest[rest.index(after: semi)...]
        }
        return out + rest
    }
}
