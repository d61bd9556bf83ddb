import Quarry

/// A phrase of a sentence that names a party: a gazetteer name ("Baku"), a country with an agent
/// noun ("Azerbaijani forces", "Iran's Foreign Ministry"), or a title and a new name ("Prime
/// Minister Nikol Pashinyan").
struct ActorPhrase {
    /// Token positions, end exclusive.
    var tokens: Range<Int>
    /// The canonical actor the phrase names.
    var actor: String
    /// The party the event counts ("Azerbaijan" for its forces).
    var countedAs: String
    /// The phrase as written.
    var detail: String
    /// Followed by "'s": it owns the noun after it.
    var possessive: Bool
}

/// Finds the parties of one sentence from its mentions, the lexicon's agent nouns and titles,
/// and the people already met in the article.
struct ActorPhraseFinder {
    let gazetteer: Gazetteer
    let lexicon: CodingLexicon

    /// People found after a title in this article, by each word of their name ("Pashinyan").
    var known: [String: Actor] = [:]
    /// New actors, in the order they were found.
    var extracted: [Actor] = []

    init(gazetteer: Gazetteer, lexicon: CodingLexicon) {
        self.gazetteer = gazetteer
        self.lexicon = lexicon
    }

    mutating func phrases(_ tokens: [Token], mentions: [(actor: String, start: Int, end: Int)],
                          places: [(place: String, start: Int, end: Int)] = []) -> [ActorPhrase] {
        var phrases: [ActorPhrase] = []
        var taken = [Bool](repeating: false, count: tokens.count)
        for mention in mentions {
            guard let first = tokens.firstIndex(where: { $0.end > mention.start }),
                  let last = tokens.lastIndex(where: { $0.start < mention.end }), first <= last,
                  !taken[first]
            else { continue }
            guard let actor = gazetteer.actor(named: mention.actor) ?? known[mention.actor] else { continue }
            var range = first..<(last + 1)
            let counted = actor.countedAs
            // "Armenian Prime Minister Nikol Pashinyan": a title and a new name after the country.
            let titled = actor.kind == .state ? newPerson(tokens, at: range.upperBound + (range.upperBound < tokens.count && tokens[range.upperBound].isPossessive ? 1 : 0), country: actor.name) : nil
            if let person = titled {
                range = range.lowerBound..<person.end
                phrases.append(phrase(tokens, range, person.actor.name, person.actor.countedAs))
                for k in range { taken[k] = true }
                continue
            }
            // "Azerbaijani forces", "Iran's Foreign Ministry", "Karabakh authorities": the country and its agent.
            if actor.kind == .state || actor.kind == .region {
                var k = range.upperBound
                if k < tokens.count, tokens[k].isPossessive { k += 1 }
                if let agent = agentNoun(tokens, at: k) { range = range.lowerBound..<(k + agent) }
            }
            phrases.append(phrase(tokens, range, actor.name, counted))
            for k in range { taken[k] = true }
        }
        // "the Foreign Ministry in Baku", "troops of the Azerbaijan Democratic Republic".
        for k in tokens.indices where !taken[k] {
            guard let length = agentNoun(tokens, at: k), k + length < tokens.count,
                  ["in", "of"].contains(tokens[k + length].lower) else { continue }
            var j = k + length + 1
            if j < tokens.count, tokens[j].lower == "the" { j += 1 }
            var start = k
            if start > 0, tokens[start - 1].lower == "the", !taken[start - 1] { start -= 1 }
            guard (k..<j).allSatisfy({ !taken[$0] }) else { continue }
            if let index = phrases.firstIndex(where: { $0.tokens.lowerBound == j || $0.tokens.lowerBound == j - 1 && tokens[j - 1].lower == "the" }),
               let owner = gazetteer.actor(named: phrases[index].actor), owner.kind == .state || owner.countedAs != owner.name {
                let range = start..<phrases[index].tokens.upperBound
                phrases[index] = phrase(tokens, range, phrases[index].actor, phrases[index].countedAs)
                for t in range { taken[t] = true }
            } else if j < tokens.count, let place = places.first(where: { $0.start == tokens[j].start }),
                      let state = gazetteer.actor(named: place.place), state.kind == .state,
                      let end = tokens.firstIndex(where: { $0.end >= place.end }) {
                // "the Foreign Ministry in Baku": a capital the gazetteer gives as its state's name.
                let range = start..<(end + 1)
                phrases.append(phrase(tokens, range, state.name, state.countedAs))
                for t in range { taken[t] = true }
            }
        }
        // Titles and names with no country in the phrase take the paragraph's country.
        var i = 0
        while i < tokens.count {
            if !taken[i], tokens[i].isCapitalized, let person = newPerson(tokens, at: i, country: nil) {
                let range = i..<person.end
                if range.allSatisfy({ !taken[$0] }) {
                    phrases.append(phrase(tokens, range, person.actor.name, person.actor.countedAs))
                    for k in range { taken[k] = true }
                    i = person.end
                    continue
                }
            }
            // A surname met earlier in the article: "Pashinyan said".
            if !taken[i], tokens[i].isCapitalized, let actor = known[tokens[i].text] {
                var end = i + 1
                while end < tokens.count, tokens[end].isCapitalized, known[tokens[end].text] == actor { end += 1 }
                phrases.append(phrase(tokens, i..<end, actor.name, actor.countedAs))
                for k in i..<end { taken[k] = true }
                i = end
                continue
            }
            i += 1
        }
        phrases.sort { $0.tokens.lowerBound < $1.tokens.lowerBound }
        return phrases
    }

