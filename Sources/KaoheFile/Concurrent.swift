import Dispatch

/// Work that needs nothing but its own inputs, started on another core
/// while this one goes on: opening a large file checks and fingerprints its
/// bytes there while it is parsed here.
final class Concurrent<T: Sendable>: @unchecked Sendable {
    // Written once by the work before `done` is signalled; read only after
    // a wait on `done` (which orders the write before the read).
    private var result: T?
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () -> T) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            result = work()
            done.signal()
        }
    }

    /// The work's result, waiting for it if it is not done.
    var value: T {
        done.wait()
        defer { done.signal() }
        return result!
    }
}
