import KaoheCore

/// Who receives an award: an office (key and collective awards) or a cadre (individual).
public enum Recipient: Sendable, Equatable {
    case office(String)
    case cadre(RowID)
}

extension Town {
    public static let levels = [("district", "区"), ("city", "市"), ("province", "省"), ("national", "国家")]
    public static let kinds = [("key", "重点"), ("collective", "集体"), ("individual", "个人")]

    /// A level or kind by its English key or Chinese name.
    public static func word(_ typed: String, _ table: [(String, String)], _ what: String) throws(SchemeError) -> String {
        if let w = table.first(where: { $0.0 == typed.lowercased() || $0.1 == typed }) { return w.0 }
        throw SchemeError(.awardWord(what, table: table, typed: typed) + didYouMean(typed, in: table.map(\.0)))
    }

    /// The cadres whose award money an award's recipient moves.
    public func beneficiaries(_ recipient: String) -> [RowID] {
        cadre(id: recipient).map { [$0] } ?? members(recipient)
    }

    func recipientValue(_ who: Recipient, kind: String) throws(SchemeError) -> Value {
        switch who {
        case .office(let name):
            guard kind != "individual" else { throw SchemeError(.awardOfficeIndividual(name)) }
            return .text(name)
        case .cadre(let row):
            guard kind == "individual" else { throw SchemeError(.awardCadreCollective(label(row))) }
            return value(Self.cadres, row, "id")
        }
    }

    /// Records an advanced award; it is paid once it has written evidence.
    public func award(_ who: Recipient, level: String, kind: String, content: String, evidence: String?, date typed: String?) throws(SchemeError) -> (number: Int, row: RowID, warnings: [Phrase]) {
        try require("awards")
        let level = try Self.word(level, Self.levels, "LEVEL")
        let kind = try Self.word(kind, Self.kinds, "KIND")
        guard !content.trimmingCharacters(in: .whitespaces).isEmpty else { throw SchemeError(.awardNoContent) }
        let recipient = try recipientValue(who, kind: kind)
        let day = try typed.map { d throws(SchemeError) in try date(d) } ?? today
        let number = nextNumber("awards")
        var values: [String: Value] = [
            "no": .number(Double(number)), "recipient": recipient, "level": .text(level), "kind": .text(kind),
            "content": .text(content), "date": .text(day),
        ]
        if let evidence, !evidence.isEmpty { values["evidence"] = .text(evidence) }
        let (row, _) = try engine { () throws(WorkbookError) in try workbook.addRow(to: "awards", values) }
        return (number, row, yearWarning(day).map { [$0] } ?? [])
    }

    /// The award numbered `number`.
    public func awardRow(_ number: String) throws(SchemeError) -> RowID {
        try numbered("awards", number, what: .awardNoun)
    }

    func requireLive(_ row: RowID, _ number: String) throws(SchemeError) {
        if value("awards", row, "revoked") == .bool(true) {
            let why = value("awards", row, "revoke_note").displayText
            throw SchemeError(.awardRevoked(number, why: why))
        }
    }

    /// Attaches the written evidence that lets an award be paid; replacing
    /// evidence already there needs `force`.
    @discardableResult
    public func attachEvidence(_ number: String, _ text: String, force: Bool) throws(SchemeError) -> RowID {
        let row = try awardRow(number)
        try requireLive(row, number)
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { throw SchemeError(.evidenceEmpty) }
        let old = value("awards", row, "evidence").displayText
        if !old.isEmpty, !force {
            throw SchemeError(.evidenceExists(number, old: old, text: text))
        }
        try engine { () throws(WorkbookError) in try workbook.set(.text(text), row: row, column: "evidence", sheet: "awards") }
        return row
    }

    /// Revokes an award entered by mistake: kept on record, no longer paid.
    @discardableResult
    public func revokeAward(_ number: String, note: String?) throws(SchemeError) -> RowID {
        let row = try awardRow(number)
        try require("revoked", in: "awards", for: "award revoke")
        try requireLive(row, number)
        try engine { () throws(WorkbookError) in
            try workbook.transaction { () throws(WorkbookError) in
                try workbook.set(.bool(true), row: row, column: "revoked", sheet: "awards")
                if let note, !note.isEmpty { try workbook.set(.text(note), row: row, column: "revoke_note", sheet: "awards") }
            }
        }
        return row
    }

    /// Corrects an award's level, kind, content or recipient; the checks of
    /// `award` apply to the result.
    @discardableResult
    public func setAward(_ number: String, level: String?, kind: String?, content: String?, recipient: Recipient?) throws(SchemeError) -> RowID {
        let row = try awardRow(number)
        try requireLive(row, number)
        guard level != nil || kind != nil || content != nil || recipient != nil else {
            throw SchemeError(.awardSetNothing)
        }
        let newLevel = try level.map { l throws(SchemeError) in try Self.word(l, Self.levels, "LEVEL") }
        let newKind = try kind.map { k throws(SchemeError) in try Self.word(k, Self.kinds, "KIND") } ?? value("awards", row, "kind").displayText
        let current: Recipient = {
            let id = value("awards", row, "recipient").displayText
            return cadre(id: id).map(Recipient.cadre) ?? .office(id)
        }()
        let newRecipient = try recipientValue(recipient ?? current, kind: newKind)
        if let content, content.trimmingCharacters(in: .whitespaces).isEmpty { throw SchemeError(.awardContentEmpty) }
        try engine { () throws(WorkbookError) in
            try workbook.transaction { () throws(WorkbookError) in
                if let newLevel { try workbook.set(.text(newLevel), row: row, column: "level", sheet: "awards") }
                try workbook.set(.text(newKind), row: row, column: "kind", sheet: "awards")
                if let content { try workbook.set(.text(content), row: row, column: "content", sheet: "awards") }
                try workbook.set(newRecipient, row: row, column: "recipient", sheet: "awards")
            }
        }
        return row
    }
}
