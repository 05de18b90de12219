import Catalog
import Matching

/// The word lists and vocabulary a notes line is read with, compiled once: headings, filler
/// words read past, girths measured flat, markings, shipping words, and the plain
/// `attribute … value unit` shape.
struct NoteWords: Sendable {
    /// A heading word (word list `note_headings`).
    let heading: any Matcher
    /// Words read past (word list `note_fillers`), with the blanks around them.
    let filler: any Matcher
    /// A clause that is a size label and nothing else (中号, 110码, XL, size M): group `v`.
    let sizeLabel: any Matcher
    /// A material word (group `m`).
    let material: any Matcher
    /// A date (3/15, 3.10, 3月6日, 25 Mar, Mar 18th, 2025-03-09): a line whose only figure is a
    /// date is a heading.
    let date: any Matcher
    /// A girth measured laid flat (word list `flat_measure`).
    let flat: any Matcher
    /// A ×2 written by a flat girth (`51 x2`, `（平铺腋下×2）`).
    let timesTwo: any Matcher
    /// An attribute word, up to a few words of commentary, a number and an optional unit:
    /// groups `attr`, `gap`, `value`, `unit`.
    let attributeValue: any Matcher
    /// A part named with a figure and no attribute word (backrest 60, 提手 28cm): groups `p`,
    /// `value`, `unit`.
    let partValue: any Matcher
    /// A figure and its unit (group `value`, `unit`): the second part of 4小时10分, or a figure
    /// noted with no attribute word.
    let compoundTail: any Matcher
    /// A count of pieces in Chinese numerals (十一支, 三片); never of packages (两包, 三箱: word
    /// lists numbered_carton, numbered_inner), which is how many were bought.
    let chineseCount: any Matcher
    /// Sides written with no unit (尺寸 51×76, 10x15): read as if in cm, then left without a unit.
    let bareTuple: any Matcher
    /// Any attribute word: one in the gap of `attributeValue` is the nearer, and the one read.
    let attributeWord: any Matcher
    /// A part word that opens the line (`inside:`, `提手`), alone.
    let partOpening: any Matcher
    /// A part word anywhere.
    let partWord: any Matcher
    /// What a measure includes (incl. lid, with the lid, w/ lid; word list `note_inclusions`):
    /// the part named is no part of the figure.
    let inclusion: any Matcher
    /// How the measuring was counted (5 spots, 量了3次; word list `note_counted_how`).
    let countedHow: any Matcher
    /// Every unit word of the vocabulary (cm, 厘米, 双, pcs…), longest first.
    let unitWords: [String]
    /// A count per pack or carton written figure first (2 brush heads per gift box, 4 per
    /// carton): groups `value`, `thing`, and `carton` or `inner`.
    let countPerLevel: any Matcher
    /// A count for each numbered package (1号箱 24, ctn #3: 48 pcs): groups `carton` or `inner`, `value`.
    let numberedCount: any Matcher
    /// `counted 3 cartons: 24 / 24 / 20`, `3箱点数：24、24、20个`: as many counts as packages named.
    let countsOfPackages: any Matcher
    /// A package named by its number in brackets (`(ctn 11)`, `（9号箱）`): where the item was
    /// found, not what was measured.
    let packageLabel: any Matcher
    /// A line opening with the size the goods are sold as, then a mark that more follows
    /// (`500mm的`, `24":`, `18" blades:`, `2.5kg装：`): groups `value`, `unit`.
    let namedSize: any Matcher
    /// A line that only names the size or model the lines under it were measured on (`16 kg
    /// (100 pcs):`, `36" crates:`, `L码：`): group `name`.
    let sectionHeading: any Matcher
    /// A line that opens with the size its goods were sold as, then a part or 的 (7寸的内框 宽13,
    /// 6寸内框 宽10): group `name`.
    let openingSize: any Matcher
    /// A figure read off a marking (word list `marking`: 铭牌, rated).
    let marking: any Matcher
    /// A size named as the one ordered (word list `note_ordered`: 拍的, ordered).
    let ordered: any Matcher
    /// `note_goes_in`: fits fine, 放得下 — what goes in the item.
    let goesIn: any Matcher
    /// `note_put_on`: 放了, loaded — what was put in or on the item to try it, before its figure.
    let putOn: any Matcher
    /// How far away something was measured (离1米, at a distance of 1 m; `note_distance`): figure and word.
    let distance: any Matcher
    /// `note_about_me`: 我平时穿, I usually wear — a line about the buyer themself.
    let aboutMe: any Matcher
    /// The parts whose electrical ratings are their own (word list `spec_parts`).
    let specParts: Set<String>
    /// `note_not_measured`: 差了, 说好的, promised — a difference or the promise recalled.
    let notMeasured: any Matcher
    /// A figure and unit with a measuring tool right after it (5米卷尺, a 30kg hanging scale):
    /// the tool's range (word list `note_instruments`).
    let instrumentRange: any Matcher
    /// How many were picked to measure (挑了3个量, 抽了5张，…): word list `note_sampled`.
    let sampled: any Matcher
    /// A figure after ± (±100 g, +/- 1 mm), or after a word of how finely a tool reads
    /// (精度0.02mm: word list `note_precision`): the tool's, never a reading.
    let accuracy: any Matcher
    /// On a line naming a tool, its own range and step (max 300 kg, d = 10 g; `note_instrument_specs`).
    let instrumentSpecs: any Matcher
    /// A tool's name (word list `note_instruments`).
    let instrument: any Matcher
    /// A line about shipping: word list `shipped_words` or a word of the dispatch attribute.
    let shipped: any Matcher
    /// Shipped the same day or the next (word lists `same_day`, `next_day`), with the days each means.
    let shippedOn: [(matcher: any Matcher, days: String)]
    /// Attributes measured round the body (胸围, waist): those a half measure doubles into.
    let girths: Set<String>
    /// The words of those girths and of their half measures, and of the half measures alone.
    let girthWords: [String]
    let halfWords: [String]

