import Foundation
import Quarry
import Yams

/// The event coder's vocabulary, read from `coding/lexicon.yaml`: trigger words and phrases per
/// PLOVER type, inverse verbs, light verbs, agent nouns and titles.
///
/// Every word form is generated once here (inflections of verbs, plurals of nouns) and indexed by
/// its first word, so that coding a sentence is a dictionary look-up per token.
struct CodingLexicon: Sendable {
    /// Whether a trigger is a verb (its actor is its subject) or a noun (its actor is a
    /// possessive, "by X", "from X" or a light verb's subject).
    enum PartOfSpeech: Sendable { case verb, noun }

    /// One surface form of a trigger.
    struct Trigger: Sendable {
        /// The lower-case words of the form ("opened", "fire").
        var words: [String]
        var lemma: String
        var type: EventType
        var mode: String?
        var partOfSpeech: PartOfSpeech
        /// The actor follows "from" and the target is the subject ("received drones from Israel").
        var inverse: Bool
        /// A gerund or participle form ("attacking", "attacked"), which also reads as a noun.
        var isParticiple: Bool
        /// Only an event when a party follows it ("met Aliyev", not "met the terms").
        var needsParty: Bool = false
        /// A noun that is an event only as a light verb's object ("waged war", not "the war").
        var needsLightVerb: Bool = false
    }

    /// Trigger forms by their first word, longest first.
    private(set) var triggers: [String: [Trigger]] = [:]
    /// Light verbs' forms by their last word, as word lists ("engage in" under "in").
    private(set) var lightVerbs: [String: [[String]]] = [:]
    /// Agent nouns (lower-case word lists) and the sector they name.
    private(set) var agents: [String: [(words: [String], sector: String)]] = [:]
    /// Verbs whose type changes when their object is people ("captured six soldiers").
    private(set) var onPeople: [String: (type: EventType, mode: String?)] = [:]
    /// Nouns that name people, for `onPeople`.
    private(set) var peopleNouns: Set<String> = []
    /// Nouns a trigger noun may modify, which make it an adjective ("offensive purposes").
    private(set) var headNouns: Set<String> = []
    /// Titles (as written) and the sector of the office.
    private(set) var titles: [(words: [String], sector: String)] = []
    private var irregular: [String: [String]] = [:]

    /// The built-in lexicon, from the seeds compiled into the module; a problem in it fails every
    /// load that needs it, loudly, rather than coding nothing.
    static let builtIn: Result<CodingLexicon, CorpusLoadError> = {
        var lexicon = CodingLexicon()
        guard let file = EmbeddedSeeds.files.first(where: { $0.path == "coding/lexicon.yaml" }) else {
            return .failure(CorpusLoadError(problems: [CorpusProblem(file: "(built-in) coding/lexicon.yaml", reason: "missing from the build")]))
        }
        do {
            try lexicon.add(yaml: file.text, file: "(built-in) " + file.path)
        } catch let error as CorpusLoadError {
            return .failure(error)
        } catch {
            return .failure(CorpusLoadError(problems: [CorpusProblem(file: file.path, reason: "\(error)")]))
        }
        return .success(lexicon)
    }()

