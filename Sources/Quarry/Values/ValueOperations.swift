/// The operators of the language over values, with EQL's three-valued logic: an operand that is
/// null makes the result null, and so does a comparison that cannot be decided (mismatched types,
/// a date interval that straddles the bound).
public struct ValueOperations: Sendable {
    /// Whether strings compare with regard to case (EQL's case-sensitive mode).
    public var caseSensitive: Bool

    /// Operators in case-insensitive mode unless asked otherwise.
    public init(caseSensitive: Bool = false) {
        self.caseSensitive = caseSensitive
    }

    /// The ordering operators.
    public enum Comparison: Sendable { case less, lessOrEqual, greater, greaterOrEqual }

    // MARK: Equality

    /// `a == b`: true, false, or null when either side is null or the two cannot be compared.
    ///
    /// For dates the left side is a date as stated and the right a period: `date == @2021` is true
    /// for every date that lies within 2021, false for one that lies wholly outside, null otherwise.
    public func equals(_ a: Value, _ b: Value) -> Value {
        switch (a.keyed, b.keyed) {
        case (.null, _), (_, .null):
            return .null
        case (.bool(let x), .bool(let y)):
            return .bool(x == y)
        case (.int(let x), .int(let y)):
            return .bool(x == y)
        case (.int, .double), (.double, .int), (.double, .double):
            return .bool(a.number! == b.number!)
        case (.string(let x), .string(let y)):
            return .bool(stringsEqual(x, y))
        case (.date(let x), .date(let y)):
            return within(x, y)
        case (.date(let x), .string(let y)):
            return QuarryDate(text: y).map { within(x, $0) } ?? .null
        case (.string(let x), .date(let y)):
            return QuarryDate(text: x).map { within($0, y) } ?? .null
        case (.array(let x), .array(let y)):
            guard x.count == y.count else { return .bool(false) }
            for (p, q) in zip(x, y) where equals(p, q) != .bool(true) { return .bool(false) }
            return .bool(true)
        case (.record(let x), .record(let y)):
            return .bool(x == y)
        case (.row(let x), .row(let y)):
            return .bool(x == y)
        case (.table(let x), .table(let y)):
            return .bool(x === y)
        default:
            return .null
        }
    }

    /// Whether the two values are the same for grouping, `unique` and `in`: nulls are equal to
    /// each other here, and strings follow the case mode.
    public func sameKey(_ a: Value, _ b: Value) -> Bool {
        if a.isNull && b.isNull { return true }
        return equals(a, b) == .bool(true)
    }

    /// A value for hashing that agrees with `sameKey` (strings folded when case does not matter).
    public func groupingKey(_ value: Value) -> Value {
        switch value.keyed {
        case .string(let s): return caseSensitive ? .string(s) : .string(Self.folded(s))
        case .double(let d) where d == d.rounded() && abs(d) < 9e15: return .int(Int(d))
        case .array(let items): return .array(items.map(groupingKey))
        case let other: return other
        }
    }

    /// Whether two strings are equal in the current case mode.
    public func stringsEqual(_ x: String, _ y: String) -> Bool {
        caseSensitive ? x == y : Self.equalIgnoringCase(x, y)
    }

    /// Case-insensitive equality without allocating for ASCII text, the common case.
    @inline(__always)
    static func equalIgnoringCase(_ x: String, _ y: String) -> Bool {
        if x == y { return true }
        var a = x.utf8.makeIterator(), b = y.utf8.makeIterator()
        while true {
            switch (a.next(), b.next()) {
            case (nil, nil): return true
            case (let p?, let q?):
                if p >= 0x80 || q >= 0x80 { return x.lowercased() == y.lowercased() }
                if p != q && asciiLower(p) != asciiLower(q) { return false }
            default:
                // Lengths differ: only non-ASCII case mappings could make them equal.
                return !x.utf8.allSatisfy({ $0 < 0x80 }) || !y.utf8.allSatisfy({ $0 < 0x80 }) ? x.lowercased() == y.lowercased() : false
            }
        }
    }

