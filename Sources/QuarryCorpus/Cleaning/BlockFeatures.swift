/// What the cleaner knows of one block of a page before it decides the block's role.
///
/// The cues follow jusText's: length, stop-word density, sentence punctuation, and phrases that
/// only page furniture uses. They are deliberately generic: nothing here names a seed outlet.
struct BlockFeatures {
    let text: String
    let lowercased: String
    let wordCount: Int
    let stopWordRatio: Double
    let endsLikeSentence: Bool
    /// Share buttons, navigation, pleas for money, forms: the page, not the article.
    let isFurniture: Bool
    /// The block ends the article: what follows it is page furniture, comments or other stories.
    let endsArticle: Bool
    /// A photo caption or credit.
    let isCaption: Bool
    /// An image file name left behind by the scraper ("Shutterstock_453590944-scaled").
    let isFileName: Bool

    init(_ raw: String) {
        // No-break spaces are spaces to every rule here; paragraph text itself keeps them.
        let text = Self.plainSpaces(raw)
        self.text = text
        lowercased = Self.lowercase(text)
        let lowercased = self.lowercased
        let list = words(of: lowercased, lowercased: false)
        wordCount = list.count
        let stops = list.filter { Self.stopWords.contains($0) }.count
        stopWordRatio = list.isEmpty ? 0 : Double(stops) / Double(list.count)
        let closing: Set<Character> = ["\"", "\u{201D}", "'", "\u{2019}", ")"]
        let core = text.reversed().drop { closing.contains($0) }
        endsLikeSentence = core.first.map { ".!?:".contains($0) } ?? false
        let lower = Array(lowercased.utf8)
        isFileName = wordCount <= 2 && !lower.contains(0x20) && lower.contains(0x5F) && lower.contains { (0x30...0x39).contains($0) }
        // Breadcrumbs: "Home › Opinion › South Caucasus".
        let breadcrumb = wordCount <= 12 && (text.contains("\u{203A}") || text.contains("\u{BB}") || text.contains(" > "))
        // "Share   Tweet   Email   Print": a row of buttons.
        let buttons = !list.isEmpty && list.count <= 8 && list.allSatisfy { Self.buttonWords.contains($0) }
        isFurniture = text == "-" || text == "\u{2014}" || isFileName || breadcrumb || buttons || lower.contains(bytes: Self.sectionBar)
            || Self.furnitureLines.contains(String(decoding: lower.trimming(Array(":.! ".utf8)), as: UTF8.self))
            || Self.furniturePhrases.contains { lower.contains(bytes: $0) }
        endsArticle = Self.endMarkers.contains { lower.starts(with: $0) } || lower.contains(bytes: Self.keepReading)
        isCaption = Self.captionCues.contains { lower.contains(bytes: $0) }
            || text.hasSuffix("(AP)") || text.hasSuffix("(Reuters)") || text.hasSuffix("(AFP)")
    }

