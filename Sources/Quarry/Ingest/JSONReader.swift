import Foundation

/// JSON arrays of objects and JSON Lines, read by one byte-level parser into typed columns. Keys
/// become columns in the order first seen; a record without a key is null there. Strings are
/// kept as places in the file until the column's type is known, so a text column is built from
/// the bytes directly; nested arrays and objects become values.
struct JSONReader: @unchecked Sendable {
    /// The file's bytes, alive and unchanged while the reader runs.
    let bytes: UnsafeRawBufferPointer
    let file: String
    let schema: [String: LoadedType]
    let progress: (@Sendable (Double) -> Void)?

    /// One value as parsed, before its column's type is decided.
    enum Cell {
        case null
        case bool(Bool)
        case int(Int)
        /// A number with a fraction or an exponent, or a whole number beyond 64 bits.
        case double(Double, big: Bool)
        /// A string without escapes, as a place in the file.
        case text(Int, Int)
        /// A string with escapes, decoded.
        case decoded(String)
        case nested(Value)
    }

    struct Result {
        var names: [String]
        var types: [FieldType]
        var columns: [Column]
        var warnings: [DataLoadWarning]
    }

    func read() throws(DataLoadError) -> Result {
        var parser = JSONParser(bytes: bytes, file: file)
        parser.skipSpace()
        guard parser.position < bytes.count else { throw DataLoadError(file: file, line: 1, reason: "the file is empty") }
        var names: [String] = []
        var nameBytes: [[UInt8]] = []
        var index: [String: Int] = [:]
        var cells: [[Cell]] = []
        var lines: [Int] = []
        var rows = 0
        // Records usually repeat the previous one's keys in its order: a key is first compared,
        // as bytes, with the key at its place last time, and only looked up when that fails.
        var previousOrder: [Int] = []
        var order: [Int] = []
        func add(_ record: [(JSONParser.Key, Cell)], line: Int) {
            order.removeAll(keepingCapacity: true)
            for (k, (key, cell)) in record.enumerated() {
                var c = -1
                if case .range(let s, let e) = key, k < previousOrder.count {
                    let expected = previousOrder[k]
                    if nameBytes[expected].count == e - s,
                       nameBytes[expected].withUnsafeBytes({ memcmp($0.baseAddress!, bytes.baseAddress! + s, e - s) == 0 }) {
                        c = expected
                    }
                }
                if c < 0 {
                    let name: String
                    switch key {
                    case .range(let s, let e): name = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[s..<e]), as: UTF8.self)
                    case .decoded(let text): name = text
                    }
                    if let known = index[name] { c = known } else {
                        c = names.count
                        index[name] = c
                        names.append(name)
                        nameBytes.append(Array(name.utf8))
                        cells.append([Cell](repeating: .null, count: rows))
                    }
                }
                order.append(c)
                if cells[c].count == rows { cells[c].append(cell) } else { cells[c][rows] = cell }
            }
            swap(&order, &previousOrder)
            rows += 1
            lines.append(line)
            for c in cells.indices where cells[c].count < rows { cells[c].append(.null) }
        }
        var nextReport = 1 << 22
        if bytes[parser.position] == 0x5B {
            // A JSON array of objects.
            parser.position += 1
            parser.skipSpace()
            if parser.peek() == 0x5D { parser.position += 1 } else {
                while true {
                    parser.skipSpace()
                    let line = parser.line
                    guard parser.peek() == 0x7B else { throw parser.error("expected an object in the array") }
                    add(try parser.object(), line: line)
                    parser.skipSpace()
                    if parser.position >= nextReport { progress?(Double(parser.position) / Double(bytes.count)); nextReport += 1 << 22 }
                    if parser.peek() == 0x2C { parser.position += 1; continue }
                    if parser.peek() == 0x5D { parser.position += 1; break }
                    throw parser.error(parser.position >= bytes.count ? "the array is never closed" : "expected ',' or ']' after an object")
                }
            }
            parser.skipSpace()
            if parser.position < bytes.count { throw parser.error("text after the array") }
        } else {
            // JSON Lines: an object on each line; blank lines are skipped.
            while true {
                parser.skipSpace()
                guard parser.position < bytes.count else { break }
                let line = parser.line
                guard parser.peek() == 0x7B else { throw parser.error("expected a JSON object on each line") }
                do {
                    add(try parser.object(), line: line)
                } catch where error.line.map({ $0 > line }) ?? false {
                    throw DataLoadError(file: file, line: line, reason: "malformed JSON: the object is not closed on its line (JSON Lines holds one object per line)")
                }
                parser.skipSpaceOnLine()
                if parser.position < bytes.count, parser.peek() != 0x0A {
                    throw parser.error("expected the end of the line after the object")
                }
                if parser.position >= nextReport { progress?(Double(parser.position) / Double(bytes.count)); nextReport += 1 << 22 }
            }
        }
        for name in schema.keys where index[name] == nil {
            throw DataLoadError(file: file, reason: "the schema names '\(name)', which no record has (keys: \(names.joined(separator: ", ")))")
        }
        var columns: [Column] = []
        var types: [FieldType] = []
        var warnings: [DataLoadWarning] = []
        for c in names.indices {
            let (column, type) = try build(cells[c], name: names[c], lines: lines, warnings: &warnings)
            columns.append(column)
            types.append(type)
        }
        progress?(1)
        return Result(names: names, types: types, columns: columns, warnings: warnings)
    }

    /// A column from its cells: the type the values share (or the schema's), else values as they are.
    private func build(_ cells: [Cell], name: String, lines: [Int], warnings: inout [DataLoadWarning]) throws(DataLoadError) -> (Column, FieldType) {
        var kind: LoadedType?
        var mixed = false
        var allDates = true
        for cell in cells {
            let t: LoadedType
            switch cell {
            case .null: continue
            case .bool: t = .bool
            case .int: t = .int
            case .double: t = .float
            case .text(let s, let e):
                t = .string
                if allDates { allDates = TextField.date(UnsafeRawBufferPointer(rebasing: bytes[s..<e])) != nil }
            case .decoded(let text):
                t = .string
                if allDates { allDates = QuarryDate(isoText: text) != nil }
            case .nested: mixed = true; continue
            }
            // Kinds that widen to text (a number beside a string) are mixed: kept as they are.
            if let k = kind, k != t { kind = k.widened(with: t); if kind == .string { mixed = true } } else { kind = t }
        }
        for (row, cell) in cells.enumerated() {
            if case .double(_, true) = cell {
                warnings.append(DataLoadWarning(file: file, line: lines[row], column: name, reason: "a whole number beyond 64 bits, read as the nearest float"))
            }
        }
        var target = kind ?? .string
        if target == .string && allDates && kind != nil && !mixed { target = .date }
        if let declared = schema[name] {
            target = declared
            mixed = false
        } else if mixed {
            return (Column(cells.map(value)), .any)
        }
        var builder = ColumnBuilder(type: target, capacity: cells.count, base: bytes)
        for (row, cell) in cells.enumerated() {
            switch cell {
            case .text(let s, let e):
                builder.append(UnsafeRawBufferPointer(rebasing: bytes[s..<e]), line: lines[row])
            case .decoded(let text):
                var text = text
                text.withUTF8 { builder.append(UnsafeRawBufferPointer($0), line: lines[row]) }
            case .null:
                builder.append(.null, line: lines[row])
            case .int(let i) where target == .string || target == .date:
                var text = String(i)
                text.withUTF8 { builder.append(UnsafeRawBufferPointer($0), line: lines[row]) }
            default:
                builder.append(value(cell), line: lines[row])
            }
        }
        if let misfit = builder.misfit {
            throw DataLoadError(file: file, line: misfit.line, column: name, reason: "'\(misfit.text.prefix(40))' is not \(target == .int ? "an" : "a") \(target.rawValue)")
        }
        var parts = [builder]
        return (ColumnBuilder.column(joining: &parts), target.fieldType)
    }

    private func value(_ cell: Cell) -> Value { JSONParser.value(cell, in: bytes) }
}

