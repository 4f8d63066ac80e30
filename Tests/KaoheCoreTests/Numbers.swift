import Testing
@testable import KaoheCore

@Suite("Decimal numbers on doubles")
struct NumberTests {
    @Test("canonical values have no binary artefacts", arguments: [(Double, Double)]([
        (0.1 + 0.2, 0.3), (95.05000000000001, 95.05), (1.005 * 1000, 1005), (-0.30000000000000004, -0.3),
        (123456789012345.67, 123456789012346), (1e-20 * 3, 3e-20), (0, 0),
    ]))
    func canonical(_ x: Double, _ expected: Double) {
        #expect(Num.canonical(x) == expected)
    }

    @Test("ROUND is half away from zero on the decimal value, as Excel", arguments: [(Double, Int, Double)]([
        (1.005, 2, 1.01), (2.675, 2, 2.68), (-2.675, 2, -2.68), (2.5, 0, 3), (-2.5, 0, -3),
        (21.9 / 0.2, 0, 110), (1234.5678, -2, 1200), (1250, -2, 1300), (0.285, 2, 0.29), (1.45, 1, 1.5),
        (8.345, 2, 8.35), (0.1 + 0.2, 15, 0.3), (3.14159, 3, 3.142), (-1.5, 0, -2),
    ]))
    func round(_ x: Double, _ digits: Int, _ expected: Double) {
        #expect(Num.round(x, digits) == expected)
    }

    @Test func roundUpAndDown() {
        // Excel's documentation: ROUNDUP(3.2,0)=4, ROUNDUP(76.9,0)=77, ROUNDUP(3.14159,3)=3.142,
        // ROUNDUP(-3.14159,1)=-3.2, ROUNDUP(31415.92654,-2)=31500; ROUNDDOWN(3.2,0)=3,
        // ROUNDDOWN(76.9,0)=76, ROUNDDOWN(3.14159,3)=3.141, ROUNDDOWN(-3.14159,1)=-3.1,
        // ROUNDDOWN(31415.92654,-2)=31400.
        #expect(Num.round(3.2, 0, .up) == 4)
        #expect(Num.round(76.9, 0, .up) == 77)
        #expect(Num.round(3.14159, 3, .up) == 3.142)
        #expect(Num.round(-3.14159, 1, .up) == -3.2)
        #expect(Num.round(31415.92654, -2, .up) == 31500)
        #expect(Num.round(3.2, 0, .down) == 3)
        #expect(Num.round(76.9, 0, .down) == 76)
        #expect(Num.round(3.14159, 3, .down) == 3.141)
        #expect(Num.round(-3.14159, 1, .down) == -3.1)
        #expect(Num.round(31415.92654, -2, .down) == 31400)
        // 0.1+0.2 is exactly 0.3 here, so rounding it up to one place stays 0.3.
        #expect(Num.round(Num.canonical(0.1 + 0.2), 1, .up) == 0.3)
    }

    @Test("fixed display to `decimals` places", arguments: [(Double, Int, String)]([
        (93.5, 2, "93.50"), (2.675, 2, "2.68"), (-0.004, 2, "0.00"), (-0.005, 2, "-0.01"), (1234567.891, 2, "1234567.89"),
        (0.5, 0, "1"), (7, 0, "7"), (3000000.000000002, 2, "3000000.00"), (95.05000000000001, 2, "95.05"),
        // The digit writer's edges: a leading zero, all places, the sign, the widest inline string.
        (0.05, 2, "0.05"), (-0.05, 2, "-0.05"), (0, 0, "0"), (0, 3, "0.000"), (-7, 0, "-7"), (5e-15, 15, "0.000000000000005"),
        (-8999999999999.99, 2, "-8999999999999.99"), (123456789012345, 0, "123456789012345"),
        (0, 2, "0.00"), (-1.5, 0, "-2"), (-0.5, 3, "-0.500"), (292500000, 2, "292500000.00"),
        (1e-15, 15, "0.000000000000001"), (8999999999999.99, 2, "8999999999999.99"), (1e20, 2, "1E+20"),
        (12345678901234.5, 2, "12345678901234.50"), (-2.5, 0, "-3"), (.infinity, 2, "#NUM!"),
    ]))
    func fixed(_ x: Double, _ d: Int, _ expected: String) {
        #expect(Num.fixed(x, decimals: d) == expected)
        var bytes: [UInt8] = Array("a,".utf8)
        Num.appendFixed(x, decimals: d, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "a," + expected)
    }

