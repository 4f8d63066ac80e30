/// Decimal semantics on top of binary doubles, as Excel has them.
///
/// Arithmetic runs in full double precision (so `1/3*3` is 1, as in Excel),
/// but a number is shown, rounded and compared by its *canonical* value: the
/// double nearest to the decimal of at most 15 significant digits it shows.
/// So `0.1 + 0.2 = 0.3` is TRUE, `ROUND(1.005, 2)` is 1.01, equal shown
/// values rank as ties, and no artefact such as `95.05000000000001` ever
/// reaches a table or an export.
///
/// Doubles keep arithmetic at a few nanoseconds (Foundation's `Decimal` costs
/// about 570 ns an addition here); canonicalising an integer is a single compare.
public enum Num {
    /// Exact powers of ten: every 10^k with k ≤ 22 is representable.
    /// (Written out, so that the table is a constant of the binary rather
    /// than a global initialised on first use and checked at every use.)
    static let pow10: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// 10^k for 0 ≤ k ≤ 22, exactly.
    public static func exactPowerOfTen(_ k: Int) -> Double { pow10[k] }

    /// The largest magnitude below which every integer is exact and canonical.
    static let integerLimit = 1e15

    /// The double nearest to `x` rounded to 15 significant digits.
    ///
    /// - Complexity: O(1); integers below 10^15 return at once.
    @inline(__always)
    public static func canonical(_ x: Double) -> Double {
        if x.magnitude < integerLimit && x == x.rounded(.towardZero) { return x }
        if isDecimal(x, places: 2) { return x }
        return canonicalSlow(x)
    }

    /// Whether `x` is the double nearest a decimal of at most `places`
    /// places and 15 significant digits (`82.4`, `2923.47`): then it is its
    /// own canonical value, and ROUND to `places` or more gives it back.
    /// (m / 10^places is correctly rounded, so x is the double nearest m /
    /// 10^places; x is within half an ulp of it, far inside half a unit of
    /// its 15th digit, so that decimal is what x shows.)
    @inline(__always)
    static func isDecimal(_ x: Double, places: Int) -> Bool {
        let scale = pow10[places]
        let m = (x * scale).rounded()
        return m.magnitude < integerLimit && m / scale == x
    }

    @usableFromInline
    static func canonicalSlow(_ x: Double) -> Double {
        guard x.isFinite, x != 0 else { return x }
        // 2^e ≤ |x| < 2^(e+1), so the decimal exponent is about e·log10(2).
        var e10 = Int((Double(Int(x.exponent)) * 0.30102999566398120).rounded(.down))
        for _ in 0..<3 {
            let shift = 14 - e10
            let m = scaled(x, by: shift).rounded(.toNearestOrAwayFromZero)
            if m.magnitude >= 1e15 { e10 += 1; continue }
            if m.magnitude < 1e14 { e10 -= 1; continue }
            // Within 10^±22 both steps round once, so the result is the double
            // nearest the decimal; beyond, let the correctly rounded parser do it.
            if shift.magnitude <= 22 { return scaled(m, by: -shift) }
            return Double("\(Int64(m))e\(-shift)") ?? x
        }
        return x
    }

    /// `x · 10^k`, with a single rounding whenever |k| ≤ 22.
    @inline(__always)
    static func scaled(_ x: Double, by k: Int) -> Double {
        if k >= 0 && k <= 22 { return x * pow10[k] }
        if k < 0 && k >= -22 { return x / pow10[-k] }
        return scaledFar(x, by: k)
    }

    private static func scaledFar(_ x: Double, by k: Int) -> Double {
        k > 0 ? scaled(x * pow10[22], by: k - 22) : scaled(x / pow10[22], by: k + 22)
    }

    // MARK: Rounding as Excel's ROUND, ROUNDUP and ROUNDDOWN

    public enum Rounding: Sendable {
        /// Half away from zero (ROUND).
        case halfAway
        /// Away from zero (ROUNDUP).
        case up
        /// Toward zero (ROUNDDOWN).
        case down

        var rule: FloatingPointRoundingRule {
            switch self {
            case .halfAway: .toNearestOrAwayFromZero
            case .up: .awayFromZero
            case .down: .towardZero
            }
        }
    }

