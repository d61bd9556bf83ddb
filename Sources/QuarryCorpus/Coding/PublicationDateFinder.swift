import Quarry

/// Finds when an article was published, as htmldate and the rule coders do: the page's metadata,
/// a dateline ("BAKU, Aug. 26, 2025 —"), a byline or date line near the top ("By Jane Doe | 14 Mar
/// 2019", "Published: …", an ISO date alone); never a teaser's, a caption's or a comment's date.
/// Failing those, a range inferred from the latest date the body gives.
struct PublicationDateFinder {
    struct Found: Equatable {
        var date: QuarryDate
        /// metadata, dateline, byline or inferred.
        var basis: String
        var note: String
    }

    func find(_ article: ProcessedArticle, metadata: QuarryDate?) -> Found? {
        if let metadata { return Found(date: metadata, basis: "explicit", note: "from the page's metadata") }
        let paragraphs = article.paragraphs.filter { $0.duplicateOf == nil }
        let firstBody = paragraphs.firstIndex { $0.role == .body } ?? paragraphs.count
        let times = TimeExpressionFinder()
        // A dateline opens the first paragraphs of the story.
        for paragraph in paragraphs[firstBody...].prefix(2) where paragraph.role == .body {
            let tokens = Token.split(Array(paragraph.text.unicodeScalars))
            guard let dash = tokens.prefix(16).firstIndex(where: { ["—", "–", "-", "--"].contains($0.text) }) else { continue }
            let head = Array(tokens[..<dash])
            guard let first = head.first, first.text == first.text.uppercased() || DatePhrase.canStart(first.lower) else { continue }
            if let day = times.find(head, published: nil, storyAnchor: nil).first(where: { $0.date.precision == .day }) {
                return Found(date: day.date, basis: "explicit", note: "from the dateline \"\(day.text)\"")
            }
        }
        // A byline or a date line before the story or just after its first paragraph.
        let top = paragraphs.prefix(firstBody + 2).filter { ![.caption, .teaser, .comment].contains($0.role) && ($0.role != .body || $0.text.count < 80) }
        for paragraph in top where paragraph.text.count < 160 {
            let tokens = Token.split(Array(paragraph.text.unicodeScalars))
            if let day = times.find(tokens, published: nil, storyAnchor: nil).first(where: { $0.date.precision == .day }) {
                return Found(date: day.date, basis: "explicit", note: "from the date line \"\(paragraph.text.prefix(80))\"")
            }
        }
        // Inferred: no earlier than the latest date the story or its photos give (a caption dates
        // a photo, which cannot be newer than the article), and no later than the first reader
        // comment, else the end of the following year.
        var latest: QuarryDate?
        var source = ""
        // Captions count only inside the article: those after it illustrate other stories.
        let bodyEnd = article.paragraphs.lastIndex { $0.role == .body } ?? -1
        for sentence in article.sentences {
            let paragraph = article.paragraphs[sentence.paragraph]
            guard EventCoder.codedRoles.contains(paragraph.role) || paragraph.role == .caption && sentence.paragraph < bodyEnd,
                  paragraph.duplicateOf == nil else { continue }
            let tokens = Token.split(Array(sentence.text.unicodeScalars))
            for time in times.find(tokens, published: nil, storyAnchor: nil) where time.date.end - time.date.start < 4000 {
                if latest == nil || time.date.start > latest!.start {
                    latest = time.date
                    source = paragraph.role == .caption ? "a photo caption" : "its text"
                }
            }
        }
        guard let latest else { return nil }
        let year = CivilCalendar.civil(latest.end).year
        var end = QuarryDate.year(year + 1).end
        var note = "the page prints no date; the latest date \(source) gives is \(latest)"
        if let firstComment = article.comments.compactMap(\.date).min(), firstComment.end >= latest.start, firstComment.end < end {
            end = firstComment.end
            note += ", and the first reader comment is dated \(firstComment)"
        }
        return Found(date: QuarryDate(start: latest.start, end: end, precision: .range), basis: "inferred", note: note)
    }
}
