import Foundation
import Quarry

/// A scraped page taken apart: its paragraphs with their roles, its reader comments, and the
/// author its byline or closing note names.
struct CleanedPage {
    var paragraphs: [Paragraph]
    var comments: [Comment]
    var author: String?
}

/// Separates an article's own text from the page around it.
///
/// The page is cut into blocks at line breaks. Comments are found first by their header lines;
/// the headline is the first title-shaped block, the body the run of prose that follows it until
/// a block that ends articles (an author's note, "Written By", a plea for money, "keep reading").
/// What comes after is furniture, captions, comments or other stories' teasers.
struct PageCleaner {
    func clean(_ page: ScalarText, doc: String) -> CleanedPage {
        let blocks = Self.blocks(of: page)
        let features = blocks.map { BlockFeatures(page.string($0)) }
        var roles = [ParagraphRole?](repeating: nil, count: blocks.count)
        let comments = findComments(features, roles: &roles, doc: doc)
        var author: String?

        let headline = features.indices.first { i in
            roles[i] == nil && features[i].isTitleLike && features[i].wordCount >= 4
                && !features[..<i].contains(where: \.isProse)
        }
        var cursor = 0
        if let headline {
            roles[headline] = .headline
            cursor = headline + 1
            if cursor < features.count, roles[cursor] == nil, isSubtitle(features[cursor]) {
                roles[cursor] = .subtitle
                cursor += 1
            }
        }
        let bodyStart = (cursor..<features.count).first { roles[$0] == nil && features[$0].isProse }
        if let bodyStart {
            var j = bodyStart
            walk: while j < features.count, roles[j] == nil {
                let f = features[j]
                if let name = f.authorBioName, !name.hasPrefix("The ") {
                    roles[j] = .byline
                    author = author ?? name
                    // A note on the author before the story opens it; after the story, it ends it.
                    let storyFollows = j == bodyStart && (j + 1..<min(features.count, j + 6)).contains { roles[$0] == nil && features[$0].isProse }
                    if storyFollows { j += 1; continue walk }
                    break walk
                }
                if f.endsArticle { break walk }
                let nextIsProse = j + 1 < features.count && features[j + 1].isProse && roles[j + 1] == nil
                if f.isCaption { roles[j] = .caption }
                else if f.isProse { roles[j] = .body }
                else if f.isFurniture { roles[j] = .boilerplate }
                else if nextIsProse && f.wordCount <= 12 && !f.text.hasSuffix(".") { roles[j] = .heading }
                else if nextIsProse && j > bodyStart && roles[j - 1] == .body { roles[j] = .body }
                // A byline, a date line or "5 min read" between the standfirst and the story
                // interrupts the article without ending it.
                else if f.wordCount <= 12, j < bodyStart + 3 || Self.bylineName(f.text) != nil,
                        (j + 1..<min(features.count, j + 8)).contains(where: { roles[$0] == nil && features[$0].isProse }) {
                    if let name = Self.bylineName(f.text) {
                        roles[j] = .byline
                        author = author ?? name
                    } else {
                        roles[j] = .boilerplate
                    }
                }
                else { break walk }
                j += 1
            }
        }
        let bodyEnd = roles.lastIndex(of: .body) ?? -1
        for i in features.indices where roles[i] == nil {
            let f = features[i]
            if let name = f.authorBioName, !name.hasPrefix("The "), i > bodyEnd {
                roles[i] = .byline
                author = author ?? name
            } else if let name = Self.bylineName(f.text), i < (bodyStart ?? 0) {
                roles[i] = .byline
                author = author ?? name
            } else if f.isCaption {
                roles[i] = .caption
            } else if i > bodyEnd, !f.isFurniture, !f.endsArticle,
                      f.isProse || (f.isTitleLike && f.wordCount >= 4) || (f.wordCount >= 6 && f.endsLikeSentence) {
                roles[i] = .teaser
            } else {
                roles[i] = .boilerplate
            }
        }

        var paragraphs = blocks.indices.map { i in
            Paragraph(doc: doc, index: i, role: roles[i]!, text: page.string(blocks[i]), duplicateOf: nil,
                      start: blocks[i].lowerBound, end: blocks[i].upperBound)
        }
        DuplicateDetector().mark(&paragraphs)
        return CleanedPage(paragraphs: paragraphs, comments: comments, author: author)
    }

    private func isSubtitle(_ f: BlockFeatures) -> Bool {
        (6...45).contains(f.wordCount) && f.endsLikeSentence && !f.isFurniture && !f.isCaption
    }

    /// Finds comment blocks: an author line, a time stamp line, then the text up to the next
    /// comment or the next piece of furniture.
    private func findComments(_ features: [BlockFeatures], roles: inout [ParagraphRole?], doc: String) -> [Comment] {
        func header(at i: Int) -> (author: String, stamp: (date: QuarryDate, time: String?))? {
            guard i + 1 < features.count, features[i].wordCount <= 6,
                  let author = CommentHeader.author(features[i].text),
                  let stamp = CommentHeader.timestamp(features[i + 1].text)
            else { return nil }
            return (author, (stamp.date, stamp.time))
        }
        var comments: [Comment] = []
        var i = 0
        // Readers comment on an article: no thread starts before its first paragraph of prose
        // (a date line and a byline at the top look like a comment's header).
        let firstProse = features.firstIndex(where: \.isProse) ?? features.count
        while i < features.count {
            guard i > firstProse, let (author, stamp) = header(at: i) else { i += 1; continue }
            roles[i] = .commentHeader
            roles[i + 1] = .commentHeader
            var j = i + 2
            var text: [String] = []
            while j < features.count, header(at: j) == nil, !features[j].isFurniture, !features[j].endsArticle {
                roles[j] = .comment
                text.append(features[j].text)
                j += 1
            }
            comments.append(Comment(doc: doc, index: comments.count, author: author, date: stamp.date,
                                    time: stamp.time, text: text.joined(separator: "\n")))
            i = j
        }
        return comments
    }

    /// "By Jane Doe" (optionally followed by a comma and more).
    static func bylineName(_ text: String) -> String? {
        guard text.hasPrefix("By "), text.split(separator: " ").count <= 8 else { return nil }
        let name = text.dropFirst(3).split(separator: ",").first.map(String.init) ?? ""
        return name.isEmpty ? nil : name
    }

    /// Non-empty lines of the page, with hard-wrapped lines (a long line that does not end a
    /// sentence, followed at once by one that starts in lower case) joined into one block.
    static func blocks(of page: ScalarText) -> [Range<Int>] {
        var lines: [(range: Range<Int>, followsBlank: Bool)] = []
        var lineStart = 0
        var sawBlank = true
        for i in 0...page.count where i == page.count || page[i] == "\n" {
            let range = page.trimmed(lineStart..<i)
            if range.isEmpty {
                sawBlank = true
            } else {
                lines.append((range, sawBlank))
                sawBlank = false
            }
            lineStart = i + 1
        }
        var blocks: [Range<Int>] = []
        for line in lines {
            if let last = blocks.last, !line.followsBlank, page[line.range.lowerBound].isLowercase,
               last.count >= 40, line.range.count >= 20,
               !".!?".unicodeScalars.contains(page[last.upperBound - 1]) {
                blocks[blocks.count - 1] = last.lowerBound..<line.range.upperBound
            } else {
                blocks.append(line.range)
            }
        }
        return blocks
    }
}
