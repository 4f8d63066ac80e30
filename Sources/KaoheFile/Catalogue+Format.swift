import KaoheCore

/// What the reader says of a `.kaohe` file that does not read (one written
/// by hand, or cut short), each at its line and column, in both languages.
extension Phrase {
    /// `a sheet name` and the other things a line expects, in Chinese.
    static func expected(_ what: String) -> String {
        ["a column key": "列键名", "a parameter name": "参数名", "a sheet name": "工作表名", "award": "奖励编号", "event": "记录编号"][what] ?? what
    }

    static func fileEmpty(_ version: Int) -> Phrase {
        Phrase(en: "empty file: a workbook starts with the line 'kaohe \(version)'", zh: "空文件：工作簿以“kaohe \(version)”一行开头")
    }

    static let fileCutShort = Phrase(
        en: "the file ends without its closing 'end' line: it was cut short (an interrupted copy, a full disk?); open a whole copy, or, if the file was written by hand, end it with a line 'end'",
        zh: "文件没有结尾的“end”行：文件不完整（复制中断或磁盘已满？）；请打开完整的副本；如是手工编写，请在末尾加一行“end”")

    static func textAfterEnd(_ endLine: Int) -> Phrase {
        Phrase(en: "text after the 'end' line (line \(endLine)) that closes the workbook: move it above that line",
               zh: "结束工作簿的“end”行（第 \(endLine) 行）之后还有内容：请移到该行之上")
    }

    static func afterScenarioOrLog(_ word: String) -> Phrase {
        Phrase(en: "'\(word)' after a scenario or the change log: parameters and sheets come first",
               zh: "“\(word)”出现在场景或修改日志之后：参数和工作表应在前面")
    }

    static let scenarioAfterLog = Phrase(en: "a scenario after the change log: scenarios come before it", zh: "场景出现在修改日志之后：场景应在日志之前")
    static let endHoldsNothing = Phrase(en: "the 'end' line closes the workbook and holds nothing else", zh: "“end”行结束工作簿，不能再有其他内容")
    static let cellNeedsIndent = Phrase(en: "a cell line belongs to the row above it: indent it with two spaces", zh: "cell 行属于上面的 row 行：请缩进两个空格")

    static func noIndent(_ word: String) -> Phrase {
        Phrase(en: "'\(word)' starts at the beginning of its line (no indent)", zh: "“\(word)”应顶格书写（不缩进）")
    }

    static func unknownLine(_ word: String, hint: Phrase) -> Phrase {
        Phrase(en: "unknown line '\(word)'", zh: "无法识别的行“\(word)”") + hint
            + Phrase(en: ": expected param, sheet, column, row, cell, scenario, change, log, entry or end",
                     zh: "：应为 param、sheet、column、row、cell、scenario、change、log、entry 或 end")
    }

    static func notAWorkbook(_ version: Int) -> Phrase {
        Phrase(en: "not a kaohe workbook: the first line should be 'kaohe \(version)'", zh: "不是 kaohe 工作簿：第一行应为“kaohe \(version)”")
    }

    static func notAVersion(_ text: String, _ version: Int) -> Phrase {
        Phrase(en: "'\(text)' is not a format version: the first line should be 'kaohe \(version)'",
               zh: "“\(text)”不是格式版本号：第一行应为“kaohe \(version)”")
    }

    static func newerVersion(_ v: Int, _ version: Int) -> Phrase {
        Phrase(en: "this workbook is format version \(v); this kaohe reads versions up to \(version): upgrade kaohe to open it",
               zh: "本工作簿为第 \(v) 版格式；此 kaohe 只能读取第 \(version) 版及以前：请升级 kaohe 后再打开")
    }

    static func expectedAfterKeyword(_ what: String) -> Phrase {
        Phrase(en: "expected \(what) after the keyword", zh: "关键字后应为\(expected(what))")
    }

    static func badName(_ what: String, found: String) -> Phrase {
        Phrase(en: "expected \(what) (letters, digits and '_', starting with a letter), found '\(found)'",
               zh: "应为\(expected(what))（字母、数字和“_”，以字母开头），实际为“\(found)”")
    }

