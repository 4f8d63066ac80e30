import KaoheCore

extension Session {
    /// Says a phrase in the session's language.
    func say(_ phrase: Phrase) { say(phrase.text(lang)) }
}

/// What a command says when it has done what was asked, and the notes
/// and warnings beside it.
extension Phrase {
    static func warning(_ w: Phrase) -> Phrase { Phrase(en: "warning: ", zh: "注意：") + w }
    static func note(_ w: Phrase) -> Phrase { Phrase(en: "note: ", zh: "提示：") + w }

    // MARK: Files

    static func saved(_ path: String) -> Phrase { Phrase(en: "saved \(path)", zh: "已保存 \(path)") }

    static func quitUnsaved(_ n: Int) -> Phrase {
        Phrase(en: "quit: \(n) unsaved change\(n == 1 ? "" : "s") not written (a batch run writes only on save)",
               zh: "quit：有 \(n) 处修改未写入文件（批处理只在 save 时写入）")
    }

    static func openUnsavedQuestion(_ n: Int, path: String) -> Phrase {
        Phrase(en: "\(n) unsaved change\(n == 1 ? "" : "s") will be lost. Open \(path) anyway? [y/N] ",
               zh: "有 \(n) 处未保存的修改将会丢失。仍要打开 \(path) 吗？[y/N] ")
    }

    static func opened(_ path: String, cadres: Int?) -> Phrase {
        Phrase(en: "opened \(path)\(cadres.map { ": \($0) cadres" } ?? "")", zh: "已打开 \(path)\(cadres.map { "：\($0) 名干部" } ?? "")")
    }

    static func openedReadOnlyNote(_ path: String) -> Phrase {
        Phrase(en: "\(path) is open read-only: look and export; changes are refused, a copy can be saved (save OTHER.kaohe)",
               zh: "\(path) 以只读方式打开：可查看和导出；不能修改，可另存一份（save 新文件名.kaohe）")
    }

    static func moreWarnings(_ n: Int, path: String) -> Phrase {
        Phrase(en: "warning: … and \(n) more (kaohe check \(path) lists them all)", zh: "注意：……另有 \(n) 处（kaohe check \(path) 可列出全部）")
    }

    static func problemsInFile(_ n: Int) -> Phrase {
        Phrase(en: "\(n) problem\(n == 1 ? "" : "s") in the file: the commands can fix \(n == 1 ? "it" : "them"), then save",
               zh: "文件中有 \(n) 处问题：可用命令改正，然后保存")
    }

    static func wroteForm(_ dept: String, path: String) -> Phrase {
        Phrase(en: "wrote the return form of \(dept) to \(path): fill in rule and times (one row per event; copy a cadre's row for more), then import events \(path)",
               zh: "已将 \(dept) 的填报表写入 \(path)：请填写条款和次数（每条记录一行；同一干部有多条时复制该行），然后 import events \(path)")
    }

    static func wrote(_ what: Phrase, path: String) -> Phrase {
        Phrase(en: "wrote \(what.en) to \(path)", zh: "已将\(what.zh)写入 \(path)")
    }

    static func importedCadres(_ n: Int, path: String) -> Phrase {
        Phrase(en: "imported \(n) cadre\(n == 1 ? "" : "s") from \(path)", zh: "已从 \(path) 导入 \(n) 名干部")
    }

    static func importedEvents(_ n: Int, path: String) -> Phrase {
        Phrase(en: "imported \(n) event\(n == 1 ? "" : "s") from \(path)", zh: "已从 \(path) 导入 \(n) 条记录")
    }

    static func importedScores(_ n: Int, key: String, path: String) -> Phrase {
        Phrase(en: "imported \(n) \(key) score\(n == 1 ? "" : "s") from \(path)", zh: "已从 \(path) 导入 \(n) 个 \(key) 得分")
    }

    // MARK: Editing and the roster

    static func paramChanged(_ name: String, old: String?, new: String) -> Phrase {
        Phrase(en: "\(name) \(old ?? "(new)") → \(new)", zh: "\(name) \(old ?? "（新增）") → \(new)")
    }

    static func moreCadres(_ n: Int) -> Phrase { Phrase(en: "… and \(n) more cadres", zh: "……另有 \(n) 名干部") }

    static func removed(_ label: String) -> Phrase { Phrase(en: "removed \(label)", zh: "已移除 \(label)") }

    static func lineRankChanged(_ office: String, old: String?, new: String?) -> Phrase {
        Phrase(en: "\(office) line rank \(old ?? "(none)") → \(new ?? "(none)")", zh: "\(office) 线上工作名次 \(old ?? "（无）") → \(new ?? "（无）")")
    }

