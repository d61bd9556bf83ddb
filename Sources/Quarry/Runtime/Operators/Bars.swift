/// `bars [value]`: each row as a label, a value and a bar scaled to the largest value. The
/// value is the expression given, else a `count` column, else the last numeric column.
enum Bars {
    static let schema = Schema([Field("label", .string), Field("value", .any), Field("bar", .string)])

    static func run(_ input: @escaping CompiledQuery.Run, value: BoundExpr?, _ span: SourceSpan) -> CompiledQuery.Run {
        return { ctx, frame throws(RuntimeFailure) in
            let relation = try input(ctx, &frame)
            let table = relation.materialize()
            let numericColumns = table.schema.fields.indices.filter { c in
                (0..<table.count).contains { table.value(row: $0, column: c).number != nil }
            }
            let valueColumn = table.schema.index(of: "count") ?? numericColumns.last
            var values: [Value] = []
            if let value {
                values = try RowEvaluation.evaluate([value], over: relation.rows, ctx, frame, span).map { $0[0] }
            } else if let valueColumn {
                values = (0..<table.count).map { table.value(row: $0, column: valueColumn) }
            } else {
                throw RuntimeFailure(.type, "bars needs a number for each row", at: span, hint: "| summarize n = count() by field | bars n")
            }
            // The label: the table's key if it has one, else its first few plain text columns.
            let labelColumns: [Int] = table.keyColumn.map { [$0] } ?? Array(table.schema.fields.indices.filter { c in
                guard c != valueColumn, !numericColumns.contains(c) else { return false }
                switch table.schema.fields[c].type {
                case .array, .references: return false
                default: return true
                }
            }.prefix(3))
            let largest = values.compactMap { $0.number }.map(abs).max() ?? 0
            var output: [[Value]] = []
            for row in 0..<table.count {
                let label = labelColumns.map { table.value(row: row, column: $0).description }.joined(separator: " · ")
                let amount = values[row].number ?? 0
                let width = largest > 0 ? amount / largest * 40 : 0
                output.append([.string(label.isEmpty ? String(row + 1) : label), values[row], .string(Bars.bar(width))])
            }
            return Relation(table: Table(name: "bars", schema: schema, rows: output))
        }
    }

    /// A bar of `width` cells, with eighth-cell precision.
    static func bar(_ width: Double) -> String {
        guard width > 0 else { return "" }
        let eighths = Int((width * 8).rounded())
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        return String(repeating: "█", count: eighths / 8) + partial[eighths % 8]
    }
}
