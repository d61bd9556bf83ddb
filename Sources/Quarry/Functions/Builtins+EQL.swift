import Foundation

/// The built-in functions. Like EQL's, they return null rather than fail when an argument is null
/// or of the wrong kind at run time; the checker rejects literal arguments of the wrong kind.
enum Builtins {
    typealias Body = @Sendable ([Value], ValueOperations) throws(FunctionError) -> Value

    static func function(_ name: String, _ min: Int, _ max: Int?, _ summary: String, returns: StaticType,
                         pure: Bool = true, _ body: @escaping Body) -> QuarryFunction {
        QuarryFunction(name, min: min, max: max, summary: summary, pure: pure, returns: { _ in returns }, body)
    }

    static func math(_ name: String, _ op: ValueOperations.Arithmetic, _ summary: String) -> QuarryFunction {
        QuarryFunction(name, min: 2, max: 2, summary: summary, returns: { types in
            types.allSatisfy { $0 == .int } ? .int : .any
        }) { args, ops in
            guard args[0].keyed.number != nil, args[1].keyed.number != nil else { return .null }
            return ops.arithmetic(op, args[0], args[1])
        }
    }

    /// EQL's 23 functions.
    static let eql: [QuarryFunction] = [
        math("add", .add, "add(a, b)  a + b"),
        math("subtract", .subtract, "subtract(a, b)  a - b"),
        math("multiply", .multiply, "multiply(a, b)  a * b"),
        math("divide", .divide, "divide(a, b)  a / b (whole numbers divide to a whole number)"),
        math("modulo", .modulo, "modulo(a, b)  the remainder of a / b"),
        function("between", 3, 5, "between(s, left, right[, greedy])  the text between two substrings", returns: .string) { args, ops in
            guard case .string(let source) = args[0].keyed, case .string(let left) = args[1].keyed,
                  case .string(let right) = args[2].keyed else { return .null }
            let greedy = args.count > 3 && args[3].isTrue
            let hay = foldedScalars(source, ops), l = foldedScalars(left, ops), r = foldedScalars(right, ops)
            let chars = scalars(source)
            guard let first = search(l, in: hay, from: 0) else { return .null }
            let start = first + l.count
            let end = greedy ? searchLast(r, in: hay, from: start) : search(r, in: hay, from: start)
            guard let end else { return .null }
            return .string(text(chars[start..<end]))
        },
        function("cidrMatch", 2, nil, "cidrMatch(ip, cidr, …)  whether an IPv4 or IPv6 address lies in any range", returns: .bool) { args, _ in
            guard case .string(let ip) = args[0].keyed, let address = IPAddress(ip) else { return .null }
            for cidr in args.dropFirst() {
                guard case .string(let text) = cidr.keyed else { continue }
                if IPAddress.cidr(text)?.contains(address) == true { return .bool(true) }
            }
            return .bool(false)
        },
        function("concat", 1, nil, "concat(a, b, …)  the values joined as text; null if any is null", returns: .string) { args, _ in
            var out = ""
            for arg in args {
                if arg.isNull { return .null }
                out += textOf(arg)
            }
            return .string(out)
        },
        function("endsWith", 2, 2, "endsWith(s, suffix)", returns: .bool) { args, ops in
            guard case .string(let s) = args[0].keyed, case .string(let x) = args[1].keyed else { return .null }
            return .bool(TextSearch.ends(s, with: x, ops))
        },
        function("startsWith", 2, 2, "startsWith(s, prefix)", returns: .bool) { args, ops in
            guard case .string(let s) = args[0].keyed, case .string(let x) = args[1].keyed else { return .null }
            return .bool(TextSearch.starts(s, with: x, ops))
        },
        function("stringContains", 2, 2, "stringContains(s, part)", returns: .bool) { args, ops in
            guard case .string(let s) = args[0].keyed, case .string(let x) = args[1].keyed else { return .null }
            return .bool(x.isEmpty || TextSearch.first(x, in: s, from: 0, ops) != nil)
        },
        function("indexOf", 2, 3, "indexOf(s, part[, start])  where part first occurs, from 0", returns: .int) { args, ops in
            guard case .string(let s) = args[0].keyed, case .string(let x) = args[1].keyed else { return .null }
            var start = 0
            if args.count > 2 {
                guard case .int(let n) = args[2].keyed else { return args[2].isNull ? indexOf(s, x, 0, ops) : .null }
                start = n
            }
            return indexOf(s, x, start, ops)
        },
        function("length", 1, 1, "length(x)  characters (code points) of a string, items of an array", returns: .int) { args, _ in
            switch args[0].keyed {
            case .string(let s): return .int(codePointCount(s))
            case .array(let a): return .int(a.count)
            case .record(let r): return .int(r.names.count)
            case .table(let t): return .int(t.count)
            default: return .null
            }
        },
        function("match", 2, nil, "match(s, regex, …)  whether s matches any regex from its start", returns: .bool) { (args, ops) throws(FunctionError) -> Value in
            try regexMatch(args, ops)
        },
        function("matchLite", 2, nil, "matchLite(s, regex, …)  match() for simple patterns", returns: .bool) { (args, ops) throws(FunctionError) -> Value in
            try regexMatch(args, ops)
        },
        function("wildcard", 2, nil, "wildcard(s, pattern, …)  whether s matches any * pattern", returns: .bool) { args, ops in
            guard case .string(let s) = args[0].keyed else { return .null }
            for pattern in args.dropFirst() {
                guard case .string(let p) = pattern.keyed else { continue }
                if Wildcard(p, caseSensitive: ops.caseSensitive).matches(s) { return .bool(true) }
            }
            return .bool(false)
        },
        function("number", 1, 2, "number(s[, base])  a string read as a number", returns: .any) { args, _ in
            guard case .string(let s) = args[0].keyed else { return .null }
            let base: Int? = args.count > 1 ? (args[1].keyed.number.flatMap { $0.isFinite && $0 >= 2 && $0 <= 36 ? Int($0) : nil }) : nil
            if args.count > 1 && base == nil && !args[1].isNull { return .null }
            return parseNumber(s, base: base)
        },
        function("string", 1, 1, "string(x)  x as text", returns: .string) { args, _ in
            args[0].isNull ? .null : .string(textOf(args[0]))
        },
        function("substring", 1, 3, "substring(s, start[, end])  characters (code points) start..<end; negatives count from the end", returns: .string) { args, _ in
            guard case .string(let s) = args[0].keyed else { return .null }
            func bound(_ i: Int) -> Int? {
                guard i < args.count else { return nil }
                if case .int(let n) = args[i].keyed { return n }
                return nil
            }
            let chars = scalars(s)
            let (a, b) = pythonSlice(bound(1), bound(2), chars.count)
            return .string(a < b ? text(chars[a..<b]) : "")
        },
        function("arrayContains", 2, nil, "arrayContains(array, value, …)  whether the array holds any value", returns: .bool) { args, ops in
            guard case .array(let items) = args[0].keyed else { return .null }
            for item in items {
                for value in args.dropFirst() where ops.sameKey(item, value) { return .bool(true) }
            }
            return .bool(false)
        },
    ]

