import KaoheCore

/// `help` in both languages: the group titles, each command's summary, the
/// words around them. The usage lines stay as typed (English keywords), so
/// they read the same in both.
extension CommandSpec.Group {
    var title: Phrase {
        switch self {
        case .files: Phrase(en: rawValue, zh: "工作簿与文件")
        case .view: Phrase(en: rawValue, zh: "查看")
        case .edit: Phrase(en: rawValue, zh: "录入与修改")
        case .roster: Phrase(en: rawValue, zh: "干部名册与表结构")
        case .scheme: Phrase(en: rawValue, zh: "考核办法（扣分、加分与奖励）")
        case .results: Phrase(en: rawValue, zh: "考核结果")
        case .history: Phrase(en: rawValue, zh: "历年结果与下一年度")
        case .scenario: Phrase(en: rawValue, zh: "假设场景")
        }
    }
}

extension CommandSpec {
    /// The summary in both languages: the English beside the command, the
    /// Chinese from `Phrase.summaries` (a test checks every command has one).
    var summaryPhrase: Phrase { Phrase(en: summary, zh: Phrase.summaries[name] ?? summary) }
}

extension Phrase {
    /// Each command's summary in Chinese, by command name.
    static let summaries: [String: String] = [
        "help": "列出全部命令，或显示某个命令的用法和示例",
        "open": "打开工作簿文件（当前有未保存的修改时先询问）；readonly：只查看，不加锁",
        "save": "保存工作簿（整体写入，不会写坏）；force 覆盖已有的文件，或打开后被他人改过的文件",
        "quit": "退出 kaohe（有未保存的修改时先询问）；Ctrl-D 亦可",
        "export": "导出：某张表为 CSV（供 Excel、WPS 使用，数字按显示格式，已防公式注入）、审批用 .xlsx 工作簿或可打印的 .html 报告；force 覆盖已有文件",
        "export form": "为某部门导出空白填报表：该部门负责记录的条款和干部名册，填好后用 import events 导入",
        "merge": "合并部门在本工作簿副本中录入的内容：记录追加并重新编号，单元格、干部一并合并；冲突逐条列出",
        "import": "导入干部（CSV 或 .xlsx 的第一张表）、部门的扣加分记录或一列得分（UTF-8、带 BOM 或 GB18030；键名或中文表头均可）；全部成功才导入",
        "show": "以表格显示一张表（默认干部表），或显示某名干部的卡片及其记录和奖励",
        "expanded": "比屏幕宽的表格：分组显示并保留编号和姓名（auto），逐条记录显示（on），或截断（off）；单独使用时在 on 与原设置间切换",
        "lang": "提示、帮助、表格和变动行所用的语言（默认取自 LANG：zh_* 为中文）",
        "columns": "某张表的各列：键名、标题，以及公式或录入列可接受的值",
        "params": "各参数及其取值",
        "sheets": "工作簿中的各张表及其大小",
        "set": "录入一个值；在公式列上，为该单元格单独设值或公式（直到 clear）",
        "clear": "清空一个录入单元格，或让公式单元格恢复按列公式计算",
        "param": "修改参数（new：新增参数）；依赖它的结果随之重算",
        "undo": "撤回上一次修改（或最近 N 次）；每次修改都可撤回",
        "redo": "重做被撤回的修改",
        "cadre add": "在名册中新增干部",
        "cadre remove": "将干部移出名册（undo 可恢复）",
        "office add": "新增科室，可同时给出其线上工作在全区的名次",
        "office set": "设置科室线上工作的名次（其干部的线上工作得分随之变化）",
        "column add": "新增录入列（类型：number、whole、text、yesno、date、one of \"A\", \"B\"、one of 表[列]）或公式列",
        "column set": "为某列设置新公式（input：改为录入列）",
        "column remove": "删除一列；引用它的公式显示 #REF!（undo 可恢复）",
        "rules": "考核条款表：条款号、分值、由谁记录",
        "rule add": "新增条款；POINTS 为每次的分值，酌情定分的条款写范围，如 -2..-1",
        "deduct": "录入扣分条款 N 次（或计次条款：请假、4.1g）；酌情定分的条款须给出 points=",
        "credit": "录入加分条款（4.6c：全勤，+2）",
        "revoke": "作废一条记录：连同理由保留在案，不再计分",
        "event set": "更正记录的备注、日期或记录部门（要改条款、干部或分值：作废后重新录入）",
        "events": "扣加分记录，按录入顺序编号（已作废的另有标记）",
        "award evidence": "为待发的奖励附上文件依据，随后即予发放",
        "award revoke": "作废误录的奖励：保留在案，不予发放",
        "award set": "更正奖励的级别、类别、事由或获奖对象",
        "award": "录入先进奖励；级别 区/市/省/国家（district/city/province/national），类别 重点/集体/个人（key/collective/individual）",
        "awards": "全部奖励：金额、被更高奖励取代的、等待文件依据的",
        "summary": "按科室：人数、平均总分、最高与最低、考核奖与奖励金额；按考核类别：平均、最高、最低",
        "rank": "按总分（或其他列）排名：并列同名次（1、2、2、4），并标出末位和考核等次",
        "bonus": "考核奖总额、每名干部的考核奖、奖励金额和应发数、暂扣部分，精确到分",
        "explain": "说明一个值如何算出：公式、各项输入及其取值、背后的扣加分记录",
        "history add": "录入以往年度的结果（连续两次或三次末位会改变考核等次）",
        "history set": "更正以往年度的名次或末位标记",
        "history remove": "删除误录的以往年度结果",
        "history": "以往年度的名次和末位标记，据此确定考核等次",
        "year next": "建立下一年度的工作簿：名册、科室、条款、参数沿用；得分和记录清空；本年度结果记入历年结果",
        "log": "修改日志：谁在何时改了什么，哪些结果随之变动（撤回、重做也在内）",
        "scenario new": "在当前数据（基准或当前场景）之上新建假设场景，并切换过去",
        "scenario use": "切换到某个场景；scenario use base 回到真实数据",
        "scenario list": "全部场景：上一层、修改数、正在使用哪一个",
        "scenario diff": "从 A 到 B 谁有变动（默认从基准到当前场景）：总分、名次、末位、等次、考核奖、应发数；all 列出每一项变动，连名次的小变动和只涉及金额的变动也列出",
        "scenario drop": "删除场景及其修改（基准数据不受影响）",
        "scenario apply": "让场景的修改成真：作为一步可撤回的修改写入基准，场景随之删除",
        "scenario rename": "重命名场景",
        "whatif": "在临时层中试一项修改，显示谁有变动，不保留任何修改（whatif all … 列出每一项变动，连只涉及金额的变动也列出）",
    ]

