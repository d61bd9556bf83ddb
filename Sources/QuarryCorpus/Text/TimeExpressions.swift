import Quarry

/// Resolves the time expressions curators write relative to a publication ("two days ago",
/// "last night", "last November", "earlier this month") against its date, the way TimeML anchors
/// news text to the document creation time. The phrases themselves are Quarry's `DatePhrase`.
///
/// When the publication date is itself an interval, the expression is resolved against its first
/// and last day and the result covers both: "last year" from a page of 2021 is 2020 whatever the
/// day, while "yesterday" from a page of May 2021 is somewhere in late April or May.
enum TimeExpressions {
    /// The interval an expression denotes, or nil when it is not one of the relative forms known.
    static func resolve(_ expression: String, publishedOn anchor: QuarryDate) -> QuarryDate? {
        guard let phrase = DatePhrase.parse(expression, anchor: anchor), phrase.basis == .relative else { return nil }
        return phrase.date
    }
}
