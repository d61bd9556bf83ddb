/// Regular expressions that run in time linear in the text, whatever the pattern: a Pike VM over
/// Thompson's construction, with no backtracking, so that no user pattern can hang a query.
///
/// Supported: literals, `.`, classes `[a-z]` `[^…]`, `\d \w \s \D \W \S`, escapes, anchors `^ $`,
/// groups `( )` (capturing) and `(?: )`, alternation `|`, quantifiers `* + ?` (greedy, or lazy with
/// a trailing `?`) and `{m}` `{m,}` `{m,n}` up to 1,000 repetitions. Back-references and
/// look-around are refused: they cannot run in linear time.
struct Regex: Sendable {
    /// A pattern that cannot be compiled, and where.
    struct SyntaxError: Error, Sendable, CustomStringConvertible {
        /// What is wrong with the pattern.
        let message: String
        /// Offset in the pattern, in characters.
        let offset: Int
        /// The message and the offset.
        var description: String { "\(message) at offset \(offset)" }
    }

    fileprivate enum Instruction: Sendable {
        case char(Character)
        case any
        case set(CharacterSetMatcher)
        case split(Int, Int)  // first is preferred
        case jump(Int)
        case save(Int)
        case lineStart, lineEnd
        case match
    }

    /// Patterns whose repetitions expand past this many instructions are refused: matching time
    /// grows with the program, and linear in a huge constant is still too slow.
    static let maxProgram = 20_000

    private let program: [Instruction]
    /// The number of capturing groups.
    let groupCount: Int
    private let caseInsensitive: Bool

    /// Compiles a pattern; patterns that cannot run in linear time are refused.
    init(_ pattern: String, caseInsensitive: Bool = false) throws(SyntaxError) {
        var parser = RegexParser(Array(pattern))
        let node = try parser.parse()
        var compiler = RegexCompiler(caseInsensitive: caseInsensitive)
        compiler.emit(.save(0))
        compiler.compile(node)
        compiler.emit(.save(1))
        compiler.emit(.match)
        guard compiler.program.count <= Self.maxProgram else {
            throw SyntaxError(message: "the pattern expands to more than \(Self.maxProgram) steps", offset: 0)
        }
        program = compiler.program
        groupCount = parser.groups
        self.caseInsensitive = caseInsensitive
    }

    /// The first (leftmost) match: the whole match and each group, nil for a group that did not take part.
    func firstMatch(in text: String, anchored: Bool = false) -> [String?]? {
        let chars = Array(text)
        guard let slots = run(chars, anchored: anchored) else { return nil }
        return (0...groupCount).map { g in
            let a = slots[2 * g], b = slots[2 * g + 1]
            return a >= 0 && b >= a ? String(chars[a..<b]) : nil
        }
    }

    /// Whether the pattern occurs anywhere in the text.
    func matches(_ text: String) -> Bool { firstMatch(in: text) != nil }

    private struct Thread {
        var pc: Int
        var slots: [Int]
    }

    private func run(_ text: [Character], anchored: Bool) -> [Int]? {
        let slotCount = 2 * (groupCount + 1)
        var current: [Thread] = []
        var matched: [Int]?
        var position = 0
        while true {
            if matched == nil && (!anchored || position == 0) {
                addThread(&current, Thread(pc: 0, slots: [Int](repeating: -1, count: slotCount)), at: position, in: text)
            }
            if current.isEmpty { break }
            var next: [Thread] = []
            for thread in current {
                switch program[thread.pc] {
                case .match:
                    matched = thread.slots
                    // Lower-priority threads after a match are dropped: leftmost, then by priority.
                    current.removeAll()
                case .char(let c):
                    if position < text.count, equal(text[position], c) {
                        addThread(&next, Thread(pc: thread.pc + 1, slots: thread.slots), at: position + 1, in: text)
                    }
                case .any:
                    if position < text.count, text[position] != "\n" {
                        addThread(&next, Thread(pc: thread.pc + 1, slots: thread.slots), at: position + 1, in: text)
                    }
                case .set(let set):
                    if position < text.count, set.contains(text[position], caseInsensitive: caseInsensitive) {
                        addThread(&next, Thread(pc: thread.pc + 1, slots: thread.slots), at: position + 1, in: text)
                    }
                default:
                    break
                }
                if current.isEmpty { break }
            }
            if position >= text.count { break }
            current = next
            position += 1
            if current.isEmpty && (matched != nil || anchored) { break }
        }
        return matched
    }