    /// Adds the entries of a lexicon file; fails with the file's problem when it is not the
    /// documented shape.
    mutating func add(yaml text: String, file: String) throws(CorpusLoadError) {
        let root: [String: Any]
        do {
            guard let loaded = try Yams.load(yaml: text) as? [String: Any] else {
                throw CorpusLoadError(problems: [CorpusProblem(file: file, reason: "a lexicon is a mapping of triggers, inverse, light_verbs, agents, titles and irregular")])
            }
            root = loaded
        } catch let error as CorpusLoadError {
            throw error
        } catch {
            throw CorpusLoadError(problems: [CorpusProblem(file: file, reason: "not valid YAML: \(String(describing: error).split(separator: "\n").first ?? "")")])
        }
        let known: Set<String> = ["triggers", "inverse", "light_verbs", "head_nouns", "agents", "titles", "irregular", "on_people", "people_nouns"]
        if let unknown = root.keys.sorted().first(where: { !known.contains($0) }) {
            throw CorpusLoadError(problems: [CorpusProblem(file: file, reason: "unknown section '\(unknown)' (one of \(known.sorted().joined(separator: ", ")))")])
        }
        for (lemma, forms) in root["irregular"] as? [String: Any] ?? [:] {
            irregular[lemma.lowercased(), default: []] += Self.strings(forms).map { $0.lowercased() }
        }
        for (typeName, value) in root["triggers"] as? [String: Any] ?? [:] {
            guard let type = EventType(rawValue: typeName) else {
                throw CorpusLoadError(problems: [CorpusProblem(file: file, reason: "unknown event type '\(typeName)' under triggers")])
            }
            let sections = value as? [String: Any] ?? [:]
            for entry in Self.strings(sections["verbs"]) { addTrigger(entry, type: type, pos: .verb, inverse: false) }
            for entry in Self.strings(sections["nouns"]) { addTrigger(entry, type: type, pos: .noun, inverse: false) }
        }
        for (typeName, value) in root["inverse"] as? [String: Any] ?? [:] {
            guard let type = EventType(rawValue: typeName) else {
                throw CorpusLoadError(problems: [CorpusProblem(file: file, reason: "unknown event type '\(typeName)' under inverse")])
            }
            for entry in Self.strings(value) { addTrigger(entry, type: type, pos: .verb, inverse: true) }
        }
        for verb in Self.strings(root["light_verbs"]) {
            for form in verbForms(verb.lowercased()) { lightVerbs[form[form.count - 1], default: []].append(form) }
        }
        for (lemma, value) in root["on_people"] as? [String: Any] ?? [:] {
            let parts = "\(value)".split(separator: "/").map(String.init)
            guard let type = parts.first.flatMap(EventType.init(rawValue:)) else {
                throw CorpusLoadError(problems: [CorpusProblem(file: file, reason: "on_people: '\(value)' is not TYPE/MODE with a PLOVER type")])
            }
            onPeople[lemma.lowercased()] = (type, parts.count > 1 ? parts[1] : nil)
        }
        for noun in Self.strings(root["people_nouns"]) { peopleNouns.insert(noun.lowercased()) }
        for noun in Self.strings(root["head_nouns"]) { headNouns.insert(noun.lowercased()) }
        for (sector, value) in root["agents"] as? [String: Any] ?? [:] {
            for noun in Self.strings(value) {
                let words = noun.lowercased().split(separator: " ").map(String.init)
                agents[words[0], default: []].append((words, sector))
            }
        }
        for key in agents.keys { agents[key]!.sort { $0.words.count > $1.words.count } }
        for (sector, value) in root["titles"] as? [String: Any] ?? [:] {
            for title in Self.strings(value) { titles.append((title.split(separator: " ").map(String.init), sector)) }
        }
        titles.sort { $0.words.count > $1.words.count }
        for key in triggers.keys { triggers[key]!.sort { $0.words.count > $1.words.count } }
    }

    /// "shell (heavy-weapons)" → ("shell", "heavy-weapons").
    private static func entry(_ text: String) -> (phrase: String, mode: String?, needsParty: Bool, needsLight: Bool) {
        var text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let needsParty = text.hasSuffix("+party")
        if needsParty { text = String(text.dropLast("+party".count)).trimmingCharacters(in: .whitespaces) }
        let needsLight = text.hasSuffix("+light")
        if needsLight { text = String(text.dropLast("+light".count)).trimmingCharacters(in: .whitespaces) }
        let (phrase, mode) = entryWithMode(text)
        return (phrase, mode, needsParty, needsLight)
    }