    /// Case-insensitive order without allocating for ASCII text; ties broken by the text itself.
    @inline(__always)
    static func lessIgnoringCase(_ x: String, _ y: String) -> Bool {
        var a = x.utf8.makeIterator(), b = y.utf8.makeIterator()
        while true {
            switch (a.next(), b.next()) {
            case (nil, nil): return x < y
            case (nil, _): return true
            case (_, nil): return false
            case (let p?, let q?):
                if p >= 0x80 || q >= 0x80 {
                    let lx = x.lowercased(), ly = y.lowercased()
                    return lx != ly ? lx < ly : x < y
                }
                let lp = asciiLower(p), lq = asciiLower(q)
                if lp != lq { return lp < lq }
            }
        }
    }

    @inline(__always)
    static func asciiLower(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c + 32 : c }

    /// The text in lower case; ASCII text that has no capitals is returned as it is, unallocated.
    @inline(__always)
    static func folded(_ s: String) -> String {
        for c in s.utf8 where c >= 0x80 || (c >= 0x41 && c <= 0x5A) { return s.lowercased() }
        return s
    }

    func within(_ x: QuarryDate, _ period: QuarryDate) -> Value {
        let (a, b) = (x.firstSecond, x.lastSecond), (p, q) = (period.firstSecond, period.lastSecond)
        if a >= p && b <= q { return .bool(true) }
        if b < p || a > q { return .bool(false) }
        return .null
    }

    // MARK: Ordering

    /// `a < b`, `a <= b`, `a > b`, `a >= b`, three-valued.
    ///
    /// A date is compared with the bounds of the other side: `date < @2021` means before 2021
    /// began, `date <= @2021` not after it ended, `date > @2020` after 2020 ended, `date >= @2020`
    /// not before it began. The answer is null when the left date straddles that bound.
    public func compare(_ a: Value, _ op: Comparison, _ b: Value) -> Value {
        switch (a.keyed, b.keyed) {
        case (.null, _), (_, .null):
            return .null
        case (.int(let x), .int(let y)):
            return .bool(holds(x, op, y))
        case (.int, .double), (.double, .int), (.double, .double):
            return .bool(holds(a.number!, op, b.number!))
        case (.string(let x), .string(let y)):
            if caseSensitive { return .bool(holds(x, op, y)) }
            let less = Self.lessIgnoringCase(x, y), equal = Self.equalIgnoringCase(x, y)
            switch op {
            case .less: return .bool(less && !equal)
            case .lessOrEqual: return .bool(less || equal)
            case .greater: return .bool(!less && !equal)
            case .greaterOrEqual: return .bool(!less || equal)
            }
        case (.date(let x), .date(let y)):
            return compareDates(x, op, y)
        case (.date(let x), .string(let y)):
            return QuarryDate(text: y).map { compareDates(x, op, $0) } ?? .null
        case (.string(let x), .date(let y)):
            return QuarryDate(text: x).map { compareDates($0, op, y) } ?? .null
        case (.bool(let x), .bool(let y)):
            return .bool(holds(x ? 1 : 0, op, y ? 1 : 0))
        default:
            return .null
        }
    }

    private func holds<T: Comparable>(_ x: T, _ op: Comparison, _ y: T) -> Bool {
        switch op {
        case .less: return x < y
        case .lessOrEqual: return x <= y
        case .greater: return x > y
        case .greaterOrEqual: return x >= y
        }
    }

    func compareDates(_ x: QuarryDate, _ op: Comparison, _ y: QuarryDate) -> Value {
        // The bound of the right side that the operator is about, tested on both ends of x.
        // Counted in seconds, so an instant is compared with a day, and with another instant.
        let first: Bool, last: Bool
        let (a, b) = (x.firstSecond, x.lastSecond), (p, q) = (y.firstSecond, y.lastSecond)
        switch op {
        case .less: first = a < p; last = b < p
        case .lessOrEqual: first = a <= q; last = b <= q
        case .greater: first = a > q; last = b > q
        case .greaterOrEqual: first = a >= p; last = b >= p
        }
        return first == last ? .bool(first) : .null
    }

    // MARK: Sorting

