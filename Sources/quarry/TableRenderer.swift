import Foundation
import Quarry

/// Renders results for people and for other programs.
enum OutputFormat: String, CaseIterable {
    case table, box, markdown, csv, json, line
}

struct Renderer {
    var format: OutputFormat
    /// Rows shown in table form before "(N rows; M not shown)"; nil shows all.
    var maxRows: Int? = nil
    /// Widest a column may print in table form.
    var maxWidth = 60
    var style = Style(enabled: false)
    /// On a terminal, the width tables must fit: wide columns shrink, and columns that still do
    /// not fit are left out with a note.
    var fitWidth: Int? = nil
    /// JSON on one line per result (JSON Lines), for a run that prints several results.
    var compactJSON = false

    func render(_ result: ResultSet) -> String {
        switch format {
        case .table: return table(result)
        case .box: return box(result)
        case .line: return lines(result)
        case .markdown: return markdown(result)
        case .csv: return csv(result)
        case .json: return json(result)
        }
    }

    /// A single value prints bare; a table prints as a grid.
    func render(_ output: Output) -> String {
        if case .table = output.value { return render(output.resultSet) }
        if format == .json { return jsonValue(output.value) }
        if format == .table || format == .box || format == .line { return colored(output.value, output.value.literalForDisplay) }
        return render(output.resultSet)
    }

    private func cell(_ value: Value, _ width: Int? = nil) -> String {
        let text = value.isNull ? "" : value.description
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        let limit = width ?? maxWidth
        return flat.count > limit ? String(flat.prefix(max(1, limit - 1))) + "…" : flat
    }

    /// Colours a cell by its kind of value: nulls dim, numbers cyan, dates magenta.
    private func colored(_ value: Value, _ text: String) -> String {
        switch value {
        case .null: return style.dim(text)
        case .int, .double: return style.cyan(text)
        case .date: return style.magenta(text)
        case .bool: return style.yellow(text)
        default: return text
        }
    }

    private func pad(_ text: String, _ width: Int, right: Bool) -> String {
        let gap = String(repeating: " ", count: max(0, width - text.count))
        return right ? gap + text : text + gap
    }

    private func grid(_ result: ResultSet) -> (shown: [[Value]], cells: [[String]], widths: [Int], footer: String) {
        var shown = maxRows.map { Array(result.rows.prefix($0)) } ?? result.rows
        var columns = result.columns
        var widths = columns.map { $0.count }
        for row in shown { for (i, v) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell(v).count) } }
        var omitted = 0
        if let fitWidth {
            func total() -> Int { widths.reduce(0, +) + 2 * max(0, widths.count - 1) }
            while total() > fitWidth, let widest = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[widest] > 12 {
                widths[widest] -= 1
            }
            while total() > fitWidth && widths.count > 1 {
                widths.removeLast()
                columns.removeLast()
                omitted += 1
            }
            if omitted > 0 { shown = shown.map { Array($0.prefix(columns.count)) } }
        }
        let cells = shown.map { row in row.enumerated().map { cell($1, widths[$0]) } }
        let hidden = result.rows.count - shown.count
        var footer = hidden > 0 ? "(\(result.rows.count) rows; \(hidden) not shown: add | head, or .mode csv"
            : "(\(result.rows.count) row\(result.rows.count == 1 ? "" : "s")"
        if omitted > 0 { footer += "; \(omitted) column\(omitted == 1 ? "" : "s") not shown: | select the ones you need, or .mode line" }
        footer += hidden > 0 ? ")" : ")"
        return (shown, cells, widths, footer)
    }

    private func table(_ result: ResultSet) -> String {
        let (shown, cells, widths, footer) = grid(result)
        func line(_ items: [String], _ values: [Value]?) -> String {
            var parts: [String] = []
            for (i, item) in items.enumerated() {
                let numeric = values.map { $0[i].number != nil } ?? false
                let text = pad(item, widths[i], right: numeric)
                parts.append(values.map { colored($0[i], text) } ?? style.bold(text))
            }
            return parts.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        var out = [line(Array(result.columns.prefix(widths.count)).enumerated().map { cell(.string($1), widths[$0]) }, nil), style.dim(widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "))]
        out += zip(cells, shown).map { line($0, $1) }
        out.append(style.dim(footer))
        return out.joined(separator: "\n")
    }

    private func box(_ result: ResultSet) -> String {
        let (shown, cells, widths, footer) = grid(result)
        func border(_ left: String, _ middle: String, _ right: String) -> String {
            left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: middle) + right
        }
        func line(_ items: [String], _ values: [Value]?) -> String {
            "│ " + items.enumerated().map { i, item in
                let numeric = values.map { $0[i].number != nil } ?? false
                let text = pad(item, widths[i], right: numeric)
                return values.map { colored($0[i], text) } ?? style.bold(text)
            }.joined(separator: " │ ") + " │"
        }
        var out = [border("┌", "┬", "┐"), line(Array(result.columns.prefix(widths.count)).enumerated().map { cell(.string($1), widths[$0]) }, nil), border("├", "┼", "┤")]
        out += zip(cells, shown).map { line($0, $1) }
        out.append(border("└", "┴", "┘"))
        out.append(style.dim(footer))
        return out.joined(separator: "\n")
    }

    /// One `column = value` line per field, a blank line between rows (sqlite's line mode).
    private func lines(_ result: ResultSet) -> String {
        let width = result.columns.map(\.count).max() ?? 0
        let shown = maxRows.map { Array(result.rows.prefix($0)) } ?? result.rows
        var blocks = shown.map { row in
            zip(result.columns, row).map { pad($0, width, right: true) + " = " + colored($1, $1.isNull ? "null" : $1.description) }
                .joined(separator: "\n")
        }
        if shown.count < result.rows.count { blocks.append(style.dim("(\(result.rows.count) rows; \(result.rows.count - shown.count) not shown)")) }
        return blocks.joined(separator: "\n\n")
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
        // A sequence or join prints one object per match, as EQL's responses do: its events
        // whole, in stage order, and its join keys.
        if result.columns == ["events", "keys"] {
            let objects = result.rows.map { row -> String in
                let events: [String]
                if case .array(let items) = row[0] {
                    events = items.map { item in
                        guard case .row(let event) = item else { return jsonValue(item) }
                        return "{" + event.storedFields.map { "\(jsonString($0.name)): \(jsonValue($0.value))" }.joined(separator: ", ") + "}"
                    }
                } else {
                    events = []
                }
                return "{\"events\": [" + events.joined(separator: ", ") + "], \"keys\": \(jsonValue(row[1]))}"
            }
            return array(objects)
        }
        let objects = result.rows.map { row in
            "{" + zip(result.columns, row).map { "\(jsonString($0)): \(jsonValue($1))" }.joined(separator: ", ") + "}"
        }
        return array(objects)
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

    private func jsonString(_ s: String) -> String { Value.quoted(s, as: .json) }

    /// A JSON array of objects: an object per line, or all on one line when compact.
    private func array(_ objects: [String]) -> String {
        if compactJSON { return "[" + objects.joined(separator: ", ") + "]" }
        return "[\n" + objects.map { "  " + $0 }.joined(separator: ",\n") + (objects.isEmpty ? "]" : "\n]")
    }
}

extension Value {
    var isRowReference: Bool { if case .row = self { return true } else { return false } }

    /// A lone value as the REPL echoes it: strings quoted so that "" and null differ.
    var literalForDisplay: String { literal }
}
