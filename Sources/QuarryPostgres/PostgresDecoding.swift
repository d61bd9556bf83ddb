import Foundation
import PostgresNIO
import Quarry
import QuarrySQL

/// Cells of a result as Quarry values.
enum PostgresDecoding {
    static func text(_ cell: PostgresCell) throws(PostgresFailure) -> String {
        do { return try cell.decode(String.self) } catch { throw .query("a text column could not be read: \(error)") }
    }

    /// One value per field; a date reads three cells.
    static func values(_ row: PostgresRow, _ fields: [Field]) throws(PostgresFailure) -> [Value] {
        var out: [Value] = []
        out.reserveCapacity(fields.count)
        try decode(row, fields) { _, value in out.append(value) }
        return out
    }

    /// Appends a row's value of each field to that field's column, with no array per row.
    static func append(_ row: PostgresRow, _ fields: [Field], to columns: inout [[Value]]) throws(PostgresFailure) {
        try decode(row, fields) { c, value in columns[c].append(value) }
    }

    /// Hands over each field's value with the field's place, reading the row's cells in order
    /// (a row read as it came, without an array of its cells).
    private static func decode(_ row: PostgresRow, _ fields: [Field], _ each: (Int, Value) -> Void) throws(PostgresFailure) {
        var cells = row.makeIterator()
        for (c, field) in fields.enumerated() {
            if case .date = field.type {
                guard let first = cells.next(), let last = cells.next(), let precision = cells.next() else {
                    throw .query("a date needs three columns")
                }
                each(c, try date(first, last, precision))
                continue
            }
            guard let cell = cells.next() else { throw .query("the result has fewer columns than fields") }
            each(c, try value(cell, field.type))
        }
    }

    static func value(_ cell: PostgresCell, _ type: FieldType) throws(PostgresFailure) -> Value {
        if type.heldAsJSON {
            // A value of no single type: a JSON document (arrays, records, mixed kinds).
            switch cell.dataType {
            case .json, .jsonb:
                guard var bytes = cell.bytes else { return .null }
                if cell.dataType == .jsonb, cell.format == .binary { bytes.moveReaderIndex(forwardBy: 1) }  // jsonb's version byte
                let text = String(buffer: bytes)
                return (try? Value(json: text)) ?? .string(text)
            default: break
            }
        }
        do {
            switch cell.dataType {
            case .int8, .int4, .int2:
                return try cell.decode(Int?.self).map(Value.int) ?? .null
            case .float8, .float4:
                return try cell.decode(Double?.self).map(Value.double) ?? .null
            case .numeric:
                // A sum of whole numbers is numeric on the server. Its binary form is base-10000
                // digits, not text: read as a Decimal (38 digits) and written out.
                let text: String?
                if cell.format == .binary {
                    text = try cell.decode(Decimal?.self).map { "\($0)" }
                } else {
                    text = try cell.decode(String?.self)
                }
                guard let text else { return .null }
                if type == .int, let i = Int(text) { return .int(i) }
                return Double(text).map(Value.double) ?? .string(text)
            case .bool:
                return try cell.decode(Bool?.self).map(Value.bool) ?? .null
            default:
                return try cell.decode(String?.self).map(Value.string) ?? .null
            }
        } catch {
            throw .query("a value of type \(cell.dataType) could not be read: \(error)")
        }
    }

    /// A date from its first and last second and its precision.
    static func date(_ first: PostgresCell, _ last: PostgresCell, _ precision: PostgresCell) throws(PostgresFailure) -> Value {
        guard case .int(let a) = try value(first, .int), case .int(let b) = try value(last, .int) else { return .null }
        let kind = (try? precision.decode(String.self)).flatMap(QuarryDate.Precision.init(rawValue:)) ?? .range
        if kind == .second { return .date(.instant(secondsSince1970: a)) }
        let day = { (s: Int) in Int((Double(s) / 86_400).rounded(.down)) }
        return .date(QuarryDate(start: day(a), end: day(b), precision: kind))
    }
}
