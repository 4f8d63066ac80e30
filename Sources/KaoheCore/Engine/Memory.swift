import CPlatform

/// The process's allocator, as a workbook engine wants it.
public enum Memory {
    /// Keeps memory the program frees for its next allocations instead of
    /// handing it back to the kernel. glibc's malloc serves a large block
    /// (past a threshold that grows to 32 MB) from pages mapped for it and
    /// unmapped when it is freed, and gives back the free top of its heap:
    /// a recomputation that makes a column-sized array per pass (8 MB per
    /// array at a million cadres, 16 MB per events' lane) then has the kernel
    /// map and zero every such page again (about 250,000 page faults of a
    /// first computation at a million cadres, a second of system time).
    /// Held to the peak, which is the figure that matters: an open workbook
    /// reaches it again on its next full computation. Call once, first thing.
    public static func keepFreedPages() {
        #if os(Linux)
        _ = mallopt(M_MMAP_THRESHOLD, Int32.max)
        _ = mallopt(M_TRIM_THRESHOLD, Int32.max)
        #endif
    }
}
