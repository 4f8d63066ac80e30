import KaoheCore

/// What the scheme says, in both languages: the refusals of the regulation
/// and the names it cannot find. The English is the text transcripts compare.
extension Phrase {
    // MARK: The workbook's scheme

    static func schemeNoSheet(_ sheet: String) -> Phrase {
        Phrase(en: "this workbook has no \(sheet) sheet: it needs the town template's scheme (kaohe new FILE)",
               zh: "本工作簿没有 \(sheet) 表：需要按镇考核模板建立（kaohe new 文件名）")
    }

    static func schemeNoColumn(_ column: String, sheet: String, for what: String) -> Phrase {
        Phrase(en: "this workbook's \(sheet) sheet has no \(column) column, which \(what) needs: it was made from an older template; add it with column add \(column) input sheet=\(sheet)",
               zh: "本工作簿的 \(sheet) 表没有 \(what) 所需的 \(column) 列：它由旧版模板建立；请用 column add \(column) input sheet=\(sheet) 添加")
    }

    /// The noun of a numbered sheet's row.
    static let eventNoun = Phrase(en: "event", zh: "记录")
    static let awardNoun = Phrase(en: "award", zh: "奖励")

    static func noNumbered(_ what: Phrase, _ number: String, last: Int, sheet: String) -> Phrase {
        let range = last == 0 ? Phrase(en: "there are none yet", zh: "目前还没有")
            : Phrase(en: "they are numbered 1 to \(last)", zh: "编号为 1 至 \(last)")
        return Phrase(en: "no \(what.en) '\(number)': \(range.en); type \(sheet) to see them",
                      zh: "没有第 \(number) 条\(what.zh)：\(range.zh)；输入 \(sheet) 查看")
    }

    static func dateFormat(_ text: String) -> Phrase {
        Phrase(en: "date=\(text): write dates as YYYY-MM-DD, e.g. 2026-03-05",
               zh: "date=\(text)：日期请写作 YYYY-MM-DD，如 2026-03-05")
    }

    static func dateNotInCalendar(_ text: String) -> Phrase {
        Phrase(en: "date=\(text) is not a date in the calendar", zh: "date=\(text) 不是日历上存在的日期")
    }

    // MARK: Rules

    static let noRulesSheet = Phrase(en: "this workbook has no rules sheet", zh: "本工作簿没有条款表（rules）")

    static func noRule(_ code: String, near: [String]) -> Phrase {
        let hint = near.isEmpty ? Phrase.empty
            : Phrase(en: " (did you mean \(near.joined(separator: " or "))?)", zh: "（是否要输入 \(near.joined(separator: " 或 "))？）")
        return Phrase(en: "no rule '\(code)'", zh: "没有条款“\(code)”") + hint
            + Phrase(en: "; type rules for the table", zh: "；输入 rules 查看条款表")
    }

    static func ruleExists(_ code: String) -> Phrase {
        Phrase(en: "rule add: \(code) exists already; type rules to see it", zh: "rule add：条款 \(code) 已存在；输入 rules 查看")
    }

    static func ruleBadRange(_ points: String) -> Phrase {
        Phrase(en: "rule add: a range of points is written LOW..HIGH, e.g. -2..-1, not '\(points)'",
               zh: "rule add：分值范围写作 下限..上限，如 -2..-1，不能写“\(points)”")
    }

    static func ruleBadPoints(_ points: String) -> Phrase {
        Phrase(en: "rule add: POINTS is a number such as -1 or +2, or a range -2..-1, not '\(points)'",
               zh: "rule add：分值应为数字（如 -1、+2）或范围（如 -2..-1），不能写“\(points)”")
    }

    static func ruleBadKind(_ kinds: [String], _ chosen: String) -> Phrase {
        Phrase(en: "rule add: kind is \(kinds.joined(separator: ", ")), not '\(chosen)'",
               zh: "rule add：kind 应为 \(kinds.joined(separator: "、")) 之一，不能写“\(chosen)”")
    }

    // MARK: Events

    static func ruleDerived(_ code: String) -> Phrase {
        Phrase(en: "\(code) is not entered: it applies by itself when the count of absences or leaves reaches absence_limit or leave_limit; record those",
               zh: "条款 \(code) 无需录入：缺勤或请假次数达到 absence_limit 或 leave_limit 时自动适用；请录入缺勤、请假")
    }

    static func ruleAddsPoints(_ code: String, cadre: String) -> Phrase {
        Phrase(en: "\(code) adds points: use credit \(cadre) \(code)", zh: "条款 \(code) 是加分条款：请用 credit \(cadre) \(code)")
    }

