/// An EQL event stream: one table of events of many types, in the order they happened.
///
/// `process where pid == 4` selects the events whose type is "process"; `any where …` all of
/// them. Sequences and joins read the stream in its order and measure `maxspan` on its time field.
public struct EventStream: Sendable {
    public let table: Table
    /// The field that names each event's type (EQL's `event_type`).
    public let typeField: String
    /// The field that gives each event's time, as a number of `ticksPerSecond`.
    public let timeField: String
    /// EQL's timestamps are Windows FILETIME: 10,000,000 ticks a second.
    public let ticksPerSecond: Double
    /// The fields that link a process to its parent, for `descendant of`, `child of`, `event of`
    /// (EQL's `unique_pid` and `unique_ppid`).
    public let pidField: String
    public let parentField: String
    /// The field that says what a process event is, for lineage: `create` or `fork` starts a
    /// process, `terminate` ends it (EQL's `subtype`).
    public let subtypeField: String
    /// The field that names a process's program, for lineage: the creation of `System` with
    /// operating-system id 4 is a machine start, which forgets every tracked process (EQL's
    /// `process_name`).
    public let processNameField: String
    /// The field that gives the operating system's id of a process, for lineage: 4 marks the
    /// System process, and a process with id 0 (the idle process) or none is never one a lineage
    /// starts from (EQL's `pid`).
    public let osPidField: String
    /// Each row's type, lower-cased: the type field, else `event_type_full` without `_event`.
    let types: [String?]

    /// A stream over `table`; each field is named as EQL names it unless given.
    public init(table: Table, typeField: String = "event_type", timeField: String = "timestamp",
                ticksPerSecond: Double = 10_000_000, pidField: String = "unique_pid", parentField: String = "unique_ppid",
                subtypeField: String = "subtype", processNameField: String = "process_name", osPidField: String = "pid") {
        self.table = table
        self.typeField = typeField
        self.timeField = timeField
        self.ticksPerSecond = ticksPerSecond
        self.pidField = pidField
        self.parentField = parentField
        self.subtypeField = subtypeField
        self.processNameField = processNameField
        self.osPidField = osPidField
        let typeColumn = table.schema.index(of: typeField)
        let fullColumn = table.schema.index(of: "event_type_full")
        types = (0..<table.count).map { row in
            if let c = typeColumn, case .string(let t) = table.value(row: row, column: c) { return t.lowercased() }
            if let c = fullColumn, case .string(let t) = table.value(row: row, column: c) {
                let lower = t.lowercased()
                return lower.hasSuffix("_event") ? String(lower.dropLast(6)) : lower
            }
            return nil
        }
    }

    /// The rows of one type (`any` for all), in stream order.
    func rows(ofType type: String) -> [RowRef] {
        let wanted = type.lowercased()
        if wanted == "any" { return table.rows }
        return types.indices.filter { types[$0] == wanted }.map { RowRef(table: table, index: $0) }
    }

    /// Every type the stream holds.
    public var typeNames: [String] { Array(Set(types.compactMap { $0 })).sorted() }
}

extension Engine {
    /// A copy of the engine that queries `table` as an EQL event stream.
    public func withEvents(_ stream: EventStream) -> Engine {
        var copy = self
        copy.eventStream = stream
        return copy
    }
}
