import ChatModel
import Matching

/// A saved Taobao, Tmall or 1688 listing page as text: title, price, 参数 block, SKU
/// selector, service labels, size chart, price tiers. Every line is the seller's statement.
struct ListingFormat: ChatFormat {
    let name = "listing"
    private static let cue = PCRE2Regex.reader(
        #"^\s*(?:产品参数|宝贝参数|商品参数|规格参数|颜色分类|尺码表|尺寸表|商品详情|宝贝详情|服务[：:]|保障[：:]|价格|起批量|库存|月销|已售|品牌[：:\t ]|货号[：:\t ]|材质成分|面料[：:]|适用年龄|[¥￥]\s*\d|发货地|发货方式|运费|材质[：:]|尺寸\s*[（(：:]|规格[：:]|型号[：:]|(?:产品|商品)?净重\s*[（(：:\[]|毛重|重量\s*[（(：:]|产地[：:]|【[^】\n]{2,30}】|(?i:price|colou?r|size|brand|material|item weight|product dimensions|package dimensions|model number)\s*[:：\t]|(?i:about this item|product information|product details|technical details|customer reviews|visit the .{1,40} store)\s*$|[0-9.]+ out of 5 stars)"#)

    func confidence(_ sample: FileSample) -> Double {
        let cues = sample.count(Self.cue)
        guard cues >= 3 else { return 0 }
        return min(0.9, 0.4 + Double(cues) / Double(max(sample.lines.count, 1)))
    }

    func parse(_ bytes: [UInt8], scratch: MatchScratch) throws(InputError) -> ParsedChat {
        ParsedChat(bytes: bytes, verbatim: true, messages: PlainTextFormat.lines(bytes))
    }
}

/// Text with no chat structure: every non-blank line is a message with no speaker.
struct PlainTextFormat: ChatFormat {
    let name = "plain-text"

    func confidence(_ sample: FileSample) -> Double { 0.01 }

    func parse(_ bytes: [UInt8], scratch: MatchScratch) throws(InputError) -> ParsedChat {
        ParsedChat(bytes: bytes, verbatim: true, messages: Self.lines(bytes))
    }

    static func lines(_ bytes: [UInt8]) -> [RawMessage] {
        TextLines.ranges(bytes).enumerated().compactMap { index, range in
            TextLines.isBlank(bytes, range) ? nil : RawMessage(line: index + 1, bodyLine: index + 1, stamp: nil, speaker: nil, body: range)
        }
    }
}
