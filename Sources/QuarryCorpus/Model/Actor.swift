import Quarry

/// What sort of party an actor is.
public enum ActorKind: String, Sendable, Hashable, CaseIterable {
    case state, person, organization, group, region
}

/// A role an actor held for a span of time ("Ilham Aliyev, President of Azerbaijan, from 2003").
public struct ActorRole: Sendable, Hashable {
    /// The actor, by canonical name.
    public var actor: String
    /// The office, as the gazetteer names it ("President of Azerbaijan").
    public var title: String
    /// The state it belongs to.
    public var country: String?
    /// The sector: government, military, legislature…
    public var sector: String?
    /// When the role began.
    public var from: QuarryDate?
    /// Nil while the role is held.
    public var to: QuarryDate?

    /// Whether the role was held on `date`: true only when the whole of `date` lies inside.
    public func isHeld(on date: QuarryDate) -> Bool {
        if let from, date.start < from.start { return false }
        if let to, date.end > to.end { return false }
        return true
    }
}

/// A party that acts or is acted upon: a state, a person, a body, a group or a region.
public struct Actor: Sendable, Hashable {
    /// The canonical name.
    public var name: String
    /// What sort of party it is.
    public var kind: ActorKind
    /// The state a person, body or force belongs to.
    public var country: String?
    /// The international organisation an organ belongs to (the UN for its Security Council).
    public var partOf: String?
    /// government, military, legislature, judiciary, diplomacy, civil society, media...
    public var sector: String?
    /// Surface forms that name this actor: short names, demonyms, capitals, abbreviations.
    public var aliases: [String]
    /// Roles held, with their dates.
    public var roles: [ActorRole]
    /// `gazetteer` for the curated gazetteer's actors, `extracted` for people the coder found
    /// after a title ("Prime Minister Nikol Pashinyan").
    public var source: String = "gazetteer"

    /// The party analysts count this actor as: the state for its government, forces, officials
    /// and leaders; the organisation for its organs; otherwise the actor itself (a think tank or a
    /// newspaper of a country is not that country).
    public var countedAs: String {
        if let country, let sector, Self.stateSectors.contains(sector) { return country }
        return partOf ?? name
    }

    /// Sectors whose actors act for their state.
    public static let stateSectors: Set<String> = ["government", "military", "legislature", "judiciary", "diplomacy", "police", "intelligence"]
}

/// A place named in the articles, with the other names it goes by.
public struct Place: Sendable, Hashable {
    /// The canonical name.
    public var name: String
    /// city, region, country, territory, route...
    public var kind: String
    /// The state the place lies in, as the gazetteer records it.
    public var country: String?
    /// Other names for it.
    public var aliases: [String]
    /// A note on the place's names or status.
    public var note: String?
}

/// Where an actor or place is named in a sentence.
public struct Mention: Sendable, Hashable {
    /// The canonical actor, or nil for a mention of a place.
    public var actor: String?
    /// The canonical place, for a place mention.
    public var place: String?
    /// The id of the document.
    public var doc: String
    /// The sentence's index within the document.
    public var sentence: Int
    /// The words as written.
    public var text: String
    /// Offsets in the raw page (Unicode scalars, end exclusive).
    public var start: Int
    /// The offset after the last character.
    public var end: Int
}

/// A direct quotation and who said it.
public struct Quote: Sendable, Hashable {
    /// The speaker counted at the level of `Actor.countedAs`, or nil when no speaker is named.
    public var speaker: String?
    /// The speaker as named in the text ("Aliyev", "the foreign minister").
    public var speakerDetail: String?
    /// The text, as written.
    public var text: String
    /// The id of the document.
    public var doc: String
    /// The sentence's index within the document.
    public var sentence: Int
    /// When it was said, where the text says so; otherwise the publication date.
    public var date: QuarryDate?
}
