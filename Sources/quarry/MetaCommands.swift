import Foundation
import Quarry

/// The meta commands (`.mode csv`, `.timer on`, `.load …`), the same in the REPL and in scripts,
/// as sqlite3's and DuckDB's shells take them in both.
extension App {
    static let metaCommands = [".help", ".schema", ".mode", ".timer", ".limits", ".explain", ".read", ".load", ".save", ".corpus", ".quit", ".exit"]

    /// What a meta command did: ran (its own messages printed), asked to quit, or was not one.
    enum MetaResult { case handled, quit, unknown }

    /// Runs a meta command, from the REPL or a script. Returns `.quit` for `.quit` and `.exit`.
    func meta(_ command: String) -> MetaResult {
        let parts = command.split(separator: " ", maxSplits: 1).map(String.init)
        let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        switch parts[0] {
        case ".quit", ".exit":
            return .quit
        case ".help":
            print(help)
        case ".schema":
            print(schema(argument))
        case ".mode":
            if let format = OutputFormat(rawValue: argument) {
                renderer.format = format
            } else {
                printError("usage: .mode \(OutputFormat.allCases.map(\.rawValue).joined(separator: "|")) (now \(renderer.format.rawValue))")
            }
        case ".timer":
            switch argument {
            case "on": timer = true
            case "off": timer = false
            default: printError("usage: .timer on|off (now \(timer ? "on" : "off"))")
            }
        case ".limits":
            // .limits [timeout|max-rows|max-steps|max-size VALUE|none]
            let words = argument.split(separator: " ").map(String.init)
            if words.isEmpty { print(LimitText.describe(session.limits)); break }
            guard words.count == 2 else { printError("usage: .limits [timeout|max-rows|max-steps|max-size VALUE|none]"); break }
            var limits = session.limits
            let none = words[1] == "none"
            switch words[0] {
            case "timeout":
                guard none || LimitText.duration(words[1]) != nil else { printError("a time such as 500ms, 30s or 2m, or none"); return .handled }
                limits.timeout = none ? nil : LimitText.duration(words[1])
            case "max-rows", "max-steps":
                guard none || (Int(words[1]) ?? 0) > 0 else { printError("a positive number, or none"); return .handled }
                if words[0] == "max-rows" { limits.maxRows = Int(words[1]) } else { limits.maxSteps = Int(words[1]) }
            case "max-size":
                guard none || LimitText.bytes(words[1]) != nil else { printError("a size such as 64MiB or 500KB, or none"); return .handled }
                limits.maxSize = none ? nil : LimitText.bytes(words[1])
            default:
                printError("usage: .limits [timeout|max-rows|max-steps|max-size VALUE|none]")
                return .handled
            }
            session.limits = limits
            print(LimitText.describe(limits))
        case ".explain":
            guard !argument.isEmpty else { printError("usage: .explain QUERY"); break }
            do {
                print(try session.explain(argument))
            } catch {
                printError(colored(error.description))
            }
        case ".read":
            guard !argument.isEmpty else { printError("usage: .read FILE"); break }
            switch ScriptInput.read(argument) {
            case .success(let text): execute(text, name: argument)
            case .failure(let problem): printError(problem.message)
            }
        case ".load":
            // .load NAME=FILE: a failed load changes nothing; the session goes on as it was.
            let item = argument.split(separator: "=", maxSplits: 1).map(String.init)
            guard item.count == 2, !item[0].isEmpty, item[0].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                printError("usage: .load NAME=FILE (CSV, TSV, JSON, JSON Lines or a saved .arrow file)")
                break
            }
            do {
                let loaded = try DataLoader().load(name: item[0], path: item[1])
                for warning in loaded.warnings.prefix(20) { printError("warning: \(warning)") }
                session.add(loaded.table)
                print("\(item[0]): \(loaded.table.count) rows, \(loaded.table.schema.fields.count) fields")
            } catch {
                printError(errorStyle.red("\(error)"))
            }
        case ".save":
            // .save NAME FILE.arrow: a collection, or a binding that holds a table.
            let item = argument.split(separator: " ", maxSplits: 1).map(String.init)
            guard item.count == 2 else { printError("usage: .save NAME FILE.arrow"); break }
            var table = engine.catalog[item[0]]
            if table == nil, case .table(let bound)? = session.bindings[item[0]] { table = bound }
            guard let table else { printError("no collection or table binding named '\(item[0])'"); break }
            do {
                try ArrowFile.write(table, to: item[1].trimmingCharacters(in: .whitespaces))
                print("saved \(table.count) rows to \(item[1])")
            } catch {
                printError(errorStyle.red("\(error)"))
            }
        case ".corpus":
            print(corpusDescription)
        default:
            // A suggestion only when it is close: half the name may differ, no more.
            let suggestion = App.metaCommands.filter { distance($0, parts[0]) <= max(2, parts[0].count / 2) }
                .min { a, b in distance(a, parts[0]) < distance(b, parts[0]) }
            printError("unknown command \(parts[0])" + (suggestion.map { "; did you mean \($0)?" } ?? ".") + " Type .help for the list.")
            return .unknown
        }
        return .handled
    }

    private func distance(_ a: String, _ b: String) -> Int {
        Array(a).difference(from: Array(b)).count
    }

    private var help: String {
        let s = renderer.style
        return """
        \(s.bold("Meta commands"))
          .help                 this text
          .schema [collection]  collections, or one collection's fields and types
          .mode MODE            table, box, markdown, csv, json or line
          .timer on|off         print how long each input took
          .limits [NAME VALUE]  show or set timeout, max-rows, max-steps, max-size (none: no limit)
          .explain QUERY        print the query's plan: its operators and what runs each
          .read FILE            run a script
          .load NAME=FILE       load a CSV, TSV, JSON, JSON Lines or .arrow file as a collection
          .save NAME FILE.arrow save a collection (or a table binding) as an Arrow file
          .corpus               what is loaded
          .quit                 leave (or Ctrl-D)

        \(s.bold("Queries")) (a statement may span lines; a line ending in | or an operator continues)
          \(highlight("events where actor = \"Azerbaijan\" and year >= 2020 | sort date"))
          \(highlight("events | summarize n = count() by actor | sort n desc | head 10 | bars"))
          \(highlight("events where date == @2021-05 | select id, date, doc.outlet, summary"))
          \(highlight("let az = events where actor = \"Azerbaijan\""))
          \(highlight("actors where kind = \"person\" | select name, country, events = length(events)"))

        Tab completes collections, fields, functions, and values inside quotes (actor = "Az⇥).
        Ctrl-C clears the line, or stops a running query. The language: docs/language.md.
        """
    }

    private func schema(_ name: String) -> String {
        let catalog = engine.catalog
        if name.isEmpty {
            let width = catalog.names.map(\.count).max() ?? 0
            return catalog.names.map { n in
                let table = catalog[n]!
                return n.padding(toLength: width, withPad: " ", startingAt: 0) + "  \(table.count) rows, \(table.schema.fields.count) fields"
            }.joined(separator: "\n")
        }
        guard let table = catalog[name] else {
            return "no collection \(name); collections: \(catalog.names.joined(separator: ", "))"
        }
        let width = table.schema.names.map(\.count).max() ?? 0
        let types = table.schema.fields.map { $0.type.description }
        let typeWidth = types.map(\.count).max() ?? 0
        return table.schema.fields.enumerated().map { i, field in
            field.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                + types[i].padding(toLength: typeWidth, withPad: " ", startingAt: 0)
                + (field.summary.isEmpty ? "" : "  " + renderer.style.dim(field.summary))
        }.joined(separator: "\n")
    }

    private var corpusDescription: String {
        var lines = ["\(corpusName): \(summary)"]
        if let corpus = corpus {
            for document in corpus.documents {
                lines.append("  \(document.id)  \(document.published?.description ?? "undated")  \(document.outlet ?? "–")  \(document.title ?? "(no title)")")
            }
            for problem in corpus.problems { lines.append("  left out: \(problem)") }
        }
        for item in loaded { lines.append("  \(item.name) ← \(item.path) (\(item.rows) rows)") }
        return lines.joined(separator: "\n")
    }

    /// Colours Quarry source by token class, on a terminal.
    func highlight(_ text: String) -> String {
        let style = renderer.style
        guard style.enabled else { return text }
        let bytes = Array(text.utf8)
        var out = ""
        var position = 0
        for (range, tokenClass) in SourceInspection.classify(text) where range.lowerBound >= position {
            out += String(decoding: bytes[position..<range.lowerBound], as: UTF8.self)
            let piece = String(decoding: bytes[range], as: UTF8.self)
            switch tokenClass {
            case .keyword: out += style.blue(piece)
            case .string: out += style.green(piece)
            case .number: out += style.cyan(piece)
            case .date: out += style.magenta(piece)
            case .function: out += style.yellow(piece)
            case .parameter: out += style.cyan(piece)
            case .error: out += style.red(piece)
            default: out += piece
            }
            position = range.upperBound
        }
        return out + String(decoding: bytes[min(position, bytes.count)...], as: UTF8.self)
    }
}
