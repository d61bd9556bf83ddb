import Foundation
import Quarry

/// Reads a user's own export (a JSON array, JSON Lines, or CSV) into a collection, inferring each
/// field's type from its values: whole numbers, numbers, booleans, ISO dates, else text.
struct DataLoader {
    struct LoadError: Error, CustomStringConvertible {
        let file: String
        let line: Int?
        let reason: String
        var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(reason)" }
    }

    /// Called with the fraction read, for a progress bar on large files.
    var progress: ((Double) -> Void)?

    func load(name: String, path: String) throws(LoadError) -> Table {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LoadError(file: path, line: nil, reason: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file")
        }
        if data.isEmpty { throw LoadError(file: path, line: nil, reason: "the file is empty") }
        guard let text = String(data: data, encoding: .utf8) else {
            let line = String(decoding: data, as: UTF8.self).prefix { $0 != "\u{FFFD}" }.filter { $0 == "\n" }.count + 1
            throw LoadError(file: path, line: line, reason: "not UTF-8 text")
        }
        let lower = path.lowercased()
        let records: [[String: Any]]
        if lower.hasSuffix(".csv") {
            return try csvTable(name: name, text: text, path: path)
        } else if text.drop(while: { $0.isWhitespace }).first == "[" {
            records = try jsonArray(text, path: path)
        } else {
            records = try jsonLines(text, path: path)
        }
        return Self.table(name: name, records: records)
    }

    // MARK: JSON

    private func jsonArray(_ text: String, path: String) throws(LoadError) -> [[String: Any]] {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        } catch {
            throw LoadError(file: path, line: Self.jsonErrorLine(error, text), reason: "malformed JSON: \(Self.jsonReason(error))")
        }
        progress?(1)
        guard let array = object as? [Any] else { throw LoadError(file: path, line: 1, reason: "expected a JSON array of objects") }
        var records: [[String: Any]] = []
        for (i, item) in array.enumerated() {
            guard let record = item as? [String: Any] else {
                throw LoadError(file: path, line: nil, reason: "item \(i + 1) of the array is not an object")
            }
            records.append(record)
        }
        return records
    }

    private func jsonLines(_ text: String, path: String) throws(LoadError) -> [[String: Any]] {
        var records: [[String: Any]] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (i, line) in lines.enumerated() {
            if i % 10_000 == 0 { progress?(Double(i) / Double(max(lines.count, 1))) }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            let object: Any
            do {
                object = try JSONSerialization.jsonObject(with: Data(trimmed.utf8))
            } catch {
                throw LoadError(file: path, line: i + 1, reason: "malformed JSON: \(Self.jsonReason(error))")
            }
            guard let record = object as? [String: Any] else {
                throw LoadError(file: path, line: i + 1, reason: "expected a JSON object on each line")
            }
            records.append(record)
        }
        progress?(1)
        return records
    }

    private static func jsonReason(_ error: Error) -> String {
        let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? error.localizedDescription
        return text.replacingOccurrences(of: #" around line \d+, column \d+\.?"#, with: "", options: .regularExpression)
            .replacingOccurrences(of: #" around character \d+\.?"#, with: "", options: .regularExpression)
    }

    private static func jsonErrorLine(_ error: Error, _ text: String) -> Int? {
        let description = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? ""
        if let match = description.range(of: #"line (\d+)"#, options: .regularExpression) {
            return Int(description[match].dropFirst(5))
        }
        if let match = description.range(of: #"character (\d+)"#, options: .regularExpression),
           let offset = Int(description[match].dropFirst(10)) {
            return text.utf8.prefix(offset).filter { $0 == 0x0A }.count + 1
        }
        return nil
    }

    /// A table from JSON records; a unique `id`-like field becomes the key.
    static func table(name: String, records: [[String: Any]]) -> Table {
        let keys = Set(records.flatMap(\.keys))
        let key = keys.sorted().first { ["id", "serial_event_id", "key"].contains($0.lowercased()) }
        let unique = key.map { k in Set(records.map { "\($0[k] ?? "null")" }).count == records.count } ?? false
        return Table(name: name, jsonObjects: records, key: unique ? key : nil)
    }

    // MARK: CSV

    private func csvTable(name: String, text: String, path: String) throws(LoadError) -> Table {
        let rows = try Self.csvRows(text, path: path, progress: progress)
        guard let header = rows.first else { throw LoadError(file: path, line: 1, reason: "no header row") }
        var columns = [[Value]](repeating: [], count: header.fields.count)
        for row in rows.dropFirst() {
            guard row.fields.count == header.fields.count else {
                throw LoadError(file: path, line: row.line, reason: "\(row.fields.count) fields where the header has \(header.fields.count)")
            }
            for (c, field) in row.fields.enumerated() { columns[c].append(Self.infer(field)) }
        }
        var fields: [Field] = []
        for (c, title) in header.fields.enumerated() {
            var type = FieldType.inferred(from: columns[c])
            // A column of whole numbers with a fraction here and there is a column of numbers.
            if type == .any, columns[c].allSatisfy({ $0.isNull || $0.number != nil }) {
                type = .double
                columns[c] = columns[c].map { $0.number.map { .double($0) } ?? .null }
            }
            if type == .any {
                columns[c] = zip(columns[c], rows.dropFirst()).map { value, row in value.isNull ? .null : .string(row.fields[c]) }
                type = .string
            }
            fields.append(Field(title, type))
        }
        return Table(name: name, schema: Schema(fields), columns: columns)
    }

    /// RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks.
    static func csvRows(_ text: String, path: String, progress: ((Double) -> Void)?) throws(LoadError) -> [(line: Int, fields: [String])] {
        var rows: [(Int, [String])] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var line = 1, rowLine = 1, quoteLine = 1
        var sawAny = false
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if i % 1_000_000 == 0 { progress?(Double(i) / Double(scalars.count)) }
            if inQuotes {
                if c == "\"" {
                    if i + 1 < scalars.count, scalars[i + 1] == "\"" { field.unicodeScalars.append("\""); i += 1 } else { inQuotes = false }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" && field.isEmpty {
                inQuotes = true
                quoteLine = line
                sawAny = true
            } else if c == "," {
                fields.append(field); field = ""; sawAny = true
            } else if c == "\n" || c == "\r" {
                if c == "\r", i + 1 < scalars.count, scalars[i + 1] == "\n" { i += 1 }
                if sawAny || !field.isEmpty { fields.append(field); rows.append((rowLine, fields)) }
                fields = []; field = ""; sawAny = false
                line += 1
                rowLine = line
            } else {
                field.unicodeScalars.append(c)
                sawAny = true
            }
            i += 1
        }
        if inQuotes { throw LoadError(file: path, line: quoteLine, reason: "a quoted field is never closed") }
        if sawAny || !field.isEmpty { fields.append(field); rows.append((rowLine, fields)) }
        progress?(1)
        return rows
    }

    // MARK: Types

    /// A text value read as what it looks like: null (empty), a whole number, a number, a
    /// boolean, an ISO date, else the text. `--param` values are read the same way.
    static func infer(_ text: String) -> Value {
        if text.isEmpty || text == "null" { return .null }
        if let i = Int(text) { return .int(i) }
        if let d = Double(text), text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }), d.isFinite { return .double(d) }
        switch text.lowercased() {
        case "true": return .bool(true)
        case "false": return .bool(false)
        default: break
        }
        if let date = QuarryDate(isoText: text) { return .date(date) }
        return .string(text)
    }

}
