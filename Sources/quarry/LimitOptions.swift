import ArgumentParser
import Quarry

/// `--timeout`, `--max-rows`, `--max-steps` and `--max-size`: the library's `Limits` on the
/// command line, and `.limits` in the REPL.
struct LimitOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Stop a statement after this long: 500ms, 30s, 2m (default: none).", valueName: "TIME"))
    var timeout: String?

    @Option(name: .long, help: ArgumentHelp("Stop a statement whose result has more rows (default: none).", valueName: "N"))
    var maxRows: Int?

    @Option(name: .long, help: ArgumentHelp("Stop a statement after this many steps of work (default: none).", valueName: "N"))
    var maxSteps: Int?

    @Option(name: .long, help: ArgumentHelp("Largest string or array a script may build: 64MiB, 500KB, 1000000 (default: 64MiB).", valueName: "BYTES"))
    var maxSize: String?

    /// The limits these options give, on top of `base`.
    func limits(_ base: Limits) throws -> Limits {
        var limits = base
        if let timeout {
            guard let duration = LimitText.duration(timeout) else { throw ValidationError("--timeout takes a time such as 500ms, 30s or 2m, not '\(timeout)'") }
            limits.timeout = duration
        }
        if let maxRows {
            guard maxRows > 0 else { throw ValidationError("--max-rows takes a positive number") }
            limits.maxRows = maxRows
        }
        if let maxSteps {
            guard maxSteps > 0 else { throw ValidationError("--max-steps takes a positive number") }
            limits.maxSteps = maxSteps
        }
        if let maxSize {
            guard let bytes = LimitText.bytes(maxSize) else { throw ValidationError("--max-size takes a size such as 64MiB, 500KB or 1000000, not '\(maxSize)'") }
            limits.maxSize = bytes
        }
        return limits
    }
}

/// How limits are written on the command line and in `.limits`.
enum LimitText {
    /// `500ms`, `30s`, `2m`, `1h`, or a bare number of seconds.
    static func duration(_ text: String) -> Duration? {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            guard let n = Double(text.dropLast(suffix.count)), n > 0, n.isFinite else { return nil }
            return .milliseconds(Int64((n * scale * 1000).rounded()))
        }
        guard let n = Double(text), n > 0, n.isFinite else { return nil }
        return .milliseconds(Int64((n * 1000).rounded()))
    }

    /// `64MiB`, `500KB`, `2GB`, `1000000`: bytes.
    static func bytes(_ text: String) -> Int? {
        let units: [(String, Double)] = [("KiB", 1024), ("MiB", 1_048_576), ("GiB", 1_073_741_824),
                                         ("KB", 1e3), ("MB", 1e6), ("GB", 1e9), ("B", 1)]
        for (suffix, scale) in units where text.uppercased().hasSuffix(suffix.uppercased()) {
            guard let n = Double(text.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)), n > 0, n * scale < 9e18 else { return nil }
            return Int(n * scale)
        }
        guard let n = Int(text), n > 0 else { return nil }
        return n
    }

    /// The limits as `.limits` prints them.
    static func describe(_ limits: Limits) -> String {
        func time(_ d: Duration?) -> String {
            guard let d else { return "none" }
            let ms = Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
            return ms < 1000 ? "\(Int(ms))ms" : String(format: "%gs", ms / 1000)
        }
        func size(_ n: Int?) -> String {
            guard let n else { return "none" }
            if n % (1 << 20) == 0 { return "\(n >> 20)MiB" }
            return "\(n) bytes"
        }
        return """
            timeout    \(time(limits.timeout))
            max-rows   \(limits.maxRows.map(String.init) ?? "none")
            max-steps  \(limits.maxSteps.map(String.init) ?? "none")
            max-size   \(size(limits.maxSize))
            """
    }
}