    @Test("fixed's short cut to the rounded units gives the digits of rounding, shifting back and forth again")
    func fixedAgainstRounding() {
        // The definition before the short cut: round(x, d), then its units.
        func reference(_ x: Double, _ d: Int) -> String {
            let r = Num.round(x, d)
            let units = (r * Num.exactPowerOfTen(d)).rounded()
            guard units.magnitude < 9e15 else { return Num.general(r) }
            let m = Int64(units)
            var body = String(m.magnitude)
            if d > 0 {
                if body.count <= d { body = String(repeating: "0", count: d - body.count + 1) + body }
                body.insert(".", at: body.index(body.endIndex, offsetBy: -d))
            }
            return (m < 0 ? "-" : "") + body
        }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 11
        }
        var differ: [String] = []
        for i in 0..<200_000 {
            let d = Int(next() % 7)
            let x: Double
            switch i % 4 {
            case 0: x = Double(Int64(next() % 2_000_000_000) - 1_000_000_000) / 1000  // thousandths, half-way cases included
            case 1: x = Double(Int64(next() % 20_000_000) - 10_000_000) / 100 + 0.005  // just at .xx5
            case 2: x = (Double(next()) / Double(UInt64(1) << 53) - 0.5) * Num.exactPowerOfTen(Int(next() % 16))  // any magnitude
            default: x = Double(next() % 100_000) * 0.01 * 3  // products with float residue
            }
            if Num.fixed(x, decimals: d) != reference(x, d) { differ.append("\(x) \(d): \(Num.fixed(x, decimals: d)) vs \(reference(x, d))") }
        }
        #expect(differ.isEmpty, "\(differ.prefix(5))")
    }

    @Test("General display: up to 15 significant digits", arguments: [(Double, String)]([
        (0.1 + 0.2, "0.3"), (95.05000000000001, "95.05"), (100, "100"), (-2.5, "-2.5"), (1e-10, "1E-10"),
        (1.5e20, "1.5E+20"), (0.000123, "0.000123"), (61315.23671497585, "61315.2367149759"), (1e15, "1E+15"),
    ]))
    func general(_ x: Double, _ expected: String) {
        #expect(Num.general(x) == expected)
    }

    @Test func parse() {
        #expect(Num.parse("12") == 12)
        #expect(Num.parse("-3.5") == -3.5)
        #expect(Num.parse(".25") == 0.25)
        #expect(Num.parse("1e3") == 1000)
        #expect(Num.parse("0.1") == 0.1)
        for bad in ["", "12abc", "1.2.3", "e5", "-", "1e", "abc", "1 2"] {
            #expect(Num.parse(bad) == nil, "\(bad)")
        }
    }

    @Test("an exact sum is order-independent and reversible")
    func exactSum() {
        var s = ExactSum()
        let xs = [0.1, 0.2, 0.3, 1e16, -1e16, 7.25, 1e-3]
        xs.forEach { s.add($0) }
        var r = ExactSum()
        xs.reversed().forEach { r.add($0) }
        #expect(s.value == r.value)
        s.subtract(1e-3)
        s.subtract(7.25)
        #expect(Num.canonical(s.value) == 0.6)
        var many = ExactSum()
        for _ in 0..<1000 { many.add(0.1) }
        for _ in 0..<999 { many.subtract(0.1) }
        #expect(many.value == 0.1)
    }

    @Test("an accumulator is a value: a copy keeps its own sum, counts and sorted values")
    func accumulatorCopies() {
        var a = Accumulator(sorted: true)
        for x in [3.0, 1.0, 2.0] { a.apply(.number(x), sign: 1, sortKey: { $0 }) }
        let kept = a
        a.apply(.number(9), sign: 1, sortKey: { $0 })
        a.apply(.number(1), sign: -1, sortKey: { $0 })
        a.apply(.error(.na), sign: 1, sortKey: { $0 })
        #expect(kept.sorted?.smallest == 1 && kept.sorted?.largest == 3 && kept.sorted?.count == 3)
        #expect(kept.sum.value == 6 && kept.numbers == 3 && kept.errors == 0)
        #expect(a.sorted?.smallest == 2 && a.sorted?.largest == 9 && a.sorted?.count == 3)
        #expect(a.sum.value == 14 && a.numbers == 3 && a.errors == 1 && a.matched == 4)
        // Set whole, as a build loads them, then moved: the copy made before is untouched.
        var b = kept
        b.sorted = SortedMultiset([5, 4])
        b.apply(.number(6), sign: 1, sortKey: { $0 })
        #expect(b.sorted?.count == 3 && b.sorted?.smallest == 4 && kept.sorted?.count == 3 && kept.sorted?.largest == 3)
        #expect(Accumulator(sorted: false).sorted == nil)
    }

    @Test("canonical and ROUND with the short-decimal short cut equal their definitions bit for bit, on 400,000 values of every shape")
    func shortDecimalAgainstDefinition() {
        // The definitions before the short cut.
        func canonical(_ x: Double) -> Double {
            if x.magnitude < Num.integerLimit && x == x.rounded(.towardZero) { return x }
            return Num.canonicalSlow(x)
        }
        func round(_ x: Double, _ digits: Int, _ mode: Num.Rounding) -> Double {
            guard x.isFinite else { return x }
            let d = max(-22, min(digits, 22))
            let shifted = canonical(Num.scaled(canonical(x), by: d))
            return canonical(Num.scaled(shifted.rounded(mode.rule), by: -d))
        }
        var rng = SplitMix64(seed: 0xC0FFEE)
        var differ: [String] = []
        let modes: [Num.Rounding] = [.halfAway, .up, .down]
        for i in 0..<400_000 {
            let x: Double
            switch i % 6 {
            case 0: x = Double(rng.randint(-2_000_000_000, 2_000_000_000)) / 100  // scores and money
            case 1: x = Double(rng.randint(-20_000_000, 20_000_000)) / 1000 + 0.0005  // at a half
            case 2: x = Double(rng.randint(1, 1 << 52)) / Double(1 << 52) * Num.exactPowerOfTen(rng.randint(0, 18)) * (rng.randint(0, 1) == 0 ? 1 : -1)
            case 3: x = Double(rng.randint(0, 100_000)) * 0.01 * 3  // products with a float residue
            case 4: x = Double(rng.randint(1, 99_999)) / Double(rng.randint(1, 997))  // averages
            default: x = Double(rng.randint(-999_999, 999_999)) * Num.exactPowerOfTen(rng.randint(0, 12)) / 100  // large, few places
            }
            if Num.canonical(x).bitPattern != canonical(x).bitPattern { differ.append("canonical \(x)") }
            let d = rng.randint(-3, 8), mode = modes[i % 3]
            if Num.round(x, d, mode).bitPattern != round(x, d, mode).bitPattern { differ.append("round \(x) \(d) \(mode)") }
        }
        #expect(differ.isEmpty, "\(differ.count) differ, e.g. \(differ.prefix(5))")
    }

    /// Shewchuk's partials as written before the in-place walk: the same
    /// partials, so the same value, after every step.
    struct PlainPartials {
        var partials: [Double] = []
        mutating func add(_ x: Double) {
            var x = x
            var kept = 0
            for i in partials.indices {
                var y = partials[i]
                if x.magnitude < y.magnitude { swap(&x, &y) }
                let hi = x + y
                let lo = y - (hi - x)
                if lo != 0 {
                    partials[kept] = lo
                    kept += 1
                }
                x = hi
            }
            partials.removeSubrange(kept...)
            partials.append(x)
        }
    }

    @Test("the exact sum keeps the partials of the plain walk, step by step, through adds, subtractions and cancellations")
    func exactSumAgainstPlainWalk() {
        var rng = SplitMix64(seed: 0x5EED_0F_F5)
        for round in 0..<200 {
            var sum = ExactSum(), plain = PlainPartials()
            var added: [Double] = []
            for _ in 0..<300 {
                let x: Double
                switch rng.randint(0, 5) {
                case 0: x = Double(rng.randint(-1000, 1000)) / 8
                case 1: x = Double(rng.randint(1, 1_000_000)) / 1000 * (round.isMultiple(of: 2) ? 1 : -1)
                case 2: x = Double(sign: rng.randint(0, 1) == 0 ? .plus : .minus, exponent: rng.randint(-60, 60), significand: 1 + Double(rng.randint(0, 1 << 20)) / Double(1 << 20))
                case 3: x = -(added.randomElement(using: &rng) ?? 0.1)
                case 4: x = 0.1
                default: x = 1e16
                }
                added.append(x)
                sum.add(x)
                plain.add(x)
                #expect(sum.partials.map(\.bitPattern) == plain.partials.map(\.bitPattern))
            }
        }
    }

    @Test("adding many values at once keeps the partials of adding them one by one, from any sum on")
    func exactSumInBulk() {
        var rng = SplitMix64(seed: 0xB0_1C)
        for round in 0..<300 {
            // From an empty sum, one inline partial, two, or spilled ones.
            var start = ExactSum()
            for _ in 0..<rng.randint(0, 4) { start.add(Double(rng.randint(1, 1 << 30)) * 0x1p-40 * Double(1 << rng.randint(0, 40))) }
            let values: [Double] = (0..<rng.randint(0, 2_000)).map { _ in
                switch rng.randint(0, 6) {
                case 0: Double(rng.randint(-100, 100))
                case 1: Double(rng.randint(0, 10_000)) / 400 + 0.1
                case 2: Double(sign: rng.randint(0, 1) == 0 ? .plus : .minus, exponent: rng.randint(-1000, 1000),
                               significand: 1 + Double(rng.randint(0, 1 << 52)) / Double(1 << 52))
                case 3: 1e300 * (round.isMultiple(of: 2) ? 1 : -1)
                case 4: 0x1p-1074
                case 5: -0.0
                default: 0.1
                }
            }
            var one = start, bulk = start
            for x in values { one.add(x) }
            values.withUnsafeBufferPointer { bulk.add(contentsOf: $0) }
            #expect(bulk.partials.map(\.bitPattern) == one.partials.map(\.bitPattern), "round \(round)")
            #expect(bulk.value.bitPattern == one.value.bitPattern)
        }
    }

    @Test("a bulk add to a sum of more partials than its stack buffer holds goes one by one")
    func exactSumInBulkFromManyPartials() {
        // Single bits 27 apart do not overlap: 75 partials.
        var start = ExactSum()
        for e in stride(from: -1074, to: 970, by: 27) { start.add(Double(sign: .plus, exponent: e, significand: 1)) }
        #expect(start.partials.count == 75)
        let values = [Double](repeating: 0.1, count: 16) + (0..<100).map { Double(sign: .minus, exponent: -1000 + 20 * $0, significand: 1.5) }
        var one = start, bulk = start
        for x in values { one.add(x) }
        values.withUnsafeBufferPointer { bulk.add(contentsOf: $0) }
        #expect(bulk.partials.map(\.bitPattern) == one.partials.map(\.bitPattern))
        // And a bulk add that grows past 64 partials from an empty sum.
        var fromEmpty = ExactSum(), plain = ExactSum()
        let spread = (0..<120).map { Double(sign: .plus, exponent: -1074 + 17 * $0, significand: 1) }
        spread.withUnsafeBufferPointer { fromEmpty.add(contentsOf: $0) }
        for x in spread { plain.add(x) }
        #expect(fromEmpty.partials.count > 64)
        #expect(fromEmpty.partials.map(\.bitPattern) == plain.partials.map(\.bitPattern))
    }

    @Test("RANK's sorted values counted by distinct value are the canonical values sorted, ties, near ties, -0 and many distinct values included")
    func canonicalSortedByDistinctValue() {
        var rng = SplitMix64(seed: 0xD15_71C7)
        for size in [0, 1, 63, 64, 65, 200, 1_000, 2_049, 10_000] {
            for distinct in [1, 3, 40, size / 2, size / 2 + 1, size] where distinct >= 1 {
                // `distinct` values drawn first (scores, shares of an average,
                // 0.1 + 0.2 beside 0.3, -0 beside 0), then each row one of them.
                let pool: [Double] = (0..<distinct).map { i in
                    switch i % 6 {
                    case 0: Double(rng.randint(0, 100))
                    case 1: Double(rng.randint(0, 100)) + 2950.0 / 390
                    case 2: 0.1 + 0.2
                    case 3: 0.3
                    case 4: -0.0
                    default: Double(rng.randint(-1_000_000, 1_000_000)) / 7
                    }
                }
                let values = (0..<size).map { i in i < distinct ? pool[i] : pool[rng.randint(0, distinct - 1)] }
                let got = SortedMultiset.canonicalSorted(values)
                let expected = SortedMultiset.sortedStably(values.map(Num.canonical))
                // Equal as numbers (-0 == 0): the order of -0 and 0 may differ.
                #expect(got == expected, "size \(size), \(distinct) distinct")
            }
        }
    }

    @Test("a table of doubles' bits keeps each key's number, through collisions and growing")
    func bitsTable() {
        let table = BitsTable()
        var kept: [UInt64: Int32] = [:]
        var rng = SplitMix64(seed: 3)
        for i in 0..<1_000 {
            // Keys that differ in low bits only, in high bits only, and at random.
            let key = [UInt64(i), UInt64(i) << 52, rng.next()][i % 3]
            let number = table.number(for: key, else: Int32(i))
            if kept[key] == nil { kept[key] = Int32(i) }
            #expect(number == kept[key])
        }
        for (key, number) in kept {
            let (slot, held) = table.probe(key)
            #expect(held && table.number(at: slot) == number)
        }
        #expect(!table.probe(0x7FF0_0000_0000_0001).held)
        #expect(table.count == kept.count)
        // The bits that mark a vacant slot are never held, whatever is asked.
        #expect(table.number(for: BitsTable.vacant, else: 7) == 7)
        #expect(table.number(for: BitsTable.vacant, else: 8) == 8)
        #expect(!table.probe(BitsTable.vacant).held && table.count == kept.count)
    }

    @Test func sortedMultiset() {
        var m = SortedMultiset()
        var plain: [Double] = []
        var rng = SystemRandomNumberGenerator()
        for i in 0..<5000 {
            let x = Double(Int.random(in: 0..<300, using: &rng))
            if i % 3 == 2, let y = plain.randomElement(using: &rng) {
                let removed = m.remove(y)
                #expect(removed)
                plain.remove(at: plain.firstIndex(of: y)!)
            } else {
                m.insert(x)
                plain.append(x)
            }
        }
        #expect(m.count == plain.count)
        for probe in stride(from: -1.0, through: 301, by: 7) {
            #expect(m.countGreater(than: probe) == plain.filter { $0 > probe }.count)
            #expect(m.countLess(than: probe) == plain.filter { $0 < probe }.count)
            #expect(m.contains(probe) == plain.contains(probe))
            #expect(m.rank(of: probe, descending: true) == (plain.contains(probe) ? plain.filter { $0 > probe }.count : nil))
            #expect(m.rank(of: probe, descending: false) == (plain.contains(probe) ? plain.filter { $0 < probe }.count : nil))
        }
        #expect(m.smallest == plain.min())
        #expect(m.largest == plain.max())
        let removedMissing = m.remove(1000)
        #expect(!removedMissing)
    }

    @Test("the multiset's radix sort is the stable sort, bit for bit, ties, -0 and 0, negatives and huge values included")
    func radixSortIsSorted() {
        var rng = SplitMix64(seed: 99)
        // With negative zeros and without (a small sort takes a short cut then).
        for (size, negativeZero) in [0, 1, 2, 100, 2047, 2048, 2049, 5_000, 70_000].flatMap({ [($0, true), ($0, false)] }) {
            let values: [Double] = (0..<size).map { i in
                switch i % 7 {
                case 0: return Double(rng.randint(0, 10_000)) / 100
                case 1: return -Double(rng.randint(0, 500)) / 4
                case 2: return rng.randint(0, 1) == 0 || !negativeZero ? 0.0 : -0.0
                case 3: return Double(rng.randint(1, 1 << 50)) * Num.exactPowerOfTen(rng.randint(0, 22)) * (rng.randint(0, 1) == 0 ? 1 : -1)
                case 4: return Double(rng.randint(1, 1000)) * 1e-300
                case 5: return 82.4
                default: return Double(rng.randint(-1_000_000, 1_000_000)) / 7
                }
            }
            #expect(SortedMultiset.sortedStably(values).map(\.bitPattern) == values.sorted().map(\.bitPattern), "size \(size)")
        }
    }

    @Test("counts stay right through bulk loads, splits, emptied chunks and long runs of ties")
    func sortedMultisetCounts() {
        var state: UInt64 = 7
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        // Many chunks (20,000 values, 256 a chunk), a run of 3,000 equal values across chunks.
        var plain = (0..<17_000).map { _ in Double(next(5_000)) } + Array(repeating: 2_500, count: 3_000)
        var m = SortedMultiset(plain)
        func check() -> Bool {
            let sorted = plain.sorted()
            for probe in [-1.0, 0, 1, 2_499, 2_499.5, 2_500, 2_501, 4_999, 5_000] + (0..<20).map({ _ in Double(next(5_001)) }) {
                let greater = sorted.count - (sorted.firstIndex { $0 > probe } ?? sorted.count)
                let less = sorted.firstIndex { $0 >= probe } ?? sorted.count
                if m.countGreater(than: probe) != greater || m.countLess(than: probe) != less { return false }
                let here = plain.contains(probe)
                if m.rank(of: probe, descending: true) != (here ? greater : nil) || m.rank(of: probe, descending: false) != (here ? less : nil) { return false }
            }
            return m.count == plain.count
        }
        #expect(check())
        for round in 0..<30 {
            // Inserts that split chunks, then removes that empty some.
            for _ in 0..<400 {
                let x = round % 2 == 0 ? 2_500 : Double(next(5_000))
                m.insert(x)
                plain.append(x)
            }
            for _ in 0..<500 where !plain.isEmpty {
                let y = plain.remove(at: next(plain.count))
                let removed = m.remove(y)
                #expect(removed)
            }
            #expect(check(), "round \(round)")
        }
    }
}
