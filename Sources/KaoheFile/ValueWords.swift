import Foundation
import KaoheCore

/// How the office types values, as a column's rule means them: `是` and
/// `yes` for yes, `临聘` for temporary staff, `８．５` for 8.5. One table for
/// the REPL and the imports; the column's rule then decides (see
/// `ColumnRule`), so every path refuses the same values with the same message.
public enum ValueWords {
    static let truths: [String: Bool] = [
        "true": true, "yes": true, "y": true, "是": true, "√": true, "✓": true,
        "false": false, "no": false, "n": false, "否": false, "": false,
    ]
    /// Chinese words for the choices of the template's lists.
    static let synonyms: [String: String] = ["临聘": "temp", "临时": "temp", "在编": "regular", "正式": "regular"]

    /// A typed word as a value for a column with `rule` (nil: any value):
    /// numbers as numbers, TRUE and FALSE as booleans; for a yes/no column
    /// the words above, for a number column what a Chinese input method
    /// types. Blanks around the word are dropped. A word the rule cannot
    /// read is returned as text, for the rule to refuse with its message.
    public static func value(_ word: String, rule: ColumnRule?, quoted: Bool = false) -> Value {
        let t = word.trimmingCharacters(in: .whitespaces)
        switch rule?.kind {
        case .yesNo?:
            return truths[t.lowercased()].map(Value.bool) ?? .text(t)
        case .oneOf(let items)?:
            if t.isEmpty { return .empty }
            return .text(items.first { $0.lowercased() == t.lowercased() } ?? synonyms[t] ?? t)
        case .number?:
            if t.isEmpty { return .empty }
            return ColumnRule.number(in: t).map(Value.number) ?? .text(t)
        case .text?, .date?, .lookup?:
            return t.isEmpty ? .empty : .text(quoted ? word : t)
        case nil:
            if quoted { return word.isEmpty ? .empty : .text(word) }
            if t.isEmpty { return .empty }
            if let x = ColumnRule.number(in: t) { return .number(x) }
            switch t.uppercased() {
            case "TRUE": return .bool(true)
            case "FALSE": return .bool(false)
            default: return .text(word)
            }
        }
    }
}
