import Foundation
import KaoheCore
import Testing
@testable import KaoheREPL

/// The message catalogue is complete in both languages: every phrase in the
/// catalogue files has Chinese that is not its English, and every command
/// and group of `help` has a Chinese summary and title.
@Suite("message catalogue")
struct CatalogueTests {
    /// `Phrase(en: "…", zh: "…")` pairs of the catalogue files, as written.
    static let pairs: [(file: String, line: Int, en: String, zh: String)] = {
        let sources = Binary.root.appendingPathComponent("Sources")
        let files = (FileManager.default.enumerator(atPath: sources.path)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".swift") && ($0.contains("/Catalogue/") || $0.hasSuffix("/Catalogue.swift")) }.sorted()
        let literal = #""((?:[^"\\]|\\.)*)""#
        let pattern = try! NSRegularExpression(pattern: "en: \(literal),\\s*zh: \(literal)")
        var out: [(String, Int, String, String)] = []
        for file in files {
            guard let text = try? String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8) else { continue }
            let ns = text as NSString
            for m in pattern.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
                let line = ns.substring(to: m.range.location).filter { $0 == "\n" }.count + 1
                out.append((file, line, ns.substring(with: m.range(at: 1)), ns.substring(with: m.range(at: 2))))
            }
        }
        return out
    }()

    @Test("the catalogue files hold phrases to check")
    func found() {
        #expect(Self.pairs.count > 100, "only \(Self.pairs.count) phrases found")
    }

    @Test("every sentence of the catalogue has Chinese, and the Chinese is not the English")
    func chinese() {
        for p in Self.pairs {
            // A sentence has letters outside its interpolations and escapes; " (…)" and "\n" glue does not.
            let words = p.en.replacingOccurrences(of: #"\\\([^)]*\)|\\."#, with: "", options: .regularExpression)
            guard words.contains(where: \.isLetter) else { continue }
            #expect(!p.zh.isEmpty && p.zh != p.en, "\(p.file):\(p.line): no Chinese for \"\(p.en)\"")
            #expect(p.zh.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "\(p.file):\(p.line): \"\(p.zh)\" has no Chinese characters")
        }
    }

    @Test("help: every command has a Chinese summary, every group a Chinese title")
    func help() {
        for spec in CommandTable.all {
            let zh = spec.summaryPhrase.zh
            #expect(Phrase.summaries[spec.name] != nil && zh != spec.summary, "no Chinese summary for \(spec.name)")
        }
        #expect(Set(Phrase.summaries.keys) == Set(CommandTable.all.map(\.name)), "summaries of commands that do not exist")
        for group in CommandSpec.Group.allCases { #expect(group.title.zh != group.title.en) }
    }

    @Test("aliases: each names an English command word, once; none is a command's own name")
    func aliases() {
        let words = Set(CommandTable.all.map { String($0.words[0]) })
        var seen = Set<String>()
        for (alias, word) in CommandTable.aliases {
            #expect(words.contains(word), "\(alias) stands for \(word), which is no command")
            #expect(seen.insert(alias).inserted, "\(alias) twice")
            #expect(!words.contains(alias))
        }
        for must in ["扣分": "deduct", "加分": "credit", "奖励": "award", "排名": "rank", "考核奖": "bonus", "说明": "explain"] {
            #expect(CommandTable.canonical(must.key) == must.value)
        }
        #expect(CommandTable.canonical("撤销") == "撤销", "撤销 could mean undo or revoke: it is neither")
        #expect(CommandTable.canonical("SHOW") == "show" && CommandTable.canonical("Deduct") == "deduct")
    }

    @Test("a library's error carries its Phrase to the command error")
    func libraries() {
        let e = CommandError(WorkbookError.unknownParameter("bottm_n", suggestion: "bottom_n"))
        #expect(e.message == "no parameter 'bottm_n' (did you mean bottom_n?)")
        #expect(e.text(.zh) == "没有参数“bottm_n”（是否要输入 bottom_n？）")
    }
}
