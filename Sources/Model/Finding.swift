import ChatModel

/// What a promise is about. The JSON contract's `kind` field.
public enum FindingKind: String, Sendable, Codable, CaseIterable {
    case dimension, weight, volume, quantity, material, size
    case `return`, delivery, warranty, tolerance, spec
}

/// A finding's value: a number in the canonical unit, or a string for materials and labels.
public enum FindingValue: Sendable, Equatable, Hashable {
    case number(Double)
    case text(String)

    /// The number, or nil for a text value.
    public var number: Double? { if case .number(let value) = self { value } else { nil } }
}

/// How a statement was made: only a seller's `stated` or `confirmed` one is a promise.
public enum Stance: String, Sendable, Codable, CaseIterable {
    /// Said outright by the speaker.
    case stated
    /// The buyer asked and the seller said yes (对的, 是的, yes): the seller's promise.
    case confirmed
    /// Asked, not stated (长度有40cm吗？).
    case question
    /// The buyer repeating what the seller said (你说过包退的): the buyer's word, not the seller's.
    case quoted
    /// The seller restating the buyer's own figures (您腰围2尺3…): about the buyer, not the item.
    case buyerInfo = "buyer_info"
    /// An offer on condition (可以定做, if you order 1000+ we can make it 5mm): not the stock item.
    case offer
    /// Said, then taken back by the seller (说错了, correction) with another figure for the same
    /// thing (`corrected_line`): the later figure is the promise.
    case corrected
}

/// One thing the seller (or buyer) stated, with the exact text it came from and where.
public struct Finding: Sendable, Equatable {
    public var path: String
    /// 1-based line of the file where the matched text starts.
    public var line: Int
    /// 1-based line where the message holding it starts (its header).
    public var messageLine: Int
    /// ISO 8601 local time of the message, when the log has one.
    public var time: String?
    public var speaker: String?
    public var role: Role
    public var kind: FindingKind
    /// Canonical snake_case attribute name from the vocabulary (`length`, `return_window`...).
    public var attribute: String
    public var value: FindingValue?
    public var min: Double?
    public var max: Double?
    /// The seller hedged: 约, 左右, about, ≈.
    public var approx: Bool
    /// Canonical unit (`cm`, `g`, `ml`, `pcs`, `days`...), nil for text values.
    public var unit: String?
    /// Share of a material in a composition (95 in 95%棉).
    public var percent: Double?
    /// The exact matched text.
    public var raw: String
    /// The whole message the match is in, as written.
    public var quote: String
    /// The id of the pattern that matched.
    public var pattern: String
    public var stance: Stance = .stated
    /// The variant it belongs to when the text names one (`M`, `XL`, `20寸`, `另一款`).
    public var variant: String?
    /// What the figure is about when it is not the item: `buyer` (我身高172), `person`,
    /// `pet`, `room`, `other_product` (我之前买的那个). Such a figure is never the seller's promise.
    public var subject: String?
    /// The packaging level a figure is about when not the item itself: `inner` (每盒12支,
    /// 内盒) or `carton` (外箱尺寸, 每箱240支, G.W.). Compared only at the same level.
    public var level: String?
    /// What the tool inferred rather than read, said for the reader: an attribute taken from a
    /// member's position in an unlabelled tuple (1.5米×2米 read as width × length, as beds are
    /// written). Nil when every part was read from the words.
    public var inference: String?
    /// A range an adjustable size covers (升降范围 65-105cm): its ends are compared with the
    /// buyer's measurements at the lowest and highest positions, not as a tolerance.
    public var adjustable = false
    /// The part of the item it is about, when the clause names one (`handle` in "the handle is
    /// 60 cm long", 肩带 in 肩带长120cm): compared only with a measurement of the same part.
    public var part: String?
    /// For tolerances: the kind of attribute they cover (`dimension`, `weight`, `color`, `all`).
    public var scope: String?
    /// Conditions and exclusions attached to a commitment (不影响二次销售, 拆封后不退).
    public var conditions: [String] = []
    /// Readings the tool could not choose between (`["inch", "cun"]` for 寸 with no context).
    public var ambiguous: [String] = []
    /// A grade written with a material (600D).
    public var grade: String?
    /// For a confirmation: the buyer's question, its line, who asked and when (the
    /// finding's own `speaker`, `time` and `quote` are the seller's yes).
    public var asked: String?
    public var askedLine: Int?
    /// Where the seller corrected this figure (stance `corrected`).
    public var correctedLine: Int?
    public var askedBy: String?
    public var askedTime: String?
    /// How many times `raw` occurs in `quote` before this match (to mark the right one).
    public var occurrence = 0

    public init(path: String, line: Int, messageLine: Int, time: String?, speaker: String?, role: Role, kind: FindingKind, attribute: String,
                value: FindingValue?, min: Double?, max: Double?, approx: Bool, unit: String?, percent: Double?, raw: String, quote: String, pattern: String) {
        self.path = path
        self.line = line
        self.messageLine = messageLine
        self.time = time
        self.speaker = speaker
        self.role = role
        self.kind = kind
        self.attribute = attribute
        self.value = value
        self.min = min
        self.max = max
        self.approx = approx
        self.unit = unit
        self.percent = percent
        self.raw = raw
        self.quote = quote
        self.pattern = pattern
    }

    /// The figure the finding states: its value, else the end of its range.
    public var figure: Double? { value?.number ?? max ?? min }

    /// The attribute was inferred (a side of an unlabelled tuple), not read: `inference` then
    /// starts with `attribute by`.
    public var attributeInferred: Bool { inference?.hasPrefix("attribute by") == true }

    /// A seller's word about the item: what a claim can hold the seller to.
    public var isPromise: Bool { role == .seller && (stance == .stated || stance == .confirmed) && subject == nil }
}
