import Quarry

/// One article of the corpus: its metadata and its clean body text.
public struct Document: Sendable, Hashable {
    /// The file stem, e.g. `000_42def250d40f295c`.
    public var id: String
    /// The headline.
    public var title: String?
    /// The standfirst under the headline.
    public var subtitle: String?
    /// The author, or nil where the page names none.
    public var author: String?
    /// The publication.
    public var outlet: String?
    /// When the article appeared, at the precision that is known.
    public var published: QuarryDate?
    /// How `published` was found: `explicit` (stated on the page), `inferred` (reasoned from the
    /// text, see `publishedNote`) or `curated`.
    public var publishedBasis: String?
    /// How the publication date was inferred, in words.
    public var publishedNote: String?
    /// The year of publication, when the date lies in one.
    public var year: Int? { published?.year }
    /// Words of body text.
    public var words: Int
    /// Body paragraphs, one copy of each, separated by blank lines.
    public var text: String
    /// The article's path inside the corpus folder, e.g. `articles/000_42def250d40f295c.txt`.
    public var file: String
    /// The raw page, as scraped; offsets of sentences and mentions count Unicode scalars in it.
    public var raw: String
}

/// What a paragraph of a scraped page is.
public enum ParagraphRole: String, Sendable, Hashable, CaseIterable {
    case headline, subtitle, byline, heading, body, pullquote, caption, comment, teaser, boilerplate
    /// A later copy of a body paragraph (`duplicateOf` names the first): one body copy is kept.
    case duplicate
    /// A reader comment's number and author line, or its time stamp: not part of what it says.
    case commentHeader = "comment_header"

    /// Whether the role belongs to the article itself (rather than to the page around it).
    public var isArticleText: Bool {
        switch self {
        case .headline, .subtitle, .heading, .body: return true
        default: return false
        }
    }
}

/// A block of text of a page, as laid out by its line breaks.
public struct Paragraph: Sendable, Hashable {
    /// The id of the document.
    public var doc: String
    /// Position on the page, from 0.
    public var index: Int
    /// What the paragraph is.
    public var role: ParagraphRole
    /// The text, as written.
    public var text: String
    /// The index of the paragraph this one repeats, or nil.
    public var duplicateOf: Int?
    /// Offsets in the raw page (Unicode scalars, end exclusive).
    public var start: Int
    /// The offset after the last character.
    public var end: Int
}

/// A sentence of a paragraph.
public struct Sentence: Sendable, Hashable {
    /// The id of the document.
    public var doc: String
    /// The index of the paragraph.
    public var paragraph: Int
    /// Position within the document, from 0.
    public var index: Int
    /// The text, as written.
    public var text: String
    /// The role of its paragraph: the article's own text, a caption, or a reader's comment.
    public var role: ParagraphRole = .body
    /// Offsets in the raw page (Unicode scalars, end exclusive): `raw[start..<end] == text`.
    public var start: Int
    /// The offset after the last character.
    public var end: Int
}

/// A reader comment below an article.
public struct Comment: Sendable, Hashable {
    /// The id of the document.
    public var doc: String
    /// The position within the document, from 0.
    public var index: Int
    /// The name the reader signed with.
    public var author: String
    /// The day the comment was posted.
    public var date: QuarryDate?
    /// The time of day as printed, in 24-hour form (`22:43`), where the page gives one.
    public var time: String?
    /// The text, as written.
    public var text: String
}
