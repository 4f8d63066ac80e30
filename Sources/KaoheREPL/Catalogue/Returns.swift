import KaoheCore

/// What importing a department's return and merging its copy refuse.
extension Phrase {
    static func cannotReadReturn(_ path: String, exists: Bool, why: String) -> Phrase {
        exists ? Phrase(en: "\(path): cannot read it: \(why)", zh: "\(path)：无法读取：\(why)")
            : Phrase(en: "\(path): no such file", zh: "\(path)：没有这个文件")
    }

    static func noRowsUnderHeader(_ path: String) -> Phrase {
        Phrase(en: "\(path): no rows under the header", zh: "\(path)：表头下面没有数据行")
    }

    /// The rows of a return that were refused, and that nothing was imported.
    static func returnRefused(_ problems: [Phrase]) -> Phrase {
        let shown = Phrase.joined(Array(problems.prefix(20)), en: "\n", zh: "\n")
        let more = problems.count > 20 ? Phrase(en: "\n… and \(problems.count - 20) more", zh: "\n……另有 \(problems.count - 20) 行") : .empty
        let n = problems.count
        return shown + more + Phrase(en: "\nnothing was imported (\(n) row\(n == 1 ? "" : "s") refused); fix them and import the file again",
                                     zh: "\n未导入任何数据（\(n) 行被拒绝）；请改正后重新导入该文件")
    }

    static func returnUnknownColumn(_ place: String, _ header: String, hint: Phrase, known: String) -> Phrase {
        Phrase(en: "\(place): unknown column '\(header)'", zh: "\(place)：无法识别的列“\(header)”") + hint
            + Phrase(en: "; a return has \(known)", zh: "；填报表的列为 \(known)")
    }

    static func returnNeedsColumns(_ place: String) -> Phrase {
        Phrase(en: "\(place): a return needs a cadre column (编号 or 姓名) and a rule column (条款)",
               zh: "\(place)：填报表须有干部列（编号或姓名）和条款列（条款）")
    }

    static func scoresNoCadreColumn(_ place: String) -> Phrase {
        Phrase(en: "\(place): no cadre column (编号 or 姓名)", zh: "\(place)：没有干部列（编号或姓名）")
    }

    static func scoresNoValueColumn(_ place: String, key: String, label: String) -> Phrase {
        Phrase(en: "\(place): no column of scores: name it \(key), \(label) or 得分",
               zh: "\(place)：没有得分列：请将列名写作 \(key)、\(label) 或 得分")
    }

    static func formNoRules(_ dept: String, hint: Phrase, departments: [String]) -> Phrase {
        Phrase(en: "export form: no rule is recorded by '\(dept)'", zh: "export form：没有由“\(dept)”记录的条款") + hint
            + Phrase(en: "; departments: \(departments.joined(separator: ", "))", zh: "；记录部门有：\(departments.joined(separator: "、"))")
    }

    // MARK: Merge

    static func mergeUndidOlder(time: String, user: String) -> Phrase {
        Phrase(en: "the copy undid a change made before it was copied (\(time) by \(user)); merge cannot take that back here: make the same correction in this workbook, then merge",
               zh: "副本撤回了复制之前的一处修改（\(time)，\(user)）；合并无法在此撤回它：请在本工作簿中作同样的更正，再合并")
    }

    static func mergeBadPrefer(_ prefer: String) -> Phrase {
        Phrase(en: "merge: prefer is ours or theirs, not '\(prefer)'", zh: "merge：prefer 应为 ours（以本方为准）或 theirs（以对方为准），不能是“\(prefer)”")
    }

    static func mergeSelf(_ path: String) -> Phrase {
        Phrase(en: "merge: \(path) is this workbook; merge brings in a department's copy of it",
               zh: "merge：\(path) 就是本工作簿；merge 用于合并部门手中的副本")
    }

    static func mergeChangeFailed(_ path: String, command: String, user: String, time: String, _ inner: Phrase) -> Phrase {
        Phrase(en: "merge: \(path): their change \(command) (\(user), \(time)) does not apply here: ",
               zh: "merge：\(path)：对方的修改 \(command)（\(user)，\(time)）不适用于本工作簿：")
            + inner + Phrase(en: "; nothing was merged", zh: "；未合并任何内容")
    }
}

/// Messages of merge and the department returns (`Session+Merge`, `Session+Returns`).
extension Phrase {
    static func mergeUnrelated(_ path: String, theirs: String, ours: String) -> Phrase {
        Phrase(en: "merge: \(path) is not a copy of this workbook: its change log belongs to workbook \(theirs), this one to \(ours). merge brings in a copy made from this file; for a department's spreadsheet use import events or import scores",
               zh: "merge：\(path) 不是本工作簿的副本：它的变更记录属于工作簿 \(theirs)，本工作簿是 \(ours)。merge 只合并从本文件复制出去的副本；部门报来的表格请用 import events 或 import scores")
    }

    static func mergeCannotRead(_ path: String, exists: Bool) -> Phrase {
        exists ? Phrase(en: "merge: \(path): cannot read the file", zh: "merge：\(path)：无法读取该文件")
            : Phrase(en: "merge: \(path): no such file", zh: "merge：\(path)：没有这个文件")
    }

    /// Their file has no log and differs from ours: an older kaohe's file, or changed with one.
    static func mergeTheirsUnlogged(_ path: String) -> Phrase {
        Phrase(en: "merge: \(path) has no change log and is not this file as it was: it was made, or changed, by a kaohe older than the change log, so what changed in it is not known. Merge a copy made from this file with this kaohe; for a department's spreadsheet use import events or import scores",
               zh: "merge：\(path) 没有变更记录，且与本文件当时的内容不同：它由不带变更记录的旧版 kaohe 创建或修改过，无从得知改了什么。请合并用本版 kaohe 从本文件复制出去的副本；部门报来的表格请用 import events 或 import scores")
    }

    /// Our file has no log yet and theirs is not a copy of it as it is on disk.
    static func mergeOursUnlogged(_ path: String) -> Phrase {
        Phrase(en: "merge: this workbook has no change log yet (made by a kaohe older than the change log) and \(path) was not copied from it as it is on disk, so their common version is not known. Copy this file to the department again, or make their changes here",
               zh: "merge：本工作簿还没有变更记录（由不带变更记录的旧版 kaohe 创建），而 \(path) 并非从磁盘上的本文件复制，无从找到共同版本。请把本文件重新复制给该部门，或在这里录入他们的修改")
    }
}
