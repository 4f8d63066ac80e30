import KaoheCore

/// Messages of merge and the department returns (`Session+Merge`, `Session+Returns`).
extension Phrase {
    static func mergeUnrelated(_ path: String, theirs: String, ours: String) -> Phrase {
        Phrase(en: "merge: \(path) is not a copy of this workbook: its change log belongs to workbook \(theirs), this one to \(ours). merge brings in a copy made from this file; for a department's spreadsheet use import events or import scores",
               zh: "merge：\(path) 不是本工作簿的副本：它的变更记录属于工作簿 \(theirs)，本工作簿是 \(ours)。merge 只合并从本文件复制出去的副本；部门报来的表格请用 import events 或 import scores")
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
