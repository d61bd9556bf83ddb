/// EQL's wildcard patterns: `*` matches any run of characters, everything else itself, and the
/// pattern is anchored at both ends.
///
/// Matching keeps only the position of the last `*`, so it takes at most
/// O(pattern × text) steps: no pattern can make it hang.
public struct Wildcard: Sendable {
    private let parts: [[Character]]
    private let caseSensitive: Bool

    /// A pattern; `*` matches any run of characters.
    public init(_ pattern: String, caseSensitive: Bool = false) {
        let source = caseSensitive ? pattern : pattern.lowercased()
        parts = source.split(separator: "*", omittingEmptySubsequences: false).map(Array.init)
        self.caseSensitive = caseSensitive
    }

    /// Whether a string literal is a wildcard pattern.
    public static func hasWildcard(_ s: String) -> Bool { s.contains("*") }

    /// Whether the whole text matches the pattern.
    public func matches(_ text: String) -> Bool {
        let t = Array(caseSensitive ? text : text.lowercased())
        if parts.count == 1 { return t == parts[0] }
        var position = 0
        for (i, part) in parts.enumerated() {
            if i == 0 {
                guard t.count >= part.count, Array(t[0..<part.count]) == part else { return false }
                position = part.count
            } else if i == parts.count - 1 {
                guard t.count - position >= part.count else { return false }
                return Array(t[(t.count - part.count)...]) == part
            } else if !part.isEmpty {
                guard let found = Self.find(part, in: t, from: position) else { return false }
                position = found + part.count
            }
        }
        return true
    }

    private static func find(_ needle: [Character], in hay: [Character], from: Int) -> Int? {
        guard hay.count - from >= needle.count else { return nil }
        var i = from
        while i + needle.count <= hay.count {
            if hay[i] == needle[0] && Array(hay[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }
}
