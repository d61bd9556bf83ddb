import Foundation
import Quarry

/// Finds direct quotations in sentences and who said them.
///
/// A quotation is text between quotation marks of four words or more (shorter ones are scare
/// quotes: “corridor”, “ancestral land”). Its speaker is the actor named nearest a reporting verb
/// outside the marks, a person before a body before a state; "he said" or "she said" takes the
/// last person (else the last actor) named before the sentence. A sentence that says when the
/// words were spoken ("said in January 2023") dates the quote; otherwise the publication does.
struct QuoteFinder {
    let actorsByName: [String: Actor]

    struct SentenceInput {
        let doc: String
        let index: Int
        let text: String
        /// Mentions in this sentence, offsets relative to the sentence.
        let mentions: [(mention: Mention, start: Int, end: Int)]
    }

    /// Quotes in `sentence`; `previous` holds the sentences before it in the document, nearest last.
    func quotes(in sentence: SentenceInput, previous: [SentenceInput], published: QuarryDate?) -> [Quote] {
        let spans = Self.quotedSpans(sentence.text)
        guard !spans.isEmpty else { return [] }
        let scalars = Array(sentence.text.unicodeScalars)
        func text(_ r: Range<Int>) -> String { String(String.UnicodeScalarView(scalars[r])) }
        let long = spans.filter { words(of: text($0)).count >= 4 }
        guard !long.isEmpty else { return [] }

        let outside = Self.outsideText(scalars, spans: spans)
        let verb = Self.reportingVerb(in: outside.text)
        var speaker: Mention?
        var roleNoun: String?
        if let verb {
            let verbOffset = outside.map[verb.lowerBound]
            if Self.pronounBefore(outside.text, verb) {
                (speaker, roleNoun) = antecedent(previous)
            } else {
                let candidates = sentence.mentions.filter { m in
                    m.mention.actor != nil && !spans.contains { $0.contains(m.start) }
                }
                speaker = candidates.min { a, b in
                    let ra = rank(a.mention), rb = rank(b.mention)
                    return ra != rb ? ra < rb : abs(a.start - verbOffset) < abs(b.start - verbOffset)
                }?.mention
            }
        }
        // Unattributed, only a passage long enough to be more than a phrase is a quotation.
        if speaker == nil, !long.contains(where: { words(of: text($0)).count >= 6 }) { return [] }
        let date = (verb == nil ? nil : Self.statedDate(outside.text)) ?? published
        let joined = long.map { text($0) }.joined(separator: " ")
        let actor = speaker.flatMap { actorsByName[$0.actor ?? ""] }
        let detail = roleNoun.map { noun in actor.map { "\(noun) (\($0.name))" } ?? noun }
            ?? speaker.map { actor?.name ?? $0.text }
        return [Quote(speaker: actor?.countedAs, speakerDetail: detail,
                      text: joined, doc: sentence.doc, sentence: sentence.index, date: date)]
    }

    /// Whom "he" or "she" refers to: the nearest earlier sentence that names a person, or that
    /// names an office ("the foreign minister"), whose state is then the one named beside it.
    private func antecedent(_ previous: [SentenceInput]) -> (Mention?, String?) {
        for sentence in previous.suffix(4).reversed() {
            let lower = sentence.text.lowercased()
            if let noun = Self.roleNouns.first(where: { lower.contains("the " + $0) }) {
                let state = sentence.mentions.first { actorsByName[$0.mention.actor ?? ""]?.kind == .state }
                return (state?.mention, "the " + noun)
            }
            if let person = sentence.mentions.last(where: { actorsByName[$0.mention.actor ?? ""]?.kind == .person }) {
                return (person.mention, nil)
            }
        }
        return (previous.last?.mentions.last { $0.mention.actor != nil }?.mention, nil)
    }

    /// Offices that news text names instead of a person.
    static let roleNouns = ["foreign minister", "prime minister", "president", "spokesman", "spokeswoman",
                            "spokesperson", "ambassador", "defense minister", "defence minister", "secretary of state"]

    private func rank(_ mention: Mention) -> Int {
        switch actorsByName[mention.actor ?? ""]?.kind {
        case .person: return 0
        case .organization, .group: return 1
        default: return 2
        }
    }

    /// Ranges inside quotation marks (the marks left out), pairing “ with ” and " with ".
    static func quotedSpans(_ text: String) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        var open: Int?
        for (i, s) in text.unicodeScalars.enumerated() {
            switch s {
            case "\u{201C}": open = i + 1
            case "\u{201D}": if let o = open { spans.append(o..<i); open = nil }
            case "\"": if let o = open { spans.append(o..<i); open = nil } else { open = i + 1 }
            default: break
            }
        }
        return spans
    }

    /// The sentence with its quotations cut out, and a map from its offsets back to the sentence's.
    private static func outsideText(_ scalars: [Unicode.Scalar], spans: [Range<Int>]) -> (text: String, map: [Int]) {
        var view = String.UnicodeScalarView()
        var map: [Int] = []
        for (i, s) in scalars.enumerated() where !spans.contains(where: { $0.contains(i) }) {
            view.append(s)
            map.append(i)
        }
        map.append(scalars.count)
        return (String(view), map)
    }

    static let verbs = ["said", "says", "stated", "told", "explained", "argued", "remarked", "added",
                        "warned", "insisted", "declared", "noted", "wrote", "emphasized", "stressed"]

    /// The scalar range of the first reporting verb, as a whole word.
    private static func reportingVerb(in text: String) -> Range<Int>? {
        let tokens = MentionFinder.tokens(text)
        return tokens.first { verbs.contains($0.text) }.map { $0.start..<$0.end }
    }

    private static func pronounBefore(_ text: String, _ verb: Range<Int>) -> Bool {
        let tokens = MentionFinder.tokens(text)
        guard let at = tokens.firstIndex(where: { $0.start == verb.lowerBound }), at > 0 else { return false }
        return ["he", "she", "He", "She"].contains(tokens[at - 1].text)
    }

    /// "in January 2023", "on May 12, 2021": a date the sentence gives for the words.
    static func statedDate(_ text: String) -> QuarryDate? {
        let tokens = MentionFinder.tokens(text).map(\.text)
        for (i, word) in tokens.enumerated() where i > 0 && ["in", "on"].contains(tokens[i - 1]) {
            guard let month = MonthNames.number(word), i + 1 < tokens.count else { continue }
            if i + 2 < tokens.count, let day = Int(tokens[i + 1]), let year = Int(tokens[i + 2]),
               (1...CivilCalendar.daysIn(year: year, month: month)).contains(day) {
                return .day(year, month, day)
            }
            if let year = Int(tokens[i + 1]), (1000...2999).contains(year) { return .month(year, month) }
        }
        return nil
    }
}