    static func columnFormula(_ place: String, formula: String?) -> Phrase {
        formula.map { Phrase(verbatim: "\(place) \($0)") } ?? Phrase(en: "\(place) is an input column", zh: "\(place) 改为录入列")
    }

    static func removedColumn(_ key: String, sheet: String) -> Phrase {
        Phrase(en: "removed column \(key) from \(sheet)", zh: "已从 \(sheet) 表删除列 \(key)")
    }

    static func addedCadre(_ label: String, office: String?) -> Phrase {
        Phrase(en: "added \(label)\(office.map { " to \($0)" } ?? "")", zh: "已新增 \(label)\(office.map { "，所在办 \($0)" } ?? "")")
    }

    static func shareAName(_ labels: [String]) -> Phrase {
        .note(Phrase(en: "\(labels.joined(separator: ", ")) share a name: name them by id", zh: "\(labels.joined(separator: "、")) 同名：请用编号指明"))
    }

    static func idChanged(_ label: String, old: String, new: String, moved: [Phrase]) -> Phrase {
        Phrase(verbatim: "\(label): ") + Phrase(en: "id \(old) → \(new)", zh: "编号 \(old) → \(new)")
            + (moved.isEmpty ? .empty : Phrase(en: "; ", zh: "；") + .joined(moved, en: ", ", zh: "、") + Phrase(en: " follow", zh: " 随之更改"))
    }

    static func countOf(_ n: Int, _ what: String) -> Phrase {
        let zh = ["event": "条记录", "award": "项奖励", "history row": "条历年结果"][what] ?? what
        return Phrase(en: "\(n) \(what)\(n == 1 ? "" : "s")", zh: "\(n) \(zh)")
    }

    static func addedOffice(_ name: String, rank: String?) -> Phrase {
        Phrase(en: "added office \(name)\(rank.map { " (line rank \($0))" } ?? "")", zh: "已新增科室 \(name)\(rank.map { "（线上工作名次 \($0)）" } ?? "")")
    }

    static func addedColumn(_ key: String, sheet: String, input: Bool, rule: String?) -> Phrase {
        Phrase(en: "added \(input ? "input " : "")column \(key) to \(sheet)" + (rule.map { " (\($0))" } ?? ""),
               zh: "已在 \(sheet) 表新增\(input ? "录入" : "")列 \(key)" + (rule.map { "（\($0)）" } ?? ""))
    }

    // MARK: The scheme

    static func eventRecorded(_ number: Int, _ label: String, rule: String, times: Int, effect: Phrase, by: String, date: String) -> Phrase {
        Phrase(en: "event \(number): \(label) \(rule) ×\(times), \(effect.en) (\(by), \(date))",
               zh: "第 \(number) 条记录：\(label) \(rule) ×\(times)，\(effect.zh)（\(by)，\(date)）")
    }

    static func eventRevoked(_ number: String, _ who: String, rule: String, times: String, date: String) -> Phrase {
        Phrase(en: "revoked event \(number): \(who) \(rule) ×\(times) of \(date) (kept on record)",
               zh: "已作废第 \(number) 条记录：\(who) \(rule) ×\(times)，\(date)（保留在案）")
    }

    static func eventCorrected(_ number: String, _ who: String, rule: String, date: String, by: String, note: String) -> Phrase {
        Phrase(en: "event \(number): \(who) \(rule), \(date), \(by)\(note.isEmpty ? "" : ", 「\(note)」")",
               zh: "第 \(number) 条记录：\(who) \(rule)，\(date)，\(by)\(note.isEmpty ? "" : "，「\(note)」")")
    }

    static func addedRule(_ code: String, kind: String) -> Phrase {
        Phrase(en: "added rule \(code) (\(kind))", zh: "已新增条款 \(code)（\(kind)）")
    }

    static func awardNumbered(_ number: String, _ line: Phrase) -> Phrase {
        Phrase(en: "award \(number): ", zh: "第 \(number) 项奖励：") + line
    }

    static func awardRevokedReply(_ number: String, _ line: Phrase) -> Phrase {
        Phrase(en: "revoked award \(number): ", zh: "已作废第 \(number) 项奖励：") + line
    }

    static func awardPending(_ number: String) -> Phrase {
        Phrase(en: ": no written evidence yet (award evidence \(number) \"...\")", zh: "：尚无文件依据（award evidence \(number) \"...\"）")
    }

    static func awardSuperseded(_ who: String) -> Phrase {
        Phrase(en: ": the same content has a larger award for \(who)", zh: "：\(who) 同一事由已有更高的奖励")
    }

    static func awardRevokedNote(_ why: String) -> Phrase {
        Phrase(en: why.isEmpty ? ", kept on record, not paid" : " (\(why)), kept on record, not paid",
               zh: why.isEmpty ? "，保留在案，不予发放" : "（\(why)），保留在案，不予发放")
    }

