import Foundation
@_spi(Testing) import Quarry
@_spi(Testing) import QuarryTestSupport
import Testing

/// `explain` prints plans in a fixed format, pinned by Golden/explain.qtest.
@Suite("Explaining query plans")
struct ExplainTests {
    static let engine = Fixtures.engine.executing(.encoded)
    static let cases = GoldenCase.load("explain", bundle: .module)

    @Test("The golden file has its cases")
    func loads() { #expect(Self.cases.count >= 10) }

    @Test("Plan", arguments: cases)
    func plan(_ c: GoldenCase) {
        let actual = c.explain(on: Self.engine)
        #expect(actual == c.expected, "\(c.file):\(c.line) \(c.name)\n--- script\n\(c.script)\n--- actual\n\(actual)")
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["QUARRY_GOLDEN_UPDATE"] != nil))
    func updateGoldenFiles() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(path: "Golden/explain.qtest").path
        try GoldenUpdater.rewrite(path) { $0.explain(on: Self.engine) }
    }

    @Test("Without kernels every operator says it runs row by row")
    func rowsOnly() throws {
        let plan = try Fixtures.engine.executing(.rows).compile(#"trips where traveler = "Ana" | sort days | head 2"#).explain()
        #expect(!plan.contains("kernel"))
        #expect(plan.contains("rows, first 2 by a bounded heap"))
    }
}
