import KaoheCore

/// How the template's values read in Chinese, for what leaves the office
/// (the xlsx workbook, the printed report): 是/否 for TRUE/FALSE, 合格, 诫勉,
/// 不合格, 诫勉六个月 for the four statuses (SPEC section 6), and the award
/// and rule words. Only the template's columns are translated: a word in a
/// note stays as it was typed.
extension ValueWords {
    static let chineseWords: [String: [String: String]] = {
        let level = ["district": "区级", "city": "市级", "province": "省级", "national": "国家级"]
        let awardKind = ["key": "重点集体", "collective": "其他集体", "individual": "个人"]
        let ruleKind = ["deduct": "扣分", "forfeit": "扣发考核奖", "absence": "缺席", "leave": "请假", "derived": "累计认定", "credit": "加分", "unknown": "未知条款"]
        return [
            "cadres.status": ["ok": "合格", "admonish": "诫勉", "unqualified": "不合格", "admonish-6m": "诫勉六个月"],
            "cadres.staff": ["temp": "临聘", "regular": "在编"],
            "awards.level": level, "award_table.level": level,
            "awards.kind": awardKind, "award_table.kind": awardKind,
            "awards.status": ["paid": "已发放", "pending": "待补书面依据", "superseded": "不重复奖励"],
            "rules.kind": ruleKind, "events.kind": ruleKind,
        ]
    }()

    /// A value of `sheet.column` as it reads in Chinese.
    public static func chinese(_ v: Value, sheet: String, column: String) -> Value {
        switch v {
        case .bool(let b): return .text(b ? "是" : "否")
        case .text(let t): return chineseWords[sheet + "." + column]?[t].map(Value.text) ?? v
        default: return v
        }
    }
}
