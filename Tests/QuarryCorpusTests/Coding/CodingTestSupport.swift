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

/// The events coded from one short wire story, dated by its dateline.
func codedEvents(_ body: String, dateline: String = "BAKU, Aug. 8, 2025 —") throws -> [Event] {
    let page = "Skip to main content\n\nA story from the South Caucasus for the tests\n\nBy Test Writer\n\n\(dateline) \(body)\n\nShare this article\n"
    return try folderCorpus(["story.txt": page]).extractedEvents
}
