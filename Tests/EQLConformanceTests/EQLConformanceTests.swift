@_spi(Testing) import EQLConformance
import Foundation
@_spi(Testing) import Quarry
import QuarryTestSupport
import Testing

/// EQL 1.0.1's own suites, fetched from its wheel by scripts/fetch-eql-suite (never committed)
/// into .build/eql-suite as JSON. Without them the suite is skipped, and says why.
@Suite("EQL conformance")
struct EQLConformanceTests {
    static let folder: URL = {
        if let path = ProcessInfo.processInfo.environment["EQL_SUITE_DIR"] { return URL(fileURLWithPath: path) }
        return repositoryRoot.appending(path: ".build/eql-suite")
    }()
    static let available = FileManager.default.fileExists(atPath: folder.appending(path: "test_queries.json").path)

    /// The suites run three ways (kernels, rows only, every column encoded); each must pass.
    @Test("The EQL suites are present", .enabled(if: available, "run scripts/fetch-eql-suite first: the suites come from the eql==1.0.1 wheel on PyPI"),
          arguments: ExecutionMode.allCases)
    func conformance(_ mode: ExecutionMode) throws {
        let report = try EQLSuiteRunner(folder: Self.folder, mode: mode).runAll()
        print("[\(mode)] " + report.summary)
        let unexpected = report.failures.filter { !EQLSuiteRunner.knownDifferences.keys.contains($0.id) }
        #expect(unexpected.isEmpty, "\(unexpected.count) unexpected failures:\n\(unexpected.prefix(40).map(\.description).joined(separator: "\n"))")
    }
}
