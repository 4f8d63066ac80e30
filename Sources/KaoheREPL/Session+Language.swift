import KaoheCore
import KaoheFile

/// The office's language on screen: headings as the columns' labels,
/// values as the office reads them (是/否, 合格, 诫勉…), and every message
/// chosen from the catalogue in the session's `lang`.
extension Session {
    /// A table heading: in Chinese, a sheet's column reads as its label and
    /// any other heading as the catalogue has it; in English, the key.
    func heading(_ key: String, sheet: String? = nil) -> String {
        guard lang == .zh else { return key }
        if let sheet, let info = try? workbook.columns(of: sheet).first(where: { $0.key == key }), !info.label.isEmpty {
            return info.label
        }
        return Phrase.heading(key).zh
    }

    func headings(_ keys: [String], sheet: String? = nil) -> [String] {
        keys.map { heading($0, sheet: sheet) }
    }

    /// A column's name in a change line: its key, or its label in Chinese.
    func columnName(_ key: String, sheet: String) -> Phrase {
        Phrase(en: key, zh: heading(key, sheet: sheet))
    }

    /// A value as the screen reads it in the session's language: in Chinese,
    /// TRUE and FALSE as 是 and 否 and the template's words as the office
    /// says them (`ValueWords.chinese`).
    func shown(_ v: Value, sheet: String, column: String) -> Value {
        lang == .zh ? ValueWords.chinese(v, sheet: sheet, column: column) : v
    }

    /// A value's text as a change line shows it, in both languages.
    func valuePhrase(_ v: Value, sheet: String, column: String) -> Phrase {
        if v.isEmpty { return .emptyCell }
        let en = cells([v], sheet: sheet, column: column, in: .en)[0].text
        let zh = cells([v], sheet: sheet, column: column, in: .zh)[0].text
        return Phrase(en: en, zh: zh)
    }

    /// `lang [zh|en]`: shows or sets the language of this session.
    func setLanguage(_ typed: String?) throws(CommandError) {
        if let typed {
            guard let l = Language(rawValue: typed.lowercased()) ?? ["中文": Language.zh, "英文": .en, "chinese": .zh, "english": .en][typed.lowercased()] else {
                throw CommandError(.unknownLanguage(typed))
            }
            lang = l
        }
        say(.languageIs(lang))
    }
}
