import Foundation
@testable import Quarry
import Testing

@Suite("Reading one field's text")
struct TextFieldTests {
    @Test("Simple decimals read on the fast path are the double strtod reads, bit for bit")
    func fastDecimalsAreExact() {
        var generator = Seeded(state: 907)
        var checked = 0
        for _ in 0..<200_000 {
            let whole = Int.random(in: 0...99_999_999, using: &generator)
            let places = Int.random(in: 0...7, using: &generator)
            let fraction = Int.random(in: 0...9_999_999, using: &generator)
            let sign = Bool.random(using: &generator) ? "-" : ""
            let text = places == 0 ? "\(sign)\(whole)" : "\(sign)\(whole).\(String(String(fraction).prefix(places)))"
            let fast = Array(text.utf8).withUnsafeBytes { TextField.simpleDecimal($0) }
            guard let fast else { continue }
            #expect(fast.bitPattern == Double(text)!.bitPattern, "\(text)")
            checked += 1
        }
        #expect(checked > 150_000)
        for text in ["0.1", "-0.0", "1.", ".5", "123456789012345", "40.177200"] {
            let fast = Array(text.utf8).withUnsafeBytes { TextField.simpleDecimal($0) }
            #expect(fast?.bitPattern == Double(text)?.bitPattern, "\(text)")
        }
        for text in ["1234567890123456", "1e5", "1.2.3", "-", ".", "", "12a"] {
            #expect(Array(text.utf8).withUnsafeBytes { TextField.simpleDecimal($0) } == nil, "\(text)")
        }
    }
}
