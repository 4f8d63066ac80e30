import KaoheCore

extension Session {
    /// What Tab offers for the word being typed, from the command table:
    /// command names first, then for each argument what fits there.
    ///
    /// - Parameters:
    ///   - before: the line up to the start of the word being typed.
    ///   - word: the part of the word typed so far.
    /// - Returns: the candidates, and whether file names fit here instead.
    public func completions(before: String, word: String) -> (candidates: [String], files: Bool) {
        let r = completing(before: before, word: word)
        return (r.candidates, r.files)
    }

    /// What Tab offers, with a note beside each candidate that has one: a
    /// live event's cadre and rule, a live award's recipient and content.
    ///
    /// - Returns: the candidates, their notes by candidate, and whether file names fit here instead.
    public func completionsWithNotes(before: String, word: String) -> (candidates: [String], notes: [String: String], files: Bool) {
        let r = completing(before: before, word: word)
        // A longer list is readline's own, which asks before it floods the screen: no notes to make.
        guard r.candidates.count <= Self.notedLimit else { return (r.candidates, [:], r.files) }
        let wanted = Set(r.candidates)
        var notes: [String: String] = [:]
        if r.kinds.contains(.event) { notes.merge(eventNotes(wanted)) { a, _ in a } }
        if r.kinds.contains(.award) { notes.merge(awardNotes(wanted)) { a, _ in a } }
        return (r.candidates, notes, r.files)
    }

    /// The most candidates listed with notes (readline asks before more than 100).
    static let notedLimit = 100

    private func completing(before: String, word: String) -> (candidates: [String], files: Bool, kinds: [ArgKind]) {
        // Inside an open quote, the words before it are what count.
        var before = before
        if before.filter({ $0 == "\"" }).count % 2 == 1, let open = before.lastIndex(of: "\"") { before.remove(at: open) }
        var done = (try? Words.split(before)) ?? before.split(separator: " ").map {
            Word(text: String($0), range: before.startIndex..<before.startIndex, quoted: false)
        }
        // `扣分` and `DEDUCT` are `deduct` for what follows them.
        if !done.isEmpty { done[0].text = CommandTable.canonical(done[0].text) }
        let typed = done.map(\.text)
        var kinds: [ArgKind] = []
        if typed.isEmpty {
            kinds = [.command]
        } else if typed.count == 1, CommandTable.all.contains(where: { $0.words.count == 2 && $0.words[0] == typed[0] }) {
            var out = CommandTable.all.filter { $0.words[0] == typed[0] && $0.words.count == 2 }.map { String($0.words[1]) }
            // `award` is also a command of its own: its first argument fits here too.
            if let single = CommandTable.all.first(where: { $0.name == typed[0] }), let first = single.arguments.first {
                out += candidates(first.kind, sheet: Self.cadres) + (first.kind == .cadre ? candidates(.office, sheet: Self.cadres) : [])
            }
            return (Self.matching(word, out), false, [])
        } else if let spec = try? CommandTable.find(done) {
            let args = Array(typed.dropFirst(spec.words.count))
            if before.last == "=" || before.last == ",", let key = Self.optionKey(before) {
                if let option = spec.options.first(where: { $0.key == key }) { kinds = [option.kind] }
            } else if spec.name == "show" {
                kinds = showKinds(args, afterComma: before.last == ",")
            } else {
                let positional = args.filter { w in !spec.flags.contains(w) && !spec.options.contains { w.hasPrefix($0.key + "=") } }
                let i = positional.count
                if i < spec.arguments.count {
                    kinds = [spec.arguments[i].kind]
                } else if spec.variadic, let last = spec.arguments.last {
                    kinds = [last.kind]
                }
                var extras = spec.flags.filter { !args.contains($0) }
                extras += spec.options.map { $0.key + "=" }.filter { o in !args.contains { $0.hasPrefix(o) } }
                if i >= spec.arguments.filter({ !$0.optional }).count {
                    kinds.append(.words(extras))
                }
            }
        }
        if kinds.contains(.file) { return ([], true, kinds) }
        var out: [String] = []
        for kind in kinds { out += candidates(kind, sheet: sheetOption(typed)) }
        // The Chinese command words, once a word is begun (or the office speaks Chinese).
        if kinds.contains(.command), !word.isEmpty || lang == .zh { out += CommandTable.aliases.map(\.key) }
        // Only the rules the command accepts: deduct takes no credit or derived rule, credit only credits.
        if kinds.contains(.rule), let command = typed.first, command == "deduct" || command == "credit" {
            let kinds = Dictionary(rulesTable.map { ($0.code, $0.kind) }, uniquingKeysWith: { a, _ in a })
            out = out.filter { code in
                guard let kind = kinds[code] else { return true }
                return command == "credit" ? kind == "credit" : kind != "credit" && kind != "derived"
            }
        }
        return (Self.matching(word, out), false, kinds)
    }

    /// The option whose value is being typed: `office=` or `cols=a,b,`.
    static func optionKey(_ before: String) -> String? {
        guard let last = before.split(separator: " ").last, let eq = last.firstIndex(of: "=") else { return nil }
        return String(last[..<eq])
    }