    /// Rounds `x` to `digits` decimal places (negative: to tens, hundreds, …)
    /// on its decimal value: `round(1.005, 2) == 1.01`, `round(21.9 / 0.2, 0) == 110`.
    public static func round(_ x: Double, _ digits: Int, _ mode: Rounding = .halfAway) -> Double {
        guard x.isFinite else { return x }
        let d = max(-22, min(digits, 22))
        // Already a decimal of d places: every mode gives it back.
        if d >= 0, isDecimal(x, places: d) { return x }
        // Shifting a canonical value by a power of ten and canonicalising again
        // recovers the shifted decimal exactly; only then is the rounding done.
        let near = scaled(canonical(x), by: d)
        // `near` is within a few ulps of the shifted decimal: unless it lies
        // that close to where the rounding turns (a half for ROUND, a whole
        // number for ROUNDUP and ROUNDDOWN), it rounds as the decimal does,
        // and the decimal need not be recovered exactly.
        let whole: Double
        let size = near.magnitude
        let fraction = size - size.rounded(.down)
        let margin = size * 1e-14
        let clear = size < 1e15 && (mode == .halfAway ? (fraction - 0.5).magnitude > margin : fraction > margin && 1 - fraction > margin)
        if clear {
            whole = near.rounded(mode.rule)
        } else {
            whole = canonical(near).rounded(mode.rule)
        }
        return canonical(scaled(whole, by: -d))
    }

    // MARK: Text