    /// A total order for `sort`: nulls first (as in EQL, so a descending sort puts them last);
    /// then booleans, numbers, strings, dates (by start, end), and everything else by its text.
    /// Returns true when `a` sorts before `b`.
    public func sortsBefore(_ a: Value, _ b: Value) -> Bool {
        let x = a.keyed, y = b.keyed
        let rx = rank(x), ry = rank(y)
        if rx != ry { return rx < ry }
        switch (x, y) {
        case (.int(let p), .int(let q)): return p < q
        case (.bool(let p), .bool(let q)): return !p && q
        case (.string(let p), .string(let q)):
            return caseSensitive ? p < q : Self.lessIgnoringCase(p, q)
        case (.date(let p), .date(let q)): return p < q
        default:
            if let p = x.number, let q = y.number { return p < q }
            return x.description < y.description
        }
    }

    private func rank(_ v: Value) -> Int {
        switch v {
        case .bool: return 0
        case .int, .double: return 1
        case .string: return 2
        case .date: return 3
        case .array: return 4
        case .record, .row, .table: return 5
        case .null: return -1
        }
    }

    // MARK: Arithmetic

    /// The arithmetic operators.
    public enum Arithmetic: String, Sendable { case add = "+", subtract = "-", multiply = "*", divide = "/", modulo = "%" }

    /// Arithmetic with EQL's rules: integer division floors, division by zero and overflow give
    /// null, and so does any operand that is not a number. A date plus or minus a whole number
    /// moves it by days; a date minus a date is the number of days between their starts.
    public func arithmetic(_ op: Arithmetic, _ a: Value, _ b: Value) -> Value {
        switch (op, a.keyed, b.keyed) {
        case (_, .null, _), (_, _, .null):
            return .null
        case (_, .int(let x), .int(let y)):
            return integer(op, x, y)
        case (.add, .date(let d), .int(let n)), (.add, .int(let n), .date(let d)):
            return d.moved(by: n).map { .date($0) } ?? .null
        case (.subtract, .date(let d), .int(let n)):
            return n == .min ? .null : d.moved(by: -n).map { .date($0) } ?? .null
        case (.subtract, .date(let x), .date(let y)):
            return .int(x.start - y.start)
        default:
            guard let x = a.number, let y = b.number else { return .null }
            switch op {
            case .add: return .double(x + y)
            case .subtract: return .double(x - y)
            case .multiply: return .double(x * y)
            case .divide: return y == 0 ? .null : .double(x / y)
            case .modulo: return y == 0 ? .null : .double(x - y * (x / y).rounded(.down))
            }
        }
    }

    private func integer(_ op: Arithmetic, _ x: Int, _ y: Int) -> Value {
        let result: (partialValue: Int, overflow: Bool)
        switch op {
        case .add: result = x.addingReportingOverflow(y)
        case .subtract: result = x.subtractingReportingOverflow(y)
        case .multiply: result = x.multipliedReportingOverflow(by: y)
        case .divide:
            guard y != 0, !(x == .min && y == -1) else { return .null }
            let q = x / y
            return .int((x % y != 0 && (x < 0) != (y < 0)) ? q - 1 : q)
        case .modulo:
            guard y != 0, !(x == .min && y == -1) else { return y == -1 ? .int(0) : .null }
            let r = x % y
            return .int(r != 0 && (r < 0) != (y < 0) ? r + y : r)
        }
        return result.overflow ? .null : .int(result.partialValue)
    }
}

extension Value {
    /// The value as a floating-point number, for ints and floats.
    public var number: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    /// Whether a `where` keeps a row: true does, null and false do not, and a value of another
    /// kind counts as EQL counts it (a non-zero number, a non-empty string or array).
    public var isTrue: Bool { truth == true }

    /// The value as a condition: nil for null; booleans as they are; other values by EQL's
    /// (Python's) truthiness. The checker rejects conditions of a known non-boolean type, so this
    /// matters only for fields whose type is known at run time.
    public var truth: Bool? {
        switch keyed {
        case .null: return nil
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .double(let d): return d != 0
        case .string(let s): return !s.isEmpty
        case .array(let items): return !items.isEmpty
        case .record(let r): return !r.names.isEmpty
        case .date, .row, .table: return true
        }
    }
}
