import Foundation
import KaoheCore
import KaoheFile
import KaoheScheme

/// Department returns that come as spreadsheets: `import events` (one event
/// a row) and `import scores` (a column's values by cadre), and the blank
/// form a department fills in (`export form`). Every row becomes the command
/// a person would type (`deduct 李艳 4.2a x2 date=…`), read and checked as
/// typed, and the rows run as one batch inside one transaction
/// (`runQuietly`): the same checks as typing them, all or nothing, each
/// rejected row reported as `FILE:LINE: reason`.
extension Session {
    /// Header names a return may use for each field: key, Chinese, and the
    /// words a department's own sheet tends to use.
    static let eventHeaders: [(field: String, names: [String])] = [
        ("date", ["date", "日期", "时间"]),
        ("cadre", ["cadre", "id", "干部", "编号"]),
        ("name", ["name", "姓名"]),
        ("office", ["office", "所在办"]),
        ("rule", ["rule", "code", "条款", "扣分条款", "规则"]),
        ("times", ["times", "count", "次数"]),
        ("points", ["points", "每次分值", "分值", "扣分"]),
        ("note", ["note", "备注", "说明"]),
        ("by", ["by", "记录部门", "部门"]),
    ]

    func readReturn(_ path: String) throws(CommandError) -> [(line: Int, fields: [String])] {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw CommandError(.cannotReadReturn(path, exists: FileManager.default.fileExists(atPath: path), why: error.localizedDescription))
        }
        let records: [(line: Int, fields: [String])]
        do { records = try CSV.read(data, file: path) } catch { throw CommandError(error) }
        // Blank rows (a spreadsheet's trailing ones) are not returns.
        let rows = records.filter { !$0.fields.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
        guard rows.count > 1 else { throw CommandError(.noRowsUnderHeader(path)) }
        return rows
    }

    /// Runs the commands a return's rows stand for, all or nothing, as one
    /// batch (`runQuietly`). The import's log entry keeps the commands and
    /// the rows they made, so a merge of this copy elsewhere brings them
    /// without the file (`Session+Merge`).
    func runReturn(_ path: String, _ commands: [(line: Int, command: String)]) throws(CommandError) -> Int {
        var made: [String] = []
        try workbook.transaction { () throws(CommandError) in
            let problems = runQuietly(commands.map(\.command), ran: { _, _, rows in made += rows })
                .map { Phrase(verbatim: "\(path):\(commands[$0.index].line): ") + $0.phrase }
            if !problems.isEmpty {
                throw CommandError(.returnRefused(problems))
            }
        }
        rosterChanged()
        self.made = made
        lines = commands.map(\.command)
        return commands.count
    }

    /// `import events FILE.csv`: one event a row (date, cadre, rule, times, points, note, by).
    func importEvents(_ path: String) throws(CommandError) {
        let rows = try readReturn(path)
        let header = rows[0].fields.map { $0.trimmingCharacters(in: .whitespaces) }
        var at: [String: Int] = [:]
        for (i, h) in header.enumerated() {
            guard let f = Self.eventHeaders.first(where: { $0.names.contains(h.lowercased()) || $0.names.contains(h) }) else {
                let known = Self.eventHeaders.map { "\($0.field) (\($0.names[1]))" }.joined(separator: ", ")
                throw CommandError(.returnUnknownColumn("\(path):\(rows[0].line)", h, hint: didYouMean(h, in: Self.eventHeaders.flatMap(\.names)), known: known))
            }
            at[f.field] = i
        }
        guard at["cadre"] != nil || at["name"] != nil, at["rule"] != nil else {
            throw CommandError(.returnNeedsColumns("\(path):\(rows[0].line)"))
        }
        let rules = Dictionary(town.rules.map { ($0.code, $0.kind) }, uniquingKeysWith: { a, _ in a })
        var commands: [(Int, String)] = []
        for (line, fields) in rows.dropFirst() {
            func field(_ key: String) -> String? {
                guard let i = at[key], i < fields.count else { return nil }
                let t = fields[i].trimmingCharacters(in: .whitespaces)
                return t.isEmpty ? nil : t
            }
            // A form's legend lines, and its roster lines left unfilled.
            if fields.first?.hasPrefix("#") == true { continue }
            if ["rule", "times", "points", "note"].allSatisfy({ field($0) == nil }) { continue }
            let rule = field("rule") ?? ""
            let cadre = field("cadre") ?? field("name") ?? ""
            var words = [rules[rule] == "credit" ? "credit" : "deduct", Words.quote(cadre), Words.quote(rule)]
            if let t = field("times") { words.append("x" + t) }
            // A fixed rule's points come from the table; only a discretionary rule takes them from the return.
            if let p = field("points"), town.rules.first(where: { $0.code == rule })?.discretionary == true { words.append("points=" + Words.quote(p)) }
            for key in ["note", "date", "by"] { if let v = field(key) { words.append("\(key)=" + Words.quote(v)) } }
            commands.append((line, words.joined(separator: " ")))
        }
        let n = try runReturn(path, commands)
        say(.importedEvents(n, path: path))
    }