    static func paramNeedsEquals(_ key: String) -> Phrase {
        Phrase(en: "expected '=' after the parameter name: param \(key) = VALUE", zh: "参数名后应为“=”：param \(key) = 值")
    }

    static let oneValuePerParam = Phrase(en: "one value per parameter: remove what follows", zh: "每个参数只有一个值：请删除后面的内容")

    static func paramTwice(_ key: String) -> Phrase {
        Phrase(en: "parameter '\(key)' is set twice", zh: "参数“\(key)”设置了两次")
    }

    static let textAfterSheetName = Phrase(en: "unexpected text after the sheet name", zh: "工作表名后有多余内容")

    static func sheetTwice(_ key: String) -> Phrase {
        Phrase(en: "sheet '\(key)' appears twice", zh: "工作表“\(key)”出现了两次")
    }

    static let columnNeedsSheet = Phrase(en: "a column needs a sheet: put 'sheet NAME' above it", zh: "column 行须属于某张工作表：请在其上方写“sheet 表名”")

    static func columnAfterRows(_ key: String, sheet: String) -> Phrase {
        Phrase(en: "column '\(key)' comes after rows of sheet \(sheet): columns come first",
               zh: "列“\(key)”出现在工作表 \(sheet) 的数据行之后：列应写在前面")
    }

    static func columnTwice(_ key: String, sheet: String) -> Phrase {
        Phrase(en: "sheet \(sheet) already has a column '\(key)'", zh: "工作表 \(sheet) 已有列“\(key)”")
    }

    static func badColumnRest(_ found: String) -> Phrase {
        Phrase(en: "expected a \"label\", a =formula or a rule (number 0..10, yesno, …) after the column key, found '\(found)'",
               zh: "列键名后应为“标题”、=公式或取值规则（number 0..10、yesno 等），实际为“\(found)”")
    }

    static let rowNeedsSheet = Phrase(en: "a row needs a sheet: put 'sheet NAME' above it", zh: "row 行须属于某张工作表：请在其上方写“sheet 表名”")

    static func rowWidth(_ values: Int, sheet: String, inputs: Int) -> Phrase {
        Phrase(en: "this row has \(values) values but sheet \(sheet) has \(inputs) input columns",
               zh: "此行有 \(values) 个值，但工作表 \(sheet) 有 \(inputs) 个录入列")
    }

    static let cellNeedsRow = Phrase(en: "a cell line belongs to a row: put it under the row it changes", zh: "cell 行须属于某个 row 行：请放在它所修改的行下面")

    static func noColumnInSheet(_ key: String, sheet: String, hint: Phrase) -> Phrase {
        Phrase(en: "sheet \(sheet) has no column '\(key)'", zh: "工作表 \(sheet) 没有列“\(key)”") + hint
    }

    static let oneValuePerCell = Phrase(en: "one value per cell line: remove what follows", zh: "每个 cell 行只有一个值：请删除后面的内容")

    // MARK: Values on a line (ValueCodec, the log and scenario lines)

    static func expectedComma(_ found: String) -> Phrase {
        Phrase(en: "expected ',' between values, found '\(found)'", zh: "值之间应为“,”，实际为“\(found)”")
    }

    static func unknownErrorValue(_ word: String, known: String) -> Phrase {
        Phrase(en: "unknown error value '\(word)' (known: \(known))", zh: "无法识别的错误值“\(word)”（可用：\(known)）")
    }

    static func expectedValue(_ word: String, hint: String) -> Phrase {
        Phrase(en: "expected a value (a number, \"text\", TRUE, FALSE or an error such as #N/A), found '\(word)'\(hint)",
               zh: "应为一个值（数字、\"文本\"、TRUE、FALSE 或 #N/A 之类的错误值），实际为“\(word)”\(hint)")
    }

    static func unknownEscape(_ escaped: String) -> Phrase {
        Phrase(en: "unknown escape '\\\(escaped)' (use \\\\, \\\", \\n, \\r or \\t)", zh: "无法识别的转义“\\\(escaped)”（可用 \\\\、\\\"、\\n、\\r、\\t）")
    }

