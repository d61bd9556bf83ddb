import Foundation
import Quarry

/// The command line's side of loading a user's file: the library reads it (`Table.load`); this
/// adds a progress bar on a terminal and reads `--param` values the way fields are typed.
struct DataLoader {
    /// Types the user named with `--schema`.
    var schema: [String: LoadedType] = [:]

    /// Loads a file, with a progress bar on standard error when it is a terminal and the file is
    /// big enough to take a while.
    func load(name: String, path: String) throws(DataLoadError) -> LoadedTable {
        var options = LoadOptions(schema: schema)
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