    private static func entryWithMode(_ text: String) -> (phrase: String, mode: String?) {
        guard let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")"), open < close else {
            return (text.trimmingCharacters(in: .whitespacesAndNewlines), nil)
        }
        return (String(text[..<open]).trimmingCharacters(in: .whitespacesAndNewlines), String(text[text.index(after: open)..<close]).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    private static func strings(_ value: Any?) -> [String] {
        (value as? [Any] ?? []).map { "\($0)" }
    }

    private mutating func addTrigger(_ text: String, type: EventType, pos: PartOfSpeech, inverse: Bool) {
        let (phrase, mode, needsParty, needsLight) = Self.entry(text)
        let lemma = phrase.lowercased()
        let forms = pos == .verb ? verbForms(lemma) : nounForms(lemma)
        for words in forms {
            let participle = pos == .verb && (words[0].hasSuffix("ing") || words[0].hasSuffix("ed")) && words[0] != lemma.split(separator: " ")[0]
            triggers[words[0], default: []].append(Trigger(
                words: words, lemma: lemma, type: type, mode: mode, partOfSpeech: pos, inverse: inverse, isParticiple: participle,
                needsParty: needsParty, needsLightVerb: needsLight))
        }
    }

    /// Every inflection of a verb phrase's first word, the rest kept as written.
    func verbForms(_ phrase: String) -> [[String]] {
        let words = phrase.split(separator: " ").map(String.init)
        guard let head = words.first else { return [] }
        let rest = Array(words.dropFirst())
        var forms = Set(English.inflections(ofVerb: head))
        for form in irregular[head] ?? [] { forms.insert(form) }
        var result = forms.sorted().map { [$0] + rest }
        // Irregular entries may be whole phrases ("cut off": "cut off").
        for form in irregular[phrase] ?? [] where form.contains(" ") {
            result.append(form.split(separator: " ").map(String.init))
        }
        return result
    }

    private func nounForms(_ phrase: String) -> [[String]] {
        var words = phrase.split(separator: " ").map(String.init)
        guard let last = words.popLast() else { return [] }
        return Set([last, English.plural(of: last)]).sorted().map { words + [$0] }
    }
}

/// The few rules of English word formation the coder needs.
enum English {
    static let vowels: Set<Character> = ["a", "e", "i", "o", "u"]

    /// The base, third-person, past and gerund forms of a regular verb; a doubled final
    /// consonant is generated beside the plain one, since which applies depends on stress.
    static func inflections(ofVerb verb: String) -> [String] {
        var forms = [verb, thirdPerson(verb)]
        let chars = Array(verb)
        if verb.hasSuffix("e") {
            forms += [verb + "d", String(chars.dropLast()) + "ing"]
        } else if chars.count > 1, verb.hasSuffix("y"), !vowels.contains(chars[chars.count - 2]) {
            forms += [String(chars.dropLast()) + "ied", verb + "ing"]
        } else {
            forms += [verb + "ed", verb + "ing"]
            if endsConsonantVowelConsonant(chars) {
                forms += [verb + String(chars.last!) + "ed", verb + String(chars.last!) + "ing"]
            }
        }
        return forms
    }

    static func thirdPerson(_ verb: String) -> String {
        let chars = Array(verb)
        if ["s", "x", "z"].contains(chars.last!) || verb.hasSuffix("ch") || verb.hasSuffix("sh") { return verb + "es" }
        if chars.count > 1, chars.last == "y", !vowels.contains(chars[chars.count - 2]) { return String(chars.dropLast()) + "ies" }
        return verb + "s"
    }

    static func plural(of noun: String) -> String {
        if noun.hasSuffix("s") { return noun }
        return thirdPerson(noun)
    }

    private static func endsConsonantVowelConsonant(_ chars: [Character]) -> Bool {
        guard chars.count >= 3 else { return false }
        let (a, b, c) = (chars[chars.count - 3], chars[chars.count - 2], chars[chars.count - 1])
        return !vowels.contains(a) && vowels.contains(b) && !vowels.contains(c) && !["w", "x", "y"].contains(c)
    }
}