    // MARK: History

    static func historyRemoved(_ label: String, year: String) -> Phrase {
        Phrase(en: "\(label) \(year): removed from history", zh: "\(label) \(year)：已从历年结果中删除")
    }

    static func historyLine(_ label: String, year: String, rank: String?, bottom: Bool) -> Phrase {
        Phrase(en: "\(label) \(year): \(rank.map { "rank \($0)" } ?? "no rank")\(bottom ? ", bottom" : "")",
               zh: "\(label) \(year)：\(rank.map { "第 \($0) 名" } ?? "无名次")\(bottom ? "，末位" : "")")
    }

    static func wroteNextYear(_ path: String, year: Int, cadres: Int, results: Int) -> Phrase {
        Phrase(en: "wrote \(path): year \(year + 1), \(cadres) cadres, \(results) results of \(year) added to history; this workbook is unchanged",
               zh: "已写入 \(path)：\(year + 1) 年度，\(cadres) 名干部，\(year) 年度的 \(results) 项结果记入历年结果；本工作簿未改动")
    }

    // MARK: Scenarios

    static func scenarioStarted(_ name: String, over parent: String) -> Phrase {
        Phrase(en: "scenario \(name) (over \(parent)): changes from now on stay in it; scenario use base returns to the real figures",
               zh: "场景 \(name)（基于 \(parent)）：此后的修改都留在该场景中；scenario use base 回到真实数据")
    }

    static func alreadyIn(_ name: String) -> Phrase { Phrase(en: "already in \(name)", zh: "当前已在 \(name)") }

    static let baseRealFigures = Phrase(en: "base: the real figures", zh: "base：真实数据")

    static func scenarioInUse(_ name: String, over parent: String, changes n: Int) -> Phrase {
        Phrase(en: "scenario \(name) (over \(parent)): \(n) change\(n == 1 ? "" : "s")", zh: "场景 \(name)（基于 \(parent)）：\(n) 处修改")
    }

    static func scenarioDropped(_ name: String, changes n: Int, inUse: String) -> Phrase {
        Phrase(en: "dropped scenario \(name) (\(n) change\(n == 1 ? "" : "s")); in use: \(inUse)",
               zh: "已删除场景 \(name)（\(n) 处修改）；当前使用：\(inUse)")
    }

    static func scenarioRenamed(_ old: String, _ new: String) -> Phrase {
        Phrase(en: "renamed scenario \(old) to \(new)", zh: "已将场景 \(old) 重命名为 \(new)")
    }

    static func scenarioApplied(_ name: String, changes n: Int) -> Phrase {
        Phrase(en: "applied scenario \(name): \(n) change\(n == 1 ? "" : "s") now in the base (undo takes them back)",
               zh: "已应用场景 \(name)：\(n) 处修改已写入基准数据（undo 可撤回）")
    }

    // MARK: Merge

    static func mergeNothingNew(_ path: String) -> Phrase {
        Phrase(en: "nothing new in \(path) since it was last merged or copied", zh: "\(path) 自上次合并或复制以来没有新内容")
    }

    static func notMerged(_ what: Phrase) -> Phrase { Phrase(en: "not merged: ", zh: "未合并：") + what }

    /// An import in their log that a merge cannot bring.
    static func importNotCarried(_ command: String, user: String, time: String, roster: Bool) -> Phrase {
        (roster ? Phrase(en: "\(command) (\(user), \(time)): an import of cadres reads a file this workbook may not have",
                         zh: "\(command)（\(user)，\(time)）：导入干部名册要读取本工作簿可能没有的文件")
            : Phrase(en: "\(command) (\(user), \(time)): its log entry does not hold the file's rows (made by an older kaohe)",
                     zh: "\(command)（\(user)，\(time)）：其日志条目未保存该文件的各行（由旧版 kaohe 生成）"))
            + Phrase(en: "; import the file here", zh: "；请在本工作簿中导入该文件")
    }

    // MARK: Recovery

    static func tornLine(_ place: String) -> Phrase {
        Phrase(en: "\(place): the last line was cut short by the crash (its command never finished): dropped",
               zh: "\(place)：最后一行在崩溃时被截断（其命令未执行完）：已舍弃")
    }

    static func journalSetAside(_ path: String) -> Phrase {
        Phrase(en: "set the journal aside as \(path); the workbook is as last saved", zh: "日志文件已另存为 \(path)；工作簿保持上次保存时的状态")
    }

    static func recoveredNotSaved(_ path: String) -> Phrase {
        Phrase(en: "the recovered changes are not saved yet: they stay in \(path) until a save",
               zh: "恢复的修改尚未保存：在保存之前它们保留在 \(path) 中")
    }

