import KaoheCore

/// What the file layer says, in both languages: the problems of reading and
/// writing workbooks, CSV and xlsx. The English is each error's `description`.
extension Phrase {
    static func lockedBy(_ holder: LockHolder?) -> Phrase {
        let zh = holder.map { "进程 \($0.pid)，用户 \($0.user)，主机 \($0.host)，自 \($0.since) 起" }
        return Phrase(en: "\(holder.map { "another kaohe (\($0))" } ?? "another kaohe") has this workbook open for writing; one writer at a time",
                      zh: "\(zh.map { "另一个 kaohe（\($0)）" } ?? "另一个 kaohe")正以写入方式打开本工作簿；同一时间只能有一处写入")
    }
}

extension Phrase {
    // MARK: Opening and saving

    static func cannotReadFile(_ why: String) -> Phrase {
        Phrase(en: "cannot read the file: \(why)", zh: "无法读取该文件：\(why)")
    }

    static func notUTF8(_ what: String) -> Phrase {
        let zh = ["a workbook file": "工作簿文件", "a script": "脚本文件"][what] ?? what
        return Phrase(en: "not UTF-8 text: \(what) is UTF-8 (was it saved by another program in another encoding?)",
                      zh: "不是 UTF-8 文本：\(zh)应为 UTF-8 编码（是否被其他程序以别的编码保存过？）")
    }

    static let noSuchFile = Phrase(en: "no such file", zh: "没有这个文件")

    static func cannotOpen(_ why: String) -> Phrase { Phrase(en: "cannot open: \(why)", zh: "无法打开：\(why)") }

    static let isAFolderNotAFile = Phrase(en: "is a folder, not a file", zh: "是文件夹，不是文件")

    static let noFileName = Phrase(en: "no file name: save FILE", zh: "没有文件名：请用 save 文件名")

    static let openedReadOnly = Phrase(en: "opened read-only: this session cannot write it; save a copy under another name (save OTHER.kaohe)",
                                       zh: "以只读方式打开：本次会话不能写入它；请另存为其他文件名（save 新文件名.kaohe）")

    static let changedOnDisk = Phrase(
        en: "the file changed on disk since it was opened (another program saved it): save force to overwrite those changes, or save to another file (save OTHER.kaohe)",
        zh: "文件在打开后已被改动（其他程序保存过）：save force 可覆盖那些改动，或另存为其他文件（save 新文件名.kaohe）")

    static let saveToAFolder = Phrase(en: "is a folder: save to a file name", zh: "是文件夹：请保存为一个文件名")

    static func fileReadOnly(mode: String) -> Phrase {
        Phrase(en: "the file is read-only (mode \(mode)): make it writable (chmod u+w) to save over it, or save to another file (save OTHER.kaohe)",
               zh: "该文件是只读的（权限 \(mode)）：请先改为可写（chmod u+w）再覆盖保存，或另存为其他文件（save 新文件名.kaohe）")
    }

    static func cannotWriteIn(_ folder: String, _ why: String) -> Phrase {
        Phrase(en: "cannot write in \(folder): \(why)", zh: "无法在 \(folder) 中写入：\(why)")
    }

    static func couldNotSave(_ why: String) -> Phrase {
        Phrase(en: "could not save: \(why); the old file is unchanged", zh: "保存失败：\(why)；原文件未改动")
    }

    // MARK: The journal and the lock

    static let journalUnreadable = Phrase(en: "cannot read the journal of unsaved changes; move it away to open the workbook without them",
                                          zh: "无法读取未保存修改的日志文件；将其移走即可打开工作簿（不含这些修改）")

    static let journalNotUTF8 = Phrase(en: "not UTF-8 text: the journal was damaged; move it away to open the workbook without its changes",
                                       zh: "不是 UTF-8 文本：日志文件已损坏；将其移走即可打开工作簿（不含其中的修改）")

    static let journalMultiline = Phrase(en: "a command that spans lines cannot be journaled; the change was not made",
                                         zh: "跨行的命令无法记入日志；修改未执行")

    static func journalUnwritable(_ why: String) -> Phrase {
        Phrase(en: "cannot write the journal of unsaved changes: \(why); the change was not made",
               zh: "无法写入未保存修改的日志文件：\(why)；修改未执行")
    }

