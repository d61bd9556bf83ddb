import Foundation

/// One column of a table: its values, stored by what they are.
///
/// A column whose values are all strings (or null) is dictionary-encoded: each distinct string is
/// kept once and rows hold small codes, so a filter or a grouping can decide once per distinct
/// string instead of once per row. Whole numbers, floats and dates are kept unboxed. Anything
/// mixed is kept as values. Reading a row gives the same `Value` whatever the storage.
public struct Column: RandomAccessCollection, Sendable {
    enum Storage: Sendable {
        case values([Value])
        case strings(StringDictionary)
        case ints([Int], present: [Bool]?)
        case doubles([Double], present: [Bool]?)
        case dates([QuarryDate], present: [Bool]?)
    }

    let storage: Storage
    /// The number of rows.
    public let count: Int

    /// A column of these values, stored by their kind.
    public init(_ values: [Value]) {
        count = values.count
        // Encoding a short column costs more than it saves: the kernels read values as well.
        storage = values.count < Self.shortestEncoded ? .values(values) : Self.encode(values)
    }

    /// A column that keeps its values as they are, for results read once (a database's rows):
    /// encoding them would cost more than reading them saves.
    package static func unencoded(_ values: [Value]) -> Column {
        Column(storage: .values(values), count: values.count)
    }

    /// Every value in row order: the stored array itself when the column keeps its values as
    /// they are.
    package var allValues: [Value] {
        if case .values(let values) = storage { return values }
        return Array(self)
    }

    /// Columns shorter than this keep their values as they are.
    static let shortestEncoded = 1024

    init(storage: Storage, count: Int) {
        self.storage = storage
        self.count = count
    }

    /// The first row's position: 0.
    public var startIndex: Int { 0 }
    /// One past the last row.
    public var endIndex: Int { count }

    /// The value at a row.
    @inline(__always)
    public subscript(row: Int) -> Value {
        switch storage {
        case .values(let values):
            return values[row]
        case .strings(let strings):
            let code = strings.codes[row]
            return code < 0 ? .null : .string(strings.entries[Int(code)])
        case .ints(let values, let present):
            if let present, !present[row] { return .null }
            return .int(values[row])
        case .doubles(let values, let present):
            if let present, !present[row] { return .null }
            return .double(values[row])
        case .dates(let values, let present):
            if let present, !present[row] { return .null }
            return .date(values[row])
        }
    }

    /// The rows at these positions, in this order, in the same kind of storage.
    func gathering(_ rows: [Int]) -> Column {
        func pick<T>(_ array: [T]) -> [T] { rows.map { array[$0] } }
        switch storage {
        case .values(let values):
            return Column(storage: .values(pick(values)), count: rows.count)
        case .strings(let strings):
            return Column(storage: .strings(strings.with(codes: pick(strings.codes))), count: rows.count)
        case .ints(let values, let present):
            return Column(storage: .ints(pick(values), present: present.map(pick)), count: rows.count)
        case .doubles(let values, let present):
            return Column(storage: .doubles(pick(values), present: present.map(pick)), count: rows.count)
        case .dates(let values, let present):
            return Column(storage: .dates(pick(values), present: present.map(pick)), count: rows.count)
        }
    }

    private enum Kind { case empty, strings, ints, doubles, dates, mixed }

    static func encode(_ values: [Value]) -> Storage {
        var kind = Kind.empty
        var hasNull = false
        for value in values {
            let next: Kind
            switch value {
            case .null: hasNull = true; continue
            case .string: next = .strings
            case .int: next = .ints
            case .double: next = .doubles
            case .date: next = .dates
            default: next = .mixed
            }
            if kind == .empty { kind = next } else if kind != next { kind = .mixed }
            if kind == .mixed { break }
        }
        func unboxed<T>(_ zero: T, _ read: (Value) -> T?) -> ([T], present: [Bool]?) {
            (values.map { read($0) ?? zero }, hasNull ? values.map { !$0.isNull } : nil)
        }
        switch kind {
        case .strings:
            return .strings(StringDictionary(values))
        case .ints:
            let (v, p) = unboxed(0) { if case .int(let i) = $0 { return i } else { return nil } }
            return .ints(v, present: p)
        case .doubles:
            let (v, p) = unboxed(0.0) { if case .double(let d) = $0 { return d } else { return nil } }
            return .doubles(v, present: p)
        case .dates:
            let (v, p) = unboxed(QuarryDate(start: 0, end: 0, precision: .day)) { if case .date(let d) = $0 { return d } else { return nil } }
            return .dates(v, present: p)
        case .empty, .mixed:
            return .values(values)
        }
    }
}

/// The strings of a dictionary-encoded column: each distinct string once, in first-seen order,
/// and a code per row (-1 for null).
struct StringDictionary: Sendable {
    /// The distinct strings.
    let entries: [String]
    /// For each row, its string's position in `entries`, or -1 when the row is null.
    let codes: [Int32]
    /// The entries' text folded for substring search, made the first time a search needs it: a
    /// column of free text loaded for other questions never pays for a second copy of itself.
    private let search: FoldedText

    init(_ values: [Value]) {
        var positions: [String: Int32] = [:]
        var entries: [String] = []
        var codes: [Int32] = []
        codes.reserveCapacity(values.count)
        for value in values {
            guard case .string(let s) = value else { codes.append(-1); continue }
            if let code = positions[s] {
                codes.append(code)
            } else {
                let code = Int32(entries.count)
                positions[s] = code
                entries.append(s)
                codes.append(code)
            }
        }
        self.init(entries: entries, codes: codes)
    }

    /// Distinct strings and a code per row (-1 for null), as a loader builds them.
    init(entries: [String], codes: [Int32]) {
        self.entries = entries
        self.codes = codes
        search = FoldedText(entries)
    }

    private init(entries: [String], codes: [Int32], search: FoldedText) {
        self.entries = entries
        self.codes = codes
        self.search = search
    }

    /// Every entry's UTF-8 with ASCII letters in lower case, each followed by a 0 byte (one
    /// buffer that a substring search can scan at memory speed), and where each entry starts in
    /// it, with one more start: the buffer's length.
    func foldedText() -> (folded: [UInt8], starts: [Int]) { search.value() }

    /// The same strings with other rows.
    func with(codes: [Int32]) -> StringDictionary {
        StringDictionary(entries: entries, codes: codes, search: search)
    }
}

/// A dictionary's folded text, built once on first use.
final class FoldedText: @unchecked Sendable {
    // @unchecked: `built` is written once, under the lock.
    private let lock = NSLock()
    private let entries: [String]
    private var built: (folded: [UInt8], starts: [Int])?

    init(_ entries: [String]) { self.entries = entries }

    func value() -> (folded: [UInt8], starts: [Int]) {
        lock.lock()
        defer { lock.unlock() }
        if let built { return built }
        var total = 0
        for entry in entries { total += entry.utf8.count + 1 }
        var folded: [UInt8] = []
        folded.reserveCapacity(total)
        var starts: [Int] = []
        starts.reserveCapacity(entries.count + 1)
        for var entry in entries {
            starts.append(folded.count)
            entry.withUTF8 { folded.append(contentsOf: $0) }
            folded.append(0)
        }
        starts.append(folded.count)
        folded.withUnsafeMutableBufferPointer { bytes in
            for i in bytes.indices where bytes[i] &- 0x41 < 26 { bytes[i] += 32 }
        }
        built = (folded, starts)
        return (folded, starts)
    }
}
