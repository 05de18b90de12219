import Catalog
import Compare
import Model

/// One discrepancy as a sentence, in both languages, from the templates in claims.yaml.
extension ClaimBuilder {
    /// `98cm`, `66–68cm`, `约30cm`, `50个`: a value the Chinese way (units with a Chinese
    /// reading in the vocabulary take it).
    func zh(_ text: String) -> String {
        var result = text.replacingAll(" ", with: "")
        for unit in vocabulary.units.values {
            if let word = unit.zh, result.hasSuffix(unit.name), result.dropLast(unit.name.count).last?.isNumber == true {
                result = String(result.dropLast(unit.name.count)) + word
                break
            }
        }
        return result.hasPrefix("≈") ? "约" + result.dropFirst() : result
    }

    private func zhValue(_ finding: Finding) -> String {
        var plain = finding
        plain.variant = nil
        return zh(ValueText.of(plain))
    }

    /// `棉95%、氨纶5%`, `黑色`: text values by their first Chinese word.
    func zhValues(_ attribute: String, _ values: [(FindingValue?, Double?)]) -> String {
        let words = vocabulary.valueWords(for: attribute)
        return values.map { value, percent in
            let plain = ValueText.plain(value)
            return (words?.chinese(plain) ?? plain) + (percent.map { NumberFormat.short($0) + "%" } ?? "")
        }.joined(separator: "、")
    }

    /// What was measured, the Chinese way.
    func zhMeasured(_ item: ComparedItem) -> String {
        item.kind == .material ? zhValues(item.attribute, item.measured.map { ($0.value, $0.percent) }) : zh(item.measuredText)
    }

    /// `ordered`: the variant ordered, for a wrong size.
    func sentence(_ item: ComparedItem, ordered: OrderedVariant?) -> Bilingual {
        let attribute = entry(item.attribute, kind: item.kind)
        let name = Bilingual(zh: vocabulary.chineseName(item.attribute), en: vocabulary.englishName(item.attribute))
        let measured = item.measuredText
        let promised = item.promisedText
        switch attribute.comparison {
        case .label:
            return texts.sentence("wrong_size").filled(["ordered": Bilingual(ordered?.value ?? "?"), "received": Bilingual(item.measured.last.map { OrderedVariant.normalise(ValueText.plain($0.value)) } ?? "?")])
        case .dispatch:
            if let difference = item.difference, let promise = item.promised { return dispatchSentence(promise, item, late: difference) }
        case .composition:
            return texts.sentence("different_value").filled([
                "name": name, "promised": Bilingual(zh: zhValues(item.attribute, item.promisedComposition.map { ($0.value, $0.percent) }), en: promised),
                "measured": Bilingual(zh: zhMeasured(item), en: measured)])
        case .value:
            if attribute.words != nil {
                return texts.sentence("different_value").filled([
                    "name": name, "promised": Bilingual(zh: zhValues(item.attribute, [(item.promised?.value, nil)]), en: promised),
                    "measured": Bilingual(zh: zhValues(item.attribute, [(item.measured.last?.value, nil)]), en: measured)])
            }
        }
        var slots: [String: Bilingual] = [
            "name": name,
            "variant": item.promised?.variant.map { texts.sentence("variant").filled(["variant": Bilingual($0)]) } ?? Bilingual(""),
            "level": level(item),
            "promised": Bilingual(zh: item.promised.map(zhValue) ?? promised, en: promised),
            "measured": Bilingual(zh: zh(measured), en: measured),
        ]
        guard let difference = item.difference, let promise = item.promised else { return texts.sentence("measured_value").filled(slots) }
        var plain = promise
        plain.variant = nil
        slots["promised"] = Bilingual(zh: zhValue(promise), en: ValueText.of(plain))
        let unit = promise.unit ?? ""
        let amount = NumberFormat.short((abs(difference) * 100).rounded() / 100)
        slots["gap"] = Bilingual(zh: zh(amount + " " + unit), en: "\(amount) \(unit)")
        if let (target, says) = item.converted, difference < 0 {
            let converted = NumberFormat.short(target)
            slots["says"] = says
            slots["target"] = Bilingual(zh: zh(converted + " " + unit), en: "\(converted) \(unit)")
        }
        var sentence = texts.sentence(item.converted != nil && difference < 0 ? "converted_short" : difference < 0 ? "measured_short" : "measured_over").filled(slots)
        if let tolerance = item.tolerance, tolerance.value > 0 {
            let rounded = NumberFormat.short((tolerance.value * 100).rounded() / 100)
            let amount = tolerance.percent.map { Bilingual("±\(NumberFormat.short($0))%") } ?? Bilingual(zh: "±\(rounded)\(unit)", en: "±\(rounded) \(unit)")
            let template = tolerance.source == .seller ? "beyond_seller_tolerance" : "beyond_allowance"
            sentence += texts.sentence(template).filled(["tolerance": amount])
        }
        if item.tier == .weak, let allowance = item.defaultAllowance {
            let rounded = NumberFormat.short((allowance * 100).rounded() / 100)
            sentence += texts.sentence("within_default").filled(["tolerance": Bilingual(zh: "±\(rounded)\(unit)", en: "±\(rounded) \(unit)")])
        }
        return sentence
    }

    /// `每箱`, ` per carton`: the packaging level of the promise, or nothing.
    func level(_ item: ComparedItem) -> Bilingual {
        guard let level = item.promised?.level ?? item.measured.last?.level, texts.sentences["level_" + level] != nil else { return Bilingual("") }
        return texts.sentence("level_" + level)
    }

    /// 承诺下单后2天内发货，实际4天后才发出，晚了2天.
    private func dispatchSentence(_ promise: Finding, _ item: ComparedItem, late: Double) -> Bilingual {
        let unit = promise.unit == "hours" ? Bilingual(zh: "小时", en: "hours") : Bilingual(zh: "天", en: "days")
        let allowed = ValueText.plain(promise.value)
        let slots: [String: Bilingual] = [
            "allowed": Bilingual(allowed), "unit": unit, "taken": Bilingual(ValueText.plain(item.measured.first?.value)),
            "late": Bilingual(NumberFormat.short(late)),
        ]
        let sameDay = allowed == "0" && unit.en == "days"
        return texts.sentence(sameDay ? "dispatch_same_day" : "dispatch_within").filled(slots) + texts.sentence("shipped_late").filled(slots)
    }
}
