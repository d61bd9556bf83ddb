import Foundation
import Quarry

/// A corpus of news articles taken apart into documents, paragraphs, sentences, comments, actors,
/// mentions, dated events and quotes.
///
/// ```swift
/// let corpus = try Corpus.seeds                        // the four seed articles, built in
/// let other = try Corpus.load(directory: folderURL)    // any folder laid out like seeds/
/// ```
///
/// A folder holds `articles/` (raw pages, `.txt` or `.html`) and, optionally, `annotations/` with
/// `gazetteer.yaml` and one `<article stem>.yaml` of curated metadata and events per article, and
/// `coding/lexicon.yaml` to extend the event coder's lexicon. Without them the built-in gazetteer
/// and lexicon serve, and every article's events are coded automatically. A page that cannot be read
/// (empty, binary, not UTF-8) is left out and listed in `problems`; an annotation that does not
/// validate fails the whole load, so that nothing is ever half-loaded.
public struct Corpus: Sendable {
    /// The articles, in file order.
    public var documents: [Document] = []
    /// Every block of every page, with its role.
    public var paragraphs: [Paragraph] = []
    /// The sentences of the articles' own text, captions, bylines and comments.
    public var sentences: [Sentence] = []
    /// Reader comments.
    public var comments: [Comment] = []
    /// The gazetteer of actors.
    public var actors: [Actor] = []
    /// The actors' dated roles.
    public var roles: [ActorRole] = []
    /// The gazetteer of places.
    public var places: [Place] = []
    /// Where actors and places are named.
    public var mentions: [Mention] = []
    /// The events analysts query: the curated events of articles whose annotation file lists
    /// any, and the coder's events for every other article.
    public var events: [Event] = []
    /// The automatic coder's events for every article, curated or not. Articles whose events are
    /// curated are coded the first time this is read.
    public var extractedEvents: [Event] {
        get { codedEvents + deferred.events }
        set { codedEvents = newValue; deferred = .none }
    }
    /// The coder's events for articles without curated events, coded while loading.
    var codedEvents: [Event] = []
    /// The coding of articles with curated events, until someone asks for it.
    var deferred = DeferredCoding.none
    /// Direct quotations and their speakers.
    public var quotes: [Quote] = []
    /// Candidate events the curators left out, with reasons.
    public var rejected: [RejectedCandidate] = []
    /// Files that were left out, and why.
    public var problems: [CorpusProblem] = []
    /// What the automatic coder did: while the corpus loaded, and for articles with curated
    /// events once `extractedEvents` was first read.
    public var coding: CodingStatistics {
        let later = deferred.statistics
        return CodingStatistics(articles: codedStatistics.articles + later.articles, sentences: codedStatistics.sentences + later.sentences,
                                duration: codedStatistics.duration + later.duration)
    }
    var codedStatistics = CodingStatistics()
    /// The publication date the finder read from each page, curated or not.
    var detectedPublications: [String: QuarryDate] = [:]

    /// The publication date read from a page's own text and metadata (datelines, bylines,
    /// metadata, or a range inferred from its dates), whatever its annotation says; for measuring
    /// the finder against curated dates.
    public func detectedPublication(of document: String) -> QuarryDate? {
        detectedPublications[document] ?? deferred.publications[document]
    }

    /// An empty corpus.
    public init() {}

    /// The seed corpus compiled into this module: it needs no files at run time. It is built
    /// the first time it is asked for and shared after that (a value: each caller's copy is its
    /// own), so `Engine(corpus: try .seeds)` is cheap however often it is written.
    public static var seeds: Corpus {
        get throws(CorpusLoadError) { try builtSeeds.get() }
    }

    private static let builtSeeds: Result<Corpus, CorpusLoadError> = Result { () throws(CorpusLoadError) -> Corpus in
        try CorpusBuilder().build(EmbeddedSeeds.files.map { CorpusFile(path: $0.path, bytes: Data($0.text.utf8)) })
    }

    /// Loads a corpus folder laid out like `seeds/`.
    public static func load(directory: URL) throws(CorpusLoadError) -> Corpus {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw CorpusLoadError(problems: [CorpusProblem(file: directory.path, reason: "no such folder")])
        }
        var files: [CorpusFile] = []
        var problems: [CorpusProblem] = []
        for sub in ["articles", "annotations", "coding"] {
            let folder = directory.appending(path: sub)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
                // Only articles/ is required: the built-in gazetteer and lexicon serve the rest.
                if sub == "articles" {
                    problems.append(CorpusProblem(file: "\(sub)/", reason: "the corpus folder has no 'articles' folder"))
                }
                continue
            }
            for name in names.sorted() where !name.hasPrefix(".") {
                do {
                    files.append(CorpusFile(path: "\(sub)/\(name)", bytes: try Data(contentsOf: folder.appending(path: name))))
                } catch {
                    problems.append(CorpusProblem(file: "\(sub)/\(name)", reason: "cannot be read: \(error.localizedDescription)"))
                }
            }
        }
        guard problems.isEmpty else { throw CorpusLoadError(problems: problems) }
        return try CorpusBuilder().build(files)
    }
}

/// How much text the automatic coder read while a corpus loaded, and how long it took.
public struct CodingStatistics: Sendable, Hashable {
    /// No coding yet.
    public init() {}

    init(articles: Int, sentences: Int, duration: Duration) {
        self.articles = articles
        self.sentences = sentences
        self.duration = duration
    }

    /// Articles coded.
    public var articles = 0
    /// Sentences of article text the coder read.
    public var sentences = 0
    /// Time spent coding, excluding cleaning, sentence splitting and mention finding.
    public var duration: Duration = .zero

    /// Sentences coded per second.
    public var sentencesPerSecond: Double {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return seconds > 0 ? Double(sentences) / seconds : 0
    }
}

/// A file of a corpus folder, by its path inside the folder.
struct CorpusFile {
    var path: String
    var bytes: Data
}
