import Foundation

/// A collection the host serves itself, scanned when a query runs.
///
/// ```swift
/// struct Alerts: QuarryCollection {
///     let name = "alerts"
///     let schema = Schema([Field("id", .int), Field("level", .string)])
///     func scan(_ request: ScanRequest) throws -> [[Value]] {
///         database.rows(where: request.equalities)   // or ignore the request: Quarry filters again
///     }
/// }
/// let engine = Engine().adding(Alerts())
/// ```
public protocol QuarryCollection: Sendable {
    var name: String { get }
    var schema: Schema { get }
    /// The field whose values identify rows, if any. A field typed `.reference(name)` in another
    /// collection then leads here (`alert.actor.capital`): the first time a run follows one, the
    /// collection is scanned whole and its rows looked up by this field.
    var key: String? { get }
    /// The rows, each with one value per field of `schema`, in order. `request` says which rows
    /// the query keeps for sure; using it is an optimisation, since Quarry checks every row again.
    func scan(_ request: ScanRequest) throws -> [[Value]]
}

extension QuarryCollection {
    /// No key by default.
    public var key: String? { nil }
}

/// What a query asks of a host collection: conditions the host may use to skip rows, how many
/// rows it reads and which fields. All of it is optional to honour: Quarry checks every returned row again.
public struct ScanRequest: Sendable, Hashable {
    /// `field == value` conditions that every kept row meets (strings compare without case
    /// unless the engine is case-sensitive): the simplest part of `predicate`.
    public var equalities: [String: Value] = [:]
    /// Tests that every kept row passes, all of them (an `and`); nil when the query has none a
    /// host can check. A host may apply any of them and ignore the rest.
    public var predicate: ScanPredicate?
    /// The most rows the query reads (a `| head k` straight after the collection): a host may
    /// stop after the first `limit` rows in its own order. Nil: every row.
    public var limit: Int?
    /// The fields the query reads, in schema order; nil: all of them. A host may return null
    /// for the others (rows keep one value per field of the schema).
    public var fields: [String]?
    /// Whether the engine compares strings with regard to case.
    public var caseSensitive = false
    /// The time left before the run's time limit (`Limits.timeout`, the command line's
    /// `--timeout`); nil without one. A host that waits on a server should stop it by then.
    public var timeLimit: Duration?

    /// A request with conditions the host may use.
    public init(equalities: [String: Value] = [:], predicate: ScanPredicate? = nil, limit: Int? = nil,
                fields: [String]? = nil, caseSensitive: Bool = false, timeLimit: Duration? = nil) {
        self.equalities = equalities
        self.predicate = predicate
        self.limit = limit
        self.fields = fields
        self.caseSensitive = caseSensitive
        self.timeLimit = timeLimit
    }
}

/// Tests of a host collection's fields that every row a query keeps passes.
///
/// Values compare as Quarry compares them: strings without regard to case unless the request
/// is case-sensitive, a null never equal to anything, a date as an interval (`@2021` is the
/// whole year). A host that cannot decide a test the same way should skip it.
public indirect enum ScanPredicate: Sendable, Hashable {
    /// Every part holds.
    case all([ScanPredicate])
    /// `field op value`.
    case compare(field: String, Comparison, Value)
    /// `field` matches a wildcard pattern (`*` any run of characters, `?` one).
    case matches(field: String, pattern: String)
    /// `field` is one of the values.
    case oneOf(field: String, [Value])
    /// `field` is null, or (`negated`) is not.
    case isNull(field: String, negated: Bool)

    /// A comparison of a field with a value.
    public enum Comparison: String, Sendable, Hashable {
        case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    }

    /// The `field == value` tests among the parts, by field (the first for each field).
    public var equalities: [String: Value] {
        switch self {
        case .all(let parts):
            return parts.reduce(into: [:]) { found, part in found.merge(part.equalities) { first, _ in first } }
        case .compare(let field, .equal, let value) where !value.isNull:
            return [field: value]
        default:
            return [:]
        }
    }
}

extension ScanPredicate {
    /// The tests of a condition's top `and` that a host can check as they are: a field on the
    /// left of a comparison, a wildcard match, `in`, a null test. Nil when there are none.
    init?(_ condition: ResolvedCondition) {
        func part(_ c: ResolvedCondition) -> ScanPredicate? {
            switch c {
            case .compare(let field, let op, let value, fieldOnLeft: true):
                guard let comparison = Comparison(rawValue: op.rawValue) else { return nil }
                return .compare(field: field, comparison, value)
            case .matches(let field, let pattern, negated: false):
                return .matches(field: field, pattern: pattern)
            case .inList(let field, let values, negated: false):
                return .oneOf(field: field, values)
            case .isNull(let field, let negated):
                return .isNull(field: field, negated: negated)
            default:
                return nil
            }
        }
        let parts = condition.conjuncts.compactMap(part)
        guard !parts.isEmpty else { return nil }
        self = parts.count == 1 ? parts[0] : .all(parts)
    }
}

