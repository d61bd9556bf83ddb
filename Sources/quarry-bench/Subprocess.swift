import Foundation

/// Timing another program. posix_spawn and wait4 rather than Foundation's Process, whose
/// waitUntilExit can add up to a tenth of a second to what is measured.
enum Subprocess {
    /// Runs a command with its output discarded: its wall time and peak resident memory (KB),
    /// or nil when it could not be started.
    static func run(_ argv: [String]) -> (seconds: Double, peakKB: Int)? {
        var pid: pid_t = 0
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let cArgs = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        let start = ContinuousClock.now
        guard posix_spawn(&pid, argv[0], &actions, nil, cArgs, environ) == 0 else { return nil }
        var status: Int32 = 0
        var usage = rusage()
        wait4(pid, &status, 0, &usage)
        let d = ContinuousClock.now - start
        return (Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18, Int(usage.ru_maxrss))
    }
}
