import Catalog
import Matching

/// The word lists of patterns/words.yaml compiled into what the interpreter reads a
/// finding's context with.
struct InterpreterWords: Sendable {
    /// A negation just before a value, in the same clause.
    let negation: any Matcher
    /// A buyer telling what the seller said.
    let quoting: any Matcher
    /// A seller's yes at the start of a reply: an optional salutation, then a yes that stands
    /// on its own (not followed by 不/没), or a short one that ends there or takes a particle.
    let confirmation: any Matcher
    /// A part of the item, in group `p`.
    let parts: any Matcher
    /// Folded or collapsed (折叠后, folds flat to): a state whose sizes are kept apart like a part's.
    let foldedState: any Matcher
    /// A part named right after a figure: 4.2 cm across at the base.
    let partAfter: any Matcher
    /// A part named straight after a figure, nothing between (3公分乳胶层): the figure is its.
    let partAdjoining: any Matcher
    let questionEndings: [String]
    let buyerAddress: [String]
    /// What follows an address to the buyer when it names the item they chose (您拍的): word list `buyers_choice`.
    let buyersChoice: [String]
    /// 您好, 你好呀: a greeting, which addresses no figure to the buyer (word list `greetings`).
    let greetings: [String]
    /// The parts whose electrical ratings are their own (word list `spec_parts`: port C1…).
    let specParts: Set<String>
    /// Right after a figure, the model it is said to be (1000W的是5L款, 30W is the BT-X8): group `v`.
    let figureIsVariant: any Matcher
    /// A figure said as a difference: 比普通款低10分贝 (before it, to the end of the range
    /// searched), 200 g lighter than (`comparativeAfter`, right after it); word list `comparatives`.
    let comparativeBefore: any Matcher
    let comparativeAfter: any Matcher
    /// A message's declared unit for the figures written without one (尺码表（单位cm）, sizes in
    /// cm, unit: inch): group `u`.
    let unitDeclaration: any Matcher
    let modelWords: [String]
    /// Attributes that are conditions on the return terms of their message (拆封后不退).
    let conditions: Set<String>
    /// What a figure is about, by the words near it: packaging levels, other subjects, other
    /// models, conditional offers (each a word list of patterns/words.yaml).
    let cartonLevel: any Matcher
    let innerLevel: any Matcher
    let grossLevel: any Matcher
    /// Words that take the packaging out (不含外箱, without carton): word list `without_packaging`.
    let withoutPackaging: any Matcher
    /// A part taken out before a figure (不含盖, without lid): `Vocabulary.withoutPart`.
    let withoutPart: any Matcher
    /// Products whose sizes are written width × length (床垫, rug): word list `width_first`.
    let widthFirst: any Matcher
    /// Words of an adjustable size (升降范围, adjustable): word list `adjustable`.
    let adjustable: any Matcher
    /// A drink container or capacity word: word list `fluid_ounces`.
    let fluidOunces: any Matcher
    /// A weight word (the aliases of `weight`): an oz figure after it, nearer than a capacity
    /// word, stays mass.
    let weighs: any Matcher
    /// The speaker's own figure: 我 (or I'm, me) right before it, a filler word at most between.
    let firstPerson: any Matcher
    let subjects: [(name: String, matcher: any Matcher)]
    /// A heading for other models (Other sizes in this range:, 其他规格：): all after it is theirs.
    let otherModelHeading: any Matcher
    /// Another model named with a figure at the start of a sentence (另外有一款加大的220×80，260g):
    /// its sentence's later clauses are that model's too.
    let otherModelLead: any Matcher
    let otherModel: any Matcher
    /// A clause that opens with the item named again (这款150g, this one is 45 cm), anchored:
    /// the variant an earlier clause opened with is not its.
    let thisItemOpening: any Matcher
    /// A figure named as a variant: one before 那款, model or 版 (30cm那款, the 32 oz model), a
    /// tuple before 的 (120*50*200的), or one opening a clause that says what it is (36" is
    /// 36 x 23 x 25 in; group `open` set); group `v` is the name.
    let namedVariant: any Matcher
    /// The opening of a clause that names a variant (`opening` below alone, anchored): group `v`.
    let variantOpening: any Matcher
    /// A rate's "per" right after a figure (word list `rate_after`: /h, 每小时, /平方米), anchored.
    let rateAfter: any Matcher
    let offers: any Matcher
    /// A paper right after a figure in grams (100g道林纸), anchored: word list `paper_after`.
    let paperAfter: any Matcher
    /// A seller taking back what they said (说错了, correction): word list `corrections`.
    let corrections: any Matcher
    /// The vocabulary the names of other subjects' figures come from (body_height...).
    let vocabulary: Vocabulary

