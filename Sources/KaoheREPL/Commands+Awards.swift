import KaoheCore

extension Session {
    /// An award's recipient: an office by name, or a cadre.
    enum Recipient {
        case office(String)
        case cadre(RowID)
    }

    func recipient(_ name: String) throws(CommandError) -> Recipient {
        if (try? row(name, in: "offices", what: "office")) != nil { return .office(name) }
        do { return .cadre(try cadre(name)) } catch {
            throw CommandError("no office or cadre '\(name)': \(error.message)")
        }
    }

    /// The cadres of an office.
    func members(_ office: String) -> [RowID] {
        roster.entries.map(\.row).filter { value(Self.cadres, $0, "office").displayText == office }
    }

    func addAward(_ inv: inout Invocation) throws(CommandError) {
        try requireSheet("awards")
        let who = try recipient(inv[0]!)
        func word(_ typed: String, _ table: [(String, String)], _ what: String) throws(CommandError) -> String {
            if let w = table.first(where: { $0.0 == typed.lowercased() || $0.1 == typed }) { return w.0 }
            throw CommandError("award: \(what) is \(table.map { "\($0.0) (\($0.1))" }.joined(separator: ", ")), not '\(typed)'\(didYouMean(typed, in: table.map(\.0)))")
        }
        let level = try word(inv[1]!, CommandTable.levels, "LEVEL")
        let kind = try word(inv[2]!, CommandTable.kinds, "KIND")
        let content = inv[3]!
        guard inv.positional.count == 4 else { throw CommandError("award: quote the content if it has blanks: \"...\"") }
        let recipientValue: Value
        switch who {
        case .office(let name):
            guard kind != "individual" else { throw CommandError("award: \(name) is an office: an office receives a key or collective award; an individual award goes to a cadre") }
            recipientValue = .text(name)
            for m in members(name) { watch(m) }
        case .cadre(let row):
            guard kind == "individual" else { throw CommandError("award: \(cadreLabel(row)) is a cadre: a cadre receives an individual award; a collective award goes to the office") }
            recipientValue = value(Self.cadres, row, "id")
            watch(row)
        }
        let day = try inv.options["date"].map { w throws(CommandError) in try date(w.text) } ?? Self.today()
        if inv.options["date"] == nil { inv.journalLine = inv.line + " date=" + day }
        let number = nextNumber("awards")
        var values: [String: Value] = [
            "no": .number(Double(number)), "recipient": recipientValue, "level": .text(level), "kind": .text(kind),
            "content": .text(content), "date": .text(day),
        ]
        if let evidence = inv.options["evidence"]?.text, !evidence.isEmpty { values["evidence"] = .text(evidence) }
        let (row, _) = try engine { () throws(WorkbookError) in try workbook.addRow(to: "awards", values) }
        say("award \(number): \(awardLine(row))")
    }

    /// "党政办 city collective 市级文明单位: 1500.00, paid" and why not, when not.
    func awardLine(_ row: RowID) -> String {
        let recipient = value("awards", row, "recipient").displayText
        let who = roster.byID[recipient].map(cadreLabel) ?? recipient
        let status = value("awards", row, "status").displayText
        var line = "\(who) \(value("awards", row, "level").displayText) \(value("awards", row, "kind").displayText) "
            + "「\(value("awards", row, "content").displayText)」 \(text(value("awards", row, "amount"))), \(status)"
        switch status {
        case "pending": line += ": no written evidence yet (award evidence \(value("awards", row, "no").displayText) \"...\")"
        case "superseded": line += ": the same content has a larger award for \(who)"
        default: break
        }
        return line
    }

    func attachEvidence(_ inv: Invocation) throws(CommandError) {
        try requireSheet("awards")
        let row = try self.row(inv[0]!, in: "awards", what: "award")
        guard inv.positional.count == 2 else { throw CommandError("award evidence: quote the text if it has blanks: \"...\"") }
        let recipient = value("awards", row, "recipient").displayText
        if let c = roster.byID[recipient] { watch(c) } else { for m in members(recipient) { watch(m) } }
        try engine { () throws(WorkbookError) in try workbook.set(.text(inv[1]!), row: row, column: "evidence", sheet: "awards") }
        say("award \(inv[0]!): \(awardLine(row))")
    }

    func listAwards() throws(CommandError) {
        try requireSheet("awards")
        let rows = try engine { () throws(WorkbookError) in try workbook.rows(of: "awards") }
        var table = Table(headers: ["no", "recipient", "level", "kind", "content", "amount", "status", "paid", "members", "each", "evidence"])
        var paid = 0.0, pending = 0
        for r in rows {
            let recipient = value("awards", r, "recipient").displayText
            paid += value("awards", r, "paid").number ?? 0
            if value("awards", r, "status").displayText == "pending" { pending += 1 }
            table.add([
                cell(value("awards", r, "no")), Table.Cell(text: roster.byID[recipient].map(cadreLabel) ?? recipient),
                Table.Cell(text: value("awards", r, "level").displayText), Table.Cell(text: value("awards", r, "kind").displayText),
                Table.Cell(text: value("awards", r, "content").displayText), cell(value("awards", r, "amount"), places: 2),
                cell(value("awards", r, "status")), cell(value("awards", r, "paid"), places: 2),
                cell(value("awards", r, "members")), cell(value("awards", r, "share"), places: 2),
                Table.Cell(text: value("awards", r, "evidence").displayText),
            ])
        }
        table.maxWidth = 24
        let received = roster.entries.reduce(0.0) { $0 + (value(Self.cadres, $1.row, "award_money").number ?? 0) }
        var footer = "\(rows.count) award\(rows.count == 1 ? "" : "s"); paid \(Num.fixed(paid, decimals: 2))"
        if abs(received - paid) >= 0.005 {
            let perMember = workbook.param("collective_split") == .text("per_member")
            footer += "; cadres receive \(Num.fixed(received, decimals: 2))" + (perMember
                ? " (collective_split per_member: each member receives the whole amount)"
                : " (collective awards split per member, rounded half-up to the fen: \(Num.fixed(paid - received, decimals: 2)) not distributed; fen_rounding largest_remainder pays it all)")
        }
        if pending > 0 { footer += "; \(pending) pending evidence, not paid" }
        table.footer = [footer, "the same content for the same recipient pays only its largest award"]
        if largestRemainder, workbook.param("collective_split") != .text("per_member") {
            table.footer.append("fen_rounding largest_remainder: each member gets 'each', the fen left over go one each to the members first by rank, then id")
        }
        present(table)
    }
}