    func sheetOption(_ typed: [String]) -> String {
        if let s = typed.first(where: { $0.hasPrefix("sheet=") }) { return String(s.dropFirst(6)) }
        if typed.first == "show", typed.count > 1, workbook.sheetNames.contains(typed[1]) { return typed[1] }
        return Self.cadres
    }

    /// `show`: a sheet or cadre first, then clauses, and columns after sort and cols.
    func showKinds(_ args: [String], afterComma: Bool) -> [ArgKind] {
        let clauses = ArgKind.words(["where", "sort", "cols", "limit"])
        if afterComma, args.count >= 2, args[args.count - 2] == "cols" { return [.column] }
        // `show CADRE` is a card: nothing follows.
        if args.count == 1, !workbook.sheetNames.contains(args[0]), !["where", "sort", "cols", "limit"].contains(args[0]) { return [] }
        switch args.last {
        case nil: return [.sheet, .cadre, clauses]
        case "sort", "cols", "where": return [.column]
        case "limit": return []
        default:
            if args.count >= 2, args[args.count - 2] == "sort" { return [.words(["desc", "asc"]), clauses] }
            return [clauses]
        }
    }

    func candidates(_ kind: ArgKind, sheet: String) -> [String] {
        switch kind {
        case .command:
            var seen = Set<String>()
            return CommandTable.all.map { String($0.words[0]) }.filter { seen.insert($0).inserted }
        case .cadre:
            return roster.entries.flatMap { [$0.id, $0.name] }.filter { !$0.isEmpty }
        case .office: return columnValues("offices", "name")
        case .rule: return columnValues("rules", "code")
        case .event: return liveRows("events").map { value("events", $0, "no").displayText }
        case .award: return liveRows("awards").map { value("awards", $0, "no").displayText }
        case .scenario: return ["base"] + scenarios.map(\.name)
        case .sheet: return workbook.sheetNames
        case .param: return workbook.parameters.map(\.name)
        case .column:
            let columns = (try? workbook.columns(of: sheet)) ?? []
            return columns.map(\.key) + columns.map(\.label).filter { !$0.isEmpty }
        case .words(let words): return words
        case .file, .value: return []
        }
    }

    /// The events or awards not revoked: what revoke, event set and the
    /// award commands can still act on.
    func liveRows(_ sheet: String) -> [RowID] {
        guard let rows = try? workbook.rows(of: sheet) else { return [] }
        return rows.filter { value(sheet, $0, "revoked") != .bool(true) && !value(sheet, $0, "no").isEmpty }
    }

    /// `53` → `李艳 (c01) 4.2a ×3, 2026-11-25`, for the numbers in `wanted`.
    func eventNotes(_ wanted: Set<String>) -> [String: String] {
        let town = self.town
        var notes: [String: String] = [:]
        for row in liveRows("events") where wanted.contains(value("events", row, "no").displayText) {
            let times = value("events", row, "times").number.map { $0 == 1 ? "" : " ×\(Num.general($0))" } ?? ""
            let date = value("events", row, "date").displayText
            notes[value("events", row, "no").displayText] = "\(town.who(value("events", row, "cadre").displayText)) \(value("events", row, "rule").displayText)\(times)"
                + (date.isEmpty ? "" : ", \(date)")
        }
        return notes
    }

    /// `5` → `胡平 (c24) district individual 优秀共产党员 (pending)`, for the numbers in `wanted`.
    func awardNotes(_ wanted: Set<String>) -> [String: String] {
        let town = self.town
        var notes: [String: String] = [:]
        for row in liveRows("awards") where wanted.contains(value("awards", row, "no").displayText) {
            let words = ["level", "kind", "content"].map { value("awards", row, $0).displayText }.filter { !$0.isEmpty }
            let status = value("awards", row, "status").displayText
            notes[value("awards", row, "no").displayText] = ([town.who(value("awards", row, "recipient").displayText)] + words).joined(separator: " ")
                + (status.isEmpty ? "" : " (\(status))")
        }
        return notes
    }

    func columnValues(_ sheet: String, _ column: String) -> [String] {
        guard let rows = try? workbook.rows(of: sheet) else { return [] }
        return rows.map { value(sheet, $0, column).displayText }.filter { !$0.isEmpty }
    }

    /// Candidates that start with the typed text (ASCII case ignored), each once, in order.
    static func matching(_ word: String, _ candidates: [String]) -> [String] {
        let lower = word.lowercased()
        var seen = Set<String>()
        return candidates.filter { $0.lowercased().hasPrefix(lower) && seen.insert($0).inserted }
    }
}

/// The longest common prefix by whole characters (never half a Chinese character).
func commonPrefix(_ words: [String]) -> String {
    guard var prefix = words.first.map(Array.init) else { return "" }
    for w in words.dropFirst() {
        let chars = Array(w)
        var n = 0
        while n < prefix.count, n < chars.count, prefix[n] == chars[n] { n += 1 }
        prefix = Array(prefix[..<n])
    }
    return String(prefix)
}