    static func textOf(_ value: Value) -> String {
        switch value.keyed {
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        default: return value.description
        }
    }

    static func indexOf(_ s: String, _ x: String, _ start: Int, _ ops: ValueOperations) -> Value {
        // A place past the end finds nothing, the empty text included: the text is read once.
        let from = start < 0 ? max(0, codePointCount(s) + start) : start
        return TextSearch.first(x, in: s, from: from, ops).map { .int($0) } ?? .null
    }

    static func search(_ needle: [UInt32], in hay: [UInt32], from: Int) -> Int? {
        guard !needle.isEmpty else { return from <= hay.count ? from : nil }
        var i = max(0, from)
        while i + needle.count <= hay.count {
            if matches(needle, in: hay, at: i) { return i }
            i += 1
        }
        return nil
    }

    static func searchLast(_ needle: [UInt32], in hay: [UInt32], from: Int) -> Int? {
        var i = hay.count - needle.count
        while i >= from {
            if matches(needle, in: hay, at: i) { return i }
            i -= 1
        }
        return nil
    }

    /// Whether `needle` lies in `hay` at `place`, compared item by item (no copy of the slice).
    static func matches(_ needle: [UInt32], in hay: [UInt32], at place: Int) -> Bool {
        for j in needle.indices where hay[place + j] != needle[j] { return false }
        return true
    }

    /// Python's slice bounds: negatives count from the end, and everything clamps.
    static func pythonSlice(_ start: Int?, _ end: Int?, _ count: Int) -> (Int, Int) {
        func clamp(_ i: Int) -> Int { i < 0 ? max(0, count + i) : min(i, count) }
        return (clamp(start ?? 0), clamp(end ?? count))
    }

    static func regexMatch(_ args: [Value], _ ops: ValueOperations) throws(FunctionError) -> Value {
        guard case .string(let s) = args[0].keyed else { return .null }
        var patterns: [String] = []
        for arg in args.dropFirst() {
            guard case .string(let p) = arg.keyed else { continue }
            patterns.append(p)
        }
        let regex: Regex
        do {
            regex = try Regex(patterns.joined(separator: "|"), caseInsensitive: !ops.caseSensitive)
        } catch {
            throw FunctionError("invalid regular expression: \(error)")
        }
        return .bool(regex.firstMatch(in: s, anchored: true) != nil)
    }

    static func parseNumber(_ s: String, base: Int?) -> Value {
        if s.split(separator: ".", omittingEmptySubsequences: false).count == 2, base == nil || base == 10 {
            return Double(s).map { .double($0) } ?? .null
        }
        if s.hasPrefix("0x"), base == nil || base == 16 {
            return Int(s.dropFirst(2), radix: 16).map { .int($0) } ?? .null
        }
        let digits = s.drop { $0 == "-" || $0 == "+" }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return .null }
        return Int(s, radix: base ?? 10).map { .int($0) } ?? .null
    }

    /// Text is counted, cut and searched by code points, as EQL (Python), PostgreSQL and Spark do,
    /// so that a query gives the same answer in memory and in a database: "\r\n" is two, and
    /// "e" with a combining accent is two.
    static func scalars(_ s: String) -> [Unicode.Scalar] { Array(s.unicodeScalars) }

    /// Each code point of the text, folded on its own when case is ignored: one item per code
    /// point of the original, so that a place found in the folded text is a place in the text.
    /// A letter whose lower case is several code points ("İ") stands for itself, marked.
    static func foldedScalars(_ s: String, _ ops: ValueOperations) -> [UInt32] {
        var folded: [UInt32] = []
        folded.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            let v = scalar.value
            if ops.caseSensitive || v < 0x41 {
                folded.append(v)
            } else if v < 0x80 {
                folded.append(v <= 0x5A ? v + 0x20 : v)
            } else {
                let lower = scalar.properties.lowercaseMapping.unicodeScalars
                folded.append(lower.count == 1 ? lower.first!.value : v | 0x8000_0000)
            }
        }
        return folded
    }

    static func text(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    /// The number of code points: the bytes of UTF-8 that start one.
    static func codePointCount(_ s: String) -> Int {
        var text = s
        return text.withUTF8 { bytes in
            var count = 0
            for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
            return count
        }
    }
}
