import KaoheCore

/// The lines under the tables: counts, totals and what the figures mean.
extension Phrase {
    static func rankFooter(ranked: Int, temps: Int, bottomN: String) -> Phrase {
        Phrase(en: "\(ranked) ranked" + (temps == 0 ? "" : "; \(temps) temporary staff, not ranked")
                   + "; bottom = fewer than bottom_n=\(bottomN) cadres scored strictly lower",
               zh: "\(ranked) 人参加排名" + (temps == 0 ? "" : "；临聘人员 \(temps) 人，不参加排名")
                   + "；末位 = 总分严格低于本人的干部少于 bottom_n=\(bottomN) 人")
    }

    static let bonusTempNote = Phrase(en: "temporary staff: no share of the pool", zh: "临聘人员：不参与考核奖分配")

    static func bonusForfeitNote(_ share: String) -> Phrase {
        Phrase(en: "forfeited (4.1g): \(share) withheld", zh: "扣发（4.1g）：扣发 \(share)")
    }

    static func bonusFooter(perHead: String, regular: Int, pool: String, paid: String, withheld: String, rounding: String,
                            largestRemainder: Bool, awards: String, payout: String) -> [Phrase] {
        let rule = largestRemainder
            ? Phrase(en: "fen_rounding largest_remainder: shares rounded down to the fen, the fen left over one each to the largest remainders, ties by rank then id",
                     zh: "fen_rounding largest_remainder：各份舍到分，余下的分按余数从大到小每人一分，余数相同按名次、再按编号")
            : Phrase(en: "fen_rounding half_up: each share rounded half-up to the fen", zh: "fen_rounding half_up：每份四舍五入到分")
        return [
            Phrase(en: "pool      \(perHead) × \(regular) regular cadres = \(pool)", zh: "奖金总额  \(perHead) × \(regular) 名在编干部 = \(pool)"),
            Phrase(en: "paid      \(paid)", zh: "已分配    \(paid)"),
            Phrase(en: "withheld  \(withheld)", zh: "扣发      \(withheld)"),
            Phrase(en: "rounding  \(rounding) (pool − paid − withheld; ", zh: "舍入差    \(rounding)（总额 − 已分配 − 扣发；") + rule + Phrase(en: ")", zh: "）"),
            Phrase(en: "awards    \(awards); payout \(payout)", zh: "先进奖励  \(awards)；合计发放 \(payout)"),
        ]
    }

    /// `3 rows (of 12 matching, 60)`
    static func rowsShown(_ shown: Int, matched: Int, total: Int) -> Phrase {
        var en = "\(shown) row\(shown == 1 ? "" : "s")", zh = "\(shown) 行"
        if shown < total {
            en += " (of \(matched == total ? "" : "\(matched) matching, ")\(total))"
            zh += "（共 \(total) 行" + (matched == total ? "" : "，符合条件 \(matched) 行") + "）"
        }
        return Phrase(en: en, zh: zh)
    }

    static func eventsFooter(_ n: Int, revoked: Int) -> Phrase {
        Phrase(en: "\(n) event\(n == 1 ? "" : "s")" + (revoked > 0 ? ", \(revoked) revoked" : ""),
               zh: "\(n) 条记录" + (revoked > 0 ? "，其中 \(revoked) 条已作废" : ""))
    }

    static func logFooter(_ n: Int, of all: Int) -> Phrase {
        Phrase(en: "\(n) change\(n == 1 ? "" : "s")\(n < all ? " of \(all)" : "") in the log",
               zh: "日志中" + (n < all ? "共 \(all) 处修改，列出 \(n) 处" : "共 \(n) 处修改"))
    }

    static func scenariosFooter(_ n: Int) -> Phrase {
        Phrase(en: "\(n) scenario\(n == 1 ? "" : "s"); * in use", zh: "共 \(n) 个场景；* 为正在使用")
    }

    static func historyFooter(_ n: Int) -> Phrase {
        Phrase(en: "\(n) result\(n == 1 ? "" : "s")", zh: "\(n) 条结果")
    }

    static func columnsFooter(_ n: Int, sheet: String) -> Phrase {
        Phrase(en: "\(n) columns in \(sheet)", zh: "\(sheet) 共 \(n) 列")
    }
}

/// `scenario diff` and `whatif`.
extension Phrase {
    static func onlyIn(_ who: String, _ side: String) -> Phrase {
        Phrase(en: "\(who): only in \(side)", zh: "\(who)：仅见于 \(side)")
    }

    static func rankOnlyMore(_ n: Int) -> Phrase {
        Phrase(en: "… and \(n) more whose rank moves by less and whose total does not (add all to list them)",
               zh: "……另有 \(n) 人总分未变、名次变动更小（加 all 全部列出）")
    }

    static func moneyOnlyMore(_ n: Int) -> Phrase {
        Phrase(en: "… and \(n) more whose bonus and payout alone move (add all to list them)",
               zh: "……另有 \(n) 人仅考核奖和合计发放变动（加 all 全部列出）")
    }

    static let nothingMoves = Phrase(en: "no cadre's total, rank, bottom, status, bonus or payout moves",
                                     zh: "没有干部的总分、名次、末位、考核结果、考核奖或合计发放变动")

    static func diffFooter(_ count: Int, enters: [String], leaves: [String]) -> Phrase {
        Phrase(en: "\(count) cadre\(count == 1 ? "" : "s") moved"
                   + (enters.isEmpty ? "" : "; enter the bottom: \(enters.joined(separator: ", "))")
                   + (leaves.isEmpty ? "" : "; leave the bottom: \(leaves.joined(separator: ", "))"),
               zh: "\(count) 名干部变动"
                   + (enters.isEmpty ? "" : "；进入末位：\(enters.joined(separator: "、"))")
                   + (leaves.isEmpty ? "" : "；退出末位：\(leaves.joined(separator: "、"))"))
    }

    static func diffMoney(pool: String, bonus: String, payout: String) -> Phrase {
        Phrase(en: "pool \(pool); bonus paid \(bonus); payout \(payout)",
               zh: "奖金总额 \(pool)；考核奖发放 \(bonus)；合计发放 \(payout)")
    }
}

/// A cadre's card (`show CADRE`).
extension Phrase {
    static let cardEvents = Phrase(en: "events:", zh: "扣加分记录：")
    static let cardAwards = Phrase(en: "awards:", zh: "奖励：")

    static func missingFile(_ command: String, usage: String) -> Phrase {
        Phrase(en: "\(command): missing FILE; usage: \(usage)", zh: "\(command)：缺少文件名；用法：\(usage)")
    }
}
