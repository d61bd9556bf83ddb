/// Text searched by code points, without regard to case when the program ignores it: a place is
/// a code point of the original text, as `length` and `substring` count them. ASCII text (most of
/// it) is searched in its bytes, folded as they are read; other text through its code points,
/// each folded on its own (`Builtins.foldedScalars`).
enum TextSearch {
    /// The first place at or after `from` where `needle` occurs in `text`.
    static func first(_ needle: String, in text: String, from: Int, _ ops: ValueOperations) -> Int? {
        let folds = !ops.caseSensitive
        switch ascii(needle, text, { n, t in firstInBytes(n, t, from: from, folds: folds) }) {
        case .some(let place): return place
        case .none: return Builtins.search(Builtins.foldedScalars(needle, ops), in: Builtins.foldedScalars(text, ops), from: from)
        }
    }

    /// Whether `text` begins with `prefix`.
    static func starts(_ text: String, with prefix: String, _ ops: ValueOperations) -> Bool {
        let folds = !ops.caseSensitive
        if let found = ascii(prefix, text, { p, t in p.count <= t.count && bytesMatch(p, t, at: 0, folds: folds) }) { return found }
        return Builtins.foldedScalars(text, ops).starts(with: Builtins.foldedScalars(prefix, ops))
    }

    /// Whether `text` ends with `suffix`.
    static func ends(_ text: String, with suffix: String, _ ops: ValueOperations) -> Bool {
        let folds = !ops.caseSensitive
        if let found = ascii(suffix, text, { s, t in s.count <= t.count && bytesMatch(s, t, at: t.count - s.count, folds: folds) }) {
            return found
        }
        let (folded, end) = (Builtins.foldedScalars(text, ops), Builtins.foldedScalars(suffix, ops))
        return folded.count >= end.count && Builtins.matches(end, in: folded, at: folded.count - end.count)
    }

    /// `body` over the bytes of both, when both are ASCII; nil otherwise.
    private static func ascii<Result>(_ a: String, _ b: String,
                                      _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Result) -> Result? {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in isASCII(x) && isASCII(y) ? body(x, y) : nil }
        }
    }

    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where byte >= 0x80 { return false }
        return true
    }

    @inline(__always)
    private static func folded(_ byte: UInt8, _ folds: Bool) -> UInt8 {
        folds && byte &- 0x41 < 26 ? byte | 0x20 : byte
    }

    private static func bytesMatch(_ needle: UnsafeBufferPointer<UInt8>, _ text: UnsafeBufferPointer<UInt8>, at place: Int,
                                   folds: Bool) -> Bool {
        for j in 0..<needle.count where folded(text[place + j], folds) != folded(needle[j], folds) { return false }
        return true
    }

    private static func firstInBytes(_ needle: UnsafeBufferPointer<UInt8>, _ text: UnsafeBufferPointer<UInt8>, from: Int,
                                     folds: Bool) -> Int? {
        guard !needle.isEmpty else { return from <= text.count ? from : nil }
        var i = max(0, from)
        while i + needle.count <= text.count {
            if bytesMatch(needle, text, at: i, folds: folds) { return i }
            i += 1
        }
        return nil
    }
}
