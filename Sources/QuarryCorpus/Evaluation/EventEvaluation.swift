import Foundation
import Quarry

/// How well coded events agree with gold: an event is found when a coded event's sentence
/// contains the gold evidence (after NFKC, lower case, straight quotes and collapsed spaces) with
/// the same actor and type. Each gold event is found at most once.
public struct EventEvaluation: Sendable {
    /// Precision, recall and F1 over counts of hits, coded and gold events.
    public struct Score: Sendable, Equatable {
        public var hits: Int
        public var coded: Int
        public var gold: Int
        public var precision: Double { coded == 0 ? 0 : Double(hits) / Double(coded) }
        public var recall: Double { gold == 0 ? 0 : Double(hits) / Double(gold) }
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    }

    /// On (sentence, actor, type).
    public var events: Score
    /// On (sentence, actor): who acted, whatever the type.
    public var actors: Score
    /// Per PLOVER type, on (sentence, actor, type).
    public var byType: [EventType: Score]
    /// Among matches whose gold date was written in the text: how many coded dates lie within
    /// the gold interval, and how many equal it.
    public var datesScored: Int
    public var datesWithin: Int
    public var datesExact: Int
    /// Publication dates: document, gold, found, whether the found date contains the gold one.
    public var publications: [(doc: String, gold: QuarryDate?, found: QuarryDate?, right: Bool)]
    /// Coded events and the gold events they matched.
    public var matches: [(coded: Event, gold: GoldEvent)]
    /// Gold events no coded event matched.
    public var misses: [GoldEvent]
    /// Coded events that matched no gold event.
    public var falseAlarms: [Event]

    public init(coded: [Event], gold: [GoldEvent], publications: [(doc: String, gold: QuarryDate?, found: QuarryDate?)] = []) {
        let docs = Set(gold.map(\.doc))
        let coded = coded.filter { docs.contains($0.doc) }
        let goldEvidence = gold.map { Self.normalized($0.evidence) }
        let codedEvidence = coded.map { Self.normalized($0.evidence) }
        func match(_ sameType: Bool) -> [(coded: Int, gold: Int)] {
            var used = [Bool](repeating: false, count: gold.count)
            var pairs: [(Int, Int)] = []
            for (c, event) in coded.enumerated() {
                let g = gold.indices.first { g in
                    !used[g] && gold[g].doc == event.doc && gold[g].actor == event.actor
                        && (!sameType || gold[g].type == event.type) && codedEvidence[c].contains(goldEvidence[g])
                }
                if let g { used[g] = true; pairs.append((c, g)) }
            }
            return pairs
        }
        let typed = match(true)
        events = Score(hits: typed.count, coded: coded.count, gold: gold.count)
        actors = Score(hits: match(false).count, coded: coded.count, gold: gold.count)
        var byType: [EventType: Score] = [:]
        for type in EventType.allCases {
            let hits = typed.filter { coded[$0.coded].type == type }.count
            let c = coded.filter { $0.type == type }.count
            let g = gold.filter { $0.type == type }.count
            if c + g > 0 { byType[type] = Score(hits: hits, coded: c, gold: g) }
        }
        self.byType = byType
        var scored = 0, within = 0, exact = 0
        for pair in typed {
            guard gold[pair.gold].dateIsScored, let expected = gold[pair.gold].date else { continue }
            let got = coded[pair.coded].date
            scored += 1
            if Self.lies(got, within: expected) { within += 1 }
            if got.start == expected.start && got.end == expected.end { exact += 1 }
        }
        datesScored = scored
        datesWithin = within
        datesExact = exact
        self.publications = publications.map { p in
            let right = p.gold.flatMap { g in p.found.map { f in f.start <= g.start && g.end <= f.end } } ?? false
            return (p.doc, p.gold, p.found, right)
        }
        let matchedGold = Set(typed.map(\.gold))
        let matchedCoded = Set(typed.map(\.coded))
        matches = typed.map { (coded[$0.coded], gold[$0.gold]) }
        misses = gold.indices.filter { !matchedGold.contains($0) }.map { gold[$0] }
        falseAlarms = coded.indices.filter { !matchedCoded.contains($0) }.map { coded[$0] }
    }

    /// Whether a coded date lies within the gold one: what "the date is right" means here.
    static func lies(_ coded: QuarryDate, within gold: QuarryDate) -> Bool {
        coded.start >= gold.start && coded.end <= gold.end
    }

    /// NFKC, lower case, straight quotes, one space for any run of spaces.
    public static func normalized(_ text: String) -> String {
        var out = ""
        var space = false
        for ch in text.precomposedStringWithCompatibilityMapping.lowercased() {
            var c = ch
            if "\u{2018}\u{2019}\u{201B}\u{2032}".contains(c) { c = "'" }
            if "\u{201C}\u{201D}\u{201F}\u{2033}".contains(c) { c = "\"" }
            if c.isWhitespace { space = true; continue }
            if space && !out.isEmpty { out.append(" ") }
            space = false
            out.append(c)
        }
        return out
    }
}
