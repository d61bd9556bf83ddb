import Foundation
import Quarry
@testable import QuarryCorpus

/// A corpus folder holding only `articles/`, with the pages given, for coding tests.
func folderCorpus(_ pages: [String: String]) throws -> Corpus {
    let folder = FileManager.default.temporaryDirectory.appending(path: "quarry-coding-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder.appending(path: "articles"), withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    for (name, text) in pages { try Data(text.utf8).write(to: folder.appending(path: "articles/\(name)")) }
    return try Corpus.load(directory: folder)
}

/// The events coded from a short wire story around `body`, dated by its dateline. The sentences
/// around it carry no party, trigger or date, and make the paragraphs read as prose.
func codedEvents(_ body: String, dateline: String = "BAKU, Aug. 8, 2025 —") throws -> [Event] {
    let page = """
        Skip to main content

        A story from the South Caucasus for the tests

        By Test Writer

        \(dateline) Reporters heard the following account from several people familiar with the matter, who spoke at length.

        \(body) The account could not be verified independently, and the details remain unclear for now.

        Share this article
        """
    return try folderCorpus(["story.txt": page]).extractedEvents
}
