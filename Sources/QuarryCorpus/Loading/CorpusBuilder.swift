import Foundation
import Quarry

/// Turns the files of a corpus folder into a `Corpus`: pages are cleaned and split, actors found,
/// and curated annotations checked against the text they cite.
struct CorpusBuilder {
    func build(_ files: [CorpusFile]) throws(CorpusLoadError) -> Corpus {
        var corpus = Corpus()
        var fatal: [CorpusProblem] = []

        let articles = files.filter { file in
            file.path.hasPrefix("articles/") && Self.articleExtensions.contains { file.path.hasSuffix($0) }
        }
        let annotationFiles = files.filter {
            $0.path.hasPrefix("annotations/") && $0.path.hasSuffix(".yaml") && $0.path != "annotations/gazetteer.yaml"
        }
        // A folder without a gazetteer of its own is read with the built-in one.
        let gazetteerFile = files.first(where: { $0.path == "annotations/gazetteer.yaml" }) ?? Self.builtInGazetteer
        let (gazetteer, gazetteerProblems) = Gazetteer.load(Self.text(gazetteerFile) ?? "", file: gazetteerFile.path)
        fatal += gazetteerProblems
        corpus.actors = gazetteer.actors
        corpus.places = gazetteer.places
        corpus.roles = gazetteer.actors.flatMap(\.roles)

        // The lexicon is read only when an article needs coding now; a folder's own lexicon is
        // checked at once, so that a mistake in it fails the load.
        let folderLexicon = files.first { $0.path == "coding/lexicon.yaml" && $0.bytes != Self.builtInLexiconBytes }
        var lexicon: CodingLexicon?
        if let file = folderLexicon {
            do {
                var extended = try CodingLexicon.builtIn.get()
                try extended.add(yaml: Self.text(file) ?? "", file: file.path)
                lexicon = extended
            } catch { fatal += error.problems }
        }

        var annotations: [String: ArticleAnnotations] = [:]
        for file in annotationFiles {
            guard let text = Self.text(file) else {
                fatal.append(CorpusProblem(file: file.path, reason: "not UTF-8 text"))
                continue
            }
            let (loaded, problems) = ArticleAnnotations.load(text, file: file.path)
            fatal += problems
            if let loaded { annotations[loaded.document] = loaded }
        }

        let processor = ArticleProcessor(gazetteer: gazetteer)
        var coder: EventCoder?
        var seen: Set<String> = []
        var extractedActors: Set<String> = Set(gazetteer.actors.map(\.name))
        var deferred: [DeferredCoding.Article] = []
        for file in articles {
            let name = String(file.path.dropFirst("articles/".count))
            let stem = String(name[..<(name.lastIndex(of: ".") ?? name.endIndex)])
            guard seen.insert(stem).inserted else {
                corpus.problems.append(CorpusProblem(file: file.path, reason: "another page is also named '\(stem)'; it was left out"))
                continue
            }
            guard var raw = Self.readArticle(file, problems: &corpus.problems) else { continue }
            var metadataDate: QuarryDate?
            if !file.path.hasSuffix(".txt") || HTMLPage.looks(like: raw[...]) {
                let page = HTMLPage(html: raw)
                raw = page.text
                metadataDate = page.published
            }
            var metadata = annotations[stem]
            let published = metadata.flatMap { Self.publishedDate($0, problems: &fatal) }
            var article = processor.process(raw: raw, id: stem, file: file.path, published: published ?? metadataDate)
            // An article whose events are curated is coded only when someone asks (see DeferredCoding).
            let curated = !(metadata?.events.isEmpty ?? true)
            if published == nil, let found = PublicationDateFinder().find(article, metadata: metadataDate) {
                corpus.detectedPublications[stem] = found.date
                article.document.published = found.date
                article.document.publishedBasis = found.basis
                article.document.publishedNote = found.note
                for k in article.quotes.indices where article.quotes[k].date == nil { article.quotes[k].date = found.date }
            }
            if curated {
                // The finder has not run when the date is curated: the deferred coding runs it,
                // for `detectedPublication`.
                deferred.append((article, published == nil ? nil : .some(metadataDate)))
            } else {
                if coder == nil {
                    if lexicon == nil { lexicon = try CodingLexicon.builtIn.get() }
                    coder = EventCoder(gazetteer: gazetteer, lexicon: lexicon!)
                }
                let coded = coder!.code(article, recording: &corpus.codedStatistics)
                corpus.codedEvents += coded.events
                corpus.events += coded.events
                for actor in coded.actors where extractedActors.insert(actor.name).inserted {
                    corpus.actors.append(actor)
                    corpus.roles += actor.roles
                }
            }
            if let meta = metadata {
                article.document.outlet = meta.outlet
                if meta.setsAuthor { article.document.author = meta.author }
                if published != nil {
                    article.document.publishedBasis = meta.publishedBasis ?? "curated"
                    article.document.publishedNote = meta.publishedNote
                }
                let validator = EventValidator(gazetteer: gazetteer, article: article, annotations: meta)
                corpus.events += validator.events(problems: &fatal)
                corpus.rejected += validator.rejected(problems: &fatal)
                metadata = nil
            }
            corpus.documents.append(article.document)
            corpus.paragraphs += article.paragraphs
            corpus.sentences += article.sentences
            corpus.comments += article.comments
            corpus.mentions += article.mentions
            corpus.quotes += article.quotes
        }
        for (document, meta) in annotations.sorted(by: { $0.key < $1.key }) where !seen.contains(document) {
            fatal.append(CorpusProblem(file: meta.file, line: 1, reason: "annotates '\(document)', which is not in articles/"))
        }
        guard fatal.isEmpty else { throw CorpusLoadError(problems: fatal + corpus.problems) }
        if !deferred.isEmpty {
            corpus.deferred = DeferredCoding(articles: deferred, gazetteer: gazetteer, lexicon: lexicon)
        }
        return corpus
    }

