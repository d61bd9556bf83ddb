import Foundation
import Quarry

/// The coding of articles whose events are curated, done the first time anyone asks for it:
/// their `events` are the curators', so a query that never reads `extracted_events` never pays
/// for the coder (the seeds open in the time the REPL promises).
final class DeferredCoding: @unchecked Sendable {
    /// An article to code, and, when its publication date is still to be found (it is curated),
    /// the date its page's metadata gave.
    typealias Article = (article: ProcessedArticle, findPublication: QuarryDate??)

    private let lock = NSLock()
    private var pending: [Article]
    private let gazetteer: Gazetteer?
    private let lexicon: CodingLexicon?
    private var result: (events: [Event], publications: [String: QuarryDate], statistics: CodingStatistics)?

    /// `lexicon` nil means the built-in one, read when the coding happens.
    init(articles: [Article], gazetteer: Gazetteer?, lexicon: CodingLexicon?) {
        pending = articles
        self.gazetteer = gazetteer
        self.lexicon = lexicon
    }

    /// No articles: nothing to code.
    static let none = DeferredCoding(articles: [], gazetteer: nil, lexicon: nil)

    var events: [Event] { resolved().events }
    var publications: [String: QuarryDate] { resolved().publications }
    var statistics: CodingStatistics { resolved().statistics }

    private func resolved() -> (events: [Event], publications: [String: QuarryDate], statistics: CodingStatistics) {
        lock.lock()
        defer { lock.unlock() }
        if let result { return result }
        var events: [Event] = []
        var publications: [String: QuarryDate] = [:]
        var statistics = CodingStatistics()
        var coder: EventCoder?
        if let gazetteer, !pending.isEmpty {
            do {
                coder = EventCoder(gazetteer: gazetteer, lexicon: try lexicon ?? CodingLexicon.builtIn.get())
            } catch {
                // The built-in lexicon ships with the module and its tests load it: this is a broken build.
                preconditionFailure("the built-in lexicon does not load: \(error)")
            }
        }
        for (article, findPublication) in pending {
            if let metadata = findPublication {
                publications[article.document.id] = PublicationDateFinder().find(article, metadata: metadata)?.date
            }
            guard let coder else { continue }
            events += coder.code(article, recording: &statistics).events
        }
        pending = []
        result = (events, publications, statistics)
        return result!
    }
}