    static func replayError(_ inner: Phrase) -> Phrase { Phrase(en: "error: ", zh: "错误：") + inner }
}

extension Phrase {
    static func rowsOf(_ n: Int, sheet: String) -> Phrase {
        Phrase(en: "\(n) row\(n == 1 ? "" : "s") of \(sheet)", zh: " \(sheet) 表的 \(n) 行")
    }

    static func approvalWorkbook(_ n: Int) -> Phrase {
        Phrase(en: "the approval workbook (\(n) cadre\(n == 1 ? "" : "s"))", zh: "审批工作簿（\(n) 名干部）")
    }

    static func report(_ n: Int) -> Phrase {
        Phrase(en: "the report (\(n) cadre\(n == 1 ? "" : "s"))", zh: "报告（\(n) 名干部）")
    }

    static func journalNotReplayed(_ path: String, count n: Int, file: String?, older: Bool, keptAs: String) -> Phrase {
        let what = Phrase(en: "\(path) holds \(n) unsaved change\(n == 1 ? "" : "s")", zh: "\(path) 中有 \(n) 处未保存的修改")
        let theFile = file ?? "the new workbook"
        let why = older
            ? Phrase(en: "was written by an older kaohe and does not say which version of \(theFile) it belongs to",
                     zh: "它由旧版 kaohe 写入，没有注明属于 \(file ?? "新工作簿") 的哪个版本")
            : Phrase(en: "was started on another version of \(theFile) than the one on disk (a save finished, or the file was replaced since)",
                     zh: "它始于 \(file ?? "新工作簿") 的另一个版本，而非磁盘上的这个（其后完成过保存，或文件被替换过）")
        return what + Phrase(en: " but ", zh: "，但") + why
            + Phrase(en: ", so replaying it could apply changes twice: not replayed; kept as \(keptAs)",
                     zh: "，重放可能使修改重复生效：未重放；已另存为 \(keptAs)")
    }

    static func merged(_ who: String, path: String, events: Int, awards: Int, cells: Int, other: Int, conflicts: Int, keptOurs: Int) -> Phrase {
        func n(_ k: Int, _ en: String, _ zh: String) -> Phrase { Phrase(en: "\(k) \(en)\(k == 1 ? "" : "s")", zh: "\(k) \(zh)") }
        var parts = [n(events, "event", "条记录")]
        if awards > 0 { parts.append(n(awards, "award", "项奖励")) }
        parts.append(n(cells, "cell", "个单元格"))
        if other > 0 { parts.append(n(other, "other change", "处其他修改")) }
        parts.append(n(conflicts, "conflict", "处冲突"))
        return Phrase(en: "merged \(who)'s copy (\(path)): ", zh: "已合并 \(who) 的副本（\(path)）：") + .joined(parts, en: ", ", zh: "，")
            + (keptOurs == 0 ? .empty : Phrase(en: "; \(keptOurs) kept ours (prefer=ours)", zh: "；\(keptOurs) 处保留本方（prefer=ours）"))
    }

    static func mergeConflict(_ place: String, base: String, ours: String, theirs: String, user: String, time: String, path: String) -> Phrase {
        Phrase(en: "conflict: \(place): base \(base), ours \(ours), theirs \(theirs) (\(user), \(time)); not applied: merge \(path) prefer=theirs takes theirs, prefer=ours keeps ours",
               zh: "冲突：\(place)：原为 \(base)，本方 \(ours)，对方 \(theirs)（\(user)，\(time)）；未合并：merge \(path) prefer=theirs 采用对方，prefer=ours 保留本方")
    }
}

/// The questions an interactive session asks. The answers stay y and n.
extension Phrase {
    static func askReadOnly(_ error: Phrase) -> Phrase {
        error + Phrase(en: ".\nOpen it read-only (look and export, no changes)? [Y/n] ", zh: "。\n以只读方式打开吗（可查看和导出，不能修改）？[Y/n] ")
    }

    static func askReplay(_ described: String, journal: String, count: Int, last: String) -> Phrase {
        Phrase(en: "\(described).\nReplay them? [Y/n] ",
               zh: "\(journal) 中有 \(count) 处未保存的修改，来自一次未正常结束的会话（最后一处：\(last)）。\n要重放这些修改吗？[Y/n] ")
    }

    static func askSaveBeforeQuit(_ n: Int, file: String?) -> Phrase {
        Phrase(en: "\(n) unsaved change\(n == 1 ? "" : "s") to \(file ?? "the new workbook"). Save before quitting? [y/n/c] ",
               zh: "\(file ?? "新工作簿") 有 \(n) 处修改未保存。退出前保存吗？[y/n/c]（c：取消） ")
    }
}