    private func phrase(_ tokens: [Token], _ range: Range<Int>, _ actor: String, _ counted: String) -> ActorPhrase {
        let possessive = range.upperBound < tokens.count && tokens[range.upperBound].isPossessive
        return ActorPhrase(tokens: range, actor: actor, countedAs: counted, detail: tokens.text(range), possessive: possessive)
    }

    /// The number of tokens of an agent noun starting at `k`, or nil.
    private func agentNoun(_ tokens: [Token], at k: Int) -> Int? {
        guard k < tokens.count, let options = lexicon.agents[tokens[k].lower] else { return nil }
        for option in options where k + option.words.count <= tokens.count {
            if (0..<option.words.count).allSatisfy({ tokens[k + $0].lower == option.words[$0] }) { return option.words.count }
        }
        return nil
    }

    /// A title followed by one to three capitalised words that name nobody in the gazetteer. The
    /// person's country comes from the phrase ("Armenian Prime Minister …") or an apposition
    /// after the name (", Armenia's foreign minister"); without either the person counts as
    /// themselves until another sentence of the article names their country.
    private mutating func newPerson(_ tokens: [Token], at k: Int, country: String?) -> (actor: Actor, end: Int)? {
        for title in lexicon.titles where k + title.words.count < tokens.count {
            guard (0..<title.words.count).allSatisfy({ tokens[k + $0].text == title.words[$0] }) else { continue }
            var end = k + title.words.count
            let nameStart = end
            while end < tokens.count, end - nameStart < 3, tokens[end].isCapitalized, tokens[end].isWord,
                  lexicon.agents[tokens[end].lower] == nil, MonthNames.number(tokens[end].lower) == nil {
                end += 1
            }
            // A name is two words or more ("Nikol Pashinyan"); one word may be a place or a body.
            guard end - nameStart >= 2 else { return nil }
            let name = tokens[nameStart..<end].map(\.text).joined(separator: " ")
            if let existing = gazetteer.actor(named: name) { return (existing, end) }
            let state = country ?? apposedCountry(tokens, after: end)
            if let existing = known[name], existing.country != nil || state == nil { return (existing, end) }
            var actor = Actor(name: name, kind: .person, country: state, partOf: nil, sector: state == nil ? nil : title.sector,
                              aliases: [], roles: [], source: "extracted")
            actor.roles = [ActorRole(actor: name, title: title.words.joined(separator: " ") + (state.map { " (\($0))" } ?? ""),
                                     country: state, sector: title.sector, from: nil, to: nil)]
            known[name] = actor
            for word in name.split(separator: " ") where word.count > 2 { known[String(word)] = actor }
            if let i = extracted.firstIndex(where: { $0.name == name }) { extracted[i] = actor } else { extracted.append(actor) }
            return (actor, end)
        }
        return nil
    }

    /// ", Armenia's foreign minister", ", the Azerbaijani defence minister": the state named in an
    /// apposition right after a name.
    private func apposedCountry(_ tokens: [Token], after end: Int) -> String? {
        guard end + 1 < tokens.count, tokens[end].text == "," else { return nil }
        var j = end + 1
        if tokens[j].lower == "the", j + 1 < tokens.count { j += 1 }
        guard let state = gazetteer.actor(named: tokens[j].text), state.kind == .state else { return nil }
        var next = j + 1
        if next < tokens.count, tokens[next].isPossessive { next += 1 }
        guard next < tokens.count, lexicon.agents[tokens[next].lower] != nil || lexicon.titles.contains(where: { $0.words.first?.lowercased() == tokens[next].lower }) else { return nil }
        return state.name
    }
}
