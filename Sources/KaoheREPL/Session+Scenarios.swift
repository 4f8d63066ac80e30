import KaoheCore
import KaoheFile

/// Where the session stands among the what-if scenarios.
///
/// A scenario is kept as its changes (the journaled commands) over its
/// parent. The one in use is a layer of undo steps over the base figures in
/// the one workbook (`Workbook.beginLayer`): its changes were replayed
/// through `execute`, the same path as typing them, and leaving it undoes
/// them. A layer left while the state under it stays the same is parked and
/// put back by redo rather than replayed.
struct ScenarioState {
    /// The scenario in use; nil is the base (the real figures).
    var current: String?
    var layer: Layer?
    /// The undo depth under which the steps are the scenario's replayed
    /// changes: undo in a scenario stops there.
    var floor = 0
    /// Changes of the current scenario taken back by undo, for redo.
    var redoLines: [String] = []
    /// Layers left, by scenario, with the base version they sit on, and
    /// what undo and redo had there: how many of the layer's steps lie under
    /// the floor, and the changes taken back.
    var parked: [String: (layer: SuspendedLayer, base: Int, floor: Int, redoLines: [String])] = [:]
    /// Counts changes to the base, so a parked layer over an older base is not reused.
    var baseVersion = 0
    /// Scenarios taken away by `scenario apply`, by the undo depth of the
    /// apply, so undoing the apply brings them back.
    var applied: [Int: (record: ScenarioRecord, children: [String])] = [:]
    /// Set while replaying a scenario's changes: they are not recorded again.
    var materializing = false
    /// The base's outcomes as last read, with the base version they belong to.
    var baseOutcomes: (version: Int, outcomes: Outcomes)?
}

extension Session {
    var scenarios: [ScenarioRecord] {
        get { document.scenarios }
        set { document.scenarios = newValue }
    }

    /// The scenario in use, or nil for the base.
    public var currentScenario: String? { scenarioState.current }

    func scenarioIndex(_ name: String) throws(CommandError) -> Int {
        if let i = scenarios.firstIndex(where: { $0.name == name }) { return i }
        let names = scenarios.map(\.name)
        throw CommandError(.noScenario(name, hint: didYouMean(name, in: names + ["base"]), none: names.isEmpty))
    }

    /// A scenario named by the user; `base` is nil.
    func scenarioName(_ name: String) throws(CommandError) -> String? {
        name == "base" ? nil : scenarios[try scenarioIndex(name)].name
    }

    /// The scenario and its ancestors, the one on the base first.
    func chain(_ name: String) -> [ScenarioRecord] {
        var out: [ScenarioRecord] = []
        var next: String? = name
        while let n = next, let s = scenarios.first(where: { $0.name == n }) {
            out.insert(s, at: 0)
            next = s.parent
        }
        return out
    }

    /// Whether `name` is layered on `ancestor`, directly or not.
    func descends(_ name: String, from ancestor: String) -> Bool {
        chain(name).dropLast().contains { $0.name == ancestor }
    }

    /// Switches the workbook to a scenario (nil: the base). Changes that no
    /// longer apply over the base (their cadre removed, say) are reported
    /// and skipped; the scenario keeps them.
    @discardableResult
    func enterScenario(_ name: String?) -> [Phrase] {
        guard name != scenarioState.current else { return [] }
        leaveScenario()
        guard let name else { return [] }
        var problems: [Phrase] = []
        if let parked = scenarioState.parked.removeValue(forKey: name), parked.base == scenarioState.baseVersion {
            let layer = workbook.resume(parked.layer)
            scenarioState.layer = layer
            scenarioState.floor = layer.depth + parked.floor
            scenarioState.redoLines = parked.redoLines
        } else {
            scenarioState.layer = workbook.beginLayer()
            var numbers: [String: String] = [:]
            for record in chain(name) {
                for (i, line) in record.changes.enumerated() {
                    do { try replayChange(line, &numbers) } catch {
                        problems.append(.scenarioChangeLapsed(record.name, change: i + 1, command: Self.splitMade(line).command, error.phrase))
                    }
                }
            }
            scenarioState.floor = workbook.undoDepth
        }
        scenarioState.current = name
        scenarioChanged()
        return problems
    }

    /// Back to the base, parking the scenario's layer.
    func leaveScenario() {
        guard let current = scenarioState.current, let layer = scenarioState.layer else { return }
        scenarioState.parked[current] = (workbook.suspend(layer), scenarioState.baseVersion,
                                         scenarioState.floor - layer.depth, scenarioState.redoLines)
        scenarioState.current = nil
        scenarioState.layer = nil
        scenarioState.redoLines = []
        scenarioChanged()
    }

