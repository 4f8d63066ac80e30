/// The languages kaohe speaks: Chinese for the office, English complete beside it.
public enum Language: String, Sendable, CaseIterable {
    case zh, en

    /// `zh` for a `zh_*` locale in `LC_ALL`, `LC_MESSAGES` or `LANG` (the
    /// first one set wins, as in POSIX), English otherwise.
    public static func fromEnvironment(_ env: [String: String]) -> Language {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = env[key], !value.isEmpty else { continue }
            return value.lowercased().hasPrefix("zh") ? .zh : .en
        }
        return .en
    }
}

/// A sentence in both languages, chosen when it is shown. Every message a
/// user reads is a `Phrase` made by one of the catalogue's functions
/// (`Sources/*/Catalogue`), never a string put together in a handler.
public struct Phrase: Sendable, Hashable, CustomStringConvertible {
    public var en: String
    public var zh: String

    public init(en: String, zh: String) {
        self.en = en
        self.zh = zh
    }

    /// Text that reads the same in both languages (a name, a figure).
    public init(verbatim text: String) {
        en = text
        zh = text
    }

    public func text(_ language: Language) -> String {
        language == .zh ? zh : en
    }

    /// The English text, for logs and tests that predate the catalogue.
    public var description: String { en }

    public static let empty = Phrase(verbatim: "")

    public static func + (a: Phrase, b: Phrase) -> Phrase {
        Phrase(en: a.en + b.en, zh: a.zh + b.zh)
    }

    public static func += (a: inout Phrase, b: Phrase) { a = a + b }

    /// Phrases joined with a separator in each language.
    public static func joined(_ parts: [Phrase], en: String, zh: String) -> Phrase {
        Phrase(en: parts.map(\.en).joined(separator: en), zh: parts.map(\.zh).joined(separator: zh))
    }
}
