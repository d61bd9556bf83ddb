import Quarry

/// A query rendered for one SQL engine: its text, with placeholders, and the values bound to
/// them in order. No value is ever spliced into the text.
public struct SQLQuery: Sendable, Equatable, CustomStringConvertible {
    /// The SQL text.
    public var text: String
    /// The values of the placeholders `$1`, `$2`, … (or `:p1`, …), in order.
    public var parameters: [Value]
    /// The names of the result's columns, in order (a date field is three: `SQLLayout`).
    public var columns: [String]
    /// The result's fields, as Quarry has them.
    public var fields: [Field]
    /// Set when each result is a sequence of events: how its rows make up the sequences.
    public var sequence: SequenceLayout? = nil

    /// How a sequence's results come back: `stages` consecutive rows per sequence, one event
    /// each in stage order, the sequence's `keys` join keys in the last columns of every row.
    public struct SequenceLayout: Sendable, Equatable {
        public var stages: Int
        public var keys: Int
    }

    public static func == (a: SQLQuery, b: SQLQuery) -> Bool {
        a.text == b.text && a.parameters == b.parameters && a.columns == b.columns
    }

    /// The text, then the bound values one a line as comments, in placeholder order.
    public var description: String {
        ([text] + parameters.enumerated().map { "-- parameter \($0.offset + 1): \($0.element.literal)" }).joined(separator: "\n")
    }
}

/// A collection that is a table of a database: queries over it may render as SQL.
public protocol SQLTableSource: QuarryCollection {
    /// The table's name in the database.
    var tableName: String { get }
    /// A query that lays the table out as QuarrySQL reads tables (`SQLLayout`: a date as three
    /// columns, and so on), for a table whose own columns differ (native timestamps, arrays);
    /// nil when the table's columns are read as they are.
    var layoutSQL: String? { get }
    /// Whether the key column, in its collation, orders rows as Quarry orders text (by code point:
    /// `C`, `POSIX`, `C.UTF-8`); when it does not, rows are ordered by the key `COLLATE "C"`,
    /// which no index on the key serves.
    var keyOrderIsBinary: Bool { get }
    /// Whether the key is read as text (a text column, or another type read as its text): only
    /// text is ordered `COLLATE "C"`.
    var keyIsText: Bool { get }
    /// A column that orders the rows in place of the key: the place each row had in the
    /// collection Quarry saved (`quarry:row`, when that was not the key's order), or for a table
    /// with no key where its rows are stored (PostgreSQL's `ctid`), as a scan reads them; so
    /// that queries over it render and break ties as they do in memory. Nil for a view.
    var placeColumn: String? { get }
}

extension SQLTableSource {
    public var layoutSQL: String? { nil }
    public var keyOrderIsBinary: Bool { false }
    public var keyIsText: Bool { key.flatMap { schema.field($0)?.type.isText } ?? false }
    public var placeColumn: String? { nil }
}

/// A query that does not render whole in SQL: the construct that stopped it, and why.
public struct SQLRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// What the construct is: `bars`, `the function substring`, `a date field`.
    public var construct: String
    /// Why it does not render.
    public var reason: String
    /// Where the construct is written, when it is one place.
    public var span: SourceSpan?

    public init(_ construct: String, _ reason: String, at span: SourceSpan? = nil) {
        self.construct = construct
        self.reason = reason
        self.span = span
    }

    public var description: String { "\(construct) does not render in SQL: \(reason)" }
}
