/// A plan as `explain` prints it: one operator a line, each with what runs it, its inputs below
/// it as a tree.
///
/// ```
/// count                                              rows
/// └─ filter actor == "Azerbaijan" and year >= 2020   kernel: string codes, int range
///    └─ scan events (107 rows)
/// ```
public struct PlanDescription: Sendable, Hashable, CustomStringConvertible {
    /// The operator and its arguments: `filter year >= 2020`.
    public var operation: String
    /// What runs it: `kernel: int range`, `rows`; empty for a scan.
    public var execution: String
    /// Its inputs.
    public var inputs: [PlanDescription]

    init(_ operation: String, _ execution: String = "", inputs: [PlanDescription] = []) {
        self.operation = operation
        self.execution = execution
        self.inputs = inputs
    }

    /// The tree, with the execution column aligned.
    public var description: String {
        var lines: [(text: String, execution: String)] = []
        func walk(_ node: PlanDescription, prefix: String, childPrefix: String) {
            lines.append((prefix + node.operation, node.execution))
            for (i, input) in node.inputs.enumerated() {
                let last = i == node.inputs.count - 1
                walk(input, prefix: childPrefix + (last ? "└─ " : "├─ "), childPrefix: childPrefix + (last ? "   " : "│  "))
            }
        }
        walk(self, prefix: "", childPrefix: "")
        let width = lines.filter { !$0.execution.isEmpty }.map(\.text.count).max() ?? 0
        return lines.map { line in
            line.execution.isEmpty ? line.text
                : line.text + String(repeating: " ", count: width - line.text.count + 3) + line.execution
        }.joined(separator: "\n")
    }
}
