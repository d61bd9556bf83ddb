extension Value: CustomStringConvertible {
    /// The value as a table cell shows it: strings bare, dates at their precision, a row by its key.
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
            if case .row = key { return "\(row.table.name)[\(row.index)]" }
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

    /// A double-quoted string literal with Quarry's escapes.
    public static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 { out += "\\u{\(String(scalar.value, radix: 16))}" } else { out.unicodeScalars.append(scalar) }
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