    static func ruleDeducts(_ code: String, points: String, credits: [String]) -> Phrase {
        Phrase(en: "\(code) deducts (\(points)): use deduct; credit is for rules that add points, such as \(credits.joined(separator: ", "))",
               zh: "条款 \(code) 是扣分条款（\(points)）：请用 deduct；credit 只用于加分条款，如 \(credits.joined(separator: "、"))")
    }

    static func occurrences(_ verb: String) -> Phrase {
        Phrase(en: "\(verb): occurrences are a whole number from 1, written xN (e.g. x3)",
               zh: "\(verb)：次数为不小于 1 的整数，写作 xN（如 x3）")
    }

    static func pointsFixed(_ code: String, points: String, discretionary: [String]) -> Phrase {
        Phrase(en: "\(code) is \(points) each: points= is only for discretionary rules (\(discretionary.joined(separator: ", ")))",
               zh: "条款 \(code) 每次 \(points)：points= 只用于酌情定分的条款（\(discretionary.joined(separator: "、"))）")
    }

    static func pointsNeeded(_ code: String, low: String, high: String) -> Phrase {
        Phrase(en: "\(code) is discretionary: give the points of one occurrence, points=\(low) to \(high)",
               zh: "条款 \(code) 酌情定分：请给出每次的分值，points=\(low) 至 \(high)")
    }

    static func pointsNotNumber(_ typed: String) -> Phrase {
        Phrase(en: "points=\(typed) is not a number", zh: "points=\(typed) 不是数字")
    }

    static func pointsOutside(_ typed: String, code: String, low: String, high: String) -> Phrase {
        Phrase(en: "points=\(typed) is outside \(code)'s range: \(low) to \(high) points each",
               zh: "points=\(typed) 超出条款 \(code) 的范围：每次 \(low) 至 \(high) 分")
    }

    static func onceAYear(_ code: String, times: Int) -> Phrase {
        Phrase(en: "\(code) is earned once a year: record it once, without x\(times)",
               zh: "条款 \(code) 每年只计一次：请录入一次，不要写 x\(times)")
    }

    static func alreadyEarned(_ who: String, code: String, id: String) -> Phrase {
        Phrase(en: "\(who) already has \(code) this year: it is earned once; see events \(id)",
               zh: "\(who) 今年已有 \(code)：每年只计一次；见 events \(id)")
    }

    static func notFullAttendance(_ code: String, who: String, list: String) -> Phrase {
        Phrase(en: "\(code) is for full attendance, but \(who) has \(list) this year: revoke those first if they were wrong",
               zh: "条款 \(code) 用于全勤，但 \(who) 今年有 \(list)：如有误，请先撤销这些记录")
    }

    static func eventRevokedAlready(_ number: String, why: String) -> Phrase {
        Phrase(en: "event \(number) is already revoked\(why.isEmpty ? "" : " (\(why))")",
               zh: "第 \(number) 条记录已撤销\(why.isEmpty ? "" : "（\(why)）")")
    }

    static let eventSetNothing = Phrase(
        en: "event set: give what to correct: note=\"...\", date=YYYY-MM-DD or by=DEPT (to change the rule, cadre or points, revoke it and record it again)",
        zh: "event set：请给出要更正的内容：note=\"...\"、date=YYYY-MM-DD 或 by=部门（要改条款、干部或分值，请撤销后重新录入）")

    // MARK: Awards

    static func awardWord(_ what: String, table: [(String, String)], typed: String) -> Phrase {
        Phrase(en: "award: \(what) is \(table.map { "\($0.0) (\($0.1))" }.joined(separator: ", ")), not '\(typed)'",
               zh: "award：\(what) 应为 \(table.map { "\($0.1)（\($0.0)）" }.joined(separator: "、"))，不能写“\(typed)”")
    }

    static func awardOfficeIndividual(_ name: String) -> Phrase {
        Phrase(en: "award: \(name) is an office: an office receives a key or collective award; an individual award goes to a cadre",
               zh: "award：\(name) 是科室：科室获重点集体或集体奖励；个人奖励应授予干部")
    }

    static func awardCadreCollective(_ label: String) -> Phrase {
        Phrase(en: "award: \(label) is a cadre: a cadre receives an individual award; a collective award goes to the office",
               zh: "award：\(label) 是干部：干部获个人奖励；集体奖励应授予科室")
    }

    static let awardNoContent = Phrase(en: "award: CONTENT names what the award is for, e.g. \"市级文明单位\"",
                                       zh: "award：CONTENT 写明奖励事由，如 \"市级文明单位\"")

    static func awardRevoked(_ number: String, why: String) -> Phrase {
        Phrase(en: "award \(number) is revoked\(why.isEmpty ? "" : " (\(why))"): it stays on record and is not paid; record a new award instead",
               zh: "第 \(number) 项奖励已撤销\(why.isEmpty ? "" : "（\(why)）")：保留记录但不发放；请另行录入新的奖励")
    }

