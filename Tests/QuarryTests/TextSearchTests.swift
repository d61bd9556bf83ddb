@testable import Quarry
import Testing

/// The bytes of ASCII text are searched as its code points are: both ways agree.
struct TextSearchTests {
    static let alphabet: [Character] = ["a", "B", "b", "A", "z", " ", "%", "Z"]

    @Test("Searching ASCII bytes finds what searching folded code points finds, with and without case")
    func asciiAgreesWithCodePoints() {
        var state: UInt64 = 7
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        func text(_ length: Int) -> String { String((0..<length).map { _ in Self.alphabet[next(Self.alphabet.count)] }) }
        for caseSensitive in [false, true] {
            let ops = ValueOperations(caseSensitive: caseSensitive)
            for _ in 0..<2000 {
                let (hay, needle, from) = (text(next(12)), text(next(4)), next(6))
                let scalars = Builtins.search(Builtins.foldedScalars(needle, ops), in: Builtins.foldedScalars(hay, ops), from: from)
                #expect(TextSearch.first(needle, in: hay, from: from, ops) == scalars, "\(needle) in \(hay) from \(from)")
                let folded = (Builtins.foldedScalars(hay, ops), Builtins.foldedScalars(needle, ops))
                #expect(TextSearch.starts(hay, with: needle, ops) == folded.0.starts(with: folded.1))
                #expect(TextSearch.ends(hay, with: needle, ops) == folded.0.reversed().starts(with: folded.1.reversed()))
            }
        }
    }

    @Test("Other text is searched by code points, each folded on its own")
    func otherText() {
        let ops = ValueOperations(caseSensitive: false)
        #expect(TextSearch.first("ärm", in: "ÄRMENIA", from: 0, ops) == 0)
        #expect(TextSearch.first("x", in: "İx", from: 0, ops) == 1)
        #expect(TextSearch.first("t", in: "e\u{301}t", from: 0, ops) == 2)
        #expect(TextSearch.starts("e\u{301}", with: "e", ops))
        #expect(!TextSearch.ends("Straße", with: "SSE", ops))
    }
}