    static let helpFooter = Phrase(
        en: "A cadre is named by id, name, or the start of either; a column by key or label.\nQuote words with blanks: \"...\". # starts a comment. help COMMAND shows usage and an example.",
        zh: "干部可用编号、姓名或其开头几个字指明；列可用键名或列标题指明。\n含空格的内容请加引号：\"...\"。# 之后为注释。help 命令 可查看用法和示例。")

    /// The Chinese aliases under the command list, six to a line.
    static func helpAliases(_ pairs: [(key: String, value: String)]) -> Phrase {
        let items = pairs.map { "\($0.key)=\($0.value)" }
        let lines = stride(from: 0, to: items.count, by: 6).map { "  " + items[$0..<min($0 + 6, items.count)].joined(separator: "  ") }
        let list = lines.joined(separator: "\n")
        return Phrase(en: "Chinese command words:\n\(list)", zh: "中文命令（与英文命令相同）：\n\(list)")
    }

    static func helpUsage(_ usage: String) -> Phrase { Phrase(en: "usage: \(usage)", zh: "用法：\(usage)") }
    static func helpOptions(_ list: String) -> Phrase { Phrase(en: "  options: \(list)", zh: "  选项：\(list)") }
    static func helpAlias(_ list: [String]) -> Phrase { Phrase(en: "  also: \(list.joined(separator: " "))", zh: "  中文：\(list.joined(separator: " "))") }
    static let helpExample = Phrase(en: "example:", zh: "示例：")
}