    /// Parses text the way Excel converts it in arithmetic: a plain number, or
    /// one with spaces around it, thousands separators, a leading currency
    /// sign or a trailing percent (`" 1,234.5 "`, `"$4.00"`, `"50%"`, `"¥20"`).
    public static func parseLenient(_ text: String) -> Double? {
        // Most text is no number at all (ids, names): say so from the first
        // byte that is not a space, before any work on characters.
        guard let first = text.utf8.first(where: { $0 != 0x20 }) else { return nil }
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "$"):
            break
        case 0xC2, 0xE2, 0xEF:  // ¥ £, €, ￥
            break
        default:
            return nil
        }
        var s = text.trimmingSpaces
        if let x = parse(s) { return x }
        var negative = false
        if s.first == "-" { negative = true; s = s.dropFirst() }
        if let c = s.first, "$¥￥€£".contains(c) { s = s.dropFirst() }
        var scale = 1.0
        if s.last == "%" { scale = 100; s = s.dropLast() }
        if s.contains(",") {
            let parts = s.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            let groups = parts[0].split(separator: ",", omittingEmptySubsequences: false)
            guard groups.count > 1, (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
            s = Substring(groups.joined() + (parts.count > 1 ? "." + parts[1] : ""))
        }
        guard !s.hasPrefix("-"), !s.hasPrefix("+"), let x = parse(s) else { return nil }
        return (negative ? -x : x) / scale
    }

    /// Parses a plain decimal number (`12`, `-3.5`, `.25`, `1e3`); nil for
    /// anything else, including trailing garbage such as `12abc`.
    public static func parse<S: StringProtocol>(_ text: S) -> Double? {
        var sawDigit = false
        var index = text.startIndex
        func at(_ i: S.Index) -> Character? { i < text.endIndex ? text[i] : nil }
        if let c = at(index), c == "+" || c == "-" { index = text.index(after: index) }
        while let c = at(index), c.isASCII, c.isNumber { sawDigit = true; index = text.index(after: index) }
        if at(index) == "." {
            index = text.index(after: index)
            while let c = at(index), c.isASCII, c.isNumber { sawDigit = true; index = text.index(after: index) }
        }
        guard sawDigit else { return nil }
        if let c = at(index), c == "e" || c == "E" {
            index = text.index(after: index)
            if let s = at(index), s == "+" || s == "-" { index = text.index(after: index) }
            var expDigit = false
            while let c = at(index), c.isASCII, c.isNumber { expDigit = true; index = text.index(after: index) }
            guard expDigit else { return nil }
        }
        guard index == text.endIndex, let x = Double(String(text)), x.isFinite else { return nil }
        return canonical(x)
    }

    /// The number as Excel's General format shows it when there is room: up
    /// to 15 significant digits, plain notation for 1e-9 ≤ |x| < 1e15.
    public static func general(_ x: Double) -> String {
        if x.magnitude < integerLimit && x == x.rounded(.towardZero) {
            return x == 0 ? "0" : String(Int64(x))
        }
        guard x.isFinite else { return x.isNaN ? "#NUM!" : "#NUM!" }
        let (negative, digits, pointAt) = decimalDigits(canonical(x))
        let sign = negative ? "-" : ""
        if pointAt > 15 || pointAt < -8 {
            var mantissa = String(digits.first!)
            if digits.count > 1 { mantissa += "." + digits.dropFirst() }
            let e = pointAt - 1
            let exp = String(abs(e))
            return sign + mantissa + "E" + (e < 0 ? "-" : "+") + (exp.count < 2 ? "0" + exp : exp)
        }
        if pointAt <= 0 {
            return sign + "0." + String(repeating: "0", count: -pointAt) + digits
        }
        if digits.count <= pointAt {
            return sign + digits + String(repeating: "0", count: pointAt - digits.count)
        }
        let i = digits.index(digits.startIndex, offsetBy: pointAt)
        return sign + digits[..<i] + "." + digits[i...]
    }

    /// The shortest digit string of `x` with the position of the decimal point
    /// (`123.45` → `"12345"`, 3; `0.004` → `"4"`, -2).
    static func decimalDigits(_ x: Double) -> (negative: Bool, digits: String, pointAt: Int) {
        var text = x.magnitude.description
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...])!
            text = String(text[..<e])
        }
        var intPart = Substring(text)
        var fracPart = Substring("")
        if let dot = text.firstIndex(of: ".") {
            intPart = text[..<dot]
            fracPart = text[text.index(after: dot)...]
        }
        var digits = String(intPart) + fracPart
        var pointAt = intPart.count + exponent
        while digits.count > 1, digits.first == "0" { digits.removeFirst(); pointAt -= 1 }
        while digits.count > 1, digits.last == "0" { digits.removeLast() }
        return (x < 0, digits, pointAt)
    }

    /// The number with exactly `decimals` places, rounded half away from zero
    /// on its decimal value (`fixed(2.675, decimals: 2) == "2.68"`).
    public static func fixed(_ x: Double, decimals: Int) -> String {
        let d = max(0, min(decimals, 15))
        guard let m = fixedUnits(x, d) else { return general(round(x, d)) }
        // Written on the stack, so that a short result is a small string (no allocation).
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: fixedCapacity) { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[fixedDigits(m, d, into: buffer)...]), as: UTF8.self)
        }
    }

    /// `fixed`, appended to UTF-8 bytes with no string between: what a CSV of
    /// 100,000 rows does a few million times.
    public static func appendFixed(_ x: Double, decimals: Int, to out: inout [UInt8]) {
        let d = max(0, min(decimals, 15))
        guard let m = fixedUnits(x, d) else { return out.append(contentsOf: general(round(x, d)).utf8) }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: fixedCapacity) { buffer in
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[fixedDigits(m, d, into: buffer)...]))
        }
    }

    /// `x` rounded as `round(x, d)` in units of 10^-d (`2.675`, 2 → 268);
    /// nil from 9·10^15 units on, or for a value that is not finite, which
    /// `fixed` shows in General format.
    private static func fixedUnits(_ x: Double, _ d: Int) -> Int64? {
        guard x.isFinite else { return nil }
        // `round` before it shifts back: below 10^15 units, shifting back by
        // 10^d and forth again gives these very units (one rounding each way).
        let whole = canonical(scaled(canonical(x), by: d)).rounded(.toNearestOrAwayFromZero)
        if whole.magnitude < integerLimit { return Int64(whole) }
        let units = scaled(round(x, d), by: d).rounded()
        return units.magnitude < 9e15 ? Int64(units) : nil
    }

    /// Bytes `fixedDigits` may write: a sign, 16 digits, a point, a leading zero.
    private static let fixedCapacity = 24

    /// `m / 10^d` with exactly `d` places, written at the end of `buffer`
    /// (`fixedCapacity` bytes), digits from the right; returns where it starts.
    private static func fixedDigits(_ m: Int64, _ d: Int, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var rest = m.magnitude
        var i = buffer.count, digits = 0
        repeat {
            if digits == d && d > 0 {
                i -= 1
                buffer[i] = UInt8(ascii: ".")
            }
            i -= 1
            buffer[i] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
            digits += 1
        } while rest > 0 || digits <= d
        if m < 0 {
            i -= 1
            buffer[i] = UInt8(ascii: "-")
        }
        return i
    }
}
