/// What an input column accepts: a type and, for numbers, a range; for a
/// choice, a fixed list or the values of another sheet's column. Checked
/// whenever a value is entered (`Workbook.set`, `addRow`, `appendRows`), so
/// a typo is refused at the door instead of turning a whole ranking into
/// `#VALUE!`. An empty cell is always accepted: not entered yet.
///
/// Written as in the `.kaohe` file and in `column add`:
///
///     number            number 0..10        number 0..       number ..40
///     whole 0..6        (a whole number)
///     text              yesno               date
///     one of "regular", "temp"              one of offices[name]
public struct ColumnRule: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// `whole`: a whole number (a year, a count of decimals).
        case number(min: Double?, max: Double?, whole: Bool = false)
        case text
        case yesNo
        /// `YYYY-MM-DD`, kept as text.
        case date
        case oneOf([String])
        /// One of the values of another sheet's column (`offices[name]`).
        case lookup(sheet: String, column: String)
    }

    public let kind: Kind

    public init(_ kind: Kind) { self.kind = kind }

    /// Reads the rule's text; the error names what is wrong and the forms that work.
    public init(parsing text: String) throws(RuleSyntaxError) {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard let first = words.first else { throw RuleSyntaxError(.ruleExpectedType) }
        switch first.lowercased() {
        case "number", "whole":
            let whole = first.lowercased() == "whole"
            guard words.count <= 2 else { throw RuleSyntaxError(.ruleOneRange(words[2...].joined(separator: " "))) }
            guard words.count == 2 else { kind = .number(min: nil, max: nil, whole: whole); return }
            let range = words[1]
            let ends = range.split(separator: ".", omittingEmptySubsequences: false)
            // "0..10" splits as ["0", "", "10"]; a decimal bound ("0.5..9.5") as more parts.
            guard let gap = ends.indices.dropFirst().first(where: { ends[$0].isEmpty && $0 + 1 < ends.count }) else {
                throw RuleSyntaxError(.ruleRangeForm(range))
            }
            func bound(_ parts: ArraySlice<Substring>) throws(RuleSyntaxError) -> Double? {
                let s = parts.joined(separator: ".")
                if s.isEmpty { return nil }
                guard let x = Num.parse(s) else { throw RuleSyntaxError(.ruleBoundNotNumber(s, range: range)) }
                return x
            }
            let lo = try bound(ends[..<gap]), hi = try bound(ends[(gap + 1)...])
            if let lo, let hi, lo > hi { throw RuleSyntaxError(.ruleRangeEmpty(range)) }
            kind = .number(min: lo, max: hi, whole: whole)
        case "text" where words.count == 1: kind = .text
        case "yesno" where words.count == 1: kind = .yesNo
        case "date" where words.count == 1: kind = .date
        case "one" where words.count > 2 && words[1] == "of":
            let rest = words[2...].joined(separator: " ")[...]
            if let open = rest.firstIndex(of: "["), rest.last == "]", !rest.contains(",") {
                let sheet = String(rest[..<open]), column = String(rest[rest.index(after: open)..<rest.index(before: rest.endIndex)])
                guard Workbook.isValidName(sheet), Workbook.isValidName(column) else {
                    throw RuleSyntaxError(.ruleNotLookup(rest))
                }
                kind = .lookup(sheet: sheet, column: column)
                return
            }
            var items: [String] = []
            for part in rest.split(separator: ",", omittingEmptySubsequences: false) {
                var item = part.trimmingSpaces
                if item.count >= 2, item.first == "\"", item.last == "\"" { item = item.dropFirst().dropLast() }
                guard !item.isEmpty, !item.contains("\"") else { throw RuleSyntaxError(.ruleChoiceList) }
                items.append(String(item))
            }
            kind = .oneOf(items)
        default:
            throw RuleSyntaxError(.ruleUnknownType(text))
        }
    }

    /// The rule as written in a file: `number 0..10`, `one of "regular", "temp"`.
    public var description: String {
        switch kind {
        case .number(nil, nil, let whole): whole ? "whole" : "number"
        case .number(let lo, let hi, let whole): "\(whole ? "whole" : "number") \(lo.map(Num.general) ?? "")..\(hi.map(Num.general) ?? "")"
        case .text: "text"
        case .yesNo: "yesno"
        case .date: "date"
        case .oneOf(let items): "one of " + items.map { "\"\($0)\"" }.joined(separator: ", ")
        case .lookup(let sheet, let column): "one of \(sheet)[\(column)]"
        }
    }

    /// What the rule accepts, in words: "a number from 0 to 10".
    public var explanation: String {
        switch kind {
        case .number(let lo, let hi, let whole):
            (whole ? "a whole number" : "a number")
                + (lo.map { " from \(Num.general($0))" } ?? "") + (hi.map { (lo == nil ? " up" : "") + " to \(Num.general($0))" } ?? "")
        case .text: "text"
        case .yesNo: "yes or no"
        case .date: "a date (YYYY-MM-DD)"
        case .oneOf(let items): items.count == 2 ? "\(items[0]) or \(items[1])" : "one of " + items.joined(separator: ", ")
        case .lookup(let sheet, let column): "one of \(sheet)[\(column)]"
        }
    }

    /// The value as the column holds it (text that shows a number becomes
    /// that number in a number column), or nil when the rule refuses it.
    /// `choices` are the values a lookup rule accepts.
    public func admit(_ value: Value, choices: Set<TextKey> = []) -> Value? {
        switch (kind, value) {
        case (_, .empty): return value
        case (.number(let lo, let hi, let whole), _):
            let x: Double
            switch value {
            case .number(let n): x = n
            case .text(let s): guard let n = Self.number(in: s) else { return nil }; x = n
            default: return nil
            }
            if whole, x != x.rounded() { return nil }
            if let lo, x < lo { return nil }
            if let hi, x > hi { return nil }
            return .number(x)
        case (.text, .text), (.yesNo, .bool): return value
        case (.text, .number(let x)): return .text(Num.general(x))
        case (.date, .text(let s)): return Self.isDate(s.trimmingSpaces) ? .text(String(s.trimmingSpaces)) : nil
        case (.oneOf(let items), .text(let s)): return items.contains(String(s.trimmingSpaces)) ? .text(String(s.trimmingSpaces)) : nil
        case (.lookup, _):
            let s = value.displayText.trimmingSpaces
            return choices.contains(TextKey(String(s))) ? .text(String(s)) : nil
        default: return nil
        }
    }

    /// Whether `admit` takes the value: `admit(value, choices:) != nil`,
    /// without making the value it would keep where the value is already
    /// in its column's form (a number in range, a date or choice with no
    /// blank around it). Opening a file checks every ruled cell this way.
    public func accepts(_ value: Value, choices: Set<TextKey> = []) -> Bool {
        func blankEdge(_ s: String) -> Bool { s.utf8.first == 0x20 || s.utf8.last == 0x20 }
        switch (kind, value) {
        case (_, .empty): return true
        case (.number(let lo, let hi, let whole), .number(let x)):
            if whole, x != x.rounded() { return false }
            if let lo, x < lo { return false }
            if let hi, x > hi { return false }
            return true
        case (.text, .text), (.text, .number), (.yesNo, .bool): return true
        case (.date, .text(var s)) where !blankEdge(s): return s.withUTF8 { Self.isDate($0) }
        case (.oneOf(let items), .text(let s)) where !blankEdge(s): return items.contains(s)
        case (.lookup, .text(let s)) where !blankEdge(s): return choices.contains(TextKey(s))
        default: return admit(value, choices: choices) != nil
        }
    }

    /// `YYYY-MM-DD`, a day that exists.
    static func isDate(_ s: Substring) -> Bool {
        // The bytes where they lie (no array per date: every event has one).
        s.utf8.withContiguousStorageIfAvailable(isDate) ?? isDate(Array(s.utf8))
    }

    static func isDate<Bytes: RandomAccessCollection>(_ u: Bytes) -> Bool where Bytes.Element == UInt8, Bytes.Index == Int {
        guard u.count == 10 else { return false }
        let o = u.startIndex
        guard u[o + 4] == UInt8(ascii: "-"), u[o + 7] == UInt8(ascii: "-") else { return false }
        func number(_ r: Range<Int>) -> Int? {
            var n = 0
            for i in r {
                guard (0x30...0x39).contains(u[o + i]) else { return nil }
                n = n * 10 + Int(u[o + i] - 0x30)
            }
            return n
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10), (1...12).contains(m), d >= 1 else { return false }
        // The month's length without an array made per date (every event has one).
        let days = switch m {
        case 2: y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
        return d <= days
    }

    /// A number as typed, also from a Chinese input method: full-width digits
    /// and signs (`８．５`), `。` or `．` as the decimal point, blanks (the
    /// ideographic one too) around it. A comma, `,` or `，`, separates
    /// thousands where it can (`1，000` is 1000, as WPS and Excel read it);
    /// a single comma that cannot (`７，５`: one digit after it) is a decimal
    /// comma, 7.5. Nil for anything else (`九`, `12abc`, `1,2,3`).
    public static func number(in text: String) -> Double? {
        var s = ""
        for u in text.unicodeScalars {
            switch u.value {
            case 0xFF10...0xFF19: s.unicodeScalars.append(Unicode.Scalar(u.value - 0xFF10 + 0x30)!)
            case 0xFF0E, 0x3002: s.append(".")
            case 0xFF0C: s.append(",")
            case 0xFF0D, 0x2212: s.append("-")
            case 0xFF0B: s.append("+")
            case 0x3000: s.append(" ")
            default: s.unicodeScalars.append(u)
            }
        }
        let t = s.trimmingSpaces
        if let x = Num.parse(t) { return x }
        guard t.contains(",") else { return nil }
        let sign = t.first == "-" || t.first == "+" ? String(t.prefix(1)) : ""
        let body = t.dropFirst(sign.count)
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let groups = parts[0].split(separator: ",", omittingEmptySubsequences: false)
        if groups.count > 1, (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) {
            return Num.parse(sign + groups.joined() + (parts.count > 1 ? "." + parts[1] : ""))
        }
        guard parts.count == 1, groups.count == 2, !groups[0].isEmpty, !groups[1].isEmpty else { return nil }
        return Num.parse(sign + groups[0] + "." + groups[1])
    }
}

/// A rule's text that does not read as a rule.
public struct RuleSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The problem in both languages (see `Catalogue.swift`).
    public let phrase: Phrase
    public init(_ phrase: Phrase) { self.phrase = phrase }
    /// The English problem.
    public var message: String { phrase.en }
    public var description: String { phrase.en }
}

/// A value a column's rule refuses, with the rule and the nearest accepted
/// choice: `民主评议 (democratic) takes a number from 0 to 10, not 12`.
public struct RuleViolation: Sendable, Equatable, CustomStringConvertible {
    public let sheet: String
    public let column: String
    public let label: String
    public let rule: ColumnRule
    public let value: Value
    public let suggestion: String?

    public var description: String {
        let name = label.isEmpty ? column : "\(label) (\(column))"
        let shown = if case .text(let s) = value { "'\(s)'" } else { value.displayText }
        return "\(name) takes \(rule.explanation), not \(shown)" + (suggestion.map { " (did you mean \($0)?)" } ?? "")
    }
}
