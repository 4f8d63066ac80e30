import Foundation
import KaoheCore

/// How the office types values, as the template's columns mean them: `是`
/// and `yes` for an instructor, `临聘` for temporary staff. One table for
/// the REPL and the roster import.
public enum ValueWords {
    static let truths: [String: Bool] = [
        "true": true, "yes": true, "y": true, "是": true, "√": true, "✓": true,
        "false": false, "no": false, "n": false, "否": false, "": false,
    ]
    static let staff: [String: String] = ["": "", "temp": "temp", "临聘": "temp", "临时": "temp", "regular": "", "在编": "", "正式": ""]

    /// A typed word as a value for `column`: numbers as numbers, TRUE and
    /// FALSE as booleans, and the template's words for `instructor` and
    /// `staff`; nil when the word does not fit that column.
    public static func value(_ word: String, column: String, quoted: Bool = false) -> Value? {
        let t = word.trimmingCharacters(in: .whitespaces)
        switch column {
        case "instructor":
            return truths[t.lowercased()].map(Value.bool)
        case "staff":
            return staff[t.lowercased()].map { $0.isEmpty ? .empty : .text($0) }
        default:
            if quoted { return word.isEmpty ? .empty : .text(word) }
            if t.isEmpty { return .empty }
            if let x = Num.parse(t) { return .number(x) }
            switch t.uppercased() {
            case "TRUE": return .bool(true)
            case "FALSE": return .bool(false)
            default: return .text(word)
            }
        }
    }

    /// What `column` accepts, for the message when a word does not fit.
    public static func accepted(column: String) -> String {
        switch column {
        case "instructor": "yes or no (是/否, TRUE/FALSE)"
        case "staff": "temp (临聘) or regular (在编)"
        default: "a number, text, TRUE or FALSE"
        }
    }
}