    init(_ vocabulary: Vocabulary, engine: RegexEngine) throws(CatalogError) {
        func compile(_ name: String, _ regex: String) throws(CatalogError) -> any Matcher { try engine.compile(wordList: name, regex, [], vocabulary) }
        func words(_ name: String) -> String { Vocabulary.alternation(of: vocabulary.words(name)) }
        heading = try compile("note_headings", words("note_headings"))
        filler = try compile("note_fillers", #"\s*"# + words("note_fillers") + #"\s*"#)
        let month = "(?<![A-Za-z])(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?"
        date = try compile("note_headings", #"(?<![0-9])(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}[日号]?|\d{1,2}月\d{1,2}[日号]?|\d{1,2}[/.]\d{1,2}(?![0-9.])|\d{1,2}(?:st|nd|rd|th)?\s*"# + month + "|" + month + #"\s*\d{1,2}(?:st|nd|rd|th)?(?![0-9]))"#)
        sizeLabel = try compile("note_headings", #"^(?:(?:尺码|码数|吊牌|标签|洗标|(?i:size|tag|label))\s*[:：]?\s*)?(?:(?<v>(?i:[2-6]?X{0,3}[SML]|XXS|XS))(?:码|号)?|(?<v>均码|加大号|特大号|[大中小]号)|(?<v>[0-9]{2,3})(?:码|号))$"#)
        material = try compile("note_fillers", "(?<m>" + vocabulary.materialLookbehind + Vocabulary.alternation(of: vocabulary.materials.entries.flatMap { [$0.key] + $0.value }) + ")")
        flat = try compile("flat_measure", words("flat_measure"))
        timesTwo = try compile("flat_measure", #"\s*[x×*✕X]\s*2(?![0-9.])"#)
        let attributes = Vocabulary.alternation(of: vocabulary.attributes.values.flatMap(\.aliases))
        unitWords = vocabulary.units.values.flatMap { $0.aliases + [$0.name] }.sorted { $0.count > $1.count }
        let units = Vocabulary.alternation(of: unitWords)
        let number = #"[0-9]+(?:\.[0-9]+)?(?:\s+[0-9]+/[0-9]+)?"#
        attributeWord = try compile("note_fillers", attributes)
        partOpening = try engine.compile(wordList: "parts", #"\s*(?:"# + vocabulary.partWords + ")", [.anchored], vocabulary)
        partWord = try engine.compile(wordList: "parts", vocabulary.partWords, [], vocabulary)
        countedHow = try engine.compile(wordList: "note_counted_how", #"(?<![\d.])\d{1,2}\s*(?:"# + words("note_counted_how") + ")", [.caseless], vocabulary)
        // incl. lid; incl. glass + lid; 不含绑带和收纳袋: the parts named after the word are what
        // the figure includes (or leaves out), not its part.
        inclusion = try engine.compile(wordList: "note_inclusions", "(?<![A-Za-z])不?(?:" + words("note_inclusions") + #")\s*(?:the\s+|its\s+)?(?:[A-Za-z-]+\s+)?(?:[^\d:：,，;；=]{0,24}?(?:\+|&|、|和|及|and)\s*)?(?:"# + vocabulary.partWords + ")",
                                       [.caseless], vocabulary)
        // The level lists' nouns (per box → box, a pack of → pack), English ones with their plurals.
        func nouns(_ list: String) -> String {
            Vocabulary.alternation(of: vocabulary.words(list).flatMap { word in
                let noun = word.lowercased().replacingOccurrences(of: "per ", with: "").replacingOccurrences(of: "a ", with: "").replacingOccurrences(of: " of", with: "")
                return noun.allSatisfy(\.isASCII) ? [noun, noun + "s", noun + "es"] : [noun]
            })
        }
        // 10 pcs per carton, 2 batteries per set; inner bundles of 10, cartons of 50.
        let levels = "(?<carton>" + nouns("carton_level") + ")|(?<inner>" + nouns("inner_level") + ")"
        countPerLevel = try compile("inner_level", #"(?J)(?<![0-9.])(?<value>[0-9]+)\s+(?:(?<thing>[A-Za-z][A-Za-z' -]{0,30}?)\s+)?(?i:per|in each|in every|in a|each|every|a)\s+(?:"#
            + levels + "|(?<item>" + words("count_per_item") + "))(?![A-Za-z])"
            + #"|(?i:(?:inner|outer|master)\s+)?(?:"# + levels + #")\s+of\s+(?<value>[0-9]+)(?![0-9.])"#
            // pcs/ctn: 20, bottles per master carton 36: the label first, then the count.
            + #"|(?<![A-Za-z])(?:(?<thing>[A-Za-z][A-Za-z' -]{0,30}?)\s*)?(?:/|(?i:per|in each|in every|in a|each)\s)\s*(?i:(?:inner|outer|master|export)\s+)?(?:"#
            + levels + #")(?![A-Za-z])\s*[:：=]?\s*(?<value>[0-9]+)(?![0-9.])(?!\s*(?:"# + units + "))"
            // cartons: 10 mats each; filters in box: 3, pens in the pack: 12.
            + #"|^\s*(?i:(?:inner|outer|master)\s+)?(?:"# + levels + #")\s*[:：]\s*(?<value>[0-9]+)\s+(?:(?<thing>[A-Za-z][A-Za-z' -]{0,30}?)\s+)?(?i:each|apiece)(?![A-Za-z])"#
            + #"|^\s*(?<thing>[A-Za-z][A-Za-z' -]{0,30}?)\s+(?i:in|per)\s+(?:(?i:the|a|each|every)\s+)?(?i:(?:inner|outer|master)\s+)?(?:"# + levels
            + #")\s*[:：=]\s*(?<value>[0-9]+)(?![0-9.])(?!\s*(?:"# + units + "))")
        let countUnitWords = vocabulary.units.values.filter { $0.quantity == "count" }.flatMap { $0.aliases + [$0.name] }
        let countUnits = Vocabulary.alternation(of: countUnitWords)
        // 1号箱 24 2号箱 22, ctn#3: 48pcs, 第2盒 11支: one count per numbered package.
        let package = "(?:(?<carton>" + words("numbered_carton") + ")|(?<inner>" + words("numbered_inner") + "))"
        // The package's number and the count are parted by a mark or a blank (bag 92 is no bag 9 of 2).
        numberedCount = try compile("numbered_carton", #"(?J)(?:(?:第\s*(?:[0-9]+|[一二三四五六七八九十]+)\s*|(?<![0-9.])[0-9]+\s*号\s*)"# + package + #"\s*[:：=-]?\s*|(?i:"# + package
            + #")\s*(?i:no\.?|#)?\s*[0-9]+(?:\s*[:：=-]\s*|\s+))(?<value>[0-9]+|[零〇一二两三四五六七八九十百千]+)(?:\s*(?:"# + countUnits + #"))?(?![0-9.])(?!\s*(?:"# + units + "))")
        let packages = "(?:(?<carton>" + nouns("numbered_carton") + ")|(?<inner>" + nouns("numbered_inner") + "))"
        let listed = #"[0-9]+(?:\s*(?:"# + countUnits + "))?"
        countsOfPackages = try compile("numbered_carton", #"(?J)(?<![0-9.])(?<n>[0-9]{1,2})\s*"# + packages + #"(?![A-Za-z])[^0-9\n]{0,16}?(?<list>"#
            + listed + #"(?:\s*[/、,，;；]\s*"# + listed + ")+)(?![0-9.])")
        let notCounts = Vocabulary.alternation(of: vocabulary.units.values.filter { $0.quantity != "count" }.flatMap { $0.aliases + [$0.name] })
        sectionHeading = try compile("note_headings", #"^\s*(?<name>[0-9]+(?:\.[0-9]+)?\s*(?:"# + notCounts
            + #")|(?i:[2-6]?X{1,3}L|XXS|XS|[SML])(?:码|号)?|[0-9]{2,3}(?:码|号))(?![A-Za-z0-9])\s*(?:[(（][^()（）\n]{0,40}[)）])?[^\d:：\n]{0,16}[:：]\s*$"#)
        let sizeUnits = Vocabulary.alternation(of: ["length", "mass", "volume"].flatMap { vocabulary.aliases(for: "unit:" + $0) ?? [] })
        openingSize = try compile("parts", #"^\s*(?<name>[0-9]+(?:\.[0-9]+)?\s*(?:"# + sizeUnits + #"))\s*(?:(?:的|款|装|号)\s*(?=\S)|(?="#
            + vocabulary.partWords + "))")
        namedSize = try compile("note_fillers", #"^\s*(?<value>[0-9]+(?:\.[0-9]+)?)\s*(?<unit>"# + units
            + #")\s*(?:(?:的|款|装|号)\s*(?=\S)|(?:[(（][^()（）\n]{0,24}[)）]\s*)?(?:[A-Za-z]+\s*){0,2}[:：]\s*(?=[^:：]*[0-9]))"#)
        packageLabel = try compile("numbered_carton", #"(?i)[(（]\s*(?:from\s+|in\s+)?(?:(?:第\s*)?[0-9]+\s*号?\s*"# + packages
            + #"|"# + packages + #"\s*(?:no\.?|#)?\s*[0-9]+)\s*[)）]"#)
        compoundTail = try compile("note_fillers", #"(?<![0-9.])(?<value>"# + number + #")\s*(?<unit>"# + units + ")")
        let packageWords = Set(vocabulary.words("numbered_carton") + vocabulary.words("numbered_inner"))
        let pieceUnits = Vocabulary.alternation(of: countUnitWords.filter { !$0.allSatisfy(\.isASCII) && !packageWords.contains($0) })
        chineseCount = try compile("numbered_inner", #"(?<![第零〇一二两三四五六七八九十百])(?<value>[零〇一二两三四五六七八九十百]+)\s*(?<unit>"# + pieceUnits + ")(?![都也][没不])")
        bareTuple = try compile("note_fillers", #"(?<![0-9.])[0-9]+(?:\.[0-9]+)?(?:\s*[x×*X＊]\s*[0-9]+(?:\.[0-9]+)?){1,2}(?![0-9.])(?!\s*"# + units + ")")
        partValue = try compile("parts", "(?<p>" + vocabulary.partWords + #")[\s:：=]*[^\d\n。；;!！?？,，]{0,8}?(?<![0-9.A-Za-z])(?<value>"# + number
            + #")(?![0-9./])(?:\s*(?<unit>"# + units + #")|(?![A-Za-z]))"#)
        marking = try compile("marking", words("marking"))
        ordered = try compile("note_ordered", words("note_ordered"))
        goesIn = try compile("note_goes_in", words("note_goes_in"))
        putOn = try compile("note_put_on", words("note_put_on"))
        distance = try engine.compile(wordList: "note_distance", #"(?<![A-Za-z])(?:"# + words("note_distance") + #")\s*[0-9]+(?:\.[0-9]+)?\s*(?:"#
                                      + Vocabulary.alternation(of: vocabulary.aliases(for: "unit:length") ?? []) + ")", [.caseless], vocabulary)
        aboutMe = try compile("note_about_me", "(?i)" + words("note_about_me"))
        specParts = Set(vocabulary.words("spec_parts"))
        notMeasured = try compile("note_not_measured", words("note_not_measured"))
        // After 用/拿/a/with/on (用5米卷尺, a 50m tape, a 30kg hanging scale), or with 的 (5米的卷尺):
        // 厚 0.7mm 游标卡尺量的 and 1.98m tape are lengths read with a tool.
        let figure = #"(?<![0-9.])[0-9]+(?:\.[0-9]+)?\s*(?:"# + units + ")"
        let tools = vocabulary.words("note_instruments")
        let chineseTool = Vocabulary.alternation(of: tools.filter { !$0.allSatisfy(\.isASCII) })
        let tool = "(?i:" + Vocabulary.alternation(of: tools) + ")(?![A-Za-z])"
        let lead = ["a", "an", "my", "our", "with", "on", "using"].map { #"(?<=\b(?i:\#($0))\s)"# }.joined(separator: "|") + "|(?<=w/)|(?<=w/ )"
        let chineseLead = ["用", "拿", "把", "个", "了"].map { "(?<=\($0))" }.joined(separator: "|")
        let sampleCount = #"(?:[0-9]+|[一二两三四五六七八九十]+)\s*(?:"# + countUnits + #")?"#
        sampled = try engine.compile(wordList: "note_sampled", "(?:" + words("note_sampled") + #")\s*"# + sampleCount
            + #"(?:\s+(?i:at random|randomly))?(?=\s*(?:来|出来|去)?\s*(?:量|测|称|检|[:：，,]|(?i:and (?:measured|weighed|checked)|to (?:measure|weigh))))"#, [.caseless], vocabulary)
        accuracy = try engine.compile(wordList: "note_precision", #"(?:(?:"# + words("note_precision") + #")\s*[:：=]?\s*(?:±|\+\s?/\s?-|\+-)?|±|\+\s?/\s?-|\+-)\s*[0-9]+(?:\.[0-9]+)?\s*(?:"#
                                      + units + ")?", [.caseless], vocabulary)
        instrumentSpecs = try engine.compile(wordList: "note_instrument_specs", #"(?<![A-Za-z])(?:"# + words("note_instrument_specs") + #")\s*[:：=]?\s*[0-9]+(?:\.[0-9]+)?\s*(?:"#
                                             + units + ")", [.caseless], vocabulary)
        instrument = try engine.compile(wordList: "note_instruments", #"(?<![A-Za-z])(?:"# + words("note_instruments") + ")(?![A-Za-z])", [.caseless], vocabulary)
        instrumentRange = try engine.compile(wordList: "note_instruments", figure + #"(?=\s*的\s*(?:"# + chineseTool + "))|(?:" + chineseLead + ")" + figure
                                                 + #"(?=\s*(?:"# + chineseTool + "))|(?:" + lead + ")" + figure + #"(?=\s*(?:[A-Za-z-]+\s+){0,2}?"# + tool + ")", [], vocabulary)
        let dispatchWords = vocabulary.attributes.values.filter { $0.comparison == .dispatch }.flatMap(\.aliases)
        shipped = try compile("shipped_words", Vocabulary.alternation(of: vocabulary.words("shipped_words") + dispatchWords))
        shippedOn = [(try compile("same_day", words("same_day")), "0"), (try compile("next_day", words("next_day")), "1")]
        let girths = Set(vocabulary.attributes.values.compactMap(\.halfOf))
        self.girths = girths
        girthWords = vocabulary.attributes.values.filter { girths.contains($0.name) || $0.halfOf != nil }.flatMap(\.aliases).map { $0.lowercased() }
        halfWords = vocabulary.attributes.values.filter { $0.halfOf != nil }.flatMap(\.aliases).map { $0.lowercased() }
        attributeValue = try compile("note_fillers",
            "(?<attr>" + attributes + #")[\s:：=]*(?<gap>[^\d\n。；;!！?？]{0,20}?)(?<![0-9.])(?<value>"# + number + #")(?![0-9./])\s*(?<unit>"# + units + ")?")
    }
}
