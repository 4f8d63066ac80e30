import KaoheCore

extension Templates {
    /// A realistic town on the template, for trying kaohe out: about sixty
    /// cadres with Chinese names in nine offices, about 40 % rural
    /// instructors, three temporary staff, a year of events touching every
    /// rule, awards at several levels (one content recognised at two levels,
    /// one award still without evidence), and two earlier years of history
    /// chosen so that every status occurs. Deterministic: the same year
    /// always gives the same workbook.
    public static func demo(year: Int) throws -> Workbook {
        let wb = try WorkbookFile.read(town(year: year), file: "town template")
        var rng = SplitMix64(seed: UInt64(year))
        func pick<T>(_ xs: [T]) -> T { xs[rng.randint(0, xs.count - 1)] }
        func score(_ lo: Int, _ hi: Int) -> Value { .number(Double(rng.randint(lo * 2, hi * 2)) / 2) }

        let offices = ["党政办", "经济发展办", "农业农村办", "城建办", "社会事务办", "综治办", "计生办", "财政所", "武装部"]
        try wb.appendRows(to: "offices", columns: ["name", "line_rank"],
                          rows: offices.enumerated().map { [.text($1), $0 == 8 ? .empty : .number(Double([2, 5, 3, 1, 6, 3, 4, 7][$0]))] })

        let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹")
        let given = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平",
                     "刚", "桂英", "建华", "晓东", "海燕", "志强", "丽华", "文杰", "春梅", "国庆"]
        var names = Set<String>()
        var cadres: [[Value]] = []
        for i in 1...60 {
            var name = ""
            repeat { name = String(pick(surnames)) + pick(given) } while !names.insert(name).inserted
            let instructor = rng.randint(0, 99) < 40
            let temp = i == 17 || i == 38 || i == 55
            cadres.append([
                .text(i < 10 ? "c0\(i)" : "c\(i)"), .text(name), .text(offices[(i - 1) % offices.count]), .bool(instructor && !temp),
                .text(temp ? "temp" : "regular"), instructor && !temp ? score(10, 15) : .empty, instructor && !temp ? score(30, 40) : .empty,
                score(6, 10),
            ])
        }
        try wb.appendRows(to: "cadres", columns: ["id", "name", "office", "instructor", "staff", "rural_raw", "petition_raw", "democratic"], rows: cadres)
        let ids = cadres.map { $0[0] }

        // A year of events: every rule at least once, some cadres past the
        // absence and leave thresholds, one gambling case, one revoked entry.
        let departments = ["4.1": "作风办", "4.2": "宣传委员", "4.3": "办主任", "4.4": "办主任", "4.5": "后勤", "4.6": "党政办", "4.7": "党政办"]
        var events: [[Value]] = []
        func record(_ cadre: Value, _ rule: String, _ times: Int = 1, points: Double? = nil, note: String = "", revoked: Bool = false) {
            let fixed: [String: Double] = ["4.1": -2, "4.1g": 0, "4.2a": -1, "4.2l": 0, "4.2c": -1, "4.3a": -1, "4.3b": -1, "4.3c": -2,
                                           "4.4a": -0.5, "4.6a": -1, "4.6l": 0, "4.6c": 2, "4.6d": -5, "4.7": -2]
            let month = rng.randint(1, 12), day = rng.randint(1, 28)
            events.append([
                .number(Double(events.count + 1)), cadre, .text(rule), .number(Double(times)), .number(points ?? fixed[rule]!),
                .text("\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"), .text(departments[String(rule.prefix(3))]!),
                note.isEmpty ? .empty : .text(note), .bool(revoked), revoked ? .text("登记有误，经核实撤销") : .empty,
            ])
        }
        record(ids[4], "4.1", note: "工作日午间饮酒")
        record(ids[22], "4.1g", note: "经纪检核实参与赌博")
        record(ids[9], "4.2a", 3, note: "三次无故缺席中心组学习")
        record(ids[31], "4.2a")
        record(ids[12], "4.2l", 10, note: "请假累计10次")
        record(ids[40], "4.2l", 2)
        record(ids[7], "4.2c", note: "未交心得体会")
        record(ids[18], "4.3a")
        record(ids[26], "4.3b", 2)
        record(ids[44], "4.3c", note: "群众投诉首问不到位，经查实")
        record(ids[2], "4.4a", 2)
        record(ids[35], "4.4b", points: -1.5, note: "未认真完成防汛检查任务")
        record(ids[49], "4.5", points: -1, note: "办公室卫生检查不合格")
        record(ids[14], "4.6a", 3, note: "值班三次缺席")
        record(ids[28], "4.6l", 4)
        record(ids[51], "4.6d", note: "值班时脱岗")
        record(ids[57], "4.7")
        record(ids[5], "4.3b", revoked: true)
        for i in stride(from: 0, to: 60, by: 7) where ![16, 37, 54].contains(i) { record(ids[i], "4.6c", note: "全年值班全勤") }
        for _ in 0..<25 { record(pick(ids), pick(["4.3b", "4.4a", "4.2c", "4.6a"])) }
        try wb.appendRows(to: "events", columns: ["no", "cadre", "rule", "times", "points", "date", "by", "note", "revoked", "revoke_note"], rows: events)

