import CTextSearch

/// A `where` condition made of tests of single fields against constants, joined by `and`, `or`
/// and `not`: a form the column kernels can decide for all rows of a table at once.
///
/// Each test answers exactly what the interpreter would for one value (the same
/// `ValueOperations`), so the kernels differ from row-by-row evaluation in speed only. A string
/// column is decided once per distinct string, not once per row.
indirect enum ColumnPredicate: Sendable {
    /// True when every part is (`and`), however many.
    case all([ColumnPredicate])
    /// True when some part is (`or`), however many.
    case any([ColumnPredicate])
    case not(ColumnPredicate)
    case test(field: String, ColumnTest)

    /// The positions of the rows for which the condition is true, in order; nil when the table
    /// lacks a field the condition reads (the interpreter then decides row by row).
    func select(in table: Table, positions: [Int]?) -> [Int]? {
        guard let truths = truths(in: table, positions: positions) else { return nil }
        var kept: [Int] = []
        if let positions {
            for (i, truth) in truths.enumerated() where truth == Truth.yes { kept.append(positions[i]) }
        } else {
            for (i, truth) in truths.enumerated() where truth == Truth.yes { kept.append(i) }
        }
        return kept
    }

    /// EQL's three values, one byte per row.
    enum Truth {
        static let no: UInt8 = 0, yes: UInt8 = 1, unknown: UInt8 = 2

        static func of(_ value: Value) -> UInt8 {
            value.truth.map { $0 ? yes : no } ?? unknown
        }
    }

    private func truths(in table: Table, positions: [Int]?) -> [UInt8]? {
        switch self {
        case .all(let parts), .any(let parts):
            // Kleene's logic: for `and`, false wins, then unknown; for `or`, true wins, then unknown.
            let decisive = { if case .all = self { return Truth.no } else { return Truth.yes } }()
            guard var result = parts.first?.truths(in: table, positions: positions) else { return nil }
            for part in parts.dropFirst() {
                guard let next = part.truths(in: table, positions: positions) else { return nil }
                for i in result.indices {
                    let (p, q) = (result[i], next[i])
                    result[i] = p == decisive || q == decisive ? decisive : p == Truth.unknown || q == Truth.unknown ? Truth.unknown : p
                }
            }
            return result
        case .not(let a):
            return a.truths(in: table, positions: positions)?.map { $0 == Truth.unknown ? $0 : 1 - $0 }
        case .test(let field, let test):
            guard let index = table.schema.index(of: field) else { return nil }
            return test.truths(of: table.columns[index], positions: positions)
        }
    }
}

/// A test of one field's value against constants.
struct ColumnTest: Sendable {
    /// What the interpreter answers for one value of the field.
    let answer: @Sendable (Value) -> Value
    /// For a wildcard pattern: a piece of it that every match contains, ASCII, in lower case,
    /// and the answer for a string that lacks it. Lets a large string column be searched as one
    /// buffer; every string that does contain it is still decided by `answer`.
    let requiredText: (bytes: [UInt8], answerWithout: Value)?
    /// The same answer for a whole number that is not null, as a plain test: lets a column of
    /// whole numbers be decided without making a value per row.
    var wholeNumberTest: (@Sendable (Int) -> Bool)? = nil
    /// Makes the same answer for a date that is not null: lets a column of dates be decided
    /// without making a value per row. Made only for a column of dates, since reading the
    /// constant as a date (it may be text) costs more than the test of a short column.
    var dateTest: (@Sendable () -> (@Sendable (QuarryDate) -> Value)?)? = nil

    func truths(of column: Column, positions: [Int]?) -> [UInt8] {
        let count = positions?.count ?? column.count
        var out = [UInt8](repeating: 0, count: count)
        if case .strings(let strings) = column.storage, strings.entries.count <= count {
            // Decide each distinct string once, then look the rows up.
            let perEntry = entryTruths(strings)
            let ifNull = ColumnPredicate.Truth.of(answer(.null))
            strings.codes.withUnsafeBufferPointer { codes in
                for i in 0..<count {
                    let code = codes[positions?[i] ?? i]
                    out[i] = code < 0 ? ifNull : perEntry[Int(code)]
                }
            }
            return out
        }
        if case .ints(let values, let present) = column.storage, let test = wholeNumberTest {
            let ifNull = ColumnPredicate.Truth.of(answer(.null))
            values.withUnsafeBufferPointer { values in
                for i in 0..<count {
                    let row = positions?[i] ?? i
                    out[i] = present?[row] == false ? ifNull : test(values[row]) ? 1 : 0
                }
            }
            return out
        }
        if case .dates(let values, let present) = column.storage, let test = dateTest?() {
            let ifNull = ColumnPredicate.Truth.of(answer(.null))
            for i in 0..<count {
                let row = positions?[i] ?? i
                out[i] = present?[row] == false ? ifNull : ColumnPredicate.Truth.of(test(values[row]))
            }
            return out
        }
        for i in 0..<count {
            out[i] = ColumnPredicate.Truth.of(answer(column[positions?[i] ?? i]))
        }
        return out
    }

    private func entryTruths(_ strings: StringDictionary) -> [UInt8] {
        guard let requiredText, strings.entries.count > 256 else {
            return strings.entries.map { ColumnPredicate.Truth.of(answer(.string($0))) }
        }
        var out = [UInt8](repeating: ColumnPredicate.Truth.of(requiredText.answerWithout), count: strings.entries.count)
        for entry in Self.entries(of: strings, containing: requiredText.bytes) {
            out[entry] = ColumnPredicate.Truth.of(answer(.string(strings.entries[entry])))
        }
        return out
    }

    /// The entries whose folded text contains `needle`, found by `memmem` over the whole buffer.
    private static func entries(of strings: StringDictionary, containing needle: [UInt8]) -> [Int] {
        var found: [Int] = []
        let (folded, starts) = strings.foldedText()
        folded.withUnsafeBytes { hay in
            needle.withUnsafeBytes { pin in
                guard let base = hay.baseAddress, let pattern = pin.baseAddress else { return }
                var from = 0
                var entry = 0
                while from < hay.count,
                      let hit = quarry_find_bytes(base + from, hay.count - from, pattern, pin.count) {
                    let at = base.distance(to: UnsafeRawPointer(hit))
                    // The entry the hit starts in: the last whose start is at or before it.
                    var low = entry, high = starts.count - 2
                    while low < high {
                        let mid = (low + high + 1) / 2
                        if starts[mid] <= at { low = mid } else { high = mid - 1 }
                    }
                    entry = low
                    found.append(entry)
                    // A hit that runs past its entry's end cannot hide a later one inside it.
                    entry += 1
                    from = starts[entry]
                }
            }
        }
        return found
    }
}
