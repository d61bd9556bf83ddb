import Foundation

/// How a file of data is written.
public enum DataFormat: String, Sendable, Hashable, CaseIterable {
    /// Comma- (or otherwise) separated values, RFC 4180.
    case csv
    /// Tab-separated values.
    case tsv
    /// A JSON array of objects.
    case json
    /// One JSON object per line.
    case jsonLines = "jsonl"

    /// The format a file's name and first bytes suggest: `.csv`, `.tsv`; JSON when the text
    /// starts with `[` (an array) or `{` (JSON Lines).
    static func guess(path: String, bytes: UnsafeRawBufferPointer) -> DataFormat {
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") { return .csv }
        if lower.hasSuffix(".tsv") || lower.hasSuffix(".tab") { return .tsv }
        var i = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        if i < bytes.count, bytes[i] == 0x5B { return .json }
        if i < bytes.count, bytes[i] == 0x7B { return .jsonLines }
        return .csv
    }
}

/// What to read and how: the format (guessed when nil), CSV's options, types the user names for
/// some columns (the others are inferred), and a progress callback.
public struct LoadOptions: Sendable {
    public var format: DataFormat?
    public var csv: CSVOptions
    /// Column types by name; see `LoadOptions.schema(parsing:)` for the written form.
    public var schema: [String: LoadedType]
    /// Called with the fraction read so far, for a progress bar.
    public var progress: (@Sendable (Double) -> Void)?
    /// The column that identifies a row (present and distinct in every row); nil: an `id`-like
    /// column that is, if there is one.
    public var key: String?

    public init(format: DataFormat? = nil, csv: CSVOptions = CSVOptions(), schema: [String: LoadedType] = [:],
                progress: (@Sendable (Double) -> Void)? = nil, key: String? = nil) {
        self.format = format
        self.csv = csv
        self.schema = schema
        self.progress = progress
        self.key = key
    }

    /// Reads `event_date:date,fatalities:int`: names and types `int`, `float`, `bool`, `date`,
    /// `string` (also `integer`, `double`, `number`, `boolean`, `text`). A text that does not
    /// parse fails with the error's `file` "schema".
    public static func schema(parsing text: String) throws(DataLoadError) -> [String: LoadedType] {
        var schema: [String: LoadedType] = [:]
        for item in text.split(separator: ",") {
            let parts = item.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty else {
                throw DataLoadError(file: "schema", reason: "'\(item)' is not NAME:TYPE")
            }
            let aliases: [String: LoadedType] = ["integer": .int, "double": .float, "number": .float, "boolean": .bool, "text": .string]
            guard let type = LoadedType(rawValue: parts[1].lowercased()) ?? aliases[parts[1].lowercased()] else {
                throw DataLoadError(file: "schema", reason: "'\(parts[1])' is not a type (int, float, bool, date, string)")
            }
            schema[parts[0]] = type
        }
        return schema
    }
}

/// A table read from a file, and what the user should know about it.
public struct LoadedTable: Sendable {
    public var table: Table
    public var warnings: [DataLoadWarning]
}

