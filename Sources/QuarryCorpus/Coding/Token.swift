/// A word or punctuation mark of a sentence, with its place in the sentence.
struct Token {
    /// The token as written, typeset apostrophes made plain.
    var text: String
    /// Lower case, for look-ups.
    var lower: String
    /// Offsets in the sentence's Unicode scalars, end exclusive.
    var start: Int
    var end: Int

    /// Begins with a letter or a digit.
    var isWord: Bool
    /// Begins with a capital letter.
    var isCapitalized: Bool
    /// "'s" or a lone "'" after a plural.
    var isPossessive: Bool { text == "'s" || text == "'" }

    /// Splits a sentence into words and punctuation. A word keeps inner hyphens and periods
    /// between letters ("cease-fire", "U.S"); "'s" and "n't" are tokens of their own.
    static func split(_ scalars: [Unicode.Scalar]) -> [Token] {
        var tokens: [Token] = []
        var i = 0
        let n = scalars.count
        func isApostrophe(_ s: Unicode.Scalar) -> Bool { s == "'" || s == "\u{2019}" }
        func add(_ start: Int, _ end: Int) {
            var text: String
            if scalars[start..<end].allSatisfy({ $0.value < 0x80 }) {
                text = String(unsafeUninitializedCapacity: end - start) { buffer in
                    for k in start..<end { buffer[k - start] = UInt8(truncatingIfNeeded: scalars[k].value) }
                    return end - start
                }
            } else {
                text = String(String.UnicodeScalarView(scalars[start..<end]))
                if text.unicodeScalars.contains("\u{2019}") { text = text.replacingOccurrences("\u{2019}", "'") }
            }
            let first = scalars[start]
            let upper = first.value < 0x80 ? (0x41...0x5A).contains(first.value) : first.properties.isUppercase
            tokens.append(Token(text: text, lower: upper || text.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A || $0 >= 0x80 }) ? text.lowercased() : text,
                                start: start, end: end, isWord: isWordScalar(first), isCapitalized: upper))
        }
        while i < n {
            let s = scalars[i]
            if s.value < 0x80 ? (s == " " || s == "\n" || s == "\t" || s == "\r") : s.properties.isWhitespace { i += 1; continue }
            if isApostrophe(s) {
                // "’s" after a word is the possessive; a lone "’" after "s" the plural possessive.
                if i + 1 < n, scalars[i + 1] == "s" || scalars[i + 1] == "S", i + 2 == n || !isWordScalar(scalars[i + 2]), i > 0, isWordScalar(scalars[i - 1]) {
                    add(i, i + 2); i += 2; continue
                }
                add(i, i + 1); i += 1; continue
            }
            guard isWordScalar(s) else { add(i, i + 1); i += 1; continue }
            var j = i + 1
            while j < n {
                let c = scalars[j]
                if isWordScalar(c) { j += 1; continue }
                if (c == "-" || c == "." || c == "\u{2011}") && j + 1 < n && isWordScalar(scalars[j + 1]) {
                    // A period joins only single letters ("U.S", "U.N"), not two sentences' words.
                    if c == "." && j - i > 1 && !(j >= 2 && scalars[j - 2] == ".") { break }
                    j += 1; continue
                }
                if isApostrophe(c), j + 1 < n, isWordScalar(scalars[j + 1]),
                   !(scalars[j + 1] == "s" && (j + 2 == n || !isWordScalar(scalars[j + 2]))),
                   !(scalars[j + 1] == "t" && j > i && scalars[j - 1] == "n") {
                    j += 1; continue  // "O'Brien"
                }
                break
            }
            // "didn't" → "did" "n't"
            if j < n, isApostrophe(scalars[j]), j + 1 < n, scalars[j + 1] == "t", j > i + 1, scalars[j - 1] == "n" {
                add(i, j - 1); add(j - 1, j + 2); i = j + 2; continue
            }
            add(i, j)
            i = j
        }
        return tokens
    }
}

extension Array where Element == Token {
    /// The tokens in `range` as written: one space wherever the sentence had space between them
    /// ("Azerbaijan's forces", "On Monday").
    func text(_ range: Range<Int>) -> String {
        var text = ""
        for k in range {
            if k > range.lowerBound && self[k].start > self[k - 1].end { text += " " }
            text += self[k].text
        }
        return text
    }
}

/// A letter or a digit, with ASCII decided without the Unicode tables.
func isWordScalar(_ s: Unicode.Scalar) -> Bool {
    let v = s.value
    if v < 0x80 { return (0x30...0x39).contains(v) || (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v) }
    return s.properties.isAlphabetic
}
