import Foundation
import QuarryTestSupport
import Testing
@testable import QuarryCorpus

@Suite("Loading corpus folders")
struct CorpusLoadingTests {
    @Test("The seeds load from the folder just as they are embedded")
    func folderMatchesEmbedded() throws {
        let fromFolder = try Corpus.load(directory: seedsFolder)
        #expect(fromFolder.documents.map(\.id) == seedCorpus.documents.map(\.id))
        #expect(fromFolder.events.count == seedCorpus.events.count)
        #expect(fromFolder.sentences.count == seedCorpus.sentences.count)
        #expect(fromFolder.problems.isEmpty)
    }

    @Test("The embedded seeds are the files in seeds/ (rebuild after adding or removing one)")
    func embeddedSeedsInStep() throws {
        let walker = try #require(FileManager.default.enumerator(at: seedsFolder, includingPropertiesForKeys: nil))
        var onDisk: [String: String] = [:]
        for case let url as URL in walker where !url.hasDirectoryPath && !url.lastPathComponent.hasPrefix(".") {
            let relative = String(url.standardizedFileURL.path.dropFirst(seedsFolder.standardizedFileURL.path.count + 1))
            onDisk[relative] = try String(contentsOf: url, encoding: .utf8)
        }
        let embedded = Dictionary(uniqueKeysWithValues: EmbeddedSeeds.files.map { ($0.path, $0.text) })
        #expect(Set(embedded.keys) == Set(onDisk.keys))
        for (path, text) in onDisk { #expect(embedded[path] == text, "\(path) differs from its embedded copy") }
    }

    @Test("The articles in seeds/ are the shared seed pages, byte for byte")
    func seedsAreVerbatim() throws {
        let shared = repositoryRoot.deletingLastPathComponent().appending(path: "shared/seeds")
        guard FileManager.default.fileExists(atPath: shared.path) else { return }
        for id in articleIDs {
            let ours = try Data(contentsOf: seedsFolder.appending(path: "articles/\(id).txt"))
            let theirs = try Data(contentsOf: shared.appending(path: "\(id).txt"))
            #expect(ours == theirs)
        }
    }

    @Test("A missing folder is an error that names it")
    func missingFolder() {
        #expect {
            try Corpus.load(directory: URL(fileURLWithPath: "/nonexistent/corpus"))
        } throws: { error in
            (error as? CorpusLoadError)?.problems.first?.description == "/nonexistent/corpus: no such folder"
        }
    }

    @Test("Empty, binary and non-UTF-8 pages are left out and reported; the others load", arguments: [
        ("empty.txt", Data(), "articles/empty.txt: the page is empty; it was left out"),
        ("binary.txt", Data([0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01]), "articles/binary.txt: binary data (a NUL byte at offset 4); it was left out"),
        ("latin1.txt", Data("Caf".utf8) + Data([0xE9]) + Data(" in Baku\nsecond line".utf8), "articles/latin1.txt:1: not UTF-8 text; it was left out"),
    ])
    func badPages(_ name: String, _ bytes: Data, _ expected: String) throws {
        let folder = try temporaryCorpusFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try bytes.write(to: folder.appending(path: "articles/\(name)"))
        let corpus = try Corpus.load(directory: folder)
        #expect(corpus.documents.count == 4)
        #expect(corpus.problems.map(\.description) == [expected])
    }

    @Test("An annotation for an article that does not exist")
    func orphanAnnotation() throws {
        let folder = try temporaryCorpusFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "document: 999_missing\n".write(to: folder.appending(path: "annotations/999_missing.yaml"), atomically: true, encoding: .utf8)
        #expect {
            try Corpus.load(directory: folder)
        } throws: { error in
            (error as? CorpusLoadError)?.problems.map(\.description) == ["annotations/999_missing.yaml:1: annotates '999_missing', which is not in articles/"]
        }
    }
}
