import Quarry

/// Every actor and place the articles name, with the surface forms that name them.
public struct Gazetteer: Sendable {
    /// Every actor, with aliases and dated roles.
    public var actors: [Actor]
    /// Every place, with its other names.
    public var places: [Place]
    private var actorIndex: [String: Int] = [:]
    private var placeIndex: [String: Int] = [:]

    init(actors: [Actor], places: [Place]) {
        self.actors = actors
        self.places = places
        for (i, actor) in actors.enumerated() {
            for form in [actor.name] + actor.aliases { actorIndex[Self.key(form)] = actorIndex[Self.key(form)] ?? i }
        }
        for (i, place) in places.enumerated() {
            for form in [place.name] + place.aliases { placeIndex[Self.key(form)] = placeIndex[Self.key(form)] ?? i }
        }
    }

    /// The actor a name or alias stands for.
    public func actor(named form: String) -> Actor? {
        actorIndex[Self.key(form)].map { actors[$0] }
    }

    /// The place a name or alias stands for ("Khankendi" is Stepanakert).
    public func place(named form: String) -> Place? {
        placeIndex[Self.key(form)].map { places[$0] }
    }

    private static func key(_ form: String) -> String {
        form.lowercased().replacingOccurrences("\u{2019}", "'")
    }

    /// Reads `gazetteer.yaml`: `actors:` and `places:` lists.
    static func load(_ text: String, file: String) -> (Gazetteer, [CorpusProblem]) {
        var problems: [CorpusProblem] = []
        let root: YAMLRecord
        do { root = try YAMLRecord.parse(text, file: file) } catch { return (Gazetteer(actors: [], places: []), [error]) }
        root.unknownKeys(["actors", "places"], problems: &problems)
        var actors: [Actor] = []
        for record in root.records("actors", problems: &problems) {
            record.unknownKeys(["name", "kind", "country", "part_of", "sector", "aliases", "roles", "note"], problems: &problems)
            guard let name = record.required("name", problems: &problems),
                  let kindText = record.required("kind", problems: &problems)
            else { continue }
            guard let kind = ActorKind(rawValue: kindText) else {
                let kinds = ActorKind.allCases.map(\.rawValue).joined(separator: ", ")
                problems.append(record.problem("unknown actor kind '\(kindText)' (one of \(kinds))", at: record.node("kind")))
                continue
            }
            var roles: [ActorRole] = []
            for roleRecord in record.records("roles", problems: &problems) {
                roleRecord.unknownKeys(["title", "country", "sector", "from", "to"], problems: &problems)
                guard let title = roleRecord.required("title", problems: &problems) else { continue }
                func date(_ key: String) -> QuarryDate? {
                    guard let text = roleRecord.string(key, problems: &problems) else { return nil }
                    guard let date = QuarryDate(parsing: text) else {
                        problems.append(roleRecord.problem("'\(key)' is not a date: '\(text)'", at: roleRecord.node(key)))
                        return nil
                    }
                    return date
                }
                roles.append(ActorRole(
                    actor: name, title: title,
                    country: roleRecord.string("country", problems: &problems) ?? record.string("country", problems: &problems),
                    sector: roleRecord.string("sector", problems: &problems) ?? record.string("sector", problems: &problems),
                    from: date("from"), to: date("to")))
            }
            actors.append(Actor(
                name: name, kind: kind, country: record.string("country", problems: &problems),
                partOf: record.string("part_of", problems: &problems),
                sector: record.string("sector", problems: &problems),
                aliases: record.strings("aliases", problems: &problems), roles: roles))
        }
        var places: [Place] = []
        for record in root.records("places", problems: &problems) {
            record.unknownKeys(["name", "kind", "country", "aliases", "note"], problems: &problems)
            guard let name = record.required("name", problems: &problems),
                  let kind = record.required("kind", problems: &problems)
            else { continue }
            places.append(Place(
                name: name, kind: kind, country: record.string("country", problems: &problems),
                aliases: record.strings("aliases", problems: &problems), note: record.string("note", problems: &problems)))
        }
        let gazetteer = Gazetteer(actors: actors, places: places)
        // Every country or organisation an actor belongs to must itself be an actor.
        for (record, actor) in zip(root.records("actors", problems: &problems), actors) {
            for parent in [actor.country, actor.partOf].compactMap({ $0 }) where gazetteer.actor(named: parent) == nil {
                problems.append(record.problem("'\(actor.name)' belongs to '\(parent)', which is not in the gazetteer"))
            }
        }
        return (gazetteer, problems)
    }
}