    static func lockUncreatable(_ path: String, _ why: String) -> Phrase {
        Phrase(en: "cannot create the lock \(path) that keeps a second kaohe from writing at the same time: \(why); open it read-only to look at it",
               zh: "无法建立锁文件 \(path)（用于防止两个 kaohe 同时写入）：\(why)；如只需查看，请以只读方式打开")
    }

    static func lockUnwritable(_ path: String, _ why: String) -> Phrase {
        Phrase(en: "cannot write the lock \(path): \(why)", zh: "无法写入锁文件 \(path)：\(why)")
    }

    // MARK: CSV and xlsx in

    static let bomNotUTF8 = Phrase(en: "has a UTF-8 byte-order mark but is not UTF-8", zh: "带有 UTF-8 字节顺序标记（BOM），内容却不是 UTF-8")

    static let neitherUTF8NorGB = Phrase(en: "neither UTF-8 nor GB18030: save the CSV as UTF-8 or as Excel's \"CSV (逗号分隔)\"",
                                         zh: "既不是 UTF-8 也不是 GB18030：请将 CSV 存为 UTF-8，或存为 Excel 的\"CSV (逗号分隔)\"")

    static let quoteNeverClosed = Phrase(en: "a quoted field is never closed: a '\"' is missing", zh: "带引号的字段没有闭合：缺少一个“\"”")

    static let importEmpty = Phrase(en: "is empty: expected a header row of column names", zh: "是空的：第一行应为列名表头")

    static func importNotAColumn(_ i: Int, _ name: String, sheet: String, hint: Phrase) -> Phrase {
        Phrase(en: "column \(i) '\(name)' is not a column of \(sheet)", zh: "第 \(i) 列“\(name)”不是 \(sheet) 表的列") + hint
    }

    static func importComputed(_ i: Int, _ name: String) -> Phrase {
        Phrase(en: "column \(i) '\(name)' is computed by a formula: leave it out of the import",
               zh: "第 \(i) 列“\(name)”由公式计算：导入时请去掉该列")
    }

    static func importTwice(_ key: String) -> Phrase {
        Phrase(en: "column '\(key)' appears twice in the header", zh: "表头中列“\(key)”出现了两次")
    }

    static func importNoRequired(_ key: String) -> Phrase {
        Phrase(en: "the header has no column \(key): every row needs one", zh: "表头缺少 \(key) 列：每行都须填写")
    }

    static func importFieldCount(_ n: Int, header: Int) -> Phrase {
        Phrase(en: "\(n) fields, but the header has \(header)", zh: "本行有 \(n) 个字段，表头却有 \(header) 个")
    }

    static func importMissing(_ key: String) -> Phrase {
        Phrase(en: "no \(key): every row needs one (or leave the whole row blank)", zh: "缺少 \(key)：每行都须填写（或整行留空）")
    }

    static func alreadyIn(_ sheet: String) -> Phrase { Phrase(en: "already in \(sheet)", zh: "已在 \(sheet) 表中") }
    static func alsoOnLine(_ line: Int) -> Phrase { Phrase(en: "also on line \(line)", zh: "第 \(line) 行也有") }

    static func importNotUnique(_ key: String, _ text: String, _ earlier: Phrase) -> Phrase {
        Phrase(en: "the \(key) \(text) is \(earlier.en): each \(key) is unique", zh: "\(key) \(text) \(earlier.zh)：每个 \(key) 不能重复")
    }

    static func importSharedName(_ key: String, _ text: String, _ earlier: Phrase) -> Phrase {
        Phrase(en: "warning: the \(key) \(text) is \(earlier.en) (accepted: two cadres may share a name; name them by id)",
               zh: "提示：\(key) \(text) \(earlier.zh)（已接受：两名干部可以同名；请用编号指明）")
    }

    static func xlsxNoHeader(_ sheet: String) -> Phrase {
        Phrase(en: "no header row in the first sheet '\(sheet)': expected a row naming columns, such as 编号 and 姓名 (or id and name)",
               zh: "第一张工作表“\(sheet)”中没有表头行：应有一行列名，如 编号 和 姓名（或 id 和 name）")
    }

