import Foundation

/// The type a loaded column is read as. Inferred from the values unless a schema names it.
public enum LoadedType: String, Sendable, Hashable, CaseIterable {
    case int, float, bool, date, string

    /// The field type a query sees.
    var fieldType: FieldType {
        switch self {
        case .int: return .int
        case .float: return .double
        case .bool: return .bool
        case .date: return .date
        case .string: return .string
        }
    }

    /// The type both a value of this type and one of `other` fit: whole numbers and numbers
    /// make numbers; anything else that disagrees makes text.
    func widened(with other: LoadedType) -> LoadedType {
        if self == other { return self }
        if Set([self, other]) == [.int, .float] { return .float }
        return .string
    }

    /// The narrowest type a field's text reads as, or nil for a null (empty or `null`).
    static func of(_ bytes: UnsafeRawBufferPointer) -> LoadedType? {
        if bytes.isEmpty || TextField.isNullWord(bytes) { return nil }
        if TextField.int(bytes) != nil { return .int }
        if TextField.isBigInt(bytes) || TextField.double(bytes) != nil { return .float }
        if TextField.bool(bytes) != nil { return .bool }
        if TextField.date(bytes) != nil { return .date }
        return .string
    }
}

/// A column being filled one text field at a time, stored by its type from the start: codes into
/// a byte dictionary for text, unboxed numbers and dates otherwise. A value that does not fit the
/// type is remembered (the first one), so that the reader can widen the type and read again.
struct ColumnBuilder {
    let type: LoadedType
    private(set) var count = 0
    private var ints: [Int] = []
    private var doubles: [Double] = []
    private var dates: [QuarryDate] = []
    private var bools: [Value] = []
    private var codes: [Int32] = []
    private(set) var dictionary: ByteDictionary
    /// Which rows have a value; made at the first null, so a column without one never has it.
    private var present: [Bool]?
    private var nulls = 0
    /// The first field that did not fit, and its line.
    private(set) var misfit: (line: Int, text: String, fits: LoadedType)?
    /// Whole numbers beyond 64 bits read as floats, by line, for warnings.
    private(set) var bigInts: [Int] = []

    /// `base` is the file being read: text values in it are kept as places, not copied.
    /// `distinct` is how many distinct values to expect (a column of free text has nearly one a row).
    init(type: LoadedType, capacity: Int, base: UnsafeRawBufferPointer? = nil, distinct: Int = 512) {
        self.type = type
        dictionary = ByteDictionary(base: base, capacity: type == .string ? distinct : 16)
        switch type {
        case .int: ints.reserveCapacity(capacity)
        case .float: doubles.reserveCapacity(capacity)
        case .date: dates.reserveCapacity(capacity)
        case .bool: bools.reserveCapacity(capacity)
        case .string: codes.reserveCapacity(capacity)
        }
    }

    /// Adds one field's text (already unquoted).
    @inline(__always)
    mutating func append(_ bytes: UnsafeRawBufferPointer, line: Int) {
        count += 1
        if bytes.isEmpty || TextField.isNullWord(bytes) {
            appendNull()
            return
        }
        present?.append(true)
        switch type {
        case .string:
            codes.append(dictionary.code(bytes))
        case .int:
            if let i = TextField.int(bytes) { ints.append(i) } else { ints.append(0); miss(bytes, line) }
        case .float:
            if let d = TextField.double(bytes) {
                doubles.append(d)
                if TextField.isBigInt(bytes) { bigInts.append(line) }
            } else { doubles.append(0); miss(bytes, line) }
        case .date:
            if let d = TextField.date(bytes) { dates.append(d) } else { dates.append(QuarryDate(start: 0, end: 0, precision: .day)); miss(bytes, line) }
        case .bool:
            if let b = TextField.bool(bytes) { bools.append(.bool(b)) } else { bools.append(.null); miss(bytes, line) }
        }
    }

    /// Adds a value that is already typed (from JSON), which must be of this builder's type.
    mutating func append(_ value: Value, line: Int) {
        count += 1
        switch (type, value) {
        case (_, .null): appendNull(); return
        case (.int, .int(let i)): ints.append(i)
        case (.float, .double(let d)): doubles.append(d)
        case (.float, .int(let i)): doubles.append(Double(i))
        case (.bool, .bool): bools.append(value)
        case (.date, .date(let d)): dates.append(d)
        default:
            appendNull()
            if misfit == nil { misfit = (line, "\(value)", .string) }
            return
        }
        present?.append(true)
    }

    mutating func appendNull() {
        if present == nil { present = [Bool](repeating: true, count: count - 1) }
        if present!.count < count { present!.append(false) }
        nulls += 1
        switch type {
        case .int: ints.append(0)
        case .float: doubles.append(0)
        case .date: dates.append(QuarryDate(start: 0, end: 0, precision: .day))
        case .bool: bools.append(.null)
        case .string: codes.append(-1)
        }
    }

