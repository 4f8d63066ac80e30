import KaoheCore
import KaoheScheme

extension Session {
    /// An award's recipient: an office by name, or a cadre.
    func recipient(_ name: String) throws(CommandError) -> Recipient {
        if town.isOffice(name) { return .office(name) }
        do { return .cadre(try cadre(name)) } catch {
            throw CommandError(.noOfficeOrCadre(name, error.phrase))
        }
    }

    /// Watches the cadres whose award money an award moves.
    func watchAward(_ row: RowID) {
        for c in town.beneficiaries(value("awards", row, "recipient").displayText) { watch(c) }
    }

    func watch(_ who: Recipient) {
        switch who {
        case .office(let name): for m in town.members(name) { watch(m) }
        case .cadre(let row): watch(row)
        }
    }

    func addAward(_ inv: inout Invocation) throws(CommandError) {
        let who = try recipient(inv[0]!)
        guard inv.positional.count == 4 else { throw CommandError(.awardQuoteContent) }
        watch(who)
        let o = inv.options
        let a = try scheme { () throws(SchemeError) in
            try town.award(who, level: inv[1]!, kind: inv[2]!, content: inv[3]!, evidence: o["evidence"]?.text, date: o["date"]?.text)
        }
        pinDate(&inv, value("awards", a.row, "date").displayText)
        made = ["awards \(a.number)"]
        say(.awardNumbered("\(a.number)", awardLine(a.row)))
        warn(a.warnings)
    }

    /// "党政办 city collective 市级文明单位: 1500.00, paid" and why not, when not.
    func awardLine(_ row: RowID) -> Phrase {
        let who = town.who(value("awards", row, "recipient").displayText)
        let status = value("awards", row, "status").displayText
        var line = Phrase(verbatim: "\(who) \(value("awards", row, "level").displayText) \(value("awards", row, "kind").displayText) "
            + "「\(value("awards", row, "content").displayText)」 \(text(value("awards", row, "amount")))") + Phrase(en: ", ", zh: "，") + Phrase(verbatim: status)
        switch status {
        case "pending": line += .awardPending(value("awards", row, "no").displayText)
        case "superseded": line += .awardSuperseded(who)
        case "revoked":
            line += .awardRevokedNote(value("awards", row, "revoke_note").displayText)
        default: break
        }
        return line
    }

    func attachEvidence(_ inv: Invocation) throws(CommandError) {
        guard inv.positional.count == 2 else { throw CommandError(.evidenceQuote) }
        let row = try scheme { () throws(SchemeError) in try town.awardRow(inv[0]!) }
        watchAward(row)
        try scheme { () throws(SchemeError) in try town.attachEvidence(inv[0]!, inv[1]!, force: inv.flags.contains("force")) }
        say(.awardNumbered(inv[0]!, awardLine(row)))
    }

    func revokeAward(_ inv: Invocation) throws(CommandError) {
        let row = try scheme { () throws(SchemeError) in try town.awardRow(inv[0]!) }
        watchAward(row)
        try scheme { () throws(SchemeError) in try town.revokeAward(inv[0]!, note: inv.options["note"]?.text) }
        say(.awardRevokedReply(inv[0]!, awardLine(row)))
    }

    func setAward(_ inv: Invocation) throws(CommandError) {
        let o = inv.options
        let row = try scheme { () throws(SchemeError) in try town.awardRow(inv[0]!) }
        let newRecipient = try o["recipient"].map { w throws(CommandError) in try recipient(w.text) }
        watchAward(row)
        if let newRecipient { watch(newRecipient) }
        try scheme { () throws(SchemeError) in
            try town.setAward(inv[0]!, level: o["level"]?.text, kind: o["kind"]?.text, content: o["content"]?.text, recipient: newRecipient)
        }
        say(.awardNumbered(inv[0]!, awardLine(row)))
    }

    func listAwards() throws(CommandError) {
        try scheme { () throws(SchemeError) in try town.require("awards") }
        let rows = try engine { () throws(WorkbookError) in try workbook.rows(of: "awards") }
        var table = Table(headers: ["no", "recipient", "level", "kind", "content", "amount", "status", "paid", "members", "each", "evidence"], sheet: "awards")
        table.fixed = 2
        var paid = 0.0, pending = 0, revoked = 0
        for r in rows {
            paid += value("awards", r, "paid").number ?? 0
            switch value("awards", r, "status").displayText {
            case "pending": pending += 1
            case "revoked": revoked += 1
            default: break
            }
            table.add([
                cell(value("awards", r, "no")), Table.Cell(text: town.who(value("awards", r, "recipient").displayText)),
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
        if revoked > 0 { footer += "; \(revoked) revoked, not paid" }
        table.footer = [footer, "the same content for the same recipient pays only its largest award"]
        if largestRemainder, workbook.param("collective_split") != .text("per_member") {
            table.footer.append("fen_rounding largest_remainder: each member gets 'each', the fen left over go one each to the members first by rank, then id")
        }
        present(table)
    }
}
