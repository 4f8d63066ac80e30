import CPlatform

/// Texts to numbers, for memos that one text meets again and again (a
/// cadre's id in each of their events): open addressing, one array of
/// entries, so that a probe touches one cache line.
///
/// A text of up to 15 UTF-8 bytes is Swift's small string, its bytes held
/// in the 16 bytes of the `String` itself: those 16 bytes are its key, so
/// such a text is hashed and compared without reading it byte by byte. A
/// longer text is keyed by its bytes. Equal keys are equal texts; equal
/// texts whose keys differ (a short text that is not small) merely take
/// two entries of the same number, so a memo of anything the text's bytes
/// decide stays exact.
///
/// Each entry holds two numbers, `value` and `group` (`unset` until given):
/// a memo uses `value`; the group numbering (`GroupCodes`) keeps a text's
/// slot code in `value` and, for the group of that one text, its number in
/// `group`, one probe of one table for both.
struct TextTable {
    private struct Entry {
        var text: String
        var hash: UInt64
        var value: UInt32
        var group: UInt32
    }

    static let unset: UInt32 = .max

    private var entries: [Entry] = []
    private(set) var count = 0
    /// Keyed by bytes whatever a text's length: equal keys are then exactly
    /// equal bytes, for a table whose duplicates would not be harmless.
    let byBytes: Bool

    init(byBytes: Bool = false) { self.byBytes = byBytes }

    @inline(__always)
    private static func bits(_ s: String) -> (UInt64, UInt64) { unsafeBitCast(s, to: (UInt64, UInt64).self) }

    @inline(__always)
    private static func mix(_ x: UInt64) -> UInt64 {
        var h = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
        h = (h ^ (h >> 27)) &* 0x94D0_49BB_1331_11EB
        return (h ^ (h >> 31)) | 1
    }

    /// Whether a text is keyed by the bits of its `String`; else by its bytes.
    @inline(__always)
    private static func isShort(_ s: String) -> Bool { s.utf8.count <= 15 }

    /// Never 0, which marks an empty place.
    @inline(__always)
    static func hash(_ s: String, byBytes: Bool = false) -> UInt64 {
        if !byBytes, isShort(s) {
            let (a, b) = bits(s)
            return mix(a &+ mix(b))
        }
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return mix(h)
    }

    @inline(__always)
    private func same(_ a: String, _ b: String) -> Bool {
        if byBytes { return sameBytes(a, b) }
        if Self.isShort(b) { return Self.bits(a) == Self.bits(b) }
        return !Self.isShort(a) && sameBytes(a, b)
    }

    /// The text's `value`, if it has one.
    func find(_ s: String, hash h: UInt64) -> UInt32? {
        guard let v = entry(s, hash: h)?.value, v != Self.unset else { return nil }
        return v
    }

    /// The text's numbers, if it has an entry.
    func entry(_ s: String, hash h: UInt64) -> (value: UInt32, group: UInt32)? {
        place(of: s, hash: h).map { (entries[$0].value, entries[$0].group) }
    }

    /// Where the text's entry is, if it has one.
    @inline(__always)
    private func place(of s: String, hash h: UInt64) -> Int? {
        guard !entries.isEmpty else { return nil }
        return entries.withUnsafeBufferPointer { e in
            let mask = e.count - 1
            var i = Int(truncatingIfNeeded: h) & mask
            while e[i].hash != 0 {
                if e[i].hash == h, same(e[i].text, s) { return i }
                i = (i + 1) & mask
            }
            return nil
        }
    }

    /// Asks for the memory of the place a probe for `h` starts at, ahead
    /// of the probe (see `GroupCodes.slotCodes(count:_:_:)`).
    @inline(__always)
    func prefetch(hash h: UInt64) {
        entries.withUnsafeBufferPointer { e in
            guard !e.isEmpty, let base = e.baseAddress else { return }
            kaohe_prefetch(base + (Int(truncatingIfNeeded: h) & (e.count - 1)))
        }
    }

    /// Makes room for `n` more entries at once (one rehash, not one per
    /// doubling).
    mutating func reserve(_ n: Int) {
        var size = Swift.max(64, entries.count)
        while (count + n) * 2 > size { size *= 2 }
        if size > entries.count { grow(to: size) }
    }

    /// Adds a text that `find` does not hold.
    mutating func insert(_ s: String, hash h: UInt64, _ v: UInt32) {
        set(s, hash: h, value: v)
    }

    /// Adds an entry for a text that has none.
    mutating func add(_ s: String, hash h: UInt64, value: UInt32, group: UInt32) {
        if (count + 1) * 2 > entries.count { grow(to: Swift.max(64, entries.count * 2)) }
        place(Entry(text: s, hash: h, value: value, group: group))
        count += 1
    }

    /// Gives the text's entry (made if there is none) the numbers given.
    mutating func set(_ s: String, hash h: UInt64, value: UInt32? = nil, group: UInt32? = nil) {
        if let i = place(of: s, hash: h) {
            if let value { entries[i].value = value }
            if let group { entries[i].group = group }
            return
        }
        add(s, hash: h, value: value ?? Self.unset, group: group ?? Self.unset)
    }

    private mutating func place(_ entry: Entry) {
        let mask = entries.count - 1
        var i = Int(truncatingIfNeeded: entry.hash) & mask
        while entries[i].hash != 0 { i = (i + 1) & mask }
        entries[i] = entry
    }

    private mutating func grow(to size: Int) {
        let old = entries
        entries = Array(repeating: Entry(text: "", hash: 0, value: 0, group: 0), count: size)
        for entry in old where entry.hash != 0 { place(entry) }
    }
}