    static let unterminatedText = Phrase(en: "unterminated text: no closing '\"' for the one here", zh: "文本未结束：此处的“\"”没有配对的结束引号")

    static func expectedEntryField(_ key: String) -> Phrase {
        Phrase(en: "expected key=\"value\" after the entry's command, found '\(key)'", zh: "entry 的命令之后应为 键=\"值\"，实际为“\(key)”")
    }

    static func unknownEntryField(_ key: String) -> Phrase {
        Phrase(en: "unknown entry field '\(key)' (known: scenario, cadres, sheet, key, column, old, new, made, effect, lines)",
               zh: "无法识别的 entry 字段“\(key)”（可用：scenario、cadres、sheet、key、column、old、new、made、effect、lines）")
    }
}

/// The log's and the scenarios' lines.
extension Phrase {
    static let secondLog = Phrase(en: "a workbook has one change log: this is a second 'log' line", zh: "一个工作簿只有一份修改日志：这是第二个“log”行")
    static let textAfterLogID = Phrase(en: "unexpected text after the log's id", zh: "日志编号后有多余内容")
    static let entryNeedsLog = Phrase(en: "an entry line belongs to the change log: put it under 'log \"ID\"'", zh: "entry 行属于修改日志：请放在“log \"编号\"”之下")
    static let fileCutShortNoHand = Phrase(
        en: "the file ends without its closing 'end' line: it was cut short (an interrupted copy, a full disk?); open a whole copy",
        zh: "文件没有结尾的“end”行：文件不完整（复制中断或磁盘已满？）；请打开完整的副本")
    static let expectedParent = Phrase(en: "expected parent \"NAME\" or the end of the line after the scenario's name",
                                       zh: "场景名之后应为 parent \"名称\" 或行尾")
    static let textAfterParent = Phrase(en: "unexpected text after the parent's name", zh: "上级场景名后有多余内容")
    static let scenarioNamedBase = Phrase(en: "a scenario needs a name other than \"base\" (the real figures)", zh: "场景不能命名为“base”（base 指真实数据）")

    static func scenarioTwice(_ name: String) -> Phrase {
        Phrase(en: "scenario \"\(name)\" appears twice", zh: "场景“\(name)”出现了两次")
    }

    static func parentNotAbove(_ name: String, parent: String) -> Phrase {
        Phrase(en: "scenario \"\(name)\" is layered on \"\(parent)\", which is not defined above it",
               zh: "场景“\(name)”基于“\(parent)”，但“\(parent)”未在其上方定义")
    }

    static let changeNeedsScenario = Phrase(en: "a change line belongs to a scenario: put it under 'scenario \"NAME\"'",
                                            zh: "change 行属于某个场景：请放在“scenario \"名称\"”之下")
    static let oneCommandPerChange = Phrase(en: "one quoted command per change line: remove what follows", zh: "每个 change 行只有一条带引号的命令：请删除后面的内容")
}

extension Phrase {
    /// `expected the scenario's name in double quotes: scenario "NAME"`
    static func expectedQuoted(_ what: String, form: String?) -> Phrase {
        let zh = ["the workbook's id": "工作簿编号", "the scenario's name": "场景名", "the parent's name": "上级场景名",
                  "the command": "命令", "its time": "修改时间", "who made it": "操作人", "the entry's id": "修改编号"][what] ?? what
        return Phrase(en: "expected \(what) in double quotes" + (form.map { ": " + $0 } ?? ""),
                      zh: "应为带双引号的\(zh)" + (form.map { "：" + $0 } ?? ""))
    }
}

extension Phrase {
    /// The zip library could not make the .xlsx (no part of it is written).
    static func zipFailed(_ part: String?, _ why: String?) -> Phrase {
        switch (part, why) {
        case let (part?, why?): Phrase(en: "cannot zip \(part): \(why)", zh: "无法压缩 \(part)：\(why)")
        case let (nil, why?): Phrase(en: "cannot make a zip archive: \(why)", zh: "无法生成 zip 压缩包：\(why)")
        default: Phrase(en: "the zip archive was not made", zh: "未能生成 zip 压缩包")
        }
    }
}
