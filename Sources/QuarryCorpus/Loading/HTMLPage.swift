import Foundation
import Quarry

/// An HTML page read as the plain text the rest of the pipeline takes: one block a line pair,
/// scripts, styles, navigation, forms and figures left out, entities decoded; and the
/// publication date its metadata gives (`article:published_time`, JSON-LD `datePublished`, a
/// `<time>` marked as the publication's).
struct HTMLPage {
    var text: String
    var published: QuarryDate?

    /// Elements whose content is never the article's text.
    private static let skipped: Set<String> = ["script", "style", "nav", "footer", "aside", "form", "noscript", "figure", "svg", "iframe", "button", "template"]
    /// Elements that end a block of text.
    private static let blocks: Set<String> = [
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "br", "article", "section", "header", "main",
        "blockquote", "tr", "table", "title", "hr", "dd", "dt", "pre", "time", "figcaption",
    ]

    /// Whether bytes look like HTML rather than plain text.
    static func looks(like text: Substring) -> Bool {
        let head = text.prefix(600).lowercased()
        return head.contains("<html") || head.contains("<!doctype html") || (head.contains("<p>") && head.contains("</p>"))
    }

    init(html: String) {
        var out = ""
        var skipDepth = 0
        var skipName = ""
        var published: QuarryDate?
        let scalars = Array(html.unicodeScalars)
        var i = 0
        var pendingBreak = false
        func emit(_ s: String) {
            if pendingBreak && !out.isEmpty { out += "\n\n" }
            pendingBreak = false
            if s == " " { if !out.isEmpty && !out.hasSuffix(" ") && !out.hasSuffix("\n") { out += " " } }
            else { out += s }
        }
        while i < scalars.count {
            let s = scalars[i]
            if s == "<" {
                // A comment, a declaration or a tag.
                if Self.startsWith(scalars, i, "<!--") {
                    i = Self.find(scalars, "-->", from: i + 4).map { $0 + 3 } ?? scalars.count
                    continue
                }
                guard let close = Self.tagEnd(scalars, from: i + 1) else { emit("<"); i += 1; continue }
                let tag = String(String.UnicodeScalarView(scalars[(i + 1)..<close]))
                i = close + 1
                let closing = tag.hasPrefix("/")
                let name = String(tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }).lowercased()
                if name == "meta", published == nil { published = Self.metaDate(tag) }
                if name == "time", published == nil, tag.lowercased().contains("pubdate") || tag.lowercased().contains("published") {
                    published = Self.attribute("datetime", in: tag).flatMap(Self.date)
                }
                if skipDepth > 0 {
                    if name == skipName { skipDepth += closing ? -1 : (tag.hasSuffix("/") ? 0 : 1) }
                    continue
                }
                if name == "script", !closing {
                    let end = Self.find(scalars, "</script", from: i) ?? scalars.count
                    let body = String(String.UnicodeScalarView(scalars[i..<end]))
                    if published == nil, tag.lowercased().contains("ld+json") { published = Self.jsonLDDate(body) }
                    i = end
                    continue
                }
                if Self.skipped.contains(name), !closing, !tag.hasSuffix("/") {
                    skipDepth = 1
                    skipName = name
                    continue
                }
                if Self.blocks.contains(name) { pendingBreak = true }
                continue
            }
            if skipDepth > 0 { i += 1; continue }
            if s == "&", let (decoded, next) = Self.entity(scalars, at: i) {
                emit(decoded)
                i = next
                continue
            }
            if s.properties.isWhitespace { emit(" ") } else { emit(String(s)) }
            i += 1
        }
        // Tidy each block: no spaces at the ends of lines.
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        var text = ""
        var blank = true
        for line in lines {
            if line.isEmpty { if !blank { text += "\n" }; blank = true; continue }
            if !blank { text += "\n" }
            text += line + "\n"
            blank = false
        }
        self.text = text
        self.published = published
    }

    private static func startsWith(_ s: [Unicode.Scalar], _ i: Int, _ prefix: String) -> Bool {
        let p = Array(prefix.unicodeScalars)
        guard i + p.count <= s.count else { return false }
        return (0..<p.count).allSatisfy { s[i + $0] == p[$0] }
    }

    private static func find(_ s: [Unicode.Scalar], _ needle: String, from: Int) -> Int? {
        let n = Array(needle.lowercased().unicodeScalars)
        var i = from
        while i + n.count <= s.count {
            if (0..<n.count).allSatisfy({ asciiLower(s[i + $0]) == n[$0] }) { return i }
            i += 1
        }
        return nil
    }

    private static func asciiLower(_ c: Unicode.Scalar) -> Unicode.Scalar {
        ("A"..."Z").contains(c) ? Unicode.Scalar(c.value + 32)! : c
    }

    /// The '>' that closes a tag begun at `from`, skipping quoted attribute values.
    private static func tagEnd(_ s: [Unicode.Scalar], from: Int) -> Int? {
        guard from < s.count, s[from].properties.isAlphabetic || s[from] == "/" || s[from] == "!" else { return nil }
        var quote: Unicode.Scalar?
        var i = from
        while i < s.count {
            let c = s[i]
            if let q = quote { if c == q { quote = nil } }
            else if c == "\"" || c == "'" { quote = c }
            else if c == ">" { return i }
            i += 1
        }
        return nil
    }

    static func attribute(_ name: String, in tag: String) -> String? {
        let lower = tag.lowercased()
        guard let range = lower.range(of: name + "=") else { return nil }
        var rest = tag[range.upperBound...]
        guard let quote = rest.first else { return nil }
        if quote == "\"" || quote == "'" {
            rest = rest.dropFirst()
            return String(rest.prefix { $0 != quote })
        }
        return String(rest.prefix { !$0.isWhitespace && $0 != ">" })
    }

    private static func metaDate(_ tag: String) -> QuarryDate? {
        let key = (attribute("property", in: tag) ?? attribute("name", in: tag) ?? attribute("itemprop", in: tag) ?? "").lowercased()
        guard ["article:published_time", "datepublished", "pubdate", "publishdate", "date", "dc.date.issued", "og:published_time", "sailthru.date"].contains(key)
        else { return nil }
        return attribute("content", in: tag).flatMap(date)
    }

    private static func jsonLDDate(_ body: String) -> QuarryDate? {
        guard let key = body.range(of: "\"datePublished\"") else { return nil }
        let rest = body[key.upperBound...].drop { $0 == " " || $0 == ":" || $0 == "\n" }
        guard rest.first == "\"" else { return nil }
        return date(String(rest.dropFirst().prefix { $0 != "\"" }))
    }

    /// The day of an ISO timestamp ("2024-06-11T08:30:00Z") or a written date.
    static func date(_ text: String) -> QuarryDate? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.count >= 10, let day = QuarryDate(parsing: String(trimmed.prefix(10))) { return day }
        return DatePhrase.parse(trimmed)?.date
    }

    private static let entities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "rsquo": "\u{2019}",
        "lsquo": "\u{2018}", "ldquo": "\u{201C}", "rdquo": "\u{201D}", "mdash": "\u{2014}", "ndash": "\u{2013}",
        "hellip": "\u{2026}", "laquo": "\u{AB}", "raquo": "\u{BB}", "eacute": "é", "copy": "©",
        "middot": "\u{B7}", "bull": "\u{2022}", "sbquo": "\u{201A}", "bdquo": "\u{201E}", "thinsp": "\u{2009}",
        "ensp": "\u{2002}", "emsp": "\u{2003}", "shy": "", "zwj": "", "zwnj": "", "trade": "\u{2122}", "reg": "\u{AE}",
        "deg": "\u{B0}", "euro": "\u{20AC}", "pound": "\u{A3}", "times": "\u{D7}", "aacute": "á", "iacute": "í",
        "oacute": "ó", "uacute": "ú", "ouml": "ö", "uuml": "ü", "auml": "ä", "ccedil": "ç", "ntilde": "ñ",
    ]

    private static func entity(_ s: [Unicode.Scalar], at i: Int) -> (String, Int)? {
        var j = i + 1
        while j < s.count, j - i < 12, s[j] != ";" { j += 1 }
        guard j < s.count, s[j] == ";" else { return nil }
        let name = String(String.UnicodeScalarView(s[(i + 1)..<j]))
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value = digits.hasPrefix("x") || digits.hasPrefix("X") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            guard let value, let scalar = Unicode.Scalar(value) else { return nil }
            return (String(scalar), j + 1)
        }
        guard let decoded = entities[name] else { return nil }
        return (decoded, j + 1)
    }
}
