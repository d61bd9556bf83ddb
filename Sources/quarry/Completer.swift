import Foundation
import Quarry

/// Tab completion that knows where the cursor is: meta commands after a leading dot, pipe names
/// after `|`, the fields of the collection being queried, a linked collection's fields after
/// `doc.`, and inside a string the values the field can take (actor names after `actor = "`).
struct Completer {
    let engine: Engine
    let bindings: [String]
    let metaCommands: [String]

    /// Candidates for `word`, the text being completed, which `before` precedes on the line.
    func candidates(before: String, word: String) -> [String] {
        let chars = Array(before + word)
        let start = before.count
        let trimmedBefore = before.trimmingCharacters(in: .whitespaces)

        // Meta commands and their arguments.
        // readline may break the word at the dot: then `before` is the dot itself.
        if (trimmedBefore.isEmpty && word.hasPrefix(".")) || (trimmedBefore == "." && start > 0 && chars[start - 1] == ".") {
            return filter(metaCommands.map { start > 0 && chars[start - 1] == "." ? String($0.dropFirst()) : $0 }, word)
        }
        if trimmedBefore.hasPrefix(".") {
            let command = trimmedBefore.split(separator: " ").first.map(String.init) ?? ""
            switch command {
            case ".schema": return filter(engine.catalog.names, word)
            case ".mode": return filter(OutputFormat.allCases.map(\.rawValue), word)
            case ".timer": return filter(["on", "off"], word)
            default: return []
            }
        }

        let source = sourceCollection(in: before)
        // Inside a string: the values of the field it is compared with.
        if let quote = openQuote(before) {
            let field = fieldBeforeComparison(String(before[..<quote]))
            return filter(values(of: field, in: source), word)
        }
        // After `name.`: the fields of the collection `name` links to.
        if start > 0 && chars[start - 1] == "." {
            let base = identifier(endingAt: String(chars[..<(start - 1)]))
            if let target = linkedCollection(base, from: source) { return filter(target.schema.names, word) }
            return []
        }
        let lastSymbol = trimmedBefore.last
        if lastSymbol == "|" { return filter(SourceInspection.pipes, word) }
        if trimmedBefore.isEmpty || lastSymbol == ";" {
            return filter(engine.catalog.names + bindings + ["let", "sequence", "join", "any"], word)
        }
        var words = engine.catalog.names + bindings + SourceInspection.keywords + engine.functions.names
        if let source { words = source.schema.names + words }
        return filter(words, word)
    }

    private func filter(_ words: [String], _ prefix: String) -> [String] {
        let lower = prefix.lowercased()
        var seen: Set<String> = []
        return words.filter { $0.lowercased().hasPrefix(lower) && seen.insert($0).inserted }.sorted()
    }

    /// The collection the statement queries: the first name in it that is a collection.
    private func sourceCollection(in text: String) -> Table? {
        let statement = text.split(separator: ";").last.map(String.init) ?? text
        for token in statement.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }) {
            if let table = engine.catalog[String(token)] { return table }
        }
        return nil
    }

    /// The position of an unclosed quote, if the cursor is inside a string.
    private func openQuote(_ text: String) -> String.Index? {
        var open: String.Index?
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if c == "\"" || c == "'" {
                if let o = open, text[o] == c { open = nil } else if open == nil { open = i }
            } else if c == "\\", open != nil {
                i = text.index(after: i)
                if i == text.endIndex { break }
            }
            i = text.index(after: i)
        }
        return open
    }

    /// `actor` in `… actor = ` or `… actor in ("Iran", `: the field a string is compared with.
    private func fieldBeforeComparison(_ text: String) -> String? {
        let patterns = [#"([A-Za-z_][\w.]*)\s*(==|=|!=)\s*$"#, #"([A-Za-z_][\w.]*)\s+(not\s+)?in\s*\([^()]*$"#]
        for pattern in patterns {
            if let match = text.range(of: pattern, options: .regularExpression) {
                return identifier(startingAt: String(text[match]))
            }
        }
        return nil
    }

    private func identifier(startingAt text: String) -> String {
        String(text.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." })
    }

    private func identifier(endingAt text: String) -> String {
        String(text.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }.reversed())
    }

    /// The collection a field links to (`doc` → documents), for `doc.` and for values.
    private func linkedCollection(_ path: String, from source: Table?) -> Table? {
        var table = source
        for part in path.split(separator: ".") {
            guard let current = table, let field = current.schema.field(String(part)) else {
                return engine.catalog[String(part)]
            }
            switch field.type {
            case .reference(let target), .references(let target, _): table = engine.catalog[target]
            default: return nil
            }
        }
        return table
    }

    /// Values a string field takes: the keys of the collection a reference points to, or the
    /// field's own distinct values when there are few.
    private func values(of field: String?, in source: Table?) -> [String] {
        guard let field, let source else { return [] }
        let parts = field.split(separator: ".").map(String.init)
        let owner = parts.count > 1 ? linkedCollection(parts.dropLast().joined(separator: "."), from: source) : source
        guard let owner, let column = owner.schema.index(of: parts.last!) else { return [] }
        if case .reference(let target) = owner.schema.fields[column].type, let table = engine.catalog[target],
           let key = table.keyColumn {
            return (0..<table.count).compactMap { if case .string(let s) = table.value(row: $0, column: key) { return s } else { return nil } }
        }
        var distinct: Set<String> = []
        for row in 0..<owner.count {
            if case .string(let s) = owner.value(row: row, column: column), s.count <= 60 { distinct.insert(s) }
            if distinct.count > 300 { return [] }
        }
        return Array(distinct)
    }
}