    /// The part's name in the vocabulary (座面 and seat are `seat`), else the word as written.
    func partName(_ word: String?) -> String? {
        word.map { vocabulary.parts.name(forAlias: $0) ?? $0.lowercased() }
    }

    /// `goods`: the words of the product categories (a room word before one, 客厅地毯, names
    /// the goods, not a room).
    init(_ vocabulary: Vocabulary, goods: [String] = [], engine: RegexEngine) throws(CatalogError) {
        func words(_ name: String) -> String { Vocabulary.alternation(of: vocabulary.words(name)) }
        func compile(_ name: String, _ regex: String) throws(CatalogError) -> any Matcher {
            try engine.compile(wordList: name, "(*ANYCRLF)" + regex, [.multiline], vocabulary)
        }
        let partWords = vocabulary.partWords
        negation = try compile("negation", "(?!" + words("negation_exceptions") + ")(?:" + words("negation") + #")\s*[^\s]{0,2}$"#)
        quoting = try compile("quoting", words("quoting"))
        confirmation = try compile("confirmation",
            #"^\s*(?:"# + words("salutation") + #"[，,\s]*)?(?:"# + words("confirmation") + #"(?!不|没)|"#
            + words("confirmation_short") + #"+(?![^\s，,。！!~～的啦哦呢呀亲]))"#)
        parts = try compile("parts", "(?<p>" + partWords + ")")
        foldedState = try compile("folded_state", "(?<p>" + words("folded_state") + ")")
        partAfter = try compile("parts", #"\G[^,，。;；\d\n]{0,16}?(?<![A-Za-z])(?i:at|of|on)\s+the\s+(?<p>"# + partWords + ")")
        partAdjoining = try compile("parts", #"\G[ \t]*(?<p>"# + partWords + ")")
        questionEndings = vocabulary.words("question_endings")
        buyerAddress = vocabulary.words("buyer_address")
        buyersChoice = vocabulary.words("buyers_choice")
        greetings = vocabulary.words("greetings")
        specParts = Set(vocabulary.words("spec_parts"))
        modelWords = vocabulary.words("model_words").map { $0.lowercased() }
        conditions = Set(vocabulary.attributes.values.filter(\.condition).map(\.name))
        cartonLevel = try compile("carton_level", words("carton_level"))
        withoutPart = try engine.compile(wordList: "without_packaging", vocabulary.withoutPart, [], vocabulary)
        withoutPackaging = try engine.compile(wordList: "without_packaging", "(?<![A-Za-z])(?:" + words("without_packaging") + ")(?![A-Za-z])", [.caseless], vocabulary)
        innerLevel = try compile("inner_level", words("inner_level"))
        grossLevel = try compile("gross_level", words("gross_level"))
        widthFirst = try compile("width_first", "(?<w>" + words("width_first") + ")")
        fluidOunces = try compile("fluid_ounces", words("fluid_ounces"))
        adjustable = try compile("adjustable", words("adjustable"))
        weighs = try compile("fluid_ounces", Vocabulary.alternation(of: vocabulary.attributes["weight"]?.aliases ?? []))
        firstPerson = try compile("first_person", words("first_person") + #"[\s,，：]*(?:"# + words("first_person_fillers") + #"\s*)?$"#)
        var subjects: [(String, any Matcher)] = []
        for name in ["buyer", "person", "pet", "room", "site", "other_product", "other_model"] {
            let goodsAfter = name == "room" && !goods.isEmpty ? #"(?!\s*"# + Vocabulary.alternation(of: goods) + ")" : ""
            subjects.append((name, try compile("subject_" + name, words("subject_" + name) + goodsAfter)))
        }
        self.subjects = subjects
        otherModelHeading = try compile("subject_other_model", words("subject_other_model") + #"[^:：\n。]{0,30}[:：]"#)
        // What ends the other model's run: the item named again (这款, this one) or a sentence's end.
        let back = words("this_item") + #"|\.\s"#
        otherModelLead = try compile("subject_other_model", words("subject_other_model") + "(?:(?!" + back + #")[^。！？!?；;\n\d]){0,24}[0-9０-９](?:(?!"# + back + #")[^。！？!?；;\n])*"#)
        otherModel = try compile("other_model", "(?<v>" + words("other_model") + ")")
        thisItemOpening = try engine.compile(wordList: "this_item", #"\G[\s，,]*(?:"# + words("this_item") + ")", [.anchored, .caseless], vocabulary)
        let number = #"[0-9０-９]+(?:[.．][0-9０-９]+)?"#
        let tuple = number + #"(?:\s*[*×xX＊]\s*"# + number + "){1,2}"
        // A clause that opens with a figure said to be other figures (36" is 36 x 23 x 25 in,
        // 4米5是215克) names a variant by that first figure.
        // So does one that opens with a figure and 的 (1.8米的大概38kg: the 1.8 m one weighs 38 kg).
        // And one that opens with a model code said to be something (H5是6L的, BP-2209 is bigger,
        // V12的电池): the figures after it in its sentence are that model's.
        // Or a size (8寸, 1.8米) followed at once by an attribute and its figure (8寸直径20.5cm),
        // or a figure with its unit heading what follows (16kg: handle 35mm, 5L：高32cm), or a
        // named model heading its line (加大款：内径 130×70cm，外径 138×78cm).
        let attributeWords = Vocabulary.alternation(of: vocabulary.attributes.values.flatMap(\.aliases))
        let code = #"(?<v>[A-Za-z]{1,4}-?[0-9]{1,5}[A-Za-z]{0,3})(?![0-9A-Za-z.])(?:\s*(?:[A-Za-z]+|[^\s\dA-Za-z，,。；;:：是为的]{1,3}))??\s*(?:(?i:is|are|with|has)(?![A-Za-z])|是|为|的|有|带|[:：])"#
        // What may come before the name (we have RB-10 with…, 还有H7是…): word list `variant_lead_in`.
        // A count and 的 at a sentence's start names the set by its count (200粒的块是一样的，桶大一号，直径26cm).
        let counts = Vocabulary.alternation(of: (vocabulary.units["pcs"]?.aliases ?? []).filter { !$0.unicodeScalars.allSatisfy(\.isASCII) })
        let countOpening = #"(?<v>"# + number + #"\s*(?:"# + counts + #")装?)的(?![\s，,。.!！?？~～;；哦哈呢呀啊亲吧了]|$)"#
        let opening = #"\G(?<open>)\s*(?:(?i:the|our)\s+|[这那]款|[这那]个|(?i:"# + words("variant_lead_in") + #")\s*)?(?:"# + countOpening + #"|(?<v>"# + number + #"\s*(?:["”″]|[^\s\d，,。、的是为]{1,3}?)?(?:[0-9])?)(?:\s+[A-Za-z]+){0,2}?(?:\s*[(（][^()（）\n]{1,20}[)）])?\s*(?:(?:(?i:is|are)\s|是|为)\s*(?:(?i:about|around|approx\.?|approximately|roughly|约|大约|大概)\s*)?(?=[0-9０-９一二两三四五六七八九十])|的(?=[^\s，,。；;！？!?0-9０-９]{0,3}[0-9０-９])|(?<=寸|英寸|米|")(?=\s*"# + attributeWords + #"\s*[:：]?\s*[0-9０-９])|(?<=[^\s\d.．,，:：码号])\s*[:：](?=[^\n]{0,40}?[0-9０-９]))|(?!型号|货号|款号|编号|版号|商品|宝贝)(?<v>[^\s\d，,。、：:（）()]{1,5}(?:款|版))\s*[:：](?=[^\n]{0,40}?[0-9０-９])|"# + code + ")"
        variantOpening = try engine.compile(wordList: "variant_after", opening, [.anchored], vocabulary)
        rateAfter = try engine.compile(wordList: "rate_after", #"[ \t]*"# + words("rate_after"), [.anchored, .caseless], vocabulary)
        namedVariant = try compile("variant_after",
            opening + #"|(?<![0-9０-９.．])(?<v>"# + tuple + #"(?:\s*[^\s\d，,。的]{1,4}?)?(?=\s*的(?![\s，,。.!！?？~～;；哦哈呢呀啊亲吧了]|$))|(?:"# + tuple + "|" + number
            + #")\s*[^\s\d，,。、的那这*×]{0,4}?(?=[ \t的那这-]*"# + words("variant_after") + "))")
        figureIsVariant = try engine.compile(wordList: "variant_after", #"\G\s*(?:的是|是|(?i:is\s+(?:the|our)))\s*(?<v>"# + number
            + #"\s*[^\s\d，,。、的是]{0,3}?\s*(?:[ \t-]*"# + words("variant_after") + #")|[A-Za-z]{1,4}(?:-?[A-Za-z]{1,3})?-?[0-9]{1,5}[A-Za-z]{0,3}(?![0-9A-Za-z]))"#, [.anchored, .caseless], vocabulary)
        let comparatives = vocabulary.words("comparatives")
        comparativeBefore = try compile("comparatives", #"比[^，,。；;!?！？\d\n]{0,12}?(?:"# + Vocabulary.alternation(of: comparatives.filter { !$0.allSatisfy(\.isASCII) })
            + #")了?(?:约|大约|大概|将近|差不多)?$"#)
        comparativeAfter = try engine.compile(wordList: "comparatives", #"\G\s*(?:"# + Vocabulary.alternation(of: comparatives.filter { $0.allSatisfy(\.isASCII) })
            + #")\s+than(?![A-Za-z])"#, [.anchored, .caseless], vocabulary)
        unitDeclaration = try compile("units", #"(?:单位|(?i:units?|sizes?\s+in|all\s+in|measurements\s+in))\s*[:：]?\s*(?:为|是|都是)?\s*(?<u>"#
            + Vocabulary.alternation(of: vocabulary.aliases(for: "unit:length") ?? []) + #")(?![A-Za-z])"#)
        offers = try compile("offers", words("offers"))
        paperAfter = try engine.compile(wordList: "paper_after", #"\G\s*(?:"# + words("paper_after") + ")", [.anchored, .caseless], vocabulary)
        corrections = try engine.compile(wordList: "corrections", "(*ANYCRLF)" + words("corrections"), [.multiline, .caseless], vocabulary)
        self.vocabulary = vocabulary
    }
}

extension RegexEngine {
    /// A regex made of a word list's words; a compile error names the list's file and line.
    func compile(wordList name: String, _ regex: String, _ options: RegexOptions, _ vocabulary: Vocabulary) throws(CatalogError) -> any Matcher {
        do {
            return try compile(regex, options)
        } catch {
            let list = vocabulary.wordLists[name]
            throw CatalogError(file: list?.file ?? "patterns/words.yaml", line: list?.line, "word list \(name): \(error.message)")
        }
    }
}
