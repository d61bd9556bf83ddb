import Foundation

/// The repository's root, found from this file's place in it (`Tests/QuarryTestSupport/`).
public let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The code blocks of a Markdown text fenced as `language` (```` ```quarry ````), in order, for
/// tests that hold documentation to what the code does.
public func fencedBlocks(in markdown: String, language: String) -> [String] {
    var blocks: [String] = []
    var current: [String]?
    for line in markdown.components(separatedBy: "\n") {
        if line == "```" + language {
            current = []
        } else if line == "```", let block = current {
            blocks.append(block.joined(separator: "\n"))
            current = nil
        } else {
            current?.append(line)
        }
    }
    return blocks
}
