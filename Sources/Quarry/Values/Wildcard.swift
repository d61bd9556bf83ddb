/// EQL's wildcard patterns: `*` matches any run of characters, everything else itself, and the
/// pattern is anchored at both ends.
///
/// Matching keeps only the position of the last `*`, so it takes at most
/// O(pattern × text) steps: no pattern can make it hang.
struct Wildcard: Sendable {
    private let parts: [[Character]]
    private let caseSensitive: Bool
    /// The parts as bytes, folded to lower case, when the pattern is ASCII: then matching runs
    /// on the text's UTF-8 without copying it (a non-ASCII character can only meet a `*`).
    private let asciiParts: [[UInt8]]?

    /// A pattern; `*` matches any run of characters.
    init(_ pattern: String, caseSensitive: Bool = false) {
        let source = caseSensitive ? pattern : pattern.lowercased()
        parts = source.split(separator: "*", omittingEmptySubsequences: false).map(Array.init)
        self.caseSensitive = caseSensitive
        asciiParts = source.utf8.allSatisfy({ $0 < 0x80 })
            ? source.split(separator: "*", omittingEmptySubsequences: false).map { Array($0.utf8) }
            : nil
    }

    /// Whether a string literal is a wildcard pattern.
    static func hasWildcard(_ s: String) -> Bool { s.contains("*") }

    /// Whether the whole text matches the pattern.
    func matches(_ text: String) -> Bool {
        if let asciiParts {
            var text = text
            return text.withUTF8 { Self.matches(asciiParts, $0, fold: !caseSensitive) }
        }
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

    private static func matches(_ parts: [[UInt8]], _ t: UnsafeBufferPointer<UInt8>, fold: Bool) -> Bool {
        @inline(__always) func byte(_ i: Int) -> UInt8 {
            let c = t[i]
            return fold && c >= 0x41 && c <= 0x5A ? c + 32 : c
        }
        func equal(_ part: [UInt8], at start: Int) -> Bool {
            for (k, p) in part.enumerated() where byte(start + k) != p { return false }
            return true
        }
        if parts.count == 1 { return t.count == parts[0].count && equal(parts[0], at: 0) }
        var position = 0
        for (i, part) in parts.enumerated() {
            if i == 0 {
                guard t.count >= part.count, equal(part, at: 0) else { return false }
                position = part.count
            } else if i == parts.count - 1 {
                guard t.count - position >= part.count else { return false }
                return equal(part, at: t.count - part.count)
            } else if !part.isEmpty {
                var found = -1
                var s = position
                while s + part.count <= t.count {
                    if byte(s) == part[0] && equal(part, at: s) { found = s; break }
                    s += 1
                }
                guard found >= 0 else { return false }
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