    /// Follows jumps, splits, saves and anchors from `thread`, adding the threads that wait on a
    /// character; each program counter enters a step's list once, which bounds the work.
    private func addThread(_ list: inout [Thread], _ thread: Thread, at position: Int, in text: [Character]) {
        var seen = Set(list.map(\.pc))
        var stack = [thread]
        while var t = stack.popLast() {
            guard seen.insert(t.pc).inserted else { continue }
            switch program[t.pc] {
            case .jump(let target):
                stack.append(Thread(pc: target, slots: t.slots))
            case .split(let first, let second):
                stack.append(Thread(pc: second, slots: t.slots))
                stack.append(Thread(pc: first, slots: t.slots))
            case .save(let slot):
                t.slots[slot] = position
                stack.append(Thread(pc: t.pc + 1, slots: t.slots))
            case .lineStart:
                if position == 0 { stack.append(Thread(pc: t.pc + 1, slots: t.slots)) }
            case .lineEnd:
                if position == text.count { stack.append(Thread(pc: t.pc + 1, slots: t.slots)) }
            default:
                list.append(t)
            }
        }
    }

    private func equal(_ a: Character, _ b: Character) -> Bool {
        caseInsensitive ? a.lowercased() == b.lowercased() : a == b
    }

    fileprivate struct RegexCompiler {
        let caseInsensitive: Bool
        var program: [Instruction] = []

        /// Stops growing past the limit; the caller then refuses the pattern.
        var overflowed: Bool { program.count > Regex.maxProgram }

        mutating func emit(_ instruction: Instruction) {
            if !overflowed { program.append(instruction) }
        }

        mutating func compile(_ node: RegexNode) {
            switch node {
            case .empty: break
            case .char(let c): emit(.char(c))
            case .any: emit(.any)
            case .set(let s): emit(.set(s))
            case .start: emit(.lineStart)
            case .end: emit(.lineEnd)
            case .group(let inner, let index):
                if let index { emit(.save(2 * index)) }
                compile(inner)
                if let index { emit(.save(2 * index + 1)) }
            case .concat(let items): for item in items { compile(item) }
            case .alternation(let a, let b):
                let split = program.count
                emit(.split(split + 1, 0))
                compile(a)
                let jump = program.count
                emit(.jump(0))
                program[split] = .split(split + 1, program.count)
                compile(b)
                program[jump] = .jump(program.count)
            case .repeatNode(let inner, let min, let max, let greedy):
                for _ in 0..<min where !overflowed { compile(inner) }
                if let max {
                    for _ in min..<max where !overflowed { optional(inner, greedy: greedy) }
                } else {
                    star(inner, greedy: greedy)
                }
            }
        }

        private mutating func optional(_ inner: RegexNode, greedy: Bool) {
            let split = program.count
            emit(.split(0, 0))
            compile(inner)
            program[split] = greedy ? .split(split + 1, program.count) : .split(program.count, split + 1)
        }

        private mutating func star(_ inner: RegexNode, greedy: Bool) {
            let split = program.count
            emit(.split(0, 0))
            compile(inner)
            emit(.jump(split))
            program[split] = greedy ? .split(split + 1, program.count) : .split(program.count, split + 1)
        }
    }
}

/// A bracket class or an escape such as `\d`.
struct CharacterSetMatcher: Sendable {
    var ranges: [ClosedRange<Character>] = []
    var classes: [Character] = []  // d w s D W S
    var negated = false

    func contains(_ c: Character, caseInsensitive: Bool) -> Bool {
        var hit = test(c)
        if !hit && caseInsensitive {
            hit = test(Character(c.lowercased())) || test(Character(c.uppercased()))
        }
        return hit != negated
    }

    private func test(_ c: Character) -> Bool {
        if ranges.contains(where: { $0.contains(c) }) { return true }
        for cls in classes {
            switch cls {
            case "d": if c.isASCII && c.isNumber { return true }
            case "D": if !(c.isASCII && c.isNumber) { return true }
            case "w": if c.isLetter || c.isNumber || c == "_" { return true }
            case "W": if !(c.isLetter || c.isNumber || c == "_") { return true }
            case "s": if c.isWhitespace { return true }
            case "S": if !c.isWhitespace { return true }
            default: break
            }
        }
        return false
    }
}

indirect enum RegexNode: Sendable {
    case empty
    case char(Character)
    case any
    case set(CharacterSetMatcher)
    case start, end
    case group(RegexNode, Int?)
    case concat([RegexNode])
    case alternation(RegexNode, RegexNode)
    case repeatNode(RegexNode, Int, Int?, Bool)
}

/// Recursive descent over the pattern, with a depth guard.
struct RegexParser {
    let chars: [Character]
    var position = 0
    var groups = 0
    var depth = 0
    static let maxRepeat = 1_000
    static let maxDepth = 100

    init(_ chars: [Character]) { self.chars = chars }

    mutating func parse() throws(Regex.SyntaxError) -> RegexNode {
        let node = try alternation()
        if position < chars.count { throw error("unbalanced ')'") }
        return node
    }

    private func error(_ message: String) -> Regex.SyntaxError { Regex.SyntaxError(message: message, offset: position) }

