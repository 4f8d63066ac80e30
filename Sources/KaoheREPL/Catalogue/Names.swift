import KaoheCore

/// What a name that is not there, or is more than one thing, answers with.
extension Phrase {
    static let noCadresSheet = Phrase(en: "this workbook has no cadres sheet", zh: "本工作簿没有干部表（cadres）")

    static func cadresNamed(_ name: String, _ labels: [String]) -> Phrase {
        Phrase(en: "\(labels.count) cadres are named \(name): \(labels.joined(separator: ", ")); name one by id",
               zh: "有 \(labels.count) 名干部叫 \(name)：\(labels.joined(separator: "、"))；请用编号指明一人")
    }

    static func cadrePrefix(_ name: String, count: Int, shown: [String]) -> Phrase {
        let more = count > shown.count
        return Phrase(en: "'\(name)' could be \(count) cadres: \(shown.joined(separator: ", "))\(more ? ", …" : ""); type more of the name, or the id",
                      zh: "“\(name)”可能是 \(count) 名干部：\(shown.joined(separator: "、"))\(more ? "……" : "")；请多输入几个字，或输入编号")
    }

    /// " (did you mean A or B?)" after a cadre that is not there.
    static func didYouMeanCadres(_ labels: [String]) -> Phrase {
        labels.isEmpty ? .empty
            : Phrase(en: " (did you mean \(labels.joined(separator: " or "))?)", zh: "（是否要输入 \(labels.joined(separator: " 或 "))？）")
    }

    static func noCadre(_ name: String, hint: Phrase) -> Phrase {
        Phrase(en: "no cadre '\(name)'", zh: "没有干部“\(name)”") + hint
    }

    static let officeNoun = Phrase(en: "office", zh: "科室")

    static func noRow(_ what: Phrase, _ key: String, hint: Phrase) -> Phrase {
        Phrase(en: "no \(what.en) '\(key)'", zh: "没有\(what.zh)“\(key)”") + hint
    }

    static func noColumn(_ name: String, sheet: String, hint: Phrase) -> Phrase {
        Phrase(en: "no column '\(name)' in \(sheet)", zh: "\(sheet) 表中没有列“\(name)”") + hint
    }

    static func noScenario(_ name: String, hint: Phrase, none: Bool) -> Phrase {
        Phrase(en: "no scenario '\(name)'", zh: "没有场景“\(name)”") + hint
            + (none ? Phrase(en: "; there are none yet (scenario new NAME)", zh: "；目前还没有场景（scenario new 名称）")
                : Phrase(en: "; scenario list shows them", zh: "；scenario list 可列出全部场景"))
    }

    static func noOfficeOrCadre(_ name: String, _ inner: Phrase) -> Phrase {
        Phrase(en: "no office or cadre '\(name)': ", zh: "没有科室或干部“\(name)”：") + inner
    }
}
