/// Marks repeated paragraphs: exact and near copies (word 3-gram shingles, Jaccard ≥ 0.8), and
/// pull quotes (a short paragraph nearly all of whose shingles stand in a longer one).
///
/// The first copy stays as it is; a later copy points back to it with `duplicateOf` and takes the
/// `duplicate` role, so that the body is counted once. A pull quote points to the paragraph it
/// was lifted from and takes the `pullquote` role.
struct DuplicateDetector {
    var nearThreshold = 0.8
    var containmentThreshold = 0.9

    func mark(_ paragraphs: inout [Paragraph]) {
        let candidates = paragraphs.indices.filter { paragraphs[$0].role == .body }
        let shingles = Dictionary(uniqueKeysWithValues: candidates.map { ($0, Self.shingles(paragraphs[$0].text)) })
        for (position, later) in candidates.enumerated() {
            let mine = shingles[later]!
            guard !mine.isEmpty else { continue }
            for earlier in candidates[..<position] where paragraphs[earlier].duplicateOf == nil {
                let theirs = shingles[earlier]!
                let shared = mine.intersection(theirs).count
                let union = mine.count + theirs.count - shared
                if Double(shared) / Double(max(union, 1)) >= nearThreshold {
                    paragraphs[later].duplicateOf = earlier
                    paragraphs[later].role = .duplicate
                    break
                }
            }
        }
        // Pull quotes: checked in both directions, since a magazine may set one before its source.
        for short in candidates where paragraphs[short].duplicateOf == nil {
            let mine = shingles[short]!
            guard !mine.isEmpty else { continue }
            for long in candidates where long != short && paragraphs[long].duplicateOf == nil {
                let theirs = shingles[long]!
                guard theirs.count >= mine.count * 2 else { continue }
                if Double(mine.intersection(theirs).count) / Double(mine.count) >= containmentThreshold {
                    paragraphs[short].duplicateOf = long
                    paragraphs[short].role = .pullquote
                    break
                }
            }
        }
    }

    /// Lower-cased word 3-grams, hashed.
    static func shingles(_ text: String) -> Set<Int> {
        let list = words(of: text, lowercased: true)
        guard list.count >= 3 else { return list.isEmpty ? [] : [list.joined(separator: " ").hashValue] }
        var result = Set<Int>()
        for i in 0...(list.count - 3) {
            var hasher = Hasher()
            hasher.combine(list[i]); hasher.combine(list[i + 1]); hasher.combine(list[i + 2])
            result.insert(hasher.finalize())
        }
        return result
    }
}
