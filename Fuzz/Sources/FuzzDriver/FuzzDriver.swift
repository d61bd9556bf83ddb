import Foundation

/// libFuzzer's driver, linked in by `-sanitize=fuzzer`.
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(_ argc: UnsafeMutablePointer<CInt>,
                       _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                       _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// The test of the running harness: libFuzzer's C callback can capture nothing, so it reads it here.
nonisolated(unsafe) private var test: ((UnsafeRawBufferPointer) -> Void)?

/// Hands libFuzzer the harness's test and runs it with the command line's options: called from
/// each harness's own entry point (SwiftPM names that; a `main` of libFuzzer's would not be used).
public func fuzz(_ body: @escaping (UnsafeRawBufferPointer) -> Void) -> Never {
    test = body
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(runDriver(&argc, &argv) { data, count in
        test?(UnsafeRawBufferPointer(start: data, count: count))
        return 0
    })
}
