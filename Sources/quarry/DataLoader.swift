import Foundation
import Quarry

/// The command line's side of loading a user's file: the library reads it (`Table.load`); this
/// adds a progress bar on a terminal and reads `--param` values the way fields are typed.
struct DataLoader {
    /// Types the user named with `--schema`.
    var schema: [String: LoadedType] = [:]
    /// The column `--key` names.
    var key: String?

    /// Loads a file, with a progress bar on standard error when it is a terminal and the file is
    /// big enough to take a while.
    func load(name: String, path: String) throws(DataLoadError) -> LoadedTable {
        var options = LoadOptions(schema: schema, key: key)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if Terminal.current.stderrIsTTY && size > 20_000_000 {
            let started = Date()
            options.progress = { fraction in
                let filled = Int(fraction * 30)
                let seconds = max(Date().timeIntervalSince(started), 0.001)
                let rate = Double(size) * fraction / seconds / 1_000_000
                FileHandle.standardError.write(Data("\r\(name) [\(String(repeating: "█", count: filled))\(String(repeating: "·", count: 30 - filled))] \(Int(fraction * 100))%  \(Int(rate)) MB/s".utf8))
                if fraction >= 1 { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            }
        }
        return try Table.load(path: path, name: name, options: options)
    }

    /// A `--schema`'s text as types; a mistake is reported under the flag's name.
    static func schema(option text: String) throws(DataLoadError) -> [String: LoadedType] {
        do { return try LoadOptions.schema(parsing: text) } catch {
            var error = error
            error.file = "--schema"
            throw error
        }
    }

    /// A problem with a `--param`, said in one line.
    struct ParameterProblem: Error { let message: String }

    /// `NAME=VALUE` of `--param`: the name must be one `$name` can say; the value is typed as
    /// `infer` types it, except that `@…` is a date as the language writes dates (an error if it
    /// is not one) and an empty value is the empty string.
    static func parameter(_ item: String) -> Result<(String, Value), ParameterProblem> {
        guard let equals = item.firstIndex(of: "=") else {
            return .failure(ParameterProblem(message: "--param takes NAME=VALUE: '\(item)'"))
        }
        let name = String(item[..<equals]), text = String(item[item.index(after: equals)...])
        guard let first = name.unicodeScalars.first, first == "_" || first.properties.isAlphabetic,
              name.unicodeScalars.allSatisfy({ $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) })
        else {
            return .failure(ParameterProblem(message: "--param '\(name)' is not a name $… can use: letters, digits and _, not starting with a digit"))
        }
        if text.isEmpty { return .success((name, .string(""))) }
        if text.hasPrefix("@") {
            var literal = String(text.dropFirst())
            if literal.hasPrefix("\""), literal.hasSuffix("\""), literal.count >= 2 { literal = String(literal.dropFirst().dropLast()) }
            guard let date = QuarryDate(text: literal) else {
                return .failure(ParameterProblem(message: "--param \(name)=\(text): '\(text)' is not a date (dates are written @2021-05-12, @2021-05, @2021, @1920s, @2002/2020)"))
            }
            return .success((name, .date(date)))
        }
        return .success((name, infer(text)))
    }

    /// A text value read as what it looks like: null (empty), a whole number, a number, a
    /// boolean, an ISO date, else the text. `--param` values are read the same way.
    static func infer(_ text: String) -> Value {
        if text.isEmpty || text == "null" { return .null }
        if let i = Int(text) { return .int(i) }
        if let d = Double(text), text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }), d.isFinite { return .double(d) }
        switch text.lowercased() {
        case "true": return .bool(true)
        case "false": return .bool(false)
        default: break
        }
        if let date = QuarryDate(isoText: text) { return .date(date) }
        return .string(text)
    }
}