/// An error a host collection throws from `scan`; the run stops with it.
public struct ScanError: Error, Sendable {
    /// What went wrong, as the error message prints it.
    public let message: String
    /// An error with a message.
    public init(_ message: String) { self.message = message }
}

extension Engine {
    /// A copy of the engine with a collection of the host's own `Encodable` values: each value is
    /// a row, its properties the fields, their types inferred from the values (numbers, booleans,
    /// ISO dates, strings, arrays, nested records). Prefer a `Codable` type, whose fields come
    /// from the type itself.
    public func adding<T: Encodable>(_ name: String, rows: [T], key: String? = nil) throws -> Engine {
        adding(try Table(name: name, encoding: rows, key: key))
    }

    /// A copy of the engine with a collection of the host's own `Codable` values. The fields are
    /// the type's properties, in declaration order, typed from their declarations
    /// (``Schema/init(of:)``), so a query written today keeps compiling when a property is nil
    /// in every row or the array is empty.
    public func adding<T: Codable>(_ name: String, rows: [T], key: String? = nil) throws -> Engine {
        adding(try Table(name: name, encoding: rows, key: key, schema: Schema(of: T.self)))
    }

    /// A copy of the engine with a collection of the host's own values, with the fields you name.
    public func adding<T: Encodable>(_ name: String, rows: [T], key: String? = nil, schema: Schema) throws -> Engine {
        adding(try Table(name: name, encoding: rows, key: key, schema: schema))
    }
}

extension Table {
    /// A table of `Encodable` values, one row each, with the given fields (values converted to
    /// them), or fields typed from the values when `schema` is nil.
    public convenience init<T: Encodable>(name: String, encoding rows: [T], key: String? = nil, schema: Schema? = nil) throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let data = try encoder.encode(rows)
        let objects = ((try JSONSerialization.jsonObject(with: data) as? [Any]) ?? []).compactMap { $0 as? [String: Any] }
        guard let schema else {
            self.init(name: name, jsonObjects: objects, key: key)
            return
        }
        let columns = schema.fields.map { field in
            objects.map { object -> Value in
                let value = JSONBridge.value(from: object[field.name])
                switch field.type {
                case .date: return JSONBridge.dateOrSelf(value)
                case .double: return value.number.map { .double($0) } ?? value
                default: return value
                }
            }
        }
        self.init(name: name, schema: schema, columns: columns, key: key)
    }
}

extension Table {
    /// A table from JSON: an array of objects, or JSON Lines (one object a line). Fields are
    /// typed from their values, as for `Codable` rows.
    public convenience init(name: String, json data: Data, key: String? = nil) throws {
        let text = String(decoding: data, as: UTF8.self)
        var objects: [[String: Any]] = []
        if text.drop(while: { $0.isWhitespace }).first == "[" {
            objects = ((try JSONSerialization.jsonObject(with: data)) as? [Any] ?? []).compactMap { $0 as? [String: Any] }
        } else {
            for line in text.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).isEmpty {
                if let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] { objects.append(object) }
            }
        }
        self.init(name: name, jsonObjects: objects, key: key)
    }

    /// A table from JSON objects as `JSONSerialization` reads them: fields in first-seen order
    /// (sorted within each object), each typed from its values.
    public convenience init(name: String, jsonObjects records: [[String: Any]], key: String? = nil) {
        var names: [String] = []
        var seen: Set<String> = []
        for record in records {
            for k in record.keys.sorted() where seen.insert(k).inserted { names.append(k) }
        }
        var columns = names.map { k in records.map { JSONBridge.value(from: $0[k]) } }
        var fields: [Field] = []
        for (i, name) in names.enumerated() {
            let type = FieldType.inferred(from: columns[i])
            if type == .date { columns[i] = columns[i].map(JSONBridge.dateOrSelf) }
            if type == .double { columns[i] = columns[i].map { $0.number.map { .double($0) } ?? $0 } }
            fields.append(Field(name, type))
        }
        self.init(name: name, schema: Schema(fields), columns: columns, key: key)
    }
}

extension ResultSet {
    /// The rows decoded into the host's own type: columns are matched to properties by name.
    ///
    /// ```swift
    /// struct Row: Decodable { var id: String; var date: QuarryDate; var summary: String }
    /// let rows = try engine.run("events | head 3 | select id, date, summary").table!.decode(Row.self)
    /// ```
    ///
    /// A `QuarryDate` property takes any date as it is. A Foundation `Date` is one instant, so
    /// by default it takes only a day (its midnight, UTC) or an instant, and a coarser date
    /// ("2021-04", "the 1920s") is an error rather than silently its first day; pass
    /// `dateDecoding: .intervalStart` to accept the first moment of any date.
    public func decode<T: Decodable>(_ type: T.Type, dateDecoding: JSONDecoder.DateDecodingStrategy = .iso8601DayOrTime) throws -> [T] {
        let objects = rows.map { row in
            Dictionary(uniqueKeysWithValues: zip(columns, row).map { ($0, JSONBridge.json(from: $1)) })
        }
        let data = try JSONSerialization.data(withJSONObject: objects)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = dateDecoding
        return try decoder.decode([T].self, from: data)
    }
}