    /// Forgets what was read off the workbook before it switched state.
    func scenarioChanged() {
        rosterChanged()
        townCache = nil
    }

    /// A scenario's change that created numbered rows keeps their numbers
    /// in a trailing comment (`deduct … # made "events 53"`): when the base
    /// has recorded more events since, the replay gives them other numbers,
    /// and the scenario's later commands that name them (`revoke 53`)
    /// follow, as a merge's do.
    static let madeTag = " # made "

    static func splitMade(_ line: String) -> (command: String, made: [String]) {
        guard let r = line.range(of: madeTag, options: .backwards),
              let words = try? Words.split(String(line[r.upperBound...])), words.count == 1, words[0].quoted else { return (line, []) }
        return (String(line[..<r.lowerBound]), words[0].text.components(separatedBy: ", "))
    }

    /// Replays one stored change, renumbered by what earlier changes made.
    func replayChange(_ line: String, _ numbers: inout [String: String]) throws(CommandError) {
        let (command, recorded) = Self.splitMade(line)
        try quietly(Self.renumbered(command, numbers))
        for (theirs, ours) in zip(recorded, made) where theirs != ours { numbers[theirs] = ours }
    }

    /// Runs a changing command without journaling, recording or printing it.
    func quietly(_ line: String) throws(CommandError) {
        let saved = (scenarioState.materializing, output)
        scenarioState.materializing = true
        output = { _ in }
        defer { (scenarioState.materializing, output) = saved }
        try execute(line)
    }

    /// Notes a change just made: into the current scenario, or to the base.
    func noted(_ line: String, grew: Bool) {
        guard !scenarioState.materializing else { return }
        guard let current = scenarioState.current else {
            scenarioState.baseVersion += 1
            // A new step drops the redo history, and with it any undone apply
            // kept at that depth or above.
            if grew { scenarioState.applied = scenarioState.applied.filter { $0.key < workbook.undoDepth } }
            return
        }
        guard grew, let i = scenarios.firstIndex(where: { $0.name == current }) else { return }
        scenarios[i].changes.append(made.isEmpty ? line : line + Self.madeTag + Self.quoteWord(made.joined(separator: ", ")))
        scenarioState.redoLines = []
        dropParked(under: current)
    }

    /// Parked layers of the scenarios built on `name` no longer match it.
    func dropParked(under name: String) {
        for key in scenarioState.parked.keys where descends(key, from: name) { scenarioState.parked[key] = nil }
    }

    /// The undo depth undo may not go below: a scenario's replayed changes
    /// are not undone one by one (drop or change the scenario instead).
    var undoFloor: Int { scenarioState.current == nil ? 0 : scenarioState.floor }

    /// Keeps the scenario's changes in step with an undo or redo of `steps` steps.
    func undone(_ steps: Int, undo: Bool, depthBefore: Int) {
        guard let current = scenarioState.current else {
            scenarioState.baseVersion += 1
            restoreApplied(from: depthBefore, undo: undo)
            if undo { restoreMerged(from: depthBefore, undo: true) } else { redoMerged(from: depthBefore) }
            return
        }
        guard let i = scenarios.firstIndex(where: { $0.name == current }) else { return }
        for _ in 0..<steps {
            if undo, let line = scenarios[i].changes.popLast() {
                scenarioState.redoLines.append(line)
            } else if !undo, let line = scenarioState.redoLines.popLast() {
                scenarios[i].changes.append(line)
            }
        }
        dropParked(under: current)
    }

    /// Undoing a `scenario apply` brings the scenario back over its
    /// children; redoing it takes it away again.
    func restoreApplied(from depthBefore: Int, undo: Bool) {
        let depths = undo ? Array(workbook.undoDepth + 1 ... max(workbook.undoDepth + 1, depthBefore))
            : Array(depthBefore + 1 ... max(depthBefore + 1, workbook.undoDepth))
        for d in depths {
            guard let (record, children) = scenarioState.applied[d] else { continue }
            if undo {
                scenarios.append(record)
            } else {
                scenarios.removeAll { $0.name == record.name }
            }
            for i in scenarios.indices where children.contains(scenarios[i].name) { scenarios[i].parent = undo ? record.name : nil }
        }
    }

    /// Runs `body` on the base figures, then puts the scenario in use back
    /// (as `save` needs: the file holds the base and the scenarios' changes).
    func onBase<T>(_ body: () throws(CommandError) -> T) throws(CommandError) -> T {
        let current = scenarioState.current
        leaveScenario()
        defer { if let current { enterScenario(current) } }
        return try body()
    }
}
