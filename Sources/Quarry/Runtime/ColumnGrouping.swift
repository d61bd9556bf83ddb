/// Counting rows by the value of one string field, on the column's codes: each distinct string
/// is folded and looked up once, then every row costs an array read.
enum ColumnGrouping {
    /// The groups of the rows by the column's value, in the order they first appear, each with the
    /// value of its first row and its number of rows: what grouping row by row with
    /// `ValueOperations.groupingKey` gives. Nil when the column is not dictionary-encoded.
    static func countByValue(_ column: Column, positions: [Int]?, _ ops: ValueOperations)
        -> (keys: [Value], counts: [Int])? {
        guard case .strings(let strings) = column.storage else { return nil }
        var groupOfCode = [Int](repeating: -1, count: strings.entries.count)
        var groupOfKey: [Value: Int] = [:]
        var keys: [Value] = []
        var counts: [Int] = []
        var nullGroup = -1
        func group(_ code: Int32) -> Int {
            if code < 0 {
                if nullGroup < 0 { nullGroup = newGroup(.null, folded: .null) }
                return nullGroup
            }
            let c = Int(code)
            if groupOfCode[c] < 0 {
                let value = Value.string(strings.entries[c])
                groupOfCode[c] = groupOfKey[ops.groupingKey(value)] ?? newGroup(value, folded: ops.groupingKey(value))
            }
            return groupOfCode[c]
        }
        func newGroup(_ value: Value, folded: Value) -> Int {
            groupOfKey[folded] = keys.count
            keys.append(value)
            counts.append(0)
            return keys.count - 1
        }
        strings.codes.withUnsafeBufferPointer { codes in
            if let positions {
                for row in positions {
                    let g = group(codes[row])
                    counts[g] += 1
                }
            } else {
                for code in codes {
                    let g = group(code)
                    counts[g] += 1
                }
            }
        }
        return (keys, counts)
    }
}
