import Foundation
import Quarry

/// Renders results for people and for other programs.
enum OutputFormat: String, CaseIterable {
    case table, json, csv, markdown
}

struct Renderer {
    var format: OutputFormat
    /// Rows shown in table form before "… N more rows"; nil shows all.
    var maxRows: Int? = nil
    /// Widest a column may print in table form.
    var maxWidth = 60

    func render(_ result: ResultSet) -> String {
        switch format {
        case .table: return table(result)
        case .markdown: return markdown(result)
        case .csv: return csv(result)
        case .json: return json(result)
        }
    }

    /// A single value prints bare; a table prints as a grid.
    func render(_ output: Output) -> String {
        if case .table = output.value { return render(output.resultSet) }
        if format == .json { return jsonValue(output.value) }
        if format == .table { return output.value.literalForDisplay }
        return render(output.resultSet)
    }

    private func cell(_ value: Value) -> String {
        let text = value.isNull ? "" : value.description
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        return flat.count > maxWidth ? String(flat.prefix(maxWidth - 1)) + "…" : flat
    }

    private func table(_ result: ResultSet) -> String {
        let shown = maxRows.map { Array(result.rows.prefix($0)) } ?? result.rows
        let cells = shown.map { $0.map(cell) }
        var widths = result.columns.map { $0.count }
        for row in cells { for (i, c) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
        func line(_ items: [String]) -> String {
            zip(items, widths).map { $0 + String(repeating: " ", count: max(0, $1 - $0.count)) }.joined(separator: "  ")
                .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        var out = [line(result.columns), widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")]
        out += cells.map(line)
        let hidden = result.rows.count - shown.count
        out.append(hidden > 0 ? "(\(result.rows.count) rows; \(hidden) not shown)" : "(\(result.rows.count) row\(result.rows.count == 1 ? "" : "s"))")
        return out.joined(separator: "\n")
    }

    private func markdown(_ result: ResultSet) -> String {
        func escape(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
        var out = ["| " + result.columns.map(escape).joined(separator: " | ") + " |",
                   "|" + result.columns.map { _ in " --- |" }.joined()]
        for row in result.rows {
            out.append("| " + row.map { escape($0.isNull ? "" : $0.description) }.joined(separator: " | ") + " |")
        }
        return out.joined(separator: "\n")
    }

    private func csv(_ result: ResultSet) -> String {
        func field(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        var out = [result.columns.map(field).joined(separator: ",")]
        for row in result.rows { out.append(row.map { field($0.isNull ? "" : $0.description) }.joined(separator: ",")) }
        return out.joined(separator: "\n")
    }

    private func json(_ result: ResultSet) -> String {
        let objects = result.rows.map { row in
            "{" + zip(result.columns, row).map { "\(jsonString($0)): \(jsonValue($1))" }.joined(separator: ", ") + "}"
        }
        return "[\n" + objects.map { "  " + $0 }.joined(separator: ",\n") + (objects.isEmpty ? "]" : "\n]")
    }

    func jsonValue(_ value: Value) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return d.isFinite ? "\(d)" : "null"
        case .string(let s): return jsonString(s)
        case .date(let d): return jsonString(d.description)
        case .array(let items): return "[" + items.map(jsonValue).joined(separator: ", ") + "]"
        case .record(let r): return "{" + zip(r.names, r.values).map { "\(jsonString($0)): \(jsonValue($1))" }.joined(separator: ", ") + "}"
        case .row: return jsonValue(value.keyed.isRowReference ? .string(value.description) : value.keyed)
        case .table(let t): return json(ResultSet(.table(t)))
        }
    }

    private func jsonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}

extension Value {
    var isRowReference: Bool { if case .row = self { return true } else { return false } }

    /// A lone value as the REPL echoes it: strings quoted so that "" and null differ.
    var literalForDisplay: String { literal }
}