    /// The text with no-break spaces (UTF-8 C2 A0) as plain spaces.
    static func plainSpaces(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard bytes.contains(0xC2) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0xC2, i + 1 < bytes.count, bytes[i + 1] == 0xA0 {
                out.append(0x20)
                i += 2
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Lower-cased text, with a fast path for ASCII (most of any English page).
    static func lowercase(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                bytes.append(UInt8(v >= 0x41 && v <= 0x5A ? v + 32 : v))
            } else if scalar.properties.changesWhenLowercased {
                bytes.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
            } else {
                bytes.append(contentsOf: String(scalar).utf8)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Prose that could be article text: long enough, sentence-shaped, written in function words.
    var isProse: Bool {
        wordCount >= 12 && endsLikeSentence && stopWordRatio >= 0.2 && !isFurniture
    }

    /// A short line that reads as a title: a headline, a subheading, a teaser's title.
    var isTitleLike: Bool {
        (3...25).contains(wordCount) && !text.hasSuffix(".") && !isFurniture && !isCaption
            && !text.contains(" | ") && !isFileName
    }

    /// "Jane Doe is a senior fellow at ...": the author's note that closes many articles.
    var authorBioName: String? {
        guard wordCount <= 80, let offset = utf8Offset(of: " is ", in: text) else { return nil }
        let name = String(decoding: text.utf8.prefix(offset), as: UTF8.self)
        let nameWords = name.split(separator: " ")
        guard (2...4).contains(nameWords.count),
              nameWords.allSatisfy({ $0.first?.isUppercase == true }),
              Self.bioWords.contains(where: { Array(lowercased.utf8).contains(bytes: Array($0.utf8)) })
        else { return nil }
        return name
    }

    static let stopWords: Set<String> = [
        "the", "a", "an", "of", "to", "in", "and", "or", "but", "is", "are", "was", "were", "be",
        "been", "has", "have", "had", "that", "this", "these", "those", "it", "its", "on", "for",
        "with", "as", "by", "at", "from", "which", "who", "whom", "not", "no", "into", "over",
        "after", "before", "than", "their", "his", "her", "they", "he", "she", "we", "our", "would",
        "will", "can", "could", "should", "may", "might", "so", "if", "while", "such", "also",
        "more", "most", "all", "any", "there", "what", "when", "where", "about", "up", "out",
    ]

    /// Lines that are furniture as a whole.
    static let furnitureLines: Set<String> = [
        "skip to main content", "skip to content", "connect with us", "follow us", "follow us on social", "share", "share this", "share this article",
        "tweet", "email", "print", "latest", "related", "related articles", "read more", "advertisement",
        "subscribe", "newsletter", "written by", "leave a reply", "leave a comment", "comments",
        "google cta", "qiosk", "menu", "search", "hi, what are you looking for?", "show less",
        "print friendly, pdf & email", "most popular", "trending", "sign up", "log in",
    ]

    /// Words of share and save buttons.
    static let buttonWords: Set<String> = ["share", "tweet", "email", "print", "facebook", "x", "linkedin", "whatsapp",
                                           "telegram", "reddit", "copy", "link", "save", "comment", "comments", "pocket"]

    /// Phrases that only furniture uses, wherever they stand in a block.
    static let sectionBar = Array(" | ".utf8)
    static let keepReading = Array("keep reading".utf8)

    static let furniturePhrases: [[UInt8]] = [String]([
        "subscribe now", "sign up for", "newsletter", "click here", "keep reading", "show less",
        "your email address will not be published", "required fields are marked",
        "tax-exempt", "make a contribution", "consider making a", "donate", "support our work",
        "want more of our stories", "preferred source", "all rights reserved", "cookie",
        "print friendly", "share on facebook", "share on twitter", "follow us on",
    ]).map { Array($0.utf8) }

    /// Blocks after which the article is over.
    static let endMarkers: [[UInt8]] = [String]([
        "written by", "leave a reply", "leave a comment", "dear ", "related", "read more",
        "print friendly", "subscribe", "more from", "recommended", "comments (", "tags:",
    ]).map { Array($0.utf8) }

    static let captionCues: [[UInt8]] = [String]([
        "photo:", "photo credit", "image credit", "photo by", "via shutterstock", "shutterstock.com",
        "getty images", "(ap photo", "file photo", "credit:",
    ]).map { Array($0.utf8) }

    static let bioWords: [String] = [
        "fellow", "director", "scholar", "editor", "contributor", "professor", "analyst",
        "journalist", "writer", "author", "correspondent", "researcher", "reporter", "columnist",
    ]
}

extension Array where Element == UInt8 {
    /// Whether the bytes hold `needle`'s UTF-8 bytes: a plain scan, much cheaper here than
    /// Foundation's bridged `contains` on these short blocks.
    func contains(bytes n: [UInt8]) -> Bool {
        guard !n.isEmpty else { return true }
        guard n.count <= count else { return false }
        return withUnsafeBufferPointer { hay in
            n.withUnsafeBufferPointer { needle in
                let first = needle[0], last = hay.count - needle.count
                var i = 0
                while i <= last {
                    if hay[i] == first {
                        var j = 1
                        while j < needle.count, hay[i + j] == needle[j] { j += 1 }
                        if j == needle.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }

    /// The bytes without any of `set` at either end.
    func trimming(_ set: [UInt8]) -> ArraySlice<UInt8> {
        var lower = startIndex, upper = endIndex
        while lower < upper, set.contains(self[lower]) { lower += 1 }
        while upper > lower, set.contains(self[upper - 1]) { upper -= 1 }
        return self[lower..<upper]
    }
}
