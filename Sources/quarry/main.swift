import Foundation
import Quarry
import QuarryCorpus

// A first command line: `quarry -e QUERY`, `quarry FILE.qry`, or a script on standard input.
// The readline REPL and the full command line come with issue 4.
var arguments = Array(CommandLine.arguments.dropFirst())
var format = OutputFormat.table
var queries: [(name: String, text: String)] = []
var index = 0
while index < arguments.count {
    let argument = arguments[index]
    switch argument {
    case "-e":
        index += 1
        queries.append(("<query>", index < arguments.count ? arguments[index] : ""))
    case "--format":
        index += 1
        format = OutputFormat(rawValue: index < arguments.count ? arguments[index] : "") ?? .table
    default:
        guard let text = try? String(contentsOfFile: argument, encoding: .utf8) else {
            FileHandle.standardError.write(Data("quarry: cannot read \(argument)\n".utf8))
            exit(2)
        }
        queries.append((argument, text))
    }
    index += 1
}
if queries.isEmpty {
    let data = FileHandle.standardInput.readDataToEndOfFile()
    queries.append(("<stdin>", String(decoding: data, as: UTF8.self)))
}
do {
    let session = Session(engine: Engine(corpus: try Corpus.seeds))
    let renderer = Renderer(format: format)
    for query in queries {
        do {
            try session.run(query.text, name: query.name, emit: { print(renderer.render($0)) })
        } catch let error as CompileError {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            exit(1)
        } catch let error as RuntimeError {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            exit(1)
        }
    }
} catch {
    FileHandle.standardError.write(Data("quarry: \(error)\n".utf8))
    exit(1)
}
