/// The type of a field, as the checker knows it before anything runs.
public indirect enum FieldType: Sendable, Hashable, CustomStringConvertible {
    case any, bool, int, double, string, date
    case array(FieldType)
    /// The key of a row of another collection: navigable with `.` (`doc.title`).
    case reference(String)
    /// The rows of another collection whose field `via` holds this row's key (`documents.events`).
    case references(String, via: String)

    /// The type as messages and `.schema` print it.
    public var description: String {
        switch self {
        case .any: return "any"
        case .bool: return "bool"
        case .int: return "int"
        case .double: return "float"
        case .string: return "string"
        case .date: return "date"
        case .array(let element): return "array of \(element)"
        case .reference(let table): return "\(table) row"
        case .references(let table, _): return "array of \(table) rows"
        }
    }
}

/// A named, typed field of a collection.
public struct Field: Sendable, Hashable {
    /// The field's name, as scripts write it.
    public var name: String
    /// What the field's values are.
    public var type: FieldType
    /// One line that says what the field holds, for `.schema` and completion.
    public var summary: String

    /// A field with a name, a type and a one-line summary.
    public init(_ name: String, _ type: FieldType, _ summary: String = "") {
        self.name = name
        self.type = type
        self.summary = summary
    }
}

/// The fields of a collection, in order.
public struct Schema: Sendable, Hashable {
    /// The fields, in order.
    public var fields: [Field]
    private var positions: [String: Int]

    /// The positions of the fields a row stores: all but the reverse links (a city's trips),
    /// which are for navigation and are not shown as columns.
    public var storedFieldIndices: [Int] {
        fields.indices.filter {
            if case .references = fields[$0].type { return false }
            return true
        }
    }

    /// A field with a name, a type and a one-line summary.
    public init(_ fields: [Field]) {
        self.fields = fields
        var positions: [String: Int] = [:]
        for (i, field) in fields.enumerated() {
            positions[field.name] = positions[field.name] ?? i
            positions[field.name.lowercased()] = positions[field.name.lowercased()] ?? i
        }
        self.positions = positions
    }

    /// The fields' names, in order.
    public var names: [String] { fields.map(\.name) }

    /// The position of a field; names match exactly first, then without regard to case.
    public func index(of name: String) -> Int? {
        positions[name] ?? positions[name.lowercased()]
    }

    /// The field of that name (exact first, then without regard to case).
    public func field(_ name: String) -> Field? {
        index(of: name).map { fields[$0] }
    }

    /// The fields whose names are listed, in schema order (what `ScanRequest.fields` asks
    /// for); all of them for nil.
    public func fields(among names: [String]?) -> [Field] {
        guard let names else { return fields }
        return fields.filter { names.contains($0.name) }
    }
}
