import Quarry

/// One article taken apart.
struct ProcessedArticle {
    var document: Document
    var page: ScalarText
    var paragraphs: [Paragraph]
    var sentences: [Sentence]
    var comments: [Comment]
    var mentions: [Mention]
    var quotes: [Quote]
}

/// Runs the pipeline on one raw page: clean, split into sentences, find mentions, find quotes.
struct ArticleProcessor {
    let gazetteer: Gazetteer
    let mentionFinder: MentionFinder
    let quoteFinder: QuoteFinder

    init(gazetteer: Gazetteer) {
        self.gazetteer = gazetteer
        mentionFinder = MentionFinder(actors: gazetteer.actors, places: gazetteer.places)
        quoteFinder = QuoteFinder(actorsByName: Dictionary(gazetteer.actors.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a }))
    }

    /// Roles whose paragraphs are split into sentences: the article's own text and what readers
    /// and editors added to it, but not teasers of other stories or page furniture.
    static let sentenceRoles: Set<ParagraphRole> = [.headline, .subtitle, .heading, .body, .byline, .caption, .comment]

    func process(raw: String, id: String, file: String, published: QuarryDate?) -> ProcessedArticle {
        let page = ScalarText(raw)
        let cleaned = PageCleaner().clean(page, doc: id)
        let splitter = SentenceSplitter()
        var sentences: [Sentence] = []
        var mentions: [Mention] = []
        var quotes: [Quote] = []
        var quoteContext: [QuoteFinder.SentenceInput] = []
        for paragraph in cleaned.paragraphs
        where Self.sentenceRoles.contains(paragraph.role) && paragraph.duplicateOf == nil {
            for range in splitter.split(page, paragraph.start..<paragraph.end) {
                let index = sentences.count
                let sentence = Sentence(doc: id, paragraph: paragraph.index, index: index, text: page.string(range),
                                        role: paragraph.role, start: range.lowerBound, end: range.upperBound)
                let found = mentionFinder.mentions(in: page, sentence: range, doc: id, sentenceIndex: index)
                if paragraph.role.isArticleText {
                    let input = QuoteFinder.SentenceInput(
                        doc: id, index: index, text: sentence.text,
                        mentions: found.map { ($0, $0.start - range.lowerBound, $0.end - range.lowerBound) })
                    quotes += quoteFinder.quotes(in: input, previous: quoteContext, published: published)
                    quoteContext.append(input)
                }
                sentences.append(sentence)
                mentions += found
            }
        }
        let bodyText = cleaned.paragraphs
            .filter { ($0.role == .body || $0.role == .heading) && $0.duplicateOf == nil }
            .map(\.text)
        let document = Document(
            id: id,
            title: cleaned.paragraphs.first { $0.role == .headline }?.text,
            subtitle: cleaned.paragraphs.first { $0.role == .subtitle }?.text,
            author: cleaned.author, outlet: nil, published: published, publishedBasis: nil,
            publishedNote: nil, words: bodyText.reduce(0) { $0 + words(of: $1).count },
            text: bodyText.joined(separator: "\n\n"), file: file, raw: raw)
        return ProcessedArticle(document: document, page: page, paragraphs: cleaned.paragraphs,
                                sentences: sentences, comments: cleaned.comments, mentions: mentions, quotes: quotes)
    }
}