/// A recursive-descent JSON parser over bytes that knows its line, for errors that say where.
struct JSONParser {
    let bytes: UnsafeRawBufferPointer
    let file: String
    var position = 0
    var line = 1
    private var lineStart = 0
    private var depth = 0

    init(bytes: UnsafeRawBufferPointer, file: String) {
        self.bytes = bytes
        self.file = file
    }

    @inline(__always) func peek() -> UInt8 { position < bytes.count ? bytes[position] : 0 }

    mutating func skipSpace() {
        while position < bytes.count {
            let b = bytes[position]
            if b == 0x0A { line += 1; lineStart = position + 1 } else if b != 0x20 && b != 0x09 && b != 0x0D { return }
            position += 1
        }
    }

    mutating func skipSpaceOnLine() {
        while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x09 || bytes[position] == 0x0D { position += 1 }
    }

    func error(_ reason: String) -> DataLoadError {
        DataLoadError(file: file, line: line, reason: "malformed JSON: \(reason) (column \(position - lineStart + 1))")
    }

    /// A key: a place in the file when it has no escapes, else decoded.
    enum Key {
        case range(Int, Int)
        case decoded(String)

        func string(_ bytes: UnsafeRawBufferPointer) -> String {
            switch self {
            case .range(let s, let e): return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[s..<e]), as: UTF8.self)
            case .decoded(let text): return text
            }
        }
    }

    /// An object's keys and values, in order.
    mutating func object() throws(DataLoadError) -> [(Key, JSONReader.Cell)] {
        position += 1  // {
        var fields: [(Key, JSONReader.Cell)] = []
        fields.reserveCapacity(16)
        skipSpace()
        if peek() == 0x7D { position += 1; return fields }
        while true {
            skipSpace()
            guard peek() == 0x22 else { throw error("expected a key in quotes") }
            let key: Key
            switch try cell() {
            case .text(let s, let e): key = .range(s, e)
            case .decoded(let text): key = .decoded(text)
            default: throw error("expected a key in quotes")
            }
            skipSpace()
            guard peek() == 0x3A else { throw error("expected ':' after a key") }
            position += 1
            skipSpace()
            fields.append((key, try cell()))
            skipSpace()
            if peek() == 0x2C { position += 1; continue }
            if peek() == 0x7D { position += 1; return fields }
            throw error(position >= bytes.count ? "the object is never closed" : "expected ',' or '}' after a value")
        }
    }

    /// One value, kept as a cell.
    mutating func cell() throws(DataLoadError) -> JSONReader.Cell {
        switch peek() {
        case 0x22:
            let start = position + 1
            var k = start
            while k < bytes.count, bytes[k] != 0x22, bytes[k] != 0x5C, bytes[k] >= 0x20 { k += 1 }
            if k < bytes.count, bytes[k] == 0x22 {
                position = k + 1
                return .text(start, k)
            }
            return .decoded(try stringValue())
        case 0x7B, 0x5B:
            return .nested(try nested())
        case 0x74, 0x66, 0x6E:
            return try literal()
        default:
            return try number()
        }
    }

    private mutating func literal() throws(DataLoadError) -> JSONReader.Cell {
        func matches(_ word: StaticString) -> Bool {
            let n = word.utf8CodeUnitCount
            guard position + n <= bytes.count else { return false }
            for k in 0..<n where bytes[position + k] != word.utf8Start[k] { return false }
            return true
        }
        if matches("true") { position += 4; return .bool(true) }
        if matches("false") { position += 5; return .bool(false) }
        if matches("null") { position += 4; return .null }
        throw error("unexpected '\(String(decoding: [peek()], as: UTF8.self))'")
    }

    private mutating func number() throws(DataLoadError) -> JSONReader.Cell {
        let start = position
        var k = position
        if k < bytes.count, bytes[k] == 0x2D { k += 1 }
        var fraction = false
        while k < bytes.count {
            let b = bytes[k]
            if b >= 0x30 && b <= 0x39 { k += 1; continue }
            if b == 0x2E || b == 0x65 || b == 0x45 || b == 0x2B || b == 0x2D { fraction = true; k += 1; continue }
            break
        }
        guard k > start, !(k == start + 1 && bytes[start] == 0x2D) else {
            throw error(position >= bytes.count ? "unexpected end of the file" : "unexpected '\(String(decoding: [peek()], as: UTF8.self))'")
        }
        let text = UnsafeRawBufferPointer(rebasing: bytes[start..<k])
        position = k
        if !fraction, let i = TextField.int(text) { return .int(i) }
        guard let d = TextField.double(text) ?? (text.count >= 64 ? Double(String(decoding: text, as: UTF8.self)) : nil) else {
            throw error("'\(String(decoding: text, as: UTF8.self))' is not a number")
        }
        return .double(d, big: !fraction)
    }

    /// A string, with its escapes decoded.
    mutating func stringValue() throws(DataLoadError) -> String {
        position += 1
        var out: [UInt8] = []
        while true {
            guard position < bytes.count else { throw error("a string is never closed") }
            let b = bytes[position]
            if b == 0x22 { position += 1; break }
            if b < 0x20 { throw error("a control character inside a string") }
            if b == 0x5C {
                guard position + 1 < bytes.count else { throw error("a string is never closed") }
                let e = bytes[position + 1]
                position += 2
                switch e {
                case 0x22, 0x5C, 0x2F: out.append(e)
                case 0x62: out.append(0x08)
                case 0x66: out.append(0x0C)
                case 0x6E: out.append(0x0A)
                case 0x72: out.append(0x0D)
                case 0x74: out.append(0x09)
                case 0x75:
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar), position + 1 < bytes.count, bytes[position] == 0x5C, bytes[position + 1] == 0x75 {
                        position += 2
                        let low = try hex4()
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    out.append(contentsOf: String(Unicode.Scalar(scalar) ?? "\u{FFFD}").utf8)
                default: throw error("an unknown escape '\\\(String(decoding: [e], as: UTF8.self))'")
                }
                continue
            }
            out.append(b)
            position += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func hex4() throws(DataLoadError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw error("a \\u escape needs four hex digits") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[position]
            let d: UInt32
            switch b {
            case 0x30...0x39: d = UInt32(b - 0x30)
            case 0x41...0x46: d = UInt32(b - 0x41 + 10)
            case 0x61...0x66: d = UInt32(b - 0x61 + 10)
            default: throw error("a \\u escape needs four hex digits")
            }
            v = v * 16 + d
            position += 1
        }
        return v
    }

    /// A nested array or object, as a value.
    mutating func nested() throws(DataLoadError) -> Value {
        depth += 1
        defer { depth -= 1 }
        guard depth < 200 else { throw error("nested more than 200 levels deep") }
        if peek() == 0x7B {
            let fields = try object()
            return .record(Record(names: fields.map { $0.0.string(bytes) }, values: fields.map { plain($0.1) }))
        }
        position += 1  // [
        var items: [Value] = []
        skipSpace()
        if peek() == 0x5D { position += 1; return .array(items) }
        while true {
            skipSpace()
            items.append(plain(try cell()))
            skipSpace()
            if peek() == 0x2C { position += 1; continue }
            if peek() == 0x5D { position += 1; return .array(items) }
            throw error(position >= bytes.count ? "an array is never closed" : "expected ',' or ']' after a value")
        }
    }

    private func plain(_ cell: JSONReader.Cell) -> Value { Self.value(cell, in: bytes) }

    /// A cell as a value: text made a string, nesting as it was parsed.
    static func value(_ cell: JSONReader.Cell, in bytes: UnsafeRawBufferPointer) -> Value {
        switch cell {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .double(let d, _): return .double(d)
        case .text(let s, let e): return .string(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[s..<e]), as: UTF8.self))
        case .decoded(let text): return .string(text)
        case .nested(let v): return v
        }
    }
}
