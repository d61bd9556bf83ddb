import Quarry

/// How one SQL engine spells what Quarry's plans need: quoting, bound parameters, and the
/// templates where engines differ (case-insensitive patterns, floor division, the first value
/// of a group in an order). A plan renders the same way for every dialect; only these differ.
public protocol SQLDialect: Sendable {
    /// The dialect's name on the command line: `postgresql`, `spark`.
    var name: String { get }
    /// A quoted identifier.
    func identifier(_ name: String) -> String
    /// The placeholder of the `index`th bound value (1-based), cast to the value's type so that
    /// the engine never has to guess it.
    func parameter(_ index: Int, _ value: Value) -> String
    /// `text` matched, without regard to case, against a LIKE pattern (`%`, `_`, `\` escapes).
    func likeIgnoringCase(_ text: String, _ pattern: String) -> String
    /// `text` matched, with regard to case, against a LIKE pattern.
    func like(_ text: String, _ pattern: String) -> String
    /// Text compared byte by byte (code point order), whatever the database's collation.
    func binaryOrder(_ text: String) -> String
    /// Whether the engine's text already compares byte by byte, so that ordering rows by a text
    /// key needs no `binaryOrder` (Spark's strings do; a PostgreSQL database's collation may not).
    var textOrderIsBinary: Bool { get }
    /// The value as a double-precision float.
    func double(_ value: String) -> String
    /// Integer division rounding down (toward negative infinity); null for a zero divisor.
    func floorDivide(_ a: String, _ b: String) -> String
    /// The remainder with the sign of the divisor; null for a zero divisor.
    func floorModulo(_ a: String, _ b: String) -> String
    /// Within a group: the first non-null `value` in the order of the keys (ascending, or all
    /// descending).
    func first(_ value: String, orderedBy keys: [String], descending: Bool) -> String
    /// The number of characters of a string.
    func characterLength(_ text: String) -> String
    /// Whether `text` starts with `prefix`, given both already folded as needed.
    func startsWith(_ text: String, _ prefix: String) -> String
    /// Where `needle` first occurs in `text`, counted from 1; 0 when it does not (1 for "").
    func position(_ needle: String, in text: String) -> String
    /// The characters of `text` from place `from` (counted from 1), `count` of them or all.
    func substring(_ text: String, from: String, count: String?) -> String
    /// Whether two values are equal, nulls equal to each other.
    func nullSafeEqual(_ a: String, _ b: String) -> String
    /// Whether the engine runs `WITH RECURSIVE` queries with lateral joins.
    var supportsRecursion: Bool { get }
    /// Whether values of no single type (arrays, records) are held and read as JSON.
    var supportsJSON: Bool { get }
    /// The type names of 64-bit integers and of text, for casts.
    var integerType: String { get }
    var textType: String { get }
    /// The value of a subquery that finds at most one row (a lookup by key) as a scalar: Spark
    /// takes only an aggregate from a correlated subquery.
    func oneRowValue(_ column: String) -> String
    /// The calendar day (a DATE) of a second since 1970, in UTC.
    func calendarDay(ofSecond seconds: String) -> String
    /// A part of a calendar day (`calendarDay`) as a whole number, in the proleptic Gregorian
    /// calendar as Quarry counts it (year 0 is 1 BC).
    func calendarPart(_ part: CalendarPart, of day: String) -> String
}

/// The parts of a calendar day.
public enum CalendarPart: Sendable {
    case year, month, day
}

extension SQLDialect {
    public func substring(_ text: String, from: String) -> String { substring(text, from: from, count: nil) }
    public func like(_ text: String, _ pattern: String) -> String { "\(text) LIKE \(pattern) ESCAPE '\\'" }
    public func characterLength(_ text: String) -> String { "char_length(\(text))" }
}

