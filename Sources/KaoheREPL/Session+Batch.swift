import KaoheCore
import KaoheScheme

/// Many changing commands at once, for a department's return and a merged
/// copy: each is read as typed (`CommandTable`, `Invocation`), and a run of
/// `deduct` and `credit` commands goes to the scheme as one batch
/// (`Town.record(_:)` for many: every guard for every row, then one append),
/// instead of one command, one edit and one change line per row. The other
/// commands run one by one through `quietly`. The caller's transaction makes
/// the whole one undoable step.
extension Session {
    /// One command's problem, by its place in the list.
    struct BatchProblem {
        var index: Int
        var phrase: Phrase
    }

    /// Runs `commands` in order, quietly. `renumber` rewrites a command that
    /// is not an event just before it runs, once what ran before it is known
    /// (a merge's `revoke 53` follows the number their event got here);
    /// `ran` is told each command as run and the numbered rows it made.
    ///
    /// Returns the problems: all of them (an import reports every refused
    /// row), or only the first (`firstOnly`, a merge stops there). A refused
    /// command changes nothing and does not count for the ones after it, as
    /// when typed; the caller throws, so its transaction takes back the rest.
    func runQuietly(_ commands: [String], renumber: (String) -> String = { $0 }, firstOnly: Bool = false,
                    ran: (Int, String, [String]) -> Void = { _, _, _ in }) -> [BatchProblem] {
        var problems: [BatchProblem] = []
        var events: [(index: Int, entry: EventEntry)] = []
        func flush() {
            guard !events.isEmpty else { return }
            townCache = nil
            do throws(BatchRefusal) {
                let recorded = try town.record(events.map(\.entry))
                for (e, r) in zip(events, recorded) { ran(e.index, commands[e.index], ["events \(r.number)"]) }
            } catch {
                problems += error.problems.map { BatchProblem(index: events[$0.index].index, phrase: CommandError($0.error).phrase) }
            }
            events = []
        }
        for (i, command) in commands.enumerated() {
            if firstOnly, !problems.isEmpty { break }
            if let entry = eventCommand(command, at: i, problems: &problems) {
                if let entry { events.append((i, entry)) }
                continue
            }
            flush()
            if firstOnly, !problems.isEmpty { break }
            let line = renumber(command)
            do throws(CommandError) {
                try quietly(line)
                ran(i, line, made)
            } catch {
                problems.append(BatchProblem(index: i, phrase: error.phrase))
            }
        }
        flush()
        problems.sort { $0.index < $1.index }
        return firstOnly ? Array(problems.prefix(1)) : problems
    }

    /// A `deduct` or `credit` read into what the scheme records: nil for
    /// another command, `.some(nil)` for an event command that is refused
    /// before the scheme sees it (its problem noted).
    private func eventCommand(_ line: String, at index: Int, problems: inout [BatchProblem]) -> EventEntry?? {
        guard line.hasPrefix("deduct ") || line.hasPrefix("credit ") else { return nil }
        do throws(CommandError) {
            let words = try Words.split(line)
            let spec = try CommandTable.find(words)
            guard spec.name == "deduct" || spec.name == "credit" else { return nil }
            let invocation = try Invocation(spec: spec, line: line, words: words.dropFirst(spec.words.count))
            return .some(try eventEntry(invocation, credit: spec.name == "credit"))
        } catch {
            problems.append(BatchProblem(index: index, phrase: error.phrase))
            return .some(nil)
        }
    }
}