    private mutating func alternation() throws(Regex.SyntaxError) -> RegexNode {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maxDepth { throw error("pattern nests too deeply") }
        var node = try concatenation()
        while position < chars.count, chars[position] == "|" {
            position += 1
            node = .alternation(node, try concatenation())
        }
        return node
    }

    private mutating func concatenation() throws(Regex.SyntaxError) -> RegexNode {
        var items: [RegexNode] = []
        while position < chars.count, chars[position] != "|", chars[position] != ")" {
            var atom = try self.atom()
            atom = try quantified(atom)
            items.append(atom)
        }
        return items.count == 1 ? items[0] : (items.isEmpty ? .empty : .concat(items))
    }

    private mutating func quantified(_ atom: RegexNode) throws(Regex.SyntaxError) -> RegexNode {
        guard position < chars.count else { return atom }
        var min = 0, max: Int? = nil
        switch chars[position] {
        case "*": position += 1
        case "+": min = 1; position += 1
        case "?": max = 1; position += 1
        case "{":
            guard let (lo, hi) = try braces() else { return atom }
            min = lo; max = hi
        default: return atom
        }
        var greedy = true
        if position < chars.count, chars[position] == "?" { greedy = false; position += 1 }
        if position < chars.count, "*+?".contains(chars[position]) { throw error("nothing to repeat") }
        return .repeatNode(atom, min, max, greedy)
    }

    /// `{m}`, `{m,}`, `{m,n}`; a `{` that starts none of them is a literal.
    private mutating func braces() throws(Regex.SyntaxError) -> (Int, Int?)? {
        var i = position + 1
        func number() -> Int? {
            let start = i
            while i < chars.count, chars[i].isASCII, chars[i].isNumber { i += 1 }
            return i > start ? Int(String(chars[start..<i])) : nil
        }
        guard let lo = number() else { return nil }
        var hi: Int? = lo
        if i < chars.count, chars[i] == "," { i += 1; hi = number() }
        guard i < chars.count, chars[i] == "}" else { return nil }
        position = i + 1
        if lo > Self.maxRepeat || (hi ?? 0) > Self.maxRepeat { throw error("a repetition above \(Self.maxRepeat)") }
        if let hi, hi < lo { throw error("a repetition {m,n} needs m ≤ n") }
        return (lo, hi)
    }

    private mutating func atom() throws(Regex.SyntaxError) -> RegexNode {
        let c = chars[position]
        position += 1
        switch c {
        case ".": return .any
        case "^": return .start
        case "$": return .end
        case "(":
            var index: Int? = nil
            if position + 1 < chars.count, chars[position] == "?" {
                guard chars[position + 1] == ":" else { throw error("look-around and other (? groups are not supported") }
                position += 2
            } else {
                groups += 1
                index = groups
            }
            let inner = try alternation()
            guard position < chars.count, chars[position] == ")" else { throw error("missing ')'") }
            position += 1
            return .group(inner, index)
        case "[": return .set(try bracket())
        case "\\": return try escape(inClass: false).node
        case "*", "+", "?": throw error("nothing to repeat")
        default: return .char(c)
        }
    }

    private mutating func escape(inClass: Bool) throws(Regex.SyntaxError) -> (node: RegexNode, char: Character?) {
        guard position < chars.count else { throw error("a trailing backslash") }
        let c = chars[position]
        position += 1
        switch c {
        case "d", "w", "s", "D", "W", "S":
            return (.set(CharacterSetMatcher(classes: [c])), nil)
        case "n": return (.char("\n"), "\n")
        case "t": return (.char("\t"), "\t")
        case "r": return (.char("\r"), "\r")
        case "1"..."9": throw error("back-references are not supported")
        default:
            if c.isLetter || c.isNumber { throw error("unknown escape '\\\(c)'") }
            return (.char(c), c)
        }
    }

    private mutating func bracket() throws(Regex.SyntaxError) -> CharacterSetMatcher {
        var set = CharacterSetMatcher()
        if position < chars.count, chars[position] == "^" { set.negated = true; position += 1 }
        var first = true
        while position < chars.count, chars[position] != "]" || first {
            first = false
            var low: Character
            if chars[position] == "\\" {
                position += 1
                let (node, char) = try escape(inClass: true)
                guard let char else {
                    if case .set(let inner) = node { set.classes += inner.classes }
                    continue
                }
                low = char
            } else {
                low = chars[position]
                position += 1
            }
            if position + 1 < chars.count, chars[position] == "-", chars[position + 1] != "]" {
                position += 1
                var high = chars[position]
                position += 1
                if high == "\\", position < chars.count { high = chars[position]; position += 1 }
                guard low <= high else { throw error("a class range out of order") }
                set.ranges.append(low...high)
            } else {
                set.ranges.append(low...low)
            }
        }
        guard position < chars.count else { throw error("missing ']'") }
        position += 1
        return set
    }
}
