/// A text held as Unicode scalars, so that offsets are stable integers (the same as a Python
/// `str` index) and slicing is cheap.
struct ScalarText: Sendable {
    let scalars: [Unicode.Scalar]
    /// The text's UTF-8, and where each scalar starts in it (one more entry for the end), so that
    /// a slice becomes a String by one copy.
    private let utf8: [UInt8]
    private let utf8Offsets: [Int32]

    init(_ text: String) {
        self.init(scalars: Array(text.unicodeScalars))
    }

    private init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
        var utf8: [UInt8] = []
        var offsets: [Int32] = []
        utf8.reserveCapacity(scalars.count + scalars.count / 8)
        offsets.reserveCapacity(scalars.count + 1)
        for scalar in scalars {
            offsets.append(Int32(utf8.count))
            UTF8.encode(scalar) { utf8.append($0) }
        }
        offsets.append(Int32(utf8.count))
        self.utf8 = utf8
        utf8Offsets = offsets
    }

    /// The same text with every space-like scalar (no-break spaces, tabs) as a plain space, so
    /// that a citation typed with ordinary spaces still matches; offsets are unchanged.
    func plainSpaces() -> ScalarText {
        ScalarText(scalars: scalars.map { s in
            if s.value < 0x80 { return s == "\t" || s == "\r" ? " " : s }
            return s.properties.isWhitespace ? " " : s
        })
    }

    var count: Int { scalars.count }

    subscript(_ i: Int) -> Unicode.Scalar { scalars[i] }

    func string(_ range: Range<Int>) -> String {
        String(decoding: utf8[Int(utf8Offsets[range.lowerBound])..<Int(utf8Offsets[range.upperBound])], as: UTF8.self)
    }

    /// The range with leading and trailing white space removed.
    func trimmed(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper, scalars[lower].properties.isWhitespace { lower += 1 }
        while upper > lower, scalars[upper - 1].properties.isWhitespace { upper -= 1 }
        return lower..<upper
    }

    /// The first occurrence of `needle` at or after `from`, by exact scalars.
    func firstRange(of needle: [Unicode.Scalar], from: Int = 0) -> Range<Int>? {
        guard let head = needle.first, needle.count <= count else { return nil }
        var i = from
        let last = count - needle.count
        while i <= last {
            if scalars[i] == head {
                var j = 1
                while j < needle.count, scalars[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i..<(i + needle.count) }
            }
            i += 1
        }
        return nil
    }
}

extension Unicode.Scalar {
    var isLetter: Bool { properties.isAlphabetic }
    var isUppercase: Bool { properties.isUppercase }
    var isLowercase: Bool { properties.isLowercase }
    var isDigit: Bool { ("0"..."9").contains(self) }
    var isSpace: Bool { properties.isWhitespace }
    /// Apostrophes as typed and as typeset.
    var isApostrophe: Bool { self == "'" || self == "\u{2019}" }
}

/// Words of a text: runs of letters, digits, hyphens and apostrophes, lower-cased when asked.
///
/// Works on Unicode scalars rather than Characters: grapheme breaking is needless for word
/// boundaries in these texts and costs several times more.
func words(of text: String, lowercased: Bool = false) -> [String] {
    let source = lowercased ? BlockFeatures.lowercase(text) : text
    let bytes = Array(source.utf8)
    var result: [String] = []
    var start = -1
    var position = 0
    var decoder = UTF8()
    var iterator = bytes.makeIterator()
    func flush(_ end: Int) {
        if start >= 0 { result.append(String(decoding: bytes[start..<end], as: UTF8.self)) }
        start = -1
    }
    while case .scalarValue(let scalar) = decoder.decode(&iterator) {
        if scalar.isWordPart {
            if start < 0 { start = position }
        } else {
            flush(position)
        }
        position += UTF8.width(scalar)
    }
    flush(position)
    return result
}

/// The byte offset of `needle` in `text`'s UTF-8, natively (Foundation's `range(of:)` bridges).
func utf8Offset(of needle: String, in text: String) -> Int? {
    let hay = Array(text.utf8), n = Array(needle.utf8)
    guard !n.isEmpty, n.count <= hay.count else { return nil }
    outer: for i in 0...(hay.count - n.count) where hay[i] == n[0] {
        for j in 1..<n.count where hay[i + j] != n[j] { continue outer }
        return i
    }
    return nil
}

extension Unicode.Scalar {
    /// Letters, digits, hyphens and apostrophes, with a fast path for ASCII.
    var isWordPart: Bool {
        if value < 0x80 {
            let v = value
            return (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39) || v == 0x2D || v == 0x27
        }
        return self == "\u{2019}" || properties.isAlphabetic || properties.numericType != nil
    }
}
