import Foundation
import Quarry
import QuarryCorpus

/// `quarry-bench coding`: a folder of synthetic articles of realistic length, assembled
/// deterministically from the seed articles' own body sentences under new datelines, loaded as a
/// corpus with every event coded automatically.
enum CodingBenchmark {
    static func run(articles count: Int, runs: Int) throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "quarry-bench-coding-\(getpid())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let words = try write(articles: count, to: folder.appending(path: "articles"))
        print("coding: \(count) synthetic articles, \(words / count) words each on average, no annotations")
        var loads: [Double] = []
        var rates: [Double] = []
        var corpus = Corpus()
        for _ in 0..<runs {
            let start = ContinuousClock.now
            corpus = try Corpus.load(directory: folder)
            let elapsed = ContinuousClock.now - start
            loads.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            rates.append(corpus.coding.sentencesPerSecond)
        }
        print("  \(corpus.coding.sentences) sentences coded into \(corpus.extractedEvents.count) events; "
            + "\(corpus.actors.filter { $0.source == "extracted" }.count) new actors")
        print(String(format: "  coder alone:            %9.0f sentences/s (median of %d; target ≥ 5,000)", Comparison.median(rates), runs))
        print(String(format: "  whole folder load:      %9.2f s (median of %d; cleaning, splitting, mentions, coding; target < 15 s)", Comparison.median(loads), runs))
        print("  published peers (not runnable here): TABARI 1,000–2,000 sentences/s, PETRARCH ~150 sentences/s")
    }

    /// Writes the articles and returns the number of words written.
    private static func write(articles count: Int, to folder: URL) throws -> Int {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let seeds = try Corpus.seeds
        let body = seeds.sentences.filter { s in
            seeds.paragraphs.first { $0.doc == s.doc && $0.index == s.paragraph }?.role == .body
        }.map(\.text)
        var random = SplitMix(seed: 2025)
        let cities = ["BAKU", "YEREVAN", "WASHINGTON", "MOSCOW", "ANKARA", "TEHRAN", "BRUSSELS"]
        let months = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
        var words = 0
        for n in 0..<count {
            var text = "Menu\n\nArticle \(n): a report on the South Caucasus\n\nBy Staff Writer\n\n"
            let city = cities[Int(random.next() % UInt64(cities.count))]
            let month = months[Int(random.next() % 12)]
            let day = 1 + Int(random.next() % 28)
            let year = 2019 + Int(random.next() % 7)
            let sentences = 24 + Int(random.next() % 16)
            var paragraph: [String] = []
            for k in 0..<sentences {
                var sentence = body[Int(random.next() % UInt64(body.count))]
                if k == 0 { sentence = "\(city), \(month) \(day), \(year) — " + sentence }
                paragraph.append(sentence)
                if paragraph.count == 3 || k == sentences - 1 {
                    text += paragraph.joined(separator: " ") + "\n\n"
                    paragraph = []
                }
            }
            text += "Share this article\n\nRelated\n"
            words += text.split(whereSeparator: { $0 == " " || $0 == "\n" }).count
            try Data(text.utf8).write(to: folder.appending(path: String(format: "%05d.txt", n)))
        }
        return words
    }
}

/// A small deterministic generator, so that every run codes the same folder.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
