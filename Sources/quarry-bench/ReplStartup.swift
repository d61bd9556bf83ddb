import CPseudoTerminal
import Foundation

/// How long the `quarry` beside this binary takes to show its first prompt in a terminal: the
/// REPL runs on a pseudo-terminal, as a user's would, and the clock stops when `quarry> ` arrives.
enum ReplStartup {
    static func milliseconds(runs: Int = 5) -> Double? {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appending(path: "quarry")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else { return nil }
        var times: [Double] = []
        for _ in 0..<runs {
            guard let ms = once(binary) else { return nil }
            times.append(ms)
        }
        return times.sorted()[runs / 2]
    }

    private static func once(_ binary: URL) -> Double? {
        var master: Int32 = -1, slave: Int32 = -1
        guard quarry_open_terminal(&master, &slave) == 0 else { return nil }
        defer { close(master) }
        let terminal = FileHandle(fileDescriptor: slave, closeOnDealloc: true)
        // A history file of its own, so that measuring leaves the user's alone.
        let home = FileManager.default.temporaryDirectory.appending(path: "quarry-bench-home-\(getpid())")
        try? FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let process = Process()
        process.executableURL = binary
        process.environment = ["TERM": "dumb", "HOME": home.path, "PATH": "/usr/bin:/bin"]
        process.standardInput = terminal
        process.standardOutput = terminal
        process.standardError = terminal
        let clock = ContinuousClock()
        let start = clock.now
        guard (try? process.run()) != nil else { return nil }
        var seen = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        let prompt = Array("quarry> ".utf8)
        while !containsPrompt(seen, prompt) {
            // Ten seconds without output is a REPL that will not start: give up rather than hang.
            var ready = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            let n = poll(&ready, 1, 10_000) == 1 ? read(master, &buffer, buffer.count) : -1
            if n <= 0 {
                process.terminate()
                return nil
            }
            seen += buffer[0..<n]
        }
        let elapsed = clock.now - start
        _ = write(master, [4], 1)  // Ctrl-D: leave
        process.waitUntilExit()
        try? terminal.close()
        return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    }

    private static func containsPrompt(_ bytes: [UInt8], _ prompt: [UInt8]) -> Bool {
        guard bytes.count >= prompt.count else { return false }
        return (0...(bytes.count - prompt.count)).contains { Array(bytes[$0..<($0 + prompt.count)]) == prompt }
    }
}
