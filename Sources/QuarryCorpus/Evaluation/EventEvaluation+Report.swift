import Foundation
import Quarry

extension EventEvaluation {
    /// The evaluation as text: the scores, per type, dates, publication dates, then the misses
    /// and false alarms (at most `listed` of each; all with nil).
    public func report(title: String, listed: Int? = 40) -> String {
        func pct(_ x: Double) -> String { String(format: "%.2f", x) }
        func row(_ name: String, _ s: Score) -> String {
            name.padding(toLength: 26, withPad: " ", startingAt: 0)
                + "\(pct(s.precision))      \(pct(s.recall))   \(pct(s.f1))   \(String(format: "%4d %6d %5d", s.hits, s.coded, s.gold))"
        }
        var out = "== \(title)\n"
        out += "                          precision recall  F1     hits  coded  gold\n"
        out += row("(sentence, actor, type)", events) + "\n"
        out += row("(sentence, actor)", actors) + "\n"
        out += "\nper type (sentence, actor, type)\n"
        for type in EventType.allCases {
            guard let s = byType[type] else { continue }
            out += row("  " + type.rawValue, s) + "\n"
        }
        if datesScored > 0 {
            out += "\ndates, on the \(datesScored) matches whose gold date the text gives: "
            out += "\(datesWithin) within the gold interval (\(pct(Double(datesWithin) / Double(datesScored)))), "
            out += "\(datesExact) exactly (\(pct(Double(datesExact) / Double(datesScored))))\n"
        }
        if !publications.isEmpty {
            let right = publications.filter(\.right).count
            out += "\npublication dates: \(right) of \(publications.count) right (found as given, or a range containing it)\n"
            for p in publications {
                out += "  \(p.right ? "ok  " : "MISS") \(p.doc)  gold \(p.gold.map(String.init(describing:)) ?? "-")  found \(p.found.map(String.init(describing:)) ?? "none")\n"
            }
        }
        func clip(_ s: String, _ n: Int) -> String { s.count > n ? String(s.prefix(n - 1)) + "…" : s }
        /// A column of a listing: clipped to `width` and padded to it.
        func cell(_ s: String, _ width: Int) -> String { clip(s, width).padding(toLength: width, withPad: " ", startingAt: 0) }
        /// The start of a listed event's line: its document, type, actor and (when coded) trigger.
        func lead(_ doc: String, _ type: EventType, _ actor: String, _ trigger: String? = nil) -> String {
            "  \(doc.prefix(12))  \(cell(type.rawValue, 9)) \(cell(actor, 18)) " + (trigger.map { cell($0, 22) + " " } ?? "")
        }
        out += "\nmisses (\(misses.count)): gold events no coded event matched\n"
        for m in misses.prefix(listed ?? misses.count) {
            out += lead(m.doc, m.type, m.actor) + clip(m.evidence, 90) + "\n"
        }
        if let listed, misses.count > listed { out += "  … and \(misses.count - listed) more\n" }
        out += "\nfalse alarms (\(falseAlarms.count)): coded events that matched no gold event\n"
        for e in falseAlarms.prefix(listed ?? falseAlarms.count) {
            out += lead(e.doc, e.type, e.actor, e.trigger) + clip(e.evidence, 70) + "\n"
        }
        if let listed, falseAlarms.count > listed { out += "  … and \(falseAlarms.count - listed) more\n" }
        if listed == nil {
            out += "\nmatches (\(matches.count))\n"
            for m in matches {
                let dateMark: String
                if let gold = m.gold.date, m.gold.dateIsScored {
                    dateMark = Self.lies(m.coded.date, within: gold) ? "date ok   " : "date WRONG"
                } else {
                    dateMark = "not scored"
                }
                out += lead(m.coded.doc, m.coded.type, m.coded.actor, m.coded.trigger)
                    + "\(dateMark) coded \(m.coded.date), gold \(m.gold.date.map(String.init(describing:)) ?? "-")\n"
            }
        }
        return out
    }
}
