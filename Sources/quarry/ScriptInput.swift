import Foundation
import Quarry

/// The scripts a run was given, read in the order the command line gave them.
enum ScriptInput {
    /// Why a script could not be read, in one line.
    struct Problem: Error { let message: String }

    /// Reads a script file: a regular file, a pipe or FIFO (`<(…)`, `/dev/stdin`), or `-` for
    /// standard input. Text that is not UTF-8 is refused with the line and column of the first
    /// bad byte, since a script half-decoded would run something other than what was written.
    static func read(_ path: String) -> Result<String, Problem> {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                return .failure(Problem(message: "\(path): no such file"))
            }
            guard !isDirectory.boolValue else { return .failure(Problem(message: "\(path): is a folder, not a script")) }
            guard let handle = FileHandle(forReadingAtPath: path) else {
                return .failure(Problem(message: "\(path): cannot be read (permission denied?)"))
            }
            defer { try? handle.close() }
            do { data = try handle.readToEnd() ?? Data() } catch {
                return .failure(Problem(message: "\(path): cannot be read: \(error.localizedDescription)"))
            }
        }
        return decode(data, name: path == "-" ? "<stdin>" : path)
    }

    /// The text of `data`, or where it stops being UTF-8.
    static func decode(_ data: Data, name: String) -> Result<String, Problem> {
        let bytes = [UInt8](data)
        let bad = bytes.withUnsafeBytes { UTF8Check.firstInvalid($0, from: 0, to: $0.count) }
        guard let bad else { return .success(String(decoding: bytes, as: UTF8.self)) }
        let line = bytes.withUnsafeBytes { UTF8Check.line(of: bad, in: $0, from: 0, firstLine: 1) }
        let lineStart = bytes[..<bad].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let column = String(decoding: bytes[lineStart..<bad], as: UTF8.self).count + 1
        return .failure(Problem(message: "\(name):\(line):\(column): not UTF-8 text (byte 0x\(String(bytes[bad], radix: 16, uppercase: true)))"))
    }

    /// The files and `-e` queries in the order they stand on the command line (ArgumentParser
    /// keeps each kind in order, but not the two kinds interleaved).
    static func ordered(files: [String], queries: [String], arguments: [String]) -> [(name: String, isFile: Bool, text: String)] {
        let valued: Set<String> = ["--format", "--param", "--load", "--schema", "--corpus", "--events",
                                   "--timeout", "--max-rows", "--max-steps", "--max-size"]
        var result: [(String, Bool, String)] = []
        var f = 0, q = 0, i = 0
        func queryName(_ n: Int) -> String { queries.count == 1 ? "<query>" : "<query \(n + 1)>" }
        while i < arguments.count {
            let argument = arguments[i]
            if argument == "-e", i + 1 < arguments.count, q < queries.count {
                result.append((queryName(q), false, queries[q])); q += 1; i += 2; continue
            }
            if valued.contains(argument) { i += 2; continue }
            if f < files.count, argument == files[f] { result.append((files[f], true, files[f])); f += 1 }
            i += 1
        }
        while f < files.count { result.append((files[f], true, files[f])); f += 1 }
        while q < queries.count { result.append((queryName(q), false, queries[q])); q += 1 }
        return result
    }
}