/// PostgreSQL 12 and later (checked on 15): `$1` placeholders with casts, `ILIKE`, `COLLATE "C"`.
public struct PostgreSQLDialect: SQLDialect {
    public init() {}
    public var name: String { "postgresql" }
    public func identifier(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
    public func parameter(_ index: Int, _ value: Value) -> String {
        switch value {
        case .int: return "$\(index)::bigint"
        case .double: return "$\(index)::float8"
        case .bool: return "$\(index)::boolean"
        default: return "$\(index)::text"
        }
    }
    public func likeIgnoringCase(_ text: String, _ pattern: String) -> String { "\(text) ILIKE \(pattern) ESCAPE '\\'" }
    public func binaryOrder(_ text: String) -> String { "\(text) COLLATE \"C\"" }
    public var textOrderIsBinary: Bool { false }
    public func double(_ value: String) -> String { "CAST(\(value) AS double precision)" }
    public func floorDivide(_ a: String, _ b: String) -> String {
        "CASE WHEN \(b) = 0 THEN NULL ELSE CAST(floor(CAST(\(a) AS numeric) / \(b)) AS bigint) END"
    }
    public func floorModulo(_ a: String, _ b: String) -> String {
        "CASE WHEN \(b) = 0 THEN NULL ELSE \(a) - \(b) * CAST(floor(CAST(\(a) AS numeric) / \(b)) AS bigint) END"
    }
    public func first(_ value: String, orderedBy keys: [String], descending: Bool) -> String {
        let order = keys.map { $0 + (descending ? " DESC" : "") }.joined(separator: ", ")
        return "(array_agg(\(value) ORDER BY \(order)) FILTER (WHERE \(value) IS NOT NULL))[1]"
    }
    public func startsWith(_ text: String, _ prefix: String) -> String { "starts_with(\(text), \(prefix))" }
    public func position(_ needle: String, in text: String) -> String { "strpos(\(text), \(needle))" }
    public func substring(_ text: String, from: String, count: String?) -> String {
        // substr takes 32-bit integers; Quarry's numbers are 64-bit.
        "substr(\(text), CAST(\(from) AS integer)\(count.map { ", CAST(\($0) AS integer)" } ?? ""))"
    }
    public func nullSafeEqual(_ a: String, _ b: String) -> String { "\(a) IS NOT DISTINCT FROM \(b)" }
    public var supportsRecursion: Bool { true }
    public var supportsJSON: Bool { true }
    public var integerType: String { "bigint" }
    public var textType: String { "text" }
    public func oneRowValue(_ column: String) -> String { column }
    public func calendarDay(ofSecond seconds: String) -> String {
        "(DATE '1970-01-01' + CAST(floor(\(seconds) / 86400.0) AS integer))"
    }
    public func calendarPart(_ part: CalendarPart, of day: String) -> String {
        switch part {
        // PostgreSQL has no year 0: its year -1 is 1 BC, Quarry's year 0.
        case .year: return "CAST((CASE WHEN EXTRACT(YEAR FROM \(day)) < 0 THEN EXTRACT(YEAR FROM \(day)) + 1 ELSE EXTRACT(YEAR FROM \(day)) END) AS bigint)"
        case .month: return "CAST(EXTRACT(MONTH FROM \(day)) AS bigint)"
        case .day: return "CAST(EXTRACT(DAY FROM \(day)) AS bigint)"
        }
    }
}

/// Spark SQL 3.4 and later: named `:p1` parameters, `lower(…) LIKE lower(…)`, `min_by`.
public struct SparkSQLDialect: SQLDialect {
    public init() {}
    public var name: String { "spark" }
    public func identifier(_ name: String) -> String { "`" + name.replacingOccurrences(of: "`", with: "``") + "`" }
    public func parameter(_ index: Int, _ value: Value) -> String {
        switch value {
        case .int: return "CAST(:p\(index) AS BIGINT)"
        case .double: return "CAST(:p\(index) AS DOUBLE)"
        case .bool: return "CAST(:p\(index) AS BOOLEAN)"
        default: return "CAST(:p\(index) AS STRING)"
        }
    }
    public func likeIgnoringCase(_ text: String, _ pattern: String) -> String { "lower(\(text)) LIKE lower(\(pattern)) ESCAPE '\\\\'" }
    public func like(_ text: String, _ pattern: String) -> String { "\(text) LIKE \(pattern) ESCAPE '\\\\'" }
    public func binaryOrder(_ text: String) -> String { "CAST(\(text) AS BINARY)" }
    public var textOrderIsBinary: Bool { true }
    public func double(_ value: String) -> String { "CAST(\(value) AS DOUBLE)" }
    public func floorDivide(_ a: String, _ b: String) -> String {
        "CASE WHEN \(b) = 0 THEN NULL ELSE CAST(floor(CAST(\(a) AS DECIMAL(38, 0)) / \(b)) AS BIGINT) END"
    }
    public func floorModulo(_ a: String, _ b: String) -> String { "CASE WHEN \(b) = 0 THEN NULL ELSE pmod(\(a), \(b)) END" }
    public func first(_ value: String, orderedBy keys: [String], descending: Bool) -> String {
        "\(descending ? "max_by" : "min_by")(\(value), struct(\(keys.joined(separator: ", ")))) FILTER (WHERE \(value) IS NOT NULL)"
    }
    public func startsWith(_ text: String, _ prefix: String) -> String { "startswith(\(text), \(prefix))" }
    public func position(_ needle: String, in text: String) -> String { "instr(\(text), \(needle))" }
    public func substring(_ text: String, from: String, count: String?) -> String {
        "substr(\(text), CAST(\(from) AS INT)\(count.map { ", CAST(\($0) AS INT)" } ?? ""))"
    }
    public func nullSafeEqual(_ a: String, _ b: String) -> String { "\(a) <=> \(b)" }
    public var supportsRecursion: Bool { false }
    public var supportsJSON: Bool { false }
    public var integerType: String { "BIGINT" }
    public var textType: String { "STRING" }
    public func oneRowValue(_ column: String) -> String { "first(\(column))" }
    public func calendarDay(ofSecond seconds: String) -> String {
        "date_from_unix_date(CAST(floor(\(seconds) / 86400) AS INT))"
    }
    public func calendarPart(_ part: CalendarPart, of day: String) -> String {
        switch part {
        case .year: return "CAST(year(\(day)) AS BIGINT)"
        case .month: return "CAST(month(\(day)) AS BIGINT)"
        case .day: return "CAST(dayofmonth(\(day)) AS BIGINT)"
        }
    }
}

/// The dialects by name, for the command line.
public enum SQLDialects {
    public static let all: [any SQLDialect] = [PostgreSQLDialect(), SparkSQLDialect()]
    public static func named(_ name: String) -> (any SQLDialect)? {
        all.first { $0.name == name.lowercased() || (name.lowercased() == "postgres" && $0.name == "postgresql") }
    }
}
