import KaoheCore

/// The words of the change line, `undo` and `lang`, and the table headings
/// that are no sheet's column.
extension Phrase {
    /// Table headings in Chinese that are no sheet's column, by the English
    /// heading (a column's heading is its label: `Session.heading`).
    static let headings: [String: String] = [
        "": "", "each": "每人", "state": "状态", "note": "备注", "recorded by": "记录部门", "rule": "内容",
        "cadres": "人数", "temp": "临聘", "average": "平均分", "best": "最高分", "worst": "最低分",
        "awards": "先进奖励", "category": "类别", "label": "名称", "highest": "最高", "lowest": "最低",
        "scenario": "场景", "over": "基于", "changes": "改动数", "last change": "最近改动",
        "key": "键", "formula": "公式", "parameter": "参数", "value": "值", "meaning": "含义",
        "sheet": "工作表", "rows": "行数", "columns": "列数",
        "when": "时间", "who": "操作人", "change": "改动", "what moved": "变动", "input": "输入",
    ]

    static func heading(_ english: String) -> Phrase {
        Phrase(en: english, zh: headings[english] ?? english)
    }

    /// `(empty)` in a change line: a cell that held nothing.
    static let emptyCell = Phrase(en: "(empty)", zh: "（空）")
    static let baseIsRealFigures = Phrase(en: "the real figures", zh: "真实数据")

    /// `张伟 (c01): rules 10.00 → 8.00, total 93.50 → 91.50`
    static func rowMoved(_ who: String, _ moves: [Phrase]) -> Phrase {
        Phrase(en: who + ": ", zh: who + "：") + joinedList(moves)
    }

    /// Items of a change line: `, ` in English, `，` in Chinese.
    static func joinedList(_ items: [Phrase]) -> Phrase {
        Phrase.joined(items, en: ", ", zh: "，")
    }

    /// Column names listed: `, ` in English, `、` in Chinese.
    static func names(_ items: [Phrase]) -> Phrase {
        Phrase.joined(items, en: ", ", zh: "、")
    }

    static func recomputedForEveryCadre(_ columns: [Phrase]) -> Phrase {
        Phrase(en: "recomputed for every cadre: ", zh: "全体干部重算：") + names(columns)
    }

    static func circularReference(_ path: String) -> Phrase {
        Phrase(en: "warning: circular reference \(path): its cells show #CYCLE!",
               zh: "警告：循环引用 \(path)：相关单元格显示 #CYCLE!")
    }

    // MARK: Others moved (the change line's second part)

    /// `王芳 (c02) rank 3 → 4`
    static func rankMove(_ who: String, _ from: String, _ to: String) -> Phrase {
        Phrase(en: "\(who) rank \(from) → \(to)", zh: "\(who) 名次 \(from) → \(to)")
    }

    static func ranksMoved(_ listed: [Phrase], more: Int) -> Phrase {
        let shown = listed.isEmpty ? Phrase.empty : Phrase(en: "rank also moved: ", zh: "名次随之变动：") + joinedList(listed)
        guard more > 0 else { return shown }
        let count = Phrase(en: "\(more) more rank\(more == 1 ? "" : "s") moved", zh: "另有 \(more) 人名次变动")
        return listed.isEmpty ? count : shown + Phrase(en: "; ", zh: "；") + count
    }

    static func entersBottom(_ who: String, _ status: Phrase?) -> Phrase {
        Phrase(en: "\(who) enters the bottom", zh: "\(who) 进入末位") + (status.map { Phrase(en: ": ", zh: "：") + $0 } ?? .empty)
    }

    static func leavesBottom(_ who: String, _ status: Phrase?) -> Phrase {
        Phrase(en: "\(who) leaves the bottom", zh: "\(who) 退出末位") + (status.map { Phrase(en: ": ", zh: "：") + $0 } ?? .empty)
    }

    static func statusMoved(_ who: String, _ status: Phrase) -> Phrase {
        Phrase(en: "\(who) status ", zh: "\(who) 考核结果 ") + status
    }

    static func fromTo(_ a: String, _ b: String) -> Phrase { Phrase(verbatim: "\(a) → \(b)") }

    /// `42 more cadres' bonus, payout moved`: whose rank, bottom and status stay.
    static func othersMoved(_ count: Int, columns: [Phrase]) -> Phrase {
        Phrase(en: "\(count) more cadre\(count == 1 ? "'s" : "s'") ", zh: "另有 \(count) 人的") + names(columns)
            + Phrase(en: " moved", zh: "变动")
    }

    // MARK: Undo

    static func undid(_ n: Int, undo: Bool, what: [String]) -> Phrase {
        let en = "\(undo ? "undid" : "redid") \(n) change\(n == 1 ? "" : "s")"
        let zh = "\(undo ? "已撤回" : "已重做") \(n) 步"
        let list = what.isEmpty ? "" : what.count == 1 ? what[0] : what.joined(separator: "; ")
        return list.isEmpty ? Phrase(en: en, zh: zh) : Phrase(en: en + ": " + list, zh: zh + "：" + list)
    }

    static func nothingChanged(_ what: String?) -> Phrase {
        guard let what else {
            return Phrase(en: "nothing changed: the workbook already holds that (not an undo step)",
                          zh: "没有改动：工作簿中已是该内容（不计入撤销步骤）")
        }
        return Phrase(en: "nothing changed: \(what) already holds that (not an undo step)",
                      zh: "没有改动：\(what) 已是该值（不计入撤销步骤）")
    }

    // MARK: lang

    static func languageIs(_ lang: Language) -> Phrase {
        Phrase(en: "lang \(lang.rawValue): messages, help, tables and change lines in \(lang == .zh ? "Chinese" : "English")",
               zh: "lang \(lang.rawValue)：提示、帮助、表格和变动行使用\(lang == .zh ? "中文" : "英文")")
    }

    static func unknownLanguage(_ typed: String) -> Phrase {
        Phrase(en: "lang: '\(typed)' is not a language kaohe speaks; use zh or en",
               zh: "lang：不支持“\(typed)”；请用 zh（中文）或 en（英文）")
    }
}
