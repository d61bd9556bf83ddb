import Quarry
import Testing

/// `arraySearch` and `arrayCount` name each item of an array; nested, each name has its own
/// place, even when an inner one hides an outer one of the same name.
@Suite("Array quantifiers")
struct ArrayQuantifierTests {
    static func value(_ expression: String) throws -> Value {
        let result = try Engine().run("let xs = [1, 2]\nlet ys = [10, 20]\nlet zs = [20, 30]\n\(expression)")
        return try #require(result.outputs.last).value
    }

    @Test("An inner name that hides an outer one does not share its place with a later name")
    func shadowing() throws {
        // The inner `a` is 10 or 20; `b` is 20 or 30: true only when `a == b` compares the two.
        #expect(try Self.value("arraySearch(xs, a, arraySearch(ys, a, arraySearch(zs, b, a == b)))") == .bool(true))
        #expect(try Self.value("arrayCount(ys, a, arraySearch(zs, b, a == b))") == .int(1))
        #expect(try Self.value("arraySearch(xs, a, arraySearch(ys, a, arraySearch(zs, b, b == 30 and a == 10)))") == .bool(true))
        #expect(try Self.value("arraySearch(xs, a, arraySearch(ys, a, arraySearch(zs, b, a == 1)))") == .bool(false))
    }
}
