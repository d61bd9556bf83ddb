import Quarry

/// The 16 event types of PLOVER, the successor of CAMEO.
public enum EventType: String, Sendable, Hashable, CaseIterable {
    case agree, consult, support, concede, cooperate, aid, retreat
    case request, accuse, reject, threaten, protest, sanction, mobilize, coerce, assault

    /// GDELT's quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
    /// 4 material conflict.
    public var quadClass: Int {
        switch self {
        case .agree, .consult, .support, .concede: return 1
        case .cooperate, .aid, .retreat: return 2
        case .request, .accuse, .reject, .threaten: return 3
        case .protest, .sanction, .mobilize, .coerce, .assault: return 4
        }
    }
}

/// How certain the text makes an event.
public enum Factuality: String, Sendable, Hashable, CaseIterable {
    case asserted, reported, claimed, hypothetical, negated
}

/// How an event's date was found.
public enum DateBasis: String, Sendable, Hashable, CaseIterable {
    /// Written out in the sentence ("On May 12, 2021").
    case explicit
    /// Written relative to the publication ("two days ago") and resolved against it.
    case relative
    /// Reasoned from the surrounding text.
    case inferred
    /// Supplied by the curator from knowledge outside the article.
    case curated
}

/// A political event coded from one sentence, with that sentence as its evidence.
public struct Event: Sendable, Hashable {
    /// A stable id: the article number and the event number.
    public var id: String
    /// The id of the document.
    public var doc: String
    /// The sentence's index within the document.
    public var sentence: Int
    /// The whole sentence, verbatim from the document.
    public var evidence: String
    /// The words within the sentence that carry the event, as the curator marked them.
    public var trigger: String
    /// The event in one line.
    public var summary: String
    /// The PLOVER type.
    public var type: EventType
    /// The PLOVER mode that refines the type.
    public var mode: String?
    /// The party at the level analysts count by ("Azerbaijan" for "Azerbaijani forces").
    public var actor: String
    /// The party acted upon, counted like the actor.
    public var target: String?
    /// The parties as named ("Azerbaijani forces", "Ilham Aliyev").
    public var actorDetail: String
    /// The target as named.
    public var targetDetail: String?
    /// The role the named actor held on the event's date, from the gazetteer's dated roles.
    public var actorRole: String?
    /// When it happened, at the precision the text gives.
    public var date: QuarryDate
    /// The words the date was written as, when it was relative ("two days ago").
    public var dateText: String?
    /// How the date was found.
    public var dateBasis: DateBasis
    /// Where it happened, from the gazetteer of places.
    public var place: String?
    /// Deaths reported, the lowest figure the text gives.
    public var fatalities: Int?
    /// How certain the text makes it.
    public var factuality: Factuality
    /// Why: military, diplomatic, territory, human rights…
    public var contexts: [String]
    /// `curated` for events from the annotation files, `extracted` for events found by code.
    public var source: String
    /// Where the trigger starts in the evidence sentence (Unicode scalars), for extracted events.
    public var triggerStart: Int? = nil
    /// Where the trigger ends in the evidence sentence (exclusive).
    public var triggerEnd: Int? = nil
}

/// A candidate event the curator looked at and left out, with the reason.
public struct RejectedCandidate: Sendable, Hashable {
    /// The id of the document.
    public var doc: String
    /// The words cited, verbatim.
    public var evidence: String
    /// Why it was left out.
    public var reason: String
}
