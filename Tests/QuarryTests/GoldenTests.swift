import Foundation
@_spi(Testing) import Quarry
@_spi(Testing) import QuarryTestSupport
import Testing

@Suite("Golden files of the language")
struct GoldenTests {
    static let files = ["literals", "operators", "functions", "dates", "pipes", "scripting", "errors"]
    static let cases = files.flatMap { GoldenCase.load($0, bundle: .module) }

    @Test("Every golden file is found and has cases")
    func filesLoad() {
        for file in Self.files {
            #expect(Self.cases.contains { $0.file == file + ".qtest" }, "\(file).qtest has no cases")
        }
        #expect(Self.cases.count >= 150)
    }

    /// Each case runs three ways: with the column kernels, row by row, and with every column
    /// stored encoded (the fixtures are too small to be encoded otherwise); each must print the
    /// expected text.
    @Test("Golden case", arguments: cases)
    func golden(_ c: GoldenCase) {
        for (mode, engine) in Fixtures.engines {
            let actual = c.run(on: engine)
            #expect(actual == c.expected, "\(c.file):\(c.line) \(c.name) [\(mode)]\n--- script\n\(c.script)\n--- actual\n\(actual)")
        }
    }
}

@Suite("Golden file maintenance")
struct GoldenMaintenance {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["QUARRY_GOLDEN_UPDATE"] != nil))
    func updateGoldenFiles() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(path: "Golden")
        for file in GoldenTests.files {
            try GoldenUpdater.rewrite(folder.appending(path: "\(file).qtest").path, engine: Fixtures.engine)
        }
    }
}
