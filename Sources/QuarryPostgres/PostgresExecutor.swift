import Quarry
import QuarrySQL

/// Runs a whole query on the server when every collection it reads is one of the database's
/// tables and it renders whole as SQL; otherwise declines, and the engine runs it in memory
/// over the tables' scans.
package struct PostgresExecutor: PlanExecutor {
    let database: PostgresDatabase
    package var name: String { "PostgreSQL" }

    package init(_ database: PostgresDatabase) { self.database = database }

    package func run(_ plan: LogicalPlan, values: RunValues) throws -> Table? {
        guard Self.readsOnlyDatabaseTables(plan) else { return nil }
        let sql: SQLQuery
        do {
            sql = try plan.sql(dialect: PostgreSQLDialect(), caseSensitive: values.caseSensitive) { try values.value(of: $0) }
        } catch {
            return nil
        }
        let rows = try database.results(sql.text, sql.parameters, limit: values.timeout)
        // Straight into columns, kept as read: a result is read once, not queried again and again.
        var columns = [[Value]](repeating: [], count: sql.fields.count)
        for c in columns.indices { columns[c].reserveCapacity(rows.count) }
        for row in rows { try PostgresDecoding.append(row, sql.fields, to: &columns) }
        return Table(name: plan.shape.name, schema: Schema(sql.fields), storedColumns: columns.map(Column.unencoded))
    }

    /// `all on PostgreSQL` when the plan renders whole, else what stops it; nil when it reads a
    /// collection that is not the database's. A value fixed before the query runs stands in as
    /// an ordinary one of its type (a count of 0, an empty text).
    package func placement(of plan: LogicalPlan, caseSensitive: Bool) -> String? {
        guard Self.readsOnlyDatabaseTables(plan) else { return nil }
        do {
            _ = try plan.sql(dialect: PostgreSQLDialect(), caseSensitive: caseSensitive) { e in
                if case .constant(let value) = e.form { return value }
                switch e.type {
                case .int: return .int(0)
                case .float: return .double(0)
                case .bool: return .bool(false)
                case .string: return .string("")
                default: return .int(0)  // a parameter of no declared type: most often a row count
                }
            }
            return "all on PostgreSQL"
        } catch {
            return "in memory over the tables' scans: \(error.construct) does not render in SQL (\(error.reason))"
        }
    }

    package static func readsOnlyDatabaseTables(_ plan: LogicalPlan) -> Bool {
        if case .scan(let node) = plan {
            if case .host(let host, _) = node.source { return host is any SQLTableSource }
            return false
        }
        guard let input = plan.input else { return false }
        return readsOnlyDatabaseTables(input)
    }
}

extension Engine {
    /// A copy of the engine whose collections include the database's tables (a table takes the
    /// place of a collection of the same name), and whose queries over them run on the server
    /// when they render whole as SQL. Returns the names of the collections a table replaced.
    /// A table that takes the place of a collection keeps the collection's back-references
    /// (`places.events`) whose rows are a table of the database too, with the field they follow.
    public func adding(_ database: PostgresDatabase) throws(PostgresFailure) -> (engine: Engine, replaced: [String]) {
        var engine = self
        var replaced: [String] = []
        let tables = try database.tables()
        let schemas = Dictionary(tables.map { ($0.name, $0.schema) }, uniquingKeysWith: { a, _ in a })
        for var table in tables {
            if let old = engine.catalog.schema(of: table.name) {
                replaced.append(table.name)
                table = table.adding(backReferences: old.fields.filter { field in
                    // Only where the rows' field is a reference to this table: its values are then
                    // this table's keys, of the key's type.
                    guard case .references(let source, let via) = field.type else { return false }
                    return schemas[source]?.field(via)?.type == .reference(table.name)
                }, orderedLike: old)
            }
            engine = engine.adding(table)
        }
        engine.planExecutor = PostgresExecutor(database)
        return (engine, replaced)
    }
}