    static let articleExtensions = [".txt", ".html", ".htm"]

    /// The seeds' gazetteer, which serves any folder that brings none.
    static var builtInGazetteer: CorpusFile {
        let file = EmbeddedSeeds.files.first { $0.path == "annotations/gazetteer.yaml" }!
        return CorpusFile(path: "(built-in) annotations/gazetteer.yaml", bytes: Data(file.text.utf8))
    }

    private static let builtInLexiconBytes = EmbeddedSeeds.files.first { $0.path == "coding/lexicon.yaml" }.map { Data($0.text.utf8) }

    private static func text(_ file: CorpusFile) -> String? {
        String(data: file.bytes, encoding: .utf8)
    }

    /// The page's text, or nil with a problem recorded when it is empty, binary or not UTF-8.
    private static func readArticle(_ file: CorpusFile, problems: inout [CorpusProblem]) -> String? {
        if file.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            problems.append(CorpusProblem(file: file.path, reason: "the page is empty; it was left out"))
            return nil
        }
        if let nul = file.bytes.firstIndex(of: 0) {
            problems.append(CorpusProblem(file: file.path, reason: "binary data (a NUL byte at offset \(nul - file.bytes.startIndex)); it was left out"))
            return nil
        }
        guard let text = String(data: file.bytes, encoding: .utf8) else {
            let valid = String(decoding: file.bytes, as: UTF8.self)
            let line = valid.prefix { $0 != "\u{FFFD}" }.filter { $0 == "\n" }.count + 1
            problems.append(CorpusProblem(file: file.path, line: line, reason: "not UTF-8 text; it was left out"))
            return nil
        }
        return text
    }

    private static func publishedDate(_ meta: ArticleAnnotations, problems: inout [CorpusProblem]) -> QuarryDate? {
        guard let text = meta.published else { return nil }
        guard let date = QuarryDate(parsing: text) else {
            problems.append(CorpusProblem(file: meta.file, reason: "'published' is not a date: '\(text)'"))
            return nil
        }
        return date
    }
}