    static func xlsxBeyondHeader(_ column: String) -> Phrase {
        Phrase(en: "a value in column \(column), right of the header's last column: give it a header or delete it",
               zh: "\(column) 列有值，但它在表头最后一列的右边：请为它加上列名，或删除")
    }

    static func xlsxErrorCell(_ cell: String, _ error: String) -> Phrase {
        Phrase(en: "cell \(cell) holds the error \(error): fix it in the workbook", zh: "单元格 \(cell) 是错误值 \(error)：请在工作簿中改正")
    }

    static func notAnXLSX(_ why: String) -> Phrase {
        Phrase(en: "is not an Excel workbook (.xlsx) kaohe can read: \(why)", zh: "不是 kaohe 能读取的 Excel 工作簿（.xlsx）：\(why)")
    }
}

/// What `kaohe check` and opening a file find wrong in a workbook's data.
extension Phrase {
    static func paramRefused(_ name: String, rule: ColumnRule, value: Value) -> Phrase {
        let accepted = rule.explanationPhrase.zh
        return Phrase(en: "param \(name) takes \(rule.explanation), not \(value.isEmpty ? "nothing" : "'\(value.displayText)'")",
                      zh: "参数 \(name) 只能取\(accepted.first?.isASCII == true ? " " : "")\(accepted)，不能取\(value.isEmpty ? "空值" : "“\(value.displayText)”")")
    }

    static func checkNamesNoCadre(_ cadre: String, hint: Phrase) -> Phrase {
        Phrase(en: "names no cadre '\(cadre)'", zh: "所指干部“\(cadre)”不存在") + hint
    }

    static func checkNamesNoRule(_ rule: String, hint: Phrase) -> Phrase {
        Phrase(en: "names no rule '\(rule)'", zh: "所指条款“\(rule)”不存在") + hint
    }

    static func checkNoRecipient(_ who: String, hint: Phrase) -> Phrase {
        Phrase(en: "goes to no cadre or office '\(who)'", zh: "获奖对象“\(who)”既不是干部也不是科室") + hint
    }

    static func checkNoID(_ name: String) -> Phrase {
        Phrase(en: "cadre \(name.isEmpty ? "(no name)" : name) has no id: every cadre needs a unique id",
               zh: "干部 \(name.isEmpty ? "（无姓名）" : name) 没有编号：每名干部都须有唯一的编号")
    }

    static func checkNoName(_ id: String) -> Phrase {
        Phrase(en: "cadre \(id.isEmpty ? "(no id)" : id) has no name", zh: "干部 \(id.isEmpty ? "（无编号）" : id) 没有姓名")
    }

    static func checkIDTwice(_ id: String, also name: String, row: Int) -> Phrase {
        Phrase(en: "the id \(id) is also cadre \(name) (cadres row \(row)): ids must be unique",
               zh: "编号 \(id) 也是干部 \(name) 的编号（cadres 第 \(row) 行）：编号不能重复")
    }

    static func checkNumberTwice(_ what: String, _ number: String, sheet: String, row: Int) -> Phrase {
        let noun = ["event": "记录", "award": "奖励"][what] ?? what
        return Phrase(en: "\(what) number \(number) is used twice (also \(sheet) row \(row)): numbers must be unique",
                      zh: "\(noun)编号 \(number) 用了两次（另见 \(sheet) 第 \(row) 行）：编号不能重复")
    }

    static func checkNumbered(_ what: String, _ number: String?, _ problem: Phrase) -> Phrase {
        let noun = ["event": "记录", "award": "奖励"][what] ?? what
        return Phrase(en: "\(what) \(number ?? "(no number)") ", zh: "\(noun) \(number ?? "（无编号）") ") + problem
    }
}

/// What opening a workbook set right on its way.
extension Phrase {
    static func staleLockTaken(_ path: String, holder: String) -> Phrase {
        Phrase(en: "\(path) was left locked by a kaohe that is no longer running (\(holder)): the lock is now this session's",
               zh: "\(path) 被一个已不在运行的 kaohe 锁定（\(holder)）：锁已由本次会话接管")
    }

    static func removedTemp(_ temp: String, path: String) -> Phrase {
        Phrase(en: "removed \(temp), left by a save that was killed before it finished; \(path) is as last saved",
               zh: "已删除 \(temp)（一次未完成即被中断的保存留下的）；\(path) 保持上次保存时的状态")
    }
}
