import Foundation
import Synchronization

/// Named steps of a save and of a journal append where the crash tests kill
/// the process: `KAOHE_CRASH_AT=STEP` (or `STEP:N`, the Nth time the step is
/// reached) makes the process end there at once with `_exit(86)`, as a
/// SIGKILL or a power cut would, without flushing anything. Unset, it costs
/// one comparison.
public enum CrashPoint {
    /// The exit status of a planned crash, so a test can tell it from a failure.
    public static let status: Int32 = 86

    /// Every step, in the order a save and a journal append reach them.
    /// (`journal.cut-back`, after a failed append is cut back, is reached
    /// only when a write fails.)
    public static let steps = [
        "journal.opened", "journal.half", "journal.written", "journal.synced",
        "save.temp-created", "save.temp-half", "save.temp-synced", "save.renamed", "save.dir-synced",
    ]

    private static let plan: (step: String, count: Int)? = {
        guard let text = ProcessInfo.processInfo.environment["KAOHE_CRASH_AT"], !text.isEmpty else { return nil }
        let parts = text.split(separator: ":", maxSplits: 1)
        return (String(parts[0]), parts.count > 1 ? Int(parts[1]) ?? 1 : 1)
    }()

    private static let reached = Mutex(0)

    /// Ends the process here if the test plan says so.
    static func reach(_ step: String) {
        guard let plan, plan.step == step else { return }
        let n = reached.withLock { count in
            count += 1
            return count
        }
        if n == plan.count { _exit(status) }
    }
}