    private mutating func miss(_ bytes: UnsafeRawBufferPointer, _ line: Int) {
        guard misfit == nil else { return }
        misfit = (line, String(decoding: bytes, as: UTF8.self), LoadedType.of(bytes) ?? .string)
    }

    /// An empty builder, to take another's place when its storage moves on.
    static func taken(_ type: LoadedType) -> ColumnBuilder { ColumnBuilder(type: type, capacity: 0) }

    /// Several columns' builders joined at once, on every core: the columns with the most
    /// distinct text (the slowest to join) start first.
    static func columns(joining pieces: inout [[ColumnBuilder]]) -> [Column] {
        let order = pieces.indices.sorted { a, b in
            pieces[a].reduce(0) { $0 + $1.dictionary.count } > pieces[b].reduce(0) { $0 + $1.dictionary.count }
        }
        var columns = [Column?](repeating: nil, count: pieces.count)
        pieces.withUnsafeMutableBufferPointer { inputs in
            columns.withUnsafeMutableBufferPointer { outputs in
                let slots = JoinSlots(inputs: inputs, outputs: outputs)
                // Dispatch hands out the iterations in order, each to the next free core.
                DispatchQueue.concurrentPerform(iterations: order.count) { k in
                    let c = order[k]
                    slots.outputs[c] = column(joining: &slots.inputs[c])
                }
            }
        }
        return columns.map { $0! }
    }

    /// The builders of a file's chunks, joined in order into one column. Their storage moves into
    /// the column (the builders are left empty), so that no second copy is ever held.
    static func column(joining parts: inout [ColumnBuilder]) -> Column {
        let count = parts.reduce(0) { $0 + $1.count }
        let anyNull = parts.contains { $0.nulls > 0 }
        func presence() -> [Bool]? { anyNull ? parts.flatMap { $0.present ?? [Bool](repeating: true, count: $0.count) } : nil }
        switch parts[0].type {
        case .int:
            return Column(storage: .ints(parts.flatMap(\.ints), present: presence()), count: count)
        case .float:
            return Column(storage: .doubles(parts.flatMap(\.doubles), present: presence()), count: count)
        case .date:
            return Column(storage: .dates(parts.flatMap(\.dates), present: presence()), count: count)
        case .bool:
            return Column(storage: .values(parts.flatMap(\.bools)), count: count)
        case .string:
            // One dictionary for the whole column: later chunks' codes are mapped into the first's,
            // each chunk's storage released once it is merged.
            var merged = ByteDictionary()
            swap(&merged, &parts[0].dictionary)
            merged.reserve(parts.reduce(0) { $0 + $1.dictionary.count })
            var codes: [Int32] = []
            swap(&codes, &parts[0].codes)
            codes.reserveCapacity(count)
            for k in parts.indices.dropFirst() {
                var part = taken(.string)
                swap(&part, &parts[k])
                var mapping: [Int32] = []
                mapping.reserveCapacity(part.dictionary.count)
                for code in 0..<part.dictionary.count {
                    mapping.append(part.dictionary.withBytes(of: code) { merged.code($0) })
                }
                part.dictionary = ByteDictionary()
                for c in part.codes { codes.append(c < 0 ? -1 : mapping[Int(c)]) }
            }
            let strings = merged.stringDictionary(codes: codes)
            if count < Column.shortestEncoded {
                return Column(codes.map { $0 < 0 ? .null : .string(strings.entries[Int($0)]) })
            }
            return Column(storage: .strings(strings), count: count)
        }
    }
}

/// Each column's builders and its joined column, one slot per column, for the joining cores.
private struct JoinSlots: @unchecked Sendable {
    // @unchecked: each core touches only the slots of the columns it was handed.
    let inputs: UnsafeMutableBufferPointer<[ColumnBuilder]>
    let outputs: UnsafeMutableBufferPointer<Column?>
}

/// Reading one field's text as a value, without making a `String` of it.
enum TextField {
    @inline(__always)
    static func isNullWord(_ b: UnsafeRawBufferPointer) -> Bool {
        b.count == 4 && b[0] | 0x20 == 0x6E && b[1] | 0x20 == 0x75 && b[2] | 0x20 == 0x6C && b[3] | 0x20 == 0x6C
    }

    /// An optional sign and decimal digits that fit in 64 bits.
    @inline(__always)
    static func int(_ b: UnsafeRawBufferPointer) -> Int? {
        var i = 0
        var negative = false
        if b[0] == 0x2D || b[0] == 0x2B { negative = b[0] == 0x2D; i = 1 }
        guard i < b.count, b.count - i <= 19 else { return nil }
        var value = 0
        while i < b.count {
            let d = Int(b[i]) &- 0x30
            guard d >= 0 && d <= 9 else { return nil }
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = negative ? times.subtractingReportingOverflow(d) : times.addingReportingOverflow(d)
            guard !o1 && !o2 else { return nil }
            value = sum
            i += 1
        }
        return value
    }

