import Quarry

/// The date fields of a query's scanned collection that it reads only as bounds: compared, sorted
/// by, or taken apart by `year`, `month`, `day` or `decade`, never shown, grouped by or kept. Their
/// precision column is not read at all, so a bounded sort does not carry it (it cost query 4 of
/// the benchmark about 5% at 1,000,000 rows). Conservative: any other use, or an expression whose
/// reads are not known, counts as reading the whole date.
enum DatePrecisionUse {
    static func boundsOnly(_ plan: LogicalPlan) -> Set<String> {
        var chain: [LogicalPlan] = []
        var node: LogicalPlan? = plan
        while let current = node {
            chain.append(current)
            node = current.input
        }
        guard case .scan(let scan)? = chain.last, let schema = scan.shape.schema else { return [] }
        var dates: [String: String] = [:]  // lowercased name → the schema's spelling
        for field in schema.fields { if case .date = field.type { dates[field.name.lowercased()] = field.name } }
        // Without an operator that makes new rows, the scan's rows (every date whole) are the result.
        guard !dates.isEmpty, let shaping = chain.lastIndex(where: \.makesNewRows) else { return [] }
        var whole: Set<String> = []
        // A result field named like a date of the scan would share its columns' names.
        for operation in chain {
            for field in operation.shape.schema?.fields ?? [] where operation.makesNewRows {
                if case .date = field.type { whole.insert(field.name.lowercased()) }
            }
            if case .count = operation { whole.insert("key") }
        }
        for operation in chain[shaping...] {
            switch operation {
            case .scan, .slice:
                continue
            case .filter(_, let condition, _):
                guard reads(condition, dates, &whole) else { return [] }
            case .sort(_, let keys, _, _):
                for key in keys where !isDate(key.value, dates) {
                    guard reads(key.value, dates, &whole) else { return [] }
                }
            case .project(_, let columns, _, _):
                for column in columns {
                    if isDate(column, dates), case .field(let name) = column.form { whole.insert(name.lowercased()); continue }
                    guard reads(column, dates, &whole) else { return [] }
                }
            case .aggregate(_, let keys, let aggregates, _, _):
                guard readWhole(keys + aggregates.compactMap(\.argument), dates, &whole) else { return [] }
            case .count(_, let keys, _), .unique(_, let keys, _):
                guard readWhole(keys, dates, &whole) else { return [] }
            case .uniqueCount, .bars, .composite:
                return []
            }
        }
        return Set(dates.filter { !whole.contains($0.key) }.map(\.value))
    }

    private static func isDate(_ e: BoundExpr, _ dates: [String: String]) -> Bool {
        if case .field(let name) = e.form { return dates[name.lowercased()] != nil }
        return false
    }

    /// Records the dates `e` reads whole; false when its reads are not known.
    private static func reads(_ e: BoundExpr, _ dates: [String: String], _ whole: inout Set<String>) -> Bool {
        switch e.form {
        case .logical(_, let parts):
            return parts.allSatisfy { reads($0, dates, &whole) }
        case .not(let inner):
            return reads(inner, dates, &whole)
        case .compare(_, let left, let right):
            return [left, right].allSatisfy { isDate($0, dates) || reads($0, dates, &whole) }
        case .call(let name, let arguments)
            where ["year", "month", "day", "decade"].contains(name.lowercased()) && arguments.count == 1 && isDate(arguments[0], dates):
            return true
        default:
            return readWhole([e], dates, &whole)
        }
    }

    private static func readWhole(_ expressions: [BoundExpr], _ dates: [String: String], _ whole: inout Set<String>) -> Bool {
        for e in expressions {
            guard let fields = e.fieldsRead else { return false }
            for field in fields where dates[field.lowercased()] != nil { whole.insert(field.lowercased()) }
        }
        return true
    }
}