extension JSONDecoder.DateDecodingStrategy {
    /// A day (`2021-05-12`, its midnight UTC) or an instant (`2021-05-12T10:43:00Z`); any
    /// coarser date is a decoding error that names it.
    public static var iso8601DayOrTime: JSONDecoder.DateDecodingStrategy { quarryDates(intervalStart: false) }

    /// Any date as its first moment: `2021-04` as 2021-04-01T00:00:00Z. For hosts that accept
    /// losing the precision.
    public static var intervalStart: JSONDecoder.DateDecodingStrategy { quarryDates(intervalStart: true) }

    private static func quarryDates(intervalStart: Bool) -> JSONDecoder.DateDecodingStrategy {
        .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            if let date = QuarryDate(parsing: text) {
                guard intervalStart || date.precision == .day || date.precision == .second else {
                    throw DecodingError.dataCorrupted(.init(
                        codingPath: decoder.codingPath,
                        debugDescription: "\(text) is a date of \(date.precision.rawValue) precision, not one instant: "
                            + "decode it into a QuarryDate, or pass dateDecoding: .intervalStart for its first moment"))
                }
                return Date(timeIntervalSince1970: Double(date.firstSecond))
            }
            if let date = ISO8601DateFormatter().date(from: text) { return date }
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date: \(text)"))
        }
    }
}

extension QuarryDate: Codable {
    /// Decodes the text forms `QuarryDate(parsing:)` reads.
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = QuarryDate(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date: \(text)"))
        }
        self = date
    }

    /// Encodes the canonical text: `2021-05-12`, `2021-05`, `1920s`, `2002-01-01/2020-12-31`.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// Values to and from what JSONSerialization reads and writes.
enum JSONBridge {
    static func value(from any: Any?) -> Value {
        switch any {
        case nil, is NSNull: return .null
        case let n as NSNumber:
            switch String(cString: n.objCType) {
            case "c": return .bool(n.boolValue)
            case "d", "f": return .double(n.doubleValue)
            default: return .int(n.intValue)
            }
        case let s as String: return .string(s)
        case let a as [Any]: return .array(a.map { value(from: $0) })
        case let o as [String: Any]:
            let keys = o.keys.sorted()
            return .record(Record(names: keys, values: keys.map { value(from: o[$0]) }))
        default: return .string("\(any!)")
        }
    }

    static func json(from value: Value) -> Any {
        switch value.keyed {
        case .null: return NSNull()
        case .bool(let b): return b
        case .int(let i): return i
        case .double(let d): return d.isFinite ? d : NSNull()
        case .string(let s): return s
        case .date(let d): return d.description
        case .array(let items): return items.map(json)
        case .record(let r): return Dictionary(uniqueKeysWithValues: zip(r.names, r.values.map(json)))
        case .row(let r): return "\(r.table.name)[\(r.index)]"
        case .table(let t): return ResultSet(.table(t)).rows.map { $0.map(json) }
        }
    }

    static func dateOrSelf(_ value: Value) -> Value {
        if case .string(let s) = value, let date = QuarryDate(isoText: s) { return .date(date) }
        return value
    }
}

extension FieldType {
    /// The type values of loaded data share: whole numbers, numbers (a mix of whole and not),
    /// booleans, dates (ISO text too), strings, arrays; `any` when they disagree. Nulls do not count.
    public static func inferred(from values: [Value]) -> FieldType {
        var type: FieldType?
        for value in values where !value.isNull {
            let t: FieldType
            switch value {
            case .bool: t = .bool
            case .int: t = .int
            case .double: t = .double
            case .date: t = .date
            case .string(let s): t = QuarryDate(isoText: s) != nil ? .date : .string
            case .array: t = .array(.any)
            default: t = .any
            }
            if type == nil { type = t } else if type != t {
                if (type == .int && t == .double) || (type == .double && t == .int) { type = .double } else { return .any }
            }
        }
        return type ?? .any
    }
}

extension QuarryDate {
    /// A date in data: `2021-05-12`, `2021-05`, and timestamps such as `2021-05-12T10:43:00Z`
    /// (an instant). Plain years are left as numbers or text: a bare `2021` is not taken for a date.
    public init?(isoText text: String) {
        guard text.count >= 7, text.first?.isNumber == true, text.contains("-") else { return nil }
        guard let date = QuarryDate(parsing: text) else { return nil }
        self = date
    }
}