    /// Digits that do not fit in 64 bits: read as the nearest float, with a warning.
    static func isBigInt(_ b: UnsafeRawBufferPointer) -> Bool {
        var i = 0
        if b[0] == 0x2D || b[0] == 0x2B { i = 1 }
        guard b.count - i >= 19, (i..<b.count).allSatisfy({ b[$0] &- 0x30 <= 9 }) else { return false }
        return int(b) == nil
    }

    /// A decimal number (strtod's syntax, without hex, inf or nan).
    static func double(_ b: UnsafeRawBufferPointer) -> Double? {
        if let simple = simpleDecimal(b) { return simple }
        guard b.count < 64 else { return nil }
        var sawDigit = false
        for byte in b {
            switch byte {
            case 0x30...0x39: sawDigit = true
            case 0x2B, 0x2D, 0x2E, 0x45, 0x65: continue
            default: return nil
            }
        }
        guard sawDigit else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 65) { buffer -> Double? in
            for k in 0..<b.count { buffer[k] = CChar(bitPattern: b[k]) }
            buffer[b.count] = 0
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(buffer.baseAddress!, &end)
            guard let end, end - buffer.baseAddress! == b.count, value.isFinite else { return nil }
            return value
        }
    }

    /// Powers of ten that a double holds exactly.
    private static let exactPowersOfTen: [Double] = (0...22).map { (0..<$0).reduce(1.0) { r, _ in r * 10 } }

    /// `-12.345` and the like, without an exponent and with at most 15 digits: the digits as a
    /// whole number and one division by a power of ten, both exact, so the one rounding is the
    /// correct one (Clinger's fast path), and strtod is left the rare hard cases.
    @inline(__always)
    static func simpleDecimal(_ b: UnsafeRawBufferPointer) -> Double? {
        var i = 0
        var negative = false
        if b.count > 0, b[0] == 0x2D || b[0] == 0x2B { negative = b[0] == 0x2D; i = 1 }
        var mantissa: UInt64 = 0
        var digits = 0, fraction = 0
        var sawPoint = false
        while i < b.count {
            let c = b[i]
            if c == 0x2E {
                guard !sawPoint else { return nil }
                sawPoint = true
            } else {
                let d = c &- 0x30
                guard d <= 9 else { return nil }
                mantissa = mantissa &* 10 &+ UInt64(d)
                digits += 1
                if sawPoint { fraction += 1 }
            }
            i += 1
        }
        guard digits > 0, digits <= 15 else { return nil }
        let value = Double(mantissa) / exactPowersOfTen[fraction]
        return negative ? -value : value
    }

    static func bool(_ b: UnsafeRawBufferPointer) -> Bool? {
        if b.count == 4, b[0] | 0x20 == 0x74, b[1] | 0x20 == 0x72, b[2] | 0x20 == 0x75, b[3] | 0x20 == 0x65 { return true }
        if b.count == 5, b[0] | 0x20 == 0x66, b[1] | 0x20 == 0x61, b[2] | 0x20 == 0x6C, b[3] | 0x20 == 0x73, b[4] | 0x20 == 0x65 { return false }
        return nil
    }

    /// `2021-05-12`, `2021-05`, or a timestamp `2021-05-12T10:43:00Z` / `2021-05-12 10:43` (an
    /// instant: see `QuarryDate.at(time:)` for the forms of the time and its zone).
    static func date(_ b: UnsafeRawBufferPointer) -> QuarryDate? {
        guard b.count >= 7, b[4] == 0x2D else { return nil }
        func digits(_ from: Int, _ n: Int) -> Int? {
            var v = 0
            for k in from..<(from + n) {
                let d = Int(b[k]) &- 0x30
                guard d >= 0 && d <= 9 else { return nil }
                v = v * 10 + d
            }
            return v
        }
        guard let year = digits(0, 4), let month = digits(5, 2), (1...12).contains(month) else { return nil }
        if b.count == 7 { return .month(year, month) }
        guard b.count >= 10, b[7] == 0x2D, let day = digits(8, 2), day >= 1, day <= CivilCalendar.daysIn(year: year, month: month) else { return nil }
        let date = QuarryDate.day(year, month, day)
        if b.count > 10 {
            guard b[10] == 0x54 || b[10] == 0x20, b.count >= 16 else { return nil }
            return date.at(timeBytes: UnsafeRawBufferPointer(rebasing: b[11...]))
        }
        return date
    }
}
