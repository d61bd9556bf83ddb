/// The ways the in-memory engine can run the same query, which must all give the same answers:
/// tests run the golden files, the examples and EQL's suites each way and fail on any difference.
@_spi(Testing)
public enum ExecutionMode: String, CaseIterable, Sendable {
    /// As an embedder gets it: column kernels where the planner picks them; columns of 1,024 rows
    /// or more stored by kind (dictionary strings, unboxed numbers and dates).
    case standard
    /// No column kernel: every operator row by row, through the interpreter's closures.
    case rows
    /// Every column of every collection stored by kind, however short, so that small test
    /// tables reach the encoded kernels.
    case encoded
}

extension Engine {
    /// A copy of the engine that runs queries the given way.
    @_spi(Testing)
    public func executing(_ mode: ExecutionMode) -> Engine {
        var copy = self
        switch mode {
        case .standard:
            break
        case .rows:
            copy.usesColumnKernels = false
        case .encoded:
            var catalog = Catalog()
            for name in self.catalog.names {
                if let table = self.catalog[name] {
                    catalog.add(table.encodedEverywhere())
                } else if let host = self.catalog.hosts[name] {
                    catalog.add(host)
                }
            }
            copy.catalog = catalog
            if let stream = eventStream {
                copy.eventStream = EventStream(table: stream.table.encodedEverywhere(), typeField: stream.typeField,
                                               timeField: stream.timeField, ticksPerSecond: stream.ticksPerSecond,
                                               pidField: stream.pidField, parentField: stream.parentField,
                                               subtypeField: stream.subtypeField, processNameField: stream.processNameField,
                                               osPidField: stream.osPidField)
            }
        }
        return copy
    }
}

extension Table {
    /// The same table with every column stored by its kind, however short.
    func encodedEverywhere() -> Table {
        let columns = self.columns.map { column in Column(storage: Column.encode(Array(column)), count: column.count) }
        return Table(name: name, schema: schema, storedColumns: columns, key: keyColumn.map { schema.fields[$0].name })
    }
}
