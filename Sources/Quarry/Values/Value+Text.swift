extension Value: CustomStringConvertible {
    /// The value as a table cell shows it: strings bare, dates at their precision, a row by its key
    /// (a row of a table without a key by its fields, as a record prints).
    public var description: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return Value.format(d)
        case .string(let s): return s
        case .date(let d): return d.description
        case .array(let items): return "[" + items.map(\.literal).joined(separator: ", ") + "]"
        case .record(let r):
            return "{" + zip(r.names, r.values).map { "\($0): \($1.literal)" }.joined(separator: ", ") + "}"
        case .row(let row):
            let key = keyed
            if case .row = key {
                return "{" + row.storedFields.map { "\($0.name): \($0.value.literal)" }.joined(separator: ", ") + "}"
            }
            return key.description
        case .table(let t): return "<\(t.name): \(t.count) rows>"
        }
    }

    /// The value as source text would write it: strings quoted, dates with `@`.
    public var literal: String {
        switch self {
        case .string(let s): return Value.quoted(s)
        case .date(let d): return "@\(d)"
        case .row:
            let key = keyed
            if case .row = key { return description }
            return key.literal
        default: return description
        }
    }

    /// The string-literal syntaxes ``Value/quoted(_:as:)`` writes. They differ only in how a
    /// control character other than newline, tab and return is spelled.
    public enum StringLiteralSyntax: Sendable {
        /// Quarry's own literals: `\u{1b}`.
        case quarry
        /// JSON strings (RFC 8259): `\u001b`.
        case json
    }

    /// A double-quoted string literal with the escapes of `syntax`: Quarry's by default.
    public static func quoted(_ s: String, as syntax: StringLiteralSyntax = .quarry) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                switch syntax {
                case .quarry: out += "\\u{\(hex)}"
                case .json: out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                }
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Floats print shortest-round-trip, with a `.0` when whole, as most languages do.
    static func format(_ d: Double) -> String {
        if d.isNaN { return "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) + ".0" }
        return "\(d)"
    }
}