    static let evidenceEmpty = Phrase(en: "award evidence: give the document, e.g. \"区委〔2026〕12号文件\"",
                                      zh: "award evidence：请给出文件依据，如 \"区委〔2026〕12号文件\"")

    static func evidenceExists(_ number: String, old: String, text: String) -> Phrase {
        Phrase(en: "award \(number) already has evidence 「\(old)」: to replace it, award evidence \(number) \"\(text)\" force",
               zh: "第 \(number) 项奖励已有文件依据「\(old)」：如要替换，请用 award evidence \(number) \"\(text)\" force")
    }

    static let awardSetNothing = Phrase(en: "award set: give what to correct: level=, kind=, content=\"...\" or recipient=",
                                        zh: "award set：请给出要更正的内容：level=、kind=、content=\"...\" 或 recipient=")

    static let awardContentEmpty = Phrase(en: "award set: content= cannot be empty", zh: "award set：content= 不能为空")

    // MARK: History

    static func yearNotYear(_ verb: String, _ typed: String) -> Phrase {
        Phrase(en: "\(verb): YEAR is a year such as 2025, not '\(typed)'", zh: "\(verb)：YEAR 应为年份，如 2025，不能写“\(typed)”")
    }

    static func yearNotEarlier(_ verb: String, _ year: Int, current: Int) -> Phrase {
        Phrase(en: "\(verb): \(year) is not an earlier year (this workbook assesses \(current))",
               zh: "\(verb)：\(year) 不是以往年度（本工作簿考核 \(current) 年度）")
    }

    static func rankNotWhole(_ verb: String, _ typed: String) -> Phrase {
        Phrase(en: "\(verb): rank is a whole number from 1, not '\(typed)'", zh: "\(verb)：名次为不小于 1 的整数，不能写“\(typed)”")
    }

    static func bottomNotYesNo(_ verb: String, _ typed: String) -> Phrase {
        Phrase(en: "\(verb): bottom is yes or no, not '\(typed)'", zh: "\(verb)：末位应为 yes（是）或 no（否），不能写“\(typed)”")
    }

    static func historyExists(_ label: String, year: Int, id: String) -> Phrase {
        Phrase(en: "history add: \(label) already has a result for \(year): correct it with history set \(id) \(year) rank=… bottom=…",
               zh: "history add：\(label) 已有 \(year) 年度的考核结果：请用 history set \(id) \(year) rank=… bottom=… 更正")
    }

    static func historySetMissing(_ label: String, year: Int) -> Phrase {
        Phrase(en: "history set: \(label) has no result for \(year): record it with history add",
               zh: "history set：\(label) 没有 \(year) 年度的考核结果：请用 history add 录入")
    }

    static let historySetNothing = Phrase(en: "history set: give rank=R or bottom=yes|no", zh: "history set：请给出 rank=名次 或 bottom=yes|no")

    static func historyRemoveMissing(_ label: String, year: Int, id: String) -> Phrase {
        Phrase(en: "history remove: \(label) has no result for \(year); see history \(id)",
               zh: "history remove：\(label) 没有 \(year) 年度的考核结果；见 history \(id)")
    }
}

/// The scheme's warnings: recorded as asked, but worth a second look.
extension Phrase {
    static func dateOutsideYear(_ date: String, year: Int) -> Phrase {
        Phrase(en: "the date \(date) is outside the assessment year \(year): recorded as given; correct it with event set or award set if it is a typo",
               zh: "日期 \(date) 不在 \(year) 考核年度内：已按所填录入；如系笔误，请用 event set 或 award set 更正")
    }

    static func fullAttendanceLost(_ who: String, credit: String, rule: String) -> Phrase {
        Phrase(en: "\(who) has \(credit) (full attendance) this year: with this \(rule) it no longer holds; revoke it if so",
               zh: "\(who) 今年已有 \(credit)（全勤）：有了这次 \(rule)，全勤不再成立；如确实如此，请作废该加分")
    }

    static func enteredByHand(_ label: String, key: String, value: String, id: String) -> Phrase {
        Phrase(en: "\(label)'s \(key) is entered by hand (\(value)): this event does not count there until clear \(id) \(key)",
               zh: "\(label) 的 \(key) 是手工录入的（\(value)）：这条记录在该处不计，直到 clear \(id) \(key)")
    }
}

extension RecordedEvent {
    /// `effect` in both languages: "-1 each" is 每次 -1.
    public var effectPhrase: Phrase {
        rule.kind == "forfeit" ? Phrase(en: effect, zh: "扣发考核奖")
            : points == 0 ? Phrase(en: effect, zh: "计次，本身不计分") : Phrase(en: effect, zh: "每次 \(Town.signed(points))")
    }
}