        // Awards: one content recognised at district and city level (only the
        // larger is paid), one still without written evidence.
        let awards: [[Value]] = [
            [.number(1), .text("综治办"), .text("district"), .text("key"), .text("社会治安综合治理先进集体"), .text("区委〔\(year)〕12号")],
            [.number(2), .text("综治办"), .text("city"), .text("key"), .text("社会治安综合治理先进集体"), .text("市委〔\(year)〕30号")],
            [.number(3), .text("计生办"), .text("district"), .text("collective"), .text("计划生育工作先进集体"), .text("区府〔\(year)〕7号")],
            [.number(4), ids[9 + 1], .text("province"), .text("individual"), .text("优秀农村工作指导员"), .text("省农办〔\(year)〕5号")],
            [.number(5), ids[23], .text("district"), .text("individual"), .text("优秀共产党员"), .empty],
            [.number(6), .text("武装部"), .text("national"), .text("collective"), .text("全国民兵工作先进单位"), .text("国防动员部〔\(year)〕2号")],
        ]
        try wb.appendRows(to: "awards", columns: ["no", "recipient", "level", "kind", "content", "evidence"], rows: awards)

        // History: every regular cadre's rank in the two earlier years; this
        // year's bottom cadres get the histories that make every status occur.
        let rank = try wb.columnRef("rank", sheet: "cadres"), bottom = try wb.columnRef("bottom", sheet: "cadres")
        let rows = try wb.rows(of: "cadres")
        let bottomNow = rows.indices.filter { wb.value(CellRef(bottom, rows[$0])) == .bool(true) }
            .sorted { (wb.value(CellRef(rank, rows[$0])).number ?? 0) > (wb.value(CellRef(rank, rows[$1])).number ?? 0) }
        var history: [[Value]] = []
        for back in 1...2 {
            var order = rows.indices.filter { cadres[$0][4] != .text("temp") }
            order.shuffle(using: &rng)
            // Running bottoms: the lowest now was bottom both years, the next only last year.
            // The others at the bottom now were not bottom then: they stay "admonish".
            let wanted = back == 1 ? Array(bottomNow.prefix(2)) : Array(bottomNow.prefix(1))
            order.removeAll { bottomNow.contains($0) }
            order = bottomNow.filter { !wanted.contains($0) } + order + wanted
            for (place, i) in order.enumerated() {
                history.append([ids[i], .number(Double(year - back)), .number(Double(place + 1)), .bool(place >= order.count - 3)])
            }
        }
        try wb.appendRows(to: "history", columns: ["cadre", "year", "rank", "bottom"], rows: history)
        wb.clearUndo()
        return wb
    }
}
