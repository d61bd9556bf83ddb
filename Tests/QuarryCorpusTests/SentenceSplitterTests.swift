import Foundation
import Testing
@testable import QuarryCorpus

@Suite("Splitting sentences")
struct SentenceSplitterTests {
    func split(_ text: String) -> [String] {
        let page = ScalarText(text)
        return SentenceSplitter().split(page, 0..<page.count).map { page.string($0) }
    }

    /// Each case is a passage from the seeds and the sentences it must split into.
    static let cases: [(String, [String])] = [
        ("Simply put, Blinken’s Section 907 waiver was a violation of U.S. law that it will be up to Congressional oversight to remedy.",
         ["Simply put, Blinken’s Section 907 waiver was a violation of U.S. law that it will be up to Congressional oversight to remedy."]),
        ("the mistake that April Glaspie, the U.S. ambassador to Iraq, made. Until and unless the State Department upholds it.",
         ["the mistake that April Glaspie, the U.S. ambassador to Iraq, made.", "Until and unless the State Department upholds it."]),
        ("the NKAO’s authorities conducted a second referendum on Dec. 10, 1991, in which a majority supported self-governance. This triggered a full-scale war.",
         ["the NKAO’s authorities conducted a second referendum on Dec. 10, 1991, in which a majority supported self-governance.", "This triggered a full-scale war."]),
        ("In a recent Foreign Policy article, Robert M. Cutler argued Azerbaijan’s military assault achieved nothing.",
         ["In a recent Foreign Policy article, Robert M. Cutler argued Azerbaijan’s military assault achieved nothing."]),
        ("following Azerbaijan’s pledge to cooperate with President George W. Bush’s global war on terrorism.",
         ["following Azerbaijan’s pledge to cooperate with President George W. Bush’s global war on terrorism."]),
        ("such as Senators Gary Peters (D-Mich.) and Marco Rubio (R-Fla.), and others who have sponsored the Act.",
         ["such as Senators Gary Peters (D-Mich.) and Marco Rubio (R-Fla.), and others who have sponsored the Act."]),
        ("Secretary of State Antony Blinken has reportedly stated that the U.S. State Department will not renew a waiver. Secretary Blinken’s statement was likely the result of lawmakers.",
         ["Secretary of State Antony Blinken has reportedly stated that the U.S. State Department will not renew a waiver.", "Secretary Blinken’s statement was likely the result of lawmakers."]),
        ("All U.N. Security Council resolutions urged the conflict parties to adhere to the CSCE.",
         ["All U.N. Security Council resolutions urged the conflict parties to adhere to the CSCE."]),
        ("Ilham Aliyev speaks at a summit, Wednesday, Nov. 13, 2024, in Baku, Azerbaijan (AP)",
         ["Ilham Aliyev speaks at a summit, Wednesday, Nov. 13, 2024, in Baku, Azerbaijan (AP)"]),
        ("\"After the agreement, we adhered to all our commitments in good faith. Who betrayed diplomacy here? It was the US that abandoned all this. This has created some distrust,\" he said.",
         ["\"After the agreement, we adhered to all our commitments in good faith. Who betrayed diplomacy here? It was the US that abandoned all this. This has created some distrust,\" he said."]),
        ("\"The Zangezur Corridor is a historical necessity,\" Aliyev said in January 2023, \"It will happen whether Armenia wants it or not.” Azerbaijan and Turkey are interested.",
         ["\"The Zangezur Corridor is a historical necessity,\" Aliyev said in January 2023, \"It will happen whether Armenia wants it or not.”", "Azerbaijan and Turkey are interested."]),
        ("Thank you, Mr.Rubin for this great piece.", ["Thank you, Mr.Rubin for this great piece."]),
        ("Modern Russia tried to get good relations with both sides from the 1991. Soviet Russia had good relations with Turkey Republic.",
         ["Modern Russia tried to get good relations with both sides from the 1991.", "Soviet Russia had good relations with Turkey Republic."]),
        ("Regional alliance to pressure Iran?", ["Regional alliance to pressure Iran?"]),
        ("NO SURPRISE here, really. US likes to play the double game (all around the globe).",
         ["NO SURPRISE here, really.", "US likes to play the double game (all around the globe)."]),
        ("First, the U.S lost Iran that was the biggest arms market. That was on Carter.",
         ["First, the U.S lost Iran that was the biggest arms market.", "That was on Carter."]),
        ("the restoration of “territorial integrity.” Praise of Enver Pasha followed.",
         ["the restoration of “territorial integrity.”", "Praise of Enver Pasha followed."]),
        ("This may be shortsighted. If Azerbaijan and Turkey take the corridor, war could follow.",
         ["This may be shortsighted.", "If Azerbaijan and Turkey take the corridor, war could follow."]),
        ("Yet Dr. Leyla Mammadova, a scholar in Baku, told me so.", ["Yet Dr. Leyla Mammadova, a scholar in Baku, told me so."]),
        ("The war ended in the U.S. The next year began.", ["The war ended in the U.S.", "The next year began."]),
    ]

    @Test("Tricky cases from the seeds", arguments: cases)
    func tricky(_ passage: String, _ expected: [String]) {
        #expect(split(passage) == expected)
    }

    @Test("Every seed sentence is non-empty, trimmed, and inside its paragraph")
    func seedSentences() {
        #expect(seedCorpus.sentences.count > 150)
        for sentence in seedCorpus.sentences {
            #expect(!sentence.text.isEmpty)
            #expect(sentence.text.trimmingCharacters(in: .whitespacesAndNewlines) == sentence.text)
            let paragraph = seedCorpus.paragraphs.first { $0.doc == sentence.doc && $0.index == sentence.paragraph }
            #expect(paragraph.map { $0.start <= sentence.start && sentence.end <= $0.end } == true)
        }
    }
}
