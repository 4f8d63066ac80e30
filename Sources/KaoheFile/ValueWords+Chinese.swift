import KaoheCore

/// How the template's values read in Chinese, for what leaves the office
/// (the xlsx workbook, the printed report): 是/否 for TRUE/FALSE, 合格, 诫勉,
/// 不合格, 诫勉六个月 for the four statuses (SPEC section 6), and the award
/// and rule words. Only the template's columns are translated: a word in a
/// note stays as it was typed.
extension ValueWords {
    static let chineseWords: [String: [String: String]] = {
        let level = ["district": "区级", "city": "市级", "province": "省级", "national": "国家级"]
        let awardKind = ["key": "重点集体", "collective": "集体", "individual": "个人"]
        let ruleKind = ["deduct": "扣分", "forfeit": "扣发考核奖", "absence": "缺席", "leave": "请假", "derived": "累计认定", "credit": "加分", "unknown": "未知条款"]
        return [
            "cadres.status": ["ok": "合格", "admonish": "诫勉", "unqualified": "不合格", "admonish-6m": "诫勉六个月"],
            "cadres.staff": ["temp": "临聘", "regular": "在编"],
            "awards.level": level, "award_table.level": level,
            "awards.kind": awardKind, "award_table.kind": awardKind,
            "awards.status": ["paid": "已发放", "pending": "待补书面依据", "superseded": "不重复奖励"],
            "rules.kind": ruleKind, "events.kind": ruleKind,
            "params.bonus_method": ["proportional": "按总分比例分配"],
            "params.collective_split": ["shared": "本办成员平分", "per_member": "每人全额"],
            "params.fen_rounding": ["half_up": "每份四舍五入到分", "largest_remainder": "最大余数法"],
        ]
    }()

    /// What the template's parameters mean (SPEC section 1), for the leadership reading the figures.
    public static let parameterMeanings: [String: String] = [
        "year": "考核年度", "decimals": "分数保留小数位数", "line_base_rank": "线上工作基准名次",
        "line_base": "线上工作基准分", "line_step": "线上名次每差一名增减分值", "rules_base": "机关制度基础分",
        "rules_floor": "机关制度最低分（扣完为止）", "absence_limit": "缺席达到此次数按4.2b/4.6b扣分",
        "leave_limit": "请假达到此次数按4.2b/4.6b扣分", "bottom_n": "末位人数", "pool_district": "考核奖每人（区级）",
        "pool_town": "考核奖每人（镇财政）", "bonus_method": "考核奖分配方法", "collective_split": "集体奖励分配方式",
        "fen_rounding": "考核奖分配的舍入方法",
    ]

    /// A value of `sheet.column` as it reads in Chinese.
    public static func chinese(_ v: Value, sheet: String, column: String) -> Value {
        chinese(v, words: chineseWords(sheet: sheet, column: column))
    }

    /// The Chinese words of `sheet.column`'s values, nil when it has none:
    /// looked up once for a whole column (see `chinese(_:words:)`).
    public static func chineseWords(sheet: String, column: String) -> [String: String]? {
        chineseWords[sheet + "." + column]
    }

    /// A value in Chinese with its column's words (`chineseWords["cadres.status"]`), looked up once per column.
    public static func chinese(_ v: Value, words: [String: String]?) -> Value {
        switch v {
        case .bool(let b): return .text(b ? "是" : "否")
        case .text(let t): return words?[t].map(Value.text) ?? v
        default: return v
        }
    }
}