    /// `import scores FILE.csv COL`: a column's values by cadre (id or name).
    func importScores(_ path: String, column typed: String) throws(CommandError) {
        let key = try column(typed, sheet: Self.cadres).key
        let rows = try readReturn(path)
        let header = rows[0].fields.map { $0.trimmingCharacters(in: .whitespaces) }
        let label = (try? workbook.columns(of: Self.cadres))?.first { $0.key == key }?.label ?? key
        let cadreAt = header.firstIndex { ["cadre", "id", "name", "干部", "编号", "姓名"].contains($0.lowercased()) }
        let valueAt = header.firstIndex { $0 == key || $0 == label || ["score", "value", "分数", "得分"].contains($0.lowercased()) }
        guard let cadreAt else { throw CommandError(.scoresNoCadreColumn("\(path):\(rows[0].line)")) }
        guard let valueAt else { throw CommandError(.scoresNoValueColumn("\(path):\(rows[0].line)", key: key, label: label)) }
        var commands: [(Int, String)] = []
        for (line, fields) in rows.dropFirst() {
            let cadre = cadreAt < fields.count ? fields[cadreAt].trimmingCharacters(in: .whitespaces) : ""
            let v = valueAt < fields.count ? fields[valueAt].trimmingCharacters(in: .whitespaces) : ""
            commands.append((line, "set \(Words.quote(cadre)) \(key) \(v.isEmpty ? "\"\"" : Words.quote(v))"))
        }
        let n = try runReturn(path, commands)
        say(.importedScores(n, key: key, path: path))
    }

    /// `export form FILE.csv for=DEPT`: the roster, one row per cadre, with
    /// a column per rule the department records, to fill in with counts
    /// (and points, for a discretionary rule).
    func formRows(for dept: String) throws(CommandError) -> [[String]] {
        let rules = town.rules.filter { $0.dept == dept && $0.kind != "derived" }
        guard !rules.isEmpty else {
            let depts = Array(Set(town.rules.map(\.dept))).sorted()
            throw CommandError(.formNoRules(dept, hint: didYouMean(dept, in: depts), departments: depts))
        }
        var out = [["date", "cadre", "name", "office", "rule", "times", "points", "note", "by"]]
        out.append(["#日期", "编号", "姓名", "所在办", "条款", "次数", "每次分值（酌情条款填写）", "备注", "记录部门"])
        for r in rules { out.append(["#\(r.code)", "", "", "", r.code, "", r.discretionary ? r.pointsText : "", r.text, dept]) }
        for e in roster.entries {
            out.append(["", e.id, e.name, value(Self.cadres, e.row, "office").displayText, "", "", "", "", dept])
        }
        return out
    }
}
