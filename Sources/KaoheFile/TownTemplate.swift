import KaoheCore

/// The town's assessment scheme (SPEC section 1) as a workbook: parameters,
/// the rule and award tables, the event journal and the award list as sheets,
/// and the `cadres` columns as formulas over them. The scheme lives in the
/// workbook, not in code: another town adapts it by editing its workbook.
public enum Templates {
    public static let names = ["town", "demo"]

    /// The contract columns of the `cadres` sheet (SPEC section 6): what the
    /// screen shows of a cadre and what the result sheet of an export holds.
    public static let contractColumns = [
        "id", "name", "office", "instructor", "staff", "line", "rural_raw", "rural", "petition_raw", "petition",
        "rules", "democratic", "total", "rank", "bottom", "status", "bonus", "award_money", "payout",
    ]

    /// A new workbook from the named template; nil for an unknown name.
    public static func make(_ name: String, year: Int) throws -> Workbook? {
        switch name {
        case "town": try WorkbookFile.read(town(year: year), file: "town template")
        case "demo": try demo(year: year)
        default: nil
        }
    }

    /// The town template for an assessment year, as `.kaohe` text.
    public static func town(year: Int) -> String {
        """
        kaohe \(WorkbookFile.version)

        param year = \(year)
        param decimals = 2
        param line_base_rank = 3
        param line_base = 25
        param line_step = 1
        param rules_base = 10
        param rules_floor = 0
        param absence_limit = 3
        param leave_limit = 10
        param bottom_n = 3
        param pool_district = 1000
        param pool_town = 2000
        param bonus_method = "proportional"
        param collective_split = "shared"
        param fen_rounding = "half_up"

        sheet offices
        column name "办" text
        column line_rank "线上名次" whole 1..

        sheet rules
        column code "条款"
        column text "内容"
        column points "每次分值"
        column min "最低"
        column max "最高"
        column dept "记录部门"
        column kind "类别"
        row "4.1", "违反四条禁令", -2, , , "作风办", "deduct"
        row "4.1g", "参与赌博，经查实（扣发考核奖）", 0, , , "作风办", "forfeit"
        row "4.2a", "学习、会议无故缺席", -1, , , "宣传委员", "absence"
        row "4.2l", "学习、会议请假", 0, , , "宣传委员", "leave"
        row "4.2b", "学习、会议缺席3次以上或请假累计10次以上（代替4.2a扣分）", -5, , , "宣传委员", "derived"
        row "4.2c", "未参加活动或未上交理论文章、心得体会", -1, , , "宣传委员", "deduct"
        row "4.3a", "上班期间未请假外出或干私活", -1, , , "办主任", "deduct"
        row "4.3b", "迟到、早退或未说明去向", -1, , , "办主任", "deduct"
        row "4.3c", "首问责任制不到位，经查实", -2, , , "办主任", "deduct"
        row "4.4a", "工作拖拉推迟、配合不力", -0.5, , , "办主任", "deduct"
        row "4.4b", "没有认真完成分配任务（酌情）", , -2, -1, "办主任", "deduct"
        row "4.5", "不文明或有损机关形象（酌情）", , -2, -1, "后勤", "deduct"
        row "4.6a", "值班无故缺席", -1, , , "党政办", "absence"
        row "4.6l", "值班请假", 0, , , "党政办", "leave"
        row "4.6b", "值班缺席3次以上或请假累计10次以上（代替4.6a扣分）", -5, , , "党政办", "derived"
        row "4.6c", "值班全年全出勤", 2, , , "党政办", "credit"
        row "4.6d", "值班时工作失职", -5, , , "党政办", "deduct"
        row "4.7", "档案管理制度执行不好", -2, , , "党政办", "deduct"

        sheet events
        column no "序号" whole 1..
        column cadre "干部" text
        column rule "条款" text
        column times "次数" whole 1..
        column points "每次分值" number
        column date "日期" date
        column by "记录部门"
        column note "备注"
        column revoked "已撤销" yesno
        column revoke_note "撤销原因"
        column live "有效" =NOT(revoked)
        column kind "类别" =XLOOKUP(rule, rules[code], rules[kind], "unknown")
        column amount "分值小计" =IF(live, times*points, 0)

        sheet award_table
        column level "级别"
        column kind "类型"
        column amount "金额"
        column key "键" =level&"/"&kind
        row "district", "key", 2000
        row "district", "collective", 1000
        row "district", "individual", 200
        row "city", "key", 2500
        row "city", "collective", 1500
        row "city", "individual", 500
        row "province", "key", 4000
        row "province", "collective", 2000
        row "province", "individual", 800
        row "national", "key", 6000
        row "national", "collective", 3500
        row "national", "individual", 1000

        sheet awards
        column no "序号" whole 1..
        column recipient "获奖对象" text
        column level "级别" one of "district", "city", "province", "national"
        column kind "类型" one of "key", "collective", "individual"
        column content "奖励内容" text
        column evidence "书面依据"
        column date "日期" date
        column revoked "已撤销" yesno
        column revoke_note "撤销原因" text
        column amount "金额" =XLOOKUP(level&"/"&kind, award_table[key], award_table[amount], 0)
        column evidenced "有依据" =AND(evidence<>"", revoked<>TRUE)
        column best "同内容最高" =MAXIFS(awards[amount], awards[recipient], recipient, awards[content], content, awards[evidenced], TRUE)
        column first "同额最早" =MINIFS(awards[no], awards[recipient], recipient, awards[content], content, awards[evidenced], TRUE, awards[amount], amount)
        column status "状态" =IF(revoked=TRUE, "revoked", IF(NOT(evidenced), "pending", IF(AND(amount=best, first=no), "paid", "superseded")))
        column paid "发放" =IF(status="paid", amount, 0)
        column members "分享人数" =IF(kind="individual", 1, COUNTIF(cadres[office], recipient))
        column share "每人" =IF(OR(kind="individual", collective_split="per_member"), paid, IF(members=0, 0, IF(fen_rounding="largest_remainder", ROUNDDOWN(paid*100/members, 0)/100, ROUND(paid/members, 2))))
        column collective "集体" =kind<>"individual"
        column left_fen "余下分数" =IF(AND(collective, collective_split<>"per_member", fen_rounding="largest_remainder", members>0), ROUND(paid*100-share*100*members, 0), "")

        sheet history
        column cadre "干部" text
        column year "年度" whole
        column rank "名次" whole 1..
        column bottom "末位" yesno

        sheet cadres
        column id "编号" text
        column name "姓名" text
        column office "所在办" one of offices[name]
        column instructor "农村指导员" yesno
        column staff "人员类别" one of "regular", "temp"
        column line "线上工作" =ROUND(IF(COUNTIFS(offices[name], office, offices[line_rank], ">0")=0, line_base, MAX(0, line_base+(line_base_rank-XLOOKUP(office, offices[name], offices[line_rank]))*line_step)), decimals)
        column rural_raw "农村指导员工作原始分" number 0..15
        column rural "农村指导员工作" =ROUND(IF(instructor, rural_raw, AVERAGEIF(cadres[instructor], TRUE, cadres[rural_raw])), decimals)
        column petition_raw "信访稳定工作原始分" number 0..40
        column petition "信访稳定工作" =ROUND(IF(instructor, petition_raw, AVERAGEIF(cadres[instructor], TRUE, cadres[petition_raw])), decimals)
        column study_absent "学习缺席次数" =SUMIFS(events[times], events[cadre], id, events[rule], "4.2a", events[live], TRUE)
        column study_leave "学习请假次数" =SUMIFS(events[times], events[cadre], id, events[rule], "4.2l", events[live], TRUE)
        column duty_absent "值班缺席次数" =SUMIFS(events[times], events[cadre], id, events[rule], "4.6a", events[live], TRUE)
        column duty_leave "值班请假次数" =SUMIFS(events[times], events[cadre], id, events[rule], "4.6l", events[live], TRUE)
        column deductions "扣分合计" =-SUMIFS(events[amount], events[cadre], id, events[kind], "deduct")+IF(OR(study_absent>=absence_limit, study_leave>=leave_limit), -XLOOKUP("4.2b", rules[code], rules[points]), -study_absent*XLOOKUP("4.2a", rules[code], rules[points]))+IF(OR(duty_absent>=absence_limit, duty_leave>=leave_limit), -XLOOKUP("4.6b", rules[code], rules[points]), -duty_absent*XLOOKUP("4.6a", rules[code], rules[points]))
        column credits "加分合计" =SUMIFS(events[amount], events[cadre], id, events[kind], "credit")
        column rules "机关制度" =ROUND(MAX(rules_floor, rules_base-deductions)+credits, decimals)
        column democratic "民主评议" number 0..10
        column total "总分" =ROUND(line+rural+petition+rules+democratic, decimals)
        column regular "参加排名" =staff<>"temp"
        column ranked_total "排名总分" =IF(regular, total, "")
        column rank "名次" =IF(regular, RANK(total, cadres[ranked_total]), "")
        column bottom "末位" =IF(regular, RANK(total, cadres[ranked_total], 1)-1<bottom_n, "")
        column bottom_1 "上年末位" =COUNTIFS(history[cadre], id, history[year], year-1, history[bottom], TRUE)>0
        column bottom_2 "前年末位" =COUNTIFS(history[cadre], id, history[year], year-2, history[bottom], TRUE)>0
        column status "考核结果" =IF(NOT(regular), "", IF(NOT(bottom), "ok", IF(bottom_1, IF(bottom_2, "admonish-6m", "unqualified"), "admonish")))
        column forfeit "扣发考核奖" =COUNTIFS(events[cadre], id, events[kind], "forfeit", events[live], TRUE)>0
        column pool "考核奖总额" =(pool_district+pool_town)*COUNTIF(cadres[regular], TRUE)
        column exact_fen "应得分数" =IF(AND(regular, fen_rounding="largest_remainder"), pool*100*total/SUM(cadres[ranked_total]), "")
        column floor_fen "应得分数取整" =IF(exact_fen="", "", ROUNDDOWN(exact_fen, 0))
        column rest_fen "应得分数余数" =IF(exact_fen="", "", ROUND(exact_fen-floor_fen, 6))
        column extra_fen "补一分" =IF(exact_fen="", "", IF(COUNTIFS(cadres[rest_fen], ">"&rest_fen)+COUNTIFS(cadres[rest_fen], rest_fen, cadres[rank], "<"&rank)+COUNTIFS(cadres[rest_fen], rest_fen, cadres[rank], rank, cadres[id], "<"&id)<pool*100-SUM(cadres[floor_fen]), 1, 0))
        column share "应得考核奖" =IF(regular, IF(fen_rounding="largest_remainder", (floor_fen+extra_fen)/100, ROUND(pool*total/SUM(cadres[ranked_total]), 2)), 0)
        column bonus "考核奖" =IF(forfeit, 0, share)
        column seat "办内次序" =IF(fen_rounding<>"largest_remainder", "", IF(regular, COUNTIFS(cadres[office], office, cadres[regular], TRUE, cadres[rank], "<"&rank)+COUNTIFS(cadres[office], office, cadres[regular], TRUE, cadres[rank], rank, cadres[id], "<"&id), COUNTIFS(cadres[office], office, cadres[regular], TRUE)+COUNTIFS(cadres[office], office, cadres[regular], FALSE, cadres[id], "<"&id)))
        column award_money "先进奖励" =SUMIFS(awards[share], awards[recipient], id)+SUMIFS(awards[share], awards[recipient], office, awards[collective], TRUE)+IF(fen_rounding="largest_remainder", COUNTIFS(awards[recipient], office, awards[collective], TRUE, awards[left_fen], ">"&seat)/100, 0)
        column payout "合计发放" =bonus+award_money

        end

        """
    }
}
