import KaoheCore

/// What the what-if scenarios refuse.
extension Phrase {
    static let scenarioNewBase = Phrase(en: "scenario new: \"base\" is the real figures; choose another name",
                                        zh: "scenario new：\"base\" 指真实数据；请另取一个名称")

    static func scenarioExists(_ name: String) -> Phrase {
        Phrase(en: "scenario new: \(name) exists already; scenario use \(name) switches to it",
               zh: "scenario new：场景 \(name) 已存在；scenario use \(name) 可切换过去")
    }

    static let scenarioNameOneLine = Phrase(en: "scenario new: a name is one line", zh: "scenario new：名称只能占一行")

    static let scenarioDropBase = Phrase(en: "scenario drop: base is the real figures and cannot be dropped",
                                         zh: "scenario drop：base 是真实数据，不能删除")

    static func scenarioHasChildren(_ children: [String], of name: String) -> Phrase {
        let one = children.count == 1
        return Phrase(en: "scenario drop: \(children.joined(separator: ", ")) \(one ? "is" : "are") layered on \(name): drop \(one ? "it" : "them") first",
                      zh: "scenario drop：\(children.joined(separator: "、")) 建立在 \(name) 之上：请先删除\(one ? "该场景" : "这些场景")")
    }

    static let scenarioRenameBase = Phrase(en: "scenario rename: base is the real figures and keeps its name",
                                           zh: "scenario rename：base 是真实数据，不能改名")

    static let scenarioRenameToBase = Phrase(en: "scenario rename: choose a name other than \"base\"",
                                             zh: "scenario rename：请选用 \"base\" 以外的名称")

    static func scenarioRenameExists(_ name: String) -> Phrase {
        Phrase(en: "scenario rename: \(name) exists already", zh: "scenario rename：场景 \(name) 已存在")
    }

    static let scenarioApplyBase = Phrase(en: "scenario apply: name a scenario; base is the real figures already",
                                          zh: "scenario apply：请指明场景；base 本身就是真实数据")

    static func scenarioApplyLayered(_ name: String, parent: String) -> Phrase {
        Phrase(en: "scenario apply: \(name) is layered on \(parent): apply \(parent) first, or make \(name)'s changes in a scenario over the base",
               zh: "scenario apply：\(name) 建立在 \(parent) 之上：请先应用 \(parent)，或在基准之上的场景中重做 \(name) 的修改")
    }

    static func scenarioApplyEmpty(_ name: String) -> Phrase {
        Phrase(en: "scenario apply: \(name) has no changes to apply", zh: "scenario apply：场景 \(name) 没有可应用的修改")
    }

    static func scenarioApplyFailed(_ name: String, change n: Int, line: String, _ inner: Phrase) -> Phrase {
        Phrase(en: "scenario apply: change \(n) of \(name) (\(line)) does not apply to the base: ",
               zh: "scenario apply：场景 \(name) 的第 \(n) 处修改（\(line)）不适用于基准数据：")
            + inner + Phrase(en: "; nothing was applied", zh: "；未应用任何修改")
    }

    static let scenarioDiffOnBase = Phrase(en: "scenario diff: you are on the base; name a scenario (scenario diff NAME), or two to compare",
                                           zh: "scenario diff：当前在基准数据上；请指明一个场景（scenario diff 名称），或两个场景相比较")

    static let whatifNeedsChange = Phrase(en: "whatif: give a change to try, e.g. whatif office set 综治办 rank 4",
                                          zh: "whatif：请给出要试的修改，如 whatif office set 综治办 rank 4")

    static func whatifChangesNothing(_ command: String) -> Phrase {
        Phrase(en: "whatif: \(command) changes nothing; whatif takes a change such as set, deduct, param or office set",
               zh: "whatif：\(command) 不修改数据；whatif 后面应为 set、deduct、param 或 office set 这样的修改")
    }
}

/// What a scenario says when a change of it no longer applies.
extension Phrase {
    static func scenarioChangeLapsed(_ name: String, change n: Int, command: String, _ inner: Phrase) -> Phrase {
        Phrase(en: "scenario \(name), change \(n) (\(command)) no longer applies: ", zh: "场景 \(name) 的第 \(n) 处修改（\(command)）已不再适用：") + inner
    }
}
