import ArgumentParser
import Foundation
import Quarry
import QuarryCorpus

/// `quarry evaluate`: the automatic coder measured against curated or gold events.
struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure the automatic event coder against curated events or a gold folder.",
        discussion: """
        Without options, compares the seed corpus's extracted_events with its curated events. With \
        --corpus DIR, codes DIR's articles; the gold is DIR/gold/ when it exists, or --gold FOLDER: \
        one DOC.tsv per article with the header `evidence<TAB>actor<TAB>target<TAB>type<TAB>date` and \
        an optional first line `# published: DATE`. An event is found when a coded event's sentence \
        contains the gold evidence with the same actor and type.
        """)

    @Option(name: .long, help: ArgumentHelp("Code the articles of DIR instead of the seeds.", valueName: "DIR"))
    var corpus: String?

    @Option(name: .long, help: ArgumentHelp("Gold events: a folder of DOC.tsv files.", valueName: "FOLDER"))
    var gold: String?

    @Flag(name: .long, help: "List every miss and false alarm (otherwise the first 40 of each).")
    var all = false

    func run() throws {
        do {
            let loaded = try corpus.map { try Corpus.load(directory: URL(fileURLWithPath: $0)) } ?? Corpus.seeds
            var goldEvents: [GoldEvent]
            var goldPublished: [String: QuarryDate] = [:]
            let goldFolder = gold ?? corpus.map { URL(fileURLWithPath: $0).appending(path: "gold").path }
            if let goldFolder, FileManager.default.fileExists(atPath: goldFolder) {
                let folder = try GoldFolder.load(directory: URL(fileURLWithPath: goldFolder))
                goldEvents = folder.events
                goldPublished = folder.published
            } else if gold != nil {
                printError("quarry: \(gold!): no such folder")
                throw ExitCode(1)
            } else {
                goldEvents = loaded.events.filter { $0.source == "curated" }.map(GoldEvent.init(curated:))
                for document in loaded.documents where document.publishedBasis != nil { goldPublished[document.id] = document.published }
            }
            let docs = Set(goldEvents.map(\.doc)).union(goldPublished.keys)
            let publications = loaded.documents.filter { docs.contains($0.id) }.map { d in
                (doc: d.id, gold: goldPublished[d.id], found: loaded.detectedPublication(of: d.id))
            }
            let evaluation = EventEvaluation(coded: loaded.extractedEvents, gold: goldEvents, publications: publications)
            let title = corpus.map { "the coder on \($0)" } ?? "the coder on the seed corpus, against its curated events"
            print(evaluation.report(title: title, listed: all ? nil : 40), terminator: "")
        } catch let error as CorpusLoadError {
            printError(error.problems.map { "quarry: \($0)" }.joined(separator: "\n"))
            throw ExitCode(1)
        }
    }
}
