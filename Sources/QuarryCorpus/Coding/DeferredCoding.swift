import Foundation
import Quarry

/// The coding of articles whose events are curated, done the first time anyone asks for it:
/// their `events` are the curators', so a query that never reads `extracted_events` never pays
/// for the coder (the seeds open in the time the REPL promises).
final class DeferredCoding: @unchecked Sendable {
    private let lock = NSLock()
    private var pending: [(article: ProcessedArticle, metadata: QuarryDate?)]
    private let gazetteer: Gazetteer?
    private let lexicon: CodingLexicon?
    private var result: (events: [Event], publications: [String: QuarryDate], statistics: CodingStatistics)?

    /// `lexicon` nil means the built-in one, read when the coding happens.
    init(articles: [(article: ProcessedArticle, metadata: QuarryDate?)], gazetteer: Gazetteer?, lexicon: CodingLexicon?) {
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
        for (article, metadata) in pending {
            publications[article.document.id] = PublicationDateFinder().find(article, metadata: metadata)?.date
            guard let coder else { continue }
            let started = ContinuousClock.now
            events += coder.code(article).events
            statistics.duration += ContinuousClock.now - started
            statistics.articles += 1
            statistics.sentences += article.sentences.count { EventCoder.codedRoles.contains(article.paragraphs[$0.paragraph].role) }
        }
        pending = []
        result = (events, publications, statistics)
        return result!
    }
}
