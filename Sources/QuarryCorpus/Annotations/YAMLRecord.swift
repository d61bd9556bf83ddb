import Quarry
import Yams

/// A YAML mapping read field by field, so that every problem names its file, line and column.
struct YAMLRecord {
    let file: String
    let mapping: Node.Mapping
    let line: Int
    let column: Int
    /// The values by key: Yams looks keys up by comparing nodes one by one.
    private let values: [String: Node]

    init(file: String, mapping: Node.Mapping) {
        self.file = file
        self.mapping = mapping
        line = mapping.mark?.line ?? 0
        column = mapping.mark?.column ?? 0
        var values: [String: Node] = [:]
        for (key, value) in mapping {
            if let name = key.string, values[name] == nil { values[name] = value }
        }
        self.values = values
    }

    func node(_ key: String) -> Node? { values[key] }

    func problem(_ reason: String, at node: Node? = nil) -> CorpusProblem {
        CorpusProblem(file: file, line: node?.mark?.line ?? line, column: node?.mark?.column ?? column, reason: reason)
    }

    /// A string field; nil when absent or null.
    func string(_ key: String, problems: inout [CorpusProblem]) -> String? {
        guard let node = node(key) else { return nil }
        guard let scalar = node.scalar else {
            problems.append(problem("'\(key)' should be text", at: node))
            return nil
        }
        if scalar.style == .plain && ["~", "null", "Null", "NULL", ""].contains(scalar.string) { return nil }
        return scalar.string
    }

    func required(_ key: String, problems: inout [CorpusProblem]) -> String? {
        if let value = string(key, problems: &problems), !value.isEmpty { return value }
        if node(key) == nil { problems.append(problem("missing '\(key)'")) }
        return nil
    }

    func int(_ key: String, problems: inout [CorpusProblem]) -> Int? {
        guard let text = string(key, problems: &problems) else { return nil }
        guard let value = Int(text) else {
            problems.append(problem("'\(key)' should be a whole number, not '\(text)'", at: node(key)))
            return nil
        }
        return value
    }

    /// A list of strings, also accepted as one string.
    func strings(_ key: String, problems: inout [CorpusProblem]) -> [String] {
        guard let node = node(key) else { return [] }
        if let sequence = node.sequence {
            return sequence.compactMap { item in
                guard let s = item.scalar?.string else {
                    problems.append(problem("'\(key)' should list text", at: item))
                    return nil
                }
                return s
            }
        }
        return node.scalar.map { [$0.string] } ?? []
    }

    /// A list of mappings.
    func records(_ key: String, problems: inout [CorpusProblem]) -> [YAMLRecord] {
        guard let node = node(key) else { return [] }
        guard let sequence = node.sequence else {
            problems.append(problem("'\(key)' should be a list", at: node))
            return []
        }
        return sequence.compactMap { item in
            guard let mapping = item.mapping else {
                problems.append(problem("each item of '\(key)' should be a mapping", at: item))
                return nil
            }
            return YAMLRecord(file: file, mapping: mapping)
        }
    }

    /// Keys the record has that `known` does not list: a typo in an annotation should not pass.
    func unknownKeys(_ known: Set<String>, problems: inout [CorpusProblem]) {
        for (keyNode, _) in mapping {
            let key = keyNode.string ?? ""
            guard !known.contains(key) else { continue }
            let hint = known.min { editDistance($0, key) < editDistance($1, key) }
            let suggestion = hint.map { editDistance($0, key) <= 2 ? "; did you mean '\($0)'?" : "" } ?? ""
            problems.append(problem("unknown field '\(key)'\(suggestion)", at: keyNode))
        }
    }

    /// Parses a YAML file into its top-level mapping.
    static func parse(_ text: String, file: String) throws(CorpusProblem) -> YAMLRecord {
        do {
            // The basic resolver reads every scalar as text: fields are typed here, not by regex.
            guard let root = try Yams.compose(yaml: text, .basic) else {
                throw CorpusProblem(file: file, line: 1, reason: "the file is empty")
            }
            guard let mapping = root.mapping else {
                throw CorpusProblem(file: file, line: root.mark?.line, reason: "the top level should be a mapping")
            }
            return YAMLRecord(file: file, mapping: mapping)
        } catch let problem as CorpusProblem {
            throw problem
        } catch let YamlError.scanner(_, problem, mark, _), let YamlError.parser(_, problem, mark, _) {
            throw CorpusProblem(file: file, line: mark.line, column: mark.column, reason: "YAML: \(problem)")
        } catch {
            throw CorpusProblem(file: file, reason: "YAML: \(error)")
        }
    }
}

/// Levenshtein distance, for "did you mean" hints.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.lowercased()), b = Array(b.lowercased())
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + [Int](repeating: 0, count: b.count)
        for j in stride(from: 1, through: b.count, by: 1) {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