extension Table {
    /// Reads a CSV, TSV, JSON array or JSON Lines file into a collection named `name`, typed
    /// column by column. A unique `id`-like column becomes the key. Fails whole, with the file,
    /// line and reason, or succeeds whole.
    public static func load(path: String, name: String, options: LoadOptions = LoadOptions()) throws(DataLoadError) -> LoadedTable {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            let exists = FileManager.default.fileExists(atPath: path)
            throw DataLoadError(file: path, reason: exists ? "cannot be read" : "no such file")
        }
        return try load(data: data, name: name, file: path, options: options)
    }

    /// Reads data in memory; `file` names it in errors.
    public static func load(data: Data, name: String, file: String = "<data>", options: LoadOptions = LoadOptions()) throws(DataLoadError) -> LoadedTable {
        guard !data.isEmpty else { throw DataLoadError(file: file, reason: "the file is empty") }
        let result: Swift.Result<LoadedTable, DataLoadError> = data.withUnsafeBytes { bytes in
            do throws(DataLoadError) {
                return .success(try load(bytes: bytes, name: name, file: file, options: options))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Reads a stream (standard input, a pipe) to its end.
    public static func load(handle: FileHandle, name: String, file: String = "<stdin>", options: LoadOptions = LoadOptions()) throws(DataLoadError) -> LoadedTable {
        let data: Data
        do { data = try handle.readToEnd() ?? Data() } catch { throw DataLoadError(file: file, reason: "cannot be read") }
        return try load(data: data, name: name, file: file, options: options)
    }

    private static func load(bytes: UnsafeRawBufferPointer, name: String, file: String, options: LoadOptions) throws(DataLoadError) -> LoadedTable {
        if ArrowFile.looks(like: bytes) {
            let table = try ArrowFile.read(bytes, name: name, file: file)
            return LoadedTable(table: try keyed(name, table.schema, table.columns, file: file, options: options), warnings: [])
        }
        let format = options.format ?? DataFormat.guess(path: file, bytes: bytes)
        // A CSV reader checks its chunks on the cores that read them; JSON is checked here.
        if format == .json || format == .jsonLines, let bad = UTF8Check.firstInvalid(bytes, from: 0, to: bytes.count) {
            throw DataLoadError(file: file, line: UTF8Check.line(of: bad, in: bytes, from: 0, firstLine: 1), reason: "not UTF-8 text")
        }
        let schema: Schema
        let columns: [Column]
        let warnings: [DataLoadWarning]
        switch format {
        case .csv, .tsv:
            var csv = options.csv
            if format == .tsv { csv.delimiter = 0x09 }
            let result = try CSVReader(bytes: bytes, options: csv, file: file, schema: options.schema, progress: options.progress).read()
            schema = Schema(zip(result.names, result.types).map { Field($0, $1.fieldType) })
            columns = result.columns
            warnings = result.warnings
        case .json, .jsonLines:
            let result = try JSONReader(bytes: bytes, file: file, schema: options.schema, progress: options.progress).read()
            schema = Schema(zip(result.names, result.types).map { Field($0, $1) })
            columns = result.columns
            warnings = result.warnings
        }
        return LoadedTable(table: try keyed(name, schema, columns, file: file, options: options), warnings: warnings)
    }

    /// The table, its key the column `options.key` names or else an `id`-like column that
    /// identifies rows, its rows in their key's order.
    private static func keyed(_ name: String, _ schema: Schema, _ columns: [Column], file: String,
                              options: LoadOptions) throws(DataLoadError) -> Table {
        let key: String?
        if let named = options.key {
            guard let c = schema.index(of: named) else {
                throw DataLoadError(file: file, reason: "the key '\(named)' is not a column; the columns: \(schema.names.joined(separator: ", "))")
            }
            switch schema.fields[c].type {
            case .int, .string, .double: break
            default:
                throw DataLoadError(file: file, reason: "the key '\(schema.fields[c].name)' holds \(schema.fields[c].type) values; a key is whole numbers, numbers or text")
            }
            if let problem = keyProblem(columns[c]) { throw DataLoadError(file: file, reason: "the key '\(schema.fields[c].name)' \(problem)") }
            key = schema.fields[c].name
        } else {
            key = schema.fields.indices.first { ["id", "serial_event_id", "key", "event_id_cnty"].contains(schema.fields[$0].name.lowercased())
                && identifiesRows(columns[$0]) }.map { schema.fields[$0].name }
        }
        // A key named by the user orders the rows too; an id-like column found in the file
        // leaves them in the file's order (sorting a million rows by a text id would cost more
        // than reading them, and `head` would no longer show the file's first rows).
        var ordered = columns
        if options.key != nil, let key, let c = schema.index(of: key), let order = keyOrder(columns[c]) {
            ordered = columns.map { $0.gathering(order) }
        }
        return Table(name: name, schema: schema, storedColumns: ordered, key: key)
    }

    /// Whether every row has a value of the column, and no two the same.
    private static func identifiesRows(_ column: Column) -> Bool {
        identifiesRowsFast(column) ?? (keyProblem(column) == nil)
    }

    /// The answer for text and whole numbers, read from their storage; nil for other columns.
    private static func identifiesRowsFast(_ column: Column) -> Bool? {
        switch column.storage {
        case .strings(let strings): return strings.entries.count == column.count && !strings.codes.contains(-1)
        case .ints(let values, let present): return present == nil && Set(values).count == values.count
        default: return nil
        }
    }

    /// Why a column cannot identify rows (a missing or repeated value), or nil when it can.
    private static func keyProblem(_ column: Column) -> String? {
        if identifiesRowsFast(column) == true { return nil }
        var seen = Set<Value>()
        for row in 0..<column.count {
            let value = column[row]
            if value.isNull { return "has no value in row \(row + 1)" }
            if !seen.insert(value.keyed).inserted { return "repeats the value \(value.literal) (row \(row + 1))" }
        }
        return nil
    }

    /// The rows in the order of their keys, or nil when they already are: the order a database
    /// gives rows that a query sorts as equal, so that they come in one order everywhere. Text
    /// keys order by code point, as a database made with `initdb --locale=C.UTF-8` (as
    /// `scripts/postgres` makes it) orders them.
    static func keyOrder(_ column: Column) -> [Int]? {
        if case .ints(let values, nil) = column.storage {
            guard zip(values, values.dropFirst()).contains(where: { $0 >= $1 }) else { return nil }
            return values.indices.sorted { values[$0] < values[$1] }
        }
        let keys = (0..<column.count).map { column[$0] }
        func before(_ a: Value, _ b: Value) -> Bool {
            switch (a, b) {
            case (.string(let x), .string(let y)): return x.utf8.lexicographicallyPrecedes(y.utf8)
            case (.int(let x), .int(let y)): return x < y
            default: return ValueOperations(caseSensitive: true).sortsBefore(a, b)
            }
        }
        guard zip(keys, keys.dropFirst()).contains(where: { !before($0, $1) }) else { return nil }
        return keys.indices.sorted { before(keys[$0], keys[$1]) }
    }

}

/// Where text stops being UTF-8: one check for users' files and for scripts. ASCII is skipped
/// eight bytes at a time. Overlong forms, surrogates and code points beyond U+10FFFF are not
/// UTF-8 either, so that no byte is ever replaced silently when the text is decoded.
public enum UTF8Check {
    /// The offset of the first byte in `start..<end` that is not part of a UTF-8 character, or nil.
    public static func firstInvalid(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Int? {
        var i = start
        while i < end {
            if i + 8 <= end, bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8; continue }
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length = b >= 0xF0 && b < 0xF5 ? 4 : b >= 0xE0 && b < 0xF0 ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 0
            guard length > 0, i + length <= end else { return i }
            // The second byte's range narrows after E0 (no overlong), ED (no surrogate), F0 and F4.
            let second = bytes[i + 1]
            let low: UInt8 = b == 0xE0 ? 0xA0 : b == 0xF0 ? 0x90 : 0x80
            let high: UInt8 = b == 0xED ? 0x9F : b == 0xF4 ? 0x8F : 0xBF
            guard second >= low && second <= high else { return i }
            for k in 2..<length where bytes[i + k] & 0xC0 != 0x80 { return i }
            i += length
        }
        return nil
    }

    /// The line of `offset`, counting from `firstLine` at `start`.
    public static func line(of offset: Int, in bytes: UnsafeRawBufferPointer, from start: Int, firstLine: Int) -> Int {
        bytes[start..<offset].reduce(firstLine) { $0 + ($1 == 0x0A ? 1 : 0) }
    }
}
