import Foundation
import QuarryCorpus

// A first `quarry`: it prints what the seed corpus holds and its events in date order. The query
// language's REPL and command line replace it (issues 3 and 4).
do {
    let corpus = try Corpus.seeds
    print("Quarry: \(corpus.documents.count) documents, \(corpus.events.count) events, \(corpus.actors.count) actors, "
        + "\(corpus.sentences.count) sentences, \(corpus.mentions.count) mentions, \(corpus.quotes.count) quotes, "
        + "\(corpus.comments.count) comments")
    let ordered = corpus.events.sorted { ($0.date.start, $0.date.end, $0.id) < ($1.date.start, $1.date.end, $1.id) }
    for event in ordered {
        let target = event.target.map { " → \($0)" } ?? ""
        print("\(event.date)\t\(event.id)\t\(event.type.rawValue)\t\(event.actor)\(target)\t\(event.summary)")
    }
} catch {
    FileHandle.standardError.write(Data("quarry: \(error)\n".utf8))
    exit(1)
}
