import Foundation
import PostgresNIO
import Quarry

/// Cells of a result as Quarry values.
enum PostgresDecoding {
    static func text(_ cell: PostgresCell) throws(PostgresFailure) -> String {
        do { return try cell.decode(String.self) } catch { throw .query("a text column could not be read: \(error)") }
    }

    /// One value per field; a date reads three cells.
    static func values(_ cells: [PostgresCell], _ fields: [Field]) throws(PostgresFailure) -> [Value] {
        var out: [Value] = []
        var i = 0
        for field in fields {
            if case .date = field.type {
                guard i + 2 < cells.count else { throw .query("a date needs three columns") }
                out.append(try date(cells[i], cells[i + 1], cells[i + 2]))
                i += 3
                continue
            }
            guard i < cells.count else { throw .query("the result has fewer columns than fields") }
            out.append(try value(cells[i], field.type))
            i += 1
        }
        return out
    }

    static func value(_ cell: PostgresCell, _ type: FieldType) throws(PostgresFailure) -> Value {
        if type == .any, cell.dataType == .text {
            // An array or a JSON document, read as its JSON text.
            guard let text = try? cell.decode(String?.self) else { return .null }
            return JSONValue.value(of: text)
        }
        do {
            switch cell.dataType {
            case .int8, .int4, .int2:
                return try cell.decode(Int?.self).map(Value.int) ?? .null
            case .float8, .float4:
                return try cell.decode(Double?.self).map(Value.double) ?? .null
            case .numeric:
                guard let text = try cell.decode(String?.self) else { return .null }
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

/// A JSON document as Quarry values: arrays as arrays, objects as records.
enum JSONValue: Decodable {
    case null, bool(Bool), int(Int), double(Double), string(String), array([JSONValue]), object([(String, JSONValue)])

    init(from decoder: any Decoder) throws {
        if var list = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !list.isAtEnd { items.append(try list.decode(JSONValue.self)) }
            self = .array(items)
            return
        }
        if let object = try? decoder.container(keyedBy: Key.self) {
            self = .object(try object.allKeys.sorted { $0.stringValue < $1.stringValue }.map { ($0.stringValue, try object.decode(JSONValue.self, forKey: $0)) })
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() { self = .null }
        else if let b = try? single.decode(Bool.self) { self = .bool(b) }
        else if let i = try? single.decode(Int.self) { self = .int(i) }
        else if let d = try? single.decode(Double.self) { self = .double(d) }
        else { self = .string(try single.decode(String.self)) }
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    var quarry: Value {
        switch self {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .double(let d): return .double(d)
        case .string(let s): return .string(s)
        case .array(let items): return .array(items.map(\.quarry))
        case .object(let pairs): return .record(Record(names: pairs.map(\.0), values: pairs.map(\.1.quarry)))
        }
    }

    /// The value of a JSON text; the text itself when it is not JSON.
    static func value(of text: String) -> Value {
        (try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)))?.quarry ?? .string(text)
    }
}
