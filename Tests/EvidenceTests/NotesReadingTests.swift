import Catalog
import Compare
import Extraction
import Foundation
import Matching
import Model
import Testing

/// The buyer's notes as buyers write them: every line of Fixtures/notes/lines.txt is read the
/// way its expectation says (a heading, not read, or the measurements it gives).
@Suite struct NotesReadingTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let line: Int
        let text: String
        let expected: String
        var testDescription: String { "lines.txt:\(line) `\(text)`" }
    }

    static let cases: [Case] = {
        let url = Support.packageRoot.appendingPathComponent("Tests/EvidenceTests/Fixtures/notes/lines.txt")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, line in
            guard !line.hasPrefix("#"), let arrow = line.range(of: "  =>  ") else { return nil }
            return Case(line: index + 1, text: String(line[..<arrow.lowerBound]), expected: String(line[arrow.upperBound...]))
        }
    }()

    /// `attribute[part]@level^position value unit`, as the fixture writes a reading.
    static func describe(_ measurement: Model.Measurement) -> String {
        var name = measurement.attribute.isEmpty ? "?" : measurement.attribute
        if let part = measurement.part { name += "[\(part)]" }
        if let level = measurement.level { name += "@\(level)" }
        if let position = measurement.position { name += "^\(position)" }
        switch measurement.value {
        case .text(let text): return "\(name) \(text)" + (measurement.percent.map { " \(NumberFormat.short($0))%" } ?? "")
        case .number(let number):
            let value = NumberFormat.short((number * 100).rounded() / 100)
            if let percent = measurement.percent { return "\(name) \(value) \(NumberFormat.short(percent))%" }
            return "\(name) \(value) \(measurement.unit ?? "-")"
        }
    }

    @Test func theFixtureHoldsOverOneHundredFiftyLines() {
        #expect(Self.cases.count >= 150)
        #expect(Self.cases.contains { $0.expected == "heading" } && Self.cases.contains { $0.expected == "unread" })
    }

    @Test(arguments: cases) func lineReadsAsExpected(_ test: Case) {
        let reader = Support.notesReader()
        let got: String
        switch reader.reading(test.text, source: "lines.txt:\(test.line)") {
        case .heading: got = "heading"
        case .unread: got = "unread"
        case .read(let measurements): got = measurements.map(Self.describe).joined(separator: " ; ")
        }
        #expect(got == test.expected)
    }

    @Test func aPatternSetLoadedForChatsOnlyRefusesToReadNotes() throws {
        let chatsOnly = try PatternSet(Support.catalog, readsNotes: false)
        #expect(throws: CatalogError.self) { try MeasurementReader(extractor: Extractor(chatsOnly), scratch: MatchScratch()) }
        #expect(chatsOnly.patterns.count == Support.patterns.patterns.count)
    }

    /// A list whose later lines give only their label and figure is read as its first line
    /// was, said to be an inference; a line with another label, or a figure far off, is not.
    @Test func aListLineWithOnlyItsFigureIsReadAsTheLineBefore() {
        let notes = "hose 1 (box 2): 14.6 m\nhose 2 (box 2): 14.9\n第一本 98张\n第二本 97\n第三本 9\n带盒称 812g\n空盒 318\n"
        let lines = Support.notesReader().lines(path: "m.txt", text: notes)
        func read(_ index: Int) -> [Model.Measurement] { if case .read(let read) = lines[index].reading { read } else { [] } }
        #expect(read(1).map { $0.value } == [FindingValue.number(1490)] && read(1).first?.unit == "cm")
        #expect(read(1).first?.notes.first?.contains("read as the line before") == true)
        #expect(read(3).map { $0.attribute } == ["quantity"] && read(3).map { $0.value } == [FindingValue.number(97)])
        #expect(lines[4].unreadReason != nil)
        // 空盒 318 under 带盒称 812g: another label, not the same list.
        #expect(read(6).allSatisfy { $0.notes.allSatisfy { !$0.contains("line before") } })
    }

    @Test func aNotesFileReadsEveryLineAndListsTheRest() {
        let notes = "到货实测：\n\n衣长 64\n做工一般\n# my own comment\n肩宽 40cm\n"
        let lines = Support.notesReader().lines(path: "m.txt", text: notes)
        #expect(lines.map(\.line) == [1, 3, 4, 6], "blank lines and # comments are not lines of notes")
        let read = Support.notesReader().read(path: "m.txt", text: notes)
        #expect(read.measurements.map(\.source) == ["m.txt:3", "m.txt:6"])
        #expect(read.unread.map { "\($0.path):\($0.line) \($0.text)" } == ["m.txt:4 做工一般"])
        #expect(read.measuredOn == nil, "no date in the notes: none is invented")
    }

    /// The day of measuring is a full date on a line of its own (a `#` comment too); a date
    /// with no year, a shipping date or an impossible date gives none.
    @Test(arguments: [
        ("# 2024-03-15 到货实测\n衣长 64\n", "2024-03-15"),
        ("到货实测 2024/3/15\n衣长 64\n", "2024-03-15"),
        ("衣长 64\n2024年3月16日 量的\n", "2024-03-16"),
        ("Measured on 2025.11.02\nlength 64 cm\n", "2025-11-02"),
        ("发货 2024-03-09\n衣长 64\n", nil),
        ("3月15日 到货实测\n衣长 64\n", nil),
        ("2024-02-30 量的\n衣长 64\n", nil),
    ] as [(String, String?)])
    func theDayOfMeasuringComesFromADatedLine(notes: String, day: String?) {
        let read = Support.notesReader().read(path: "m.txt", text: notes)
        #expect(read.measuredOn == day)
    }

    @Test func aFigureWithoutUnitTakesThePromisesUnitAndSaysSo() {
        let findings = Support.chat([("S", "衣长68cm，袖长 23 inch")])
        let notes = Support.notesReader().read(path: "m.txt", text: "衣长 64\n袖长 22\n").measurements
        let comparison = Comparer(catalog: Support.catalog).compare(findings: findings, measurements: notes, variant: nil)
        let length = comparison.items.first { $0.attribute == "garment_length" }
        #expect(length?.measuredText == "64 cm")
        #expect(length?.verdict == .mismatch)
        #expect(length?.notes.contains { $0.contains("read in cm, the unit of the promise (inference)") } == true)
        let sleeve = comparison.items.first { $0.attribute == "sleeve" }
        #expect(sleeve?.measuredText == "55.88 cm", "22 read in inch, as the promise is written")
    }

    @Test func aFigureFarFromThePromiseInItsUnitTakesTheNearestUnit() {
        let findings = Support.chat([("S", "窗帘宽2米高2.6米")])
        let notes = Support.notesReader().read(path: "m.txt", text: "高 247\n").measurements
        let height = Comparer(catalog: Support.catalog).compare(findings: findings, measurements: notes, variant: nil).items.first { $0.attribute == "height" }
        #expect(height?.measuredText == "247 cm")
        #expect(height?.notes.contains { $0.contains("read in cm, as the promise's unit (m) puts it far from the promise (inference)") } == true)
        let nowhere = Support.notesReader().read(path: "m.txt", text: "高 9\n").measurements
        let far = Comparer(catalog: Support.catalog).compare(findings: findings, measurements: nowhere, variant: nil).items.first { $0.attribute == "height" }
        #expect(far?.verdict == .notMeasured, "9 is near the promise in no unit: not compared")
    }

    @Test func aMaterialIsComparedWithThatPartsPromise() {
        let findings = Support.chat([("S", "鞋面是头层牛皮，鞋底是橡胶的"), ("S", "Lining: polyester")])
        #expect(findings.filter { $0.kind == .material }.map { "\($0.part ?? "-") \(ValueText.plain($0.value))" } == ["upper top_grain_cowhide", "sole rubber", "lining polyester"])
        let notes = Support.notesReader().read(path: "m.txt", text: "鞋面：PU\n鞋底：橡胶\n").measurements
        let items = Comparer(catalog: Support.catalog).compare(findings: findings, measurements: notes, variant: nil).items
        #expect(items.first { $0.measured.first?.part == "upper" }?.verdict == .mismatch)
        #expect(items.first { $0.measured.first?.part == "sole" }?.verdict == .matches)
    }

    @Test func aPositionWithNoAttributeIsTheOneAdjustableSize() {
        let findings = Support.chat([("S", "升降范围 55-80cm，桌面 100×50cm")])
        let notes = Support.notesReader().read(path: "m.txt", text: "最低档 55cm\n摇到最高 71cm\n孩子125cm\n").measurements
        #expect(notes.count == 2, "the child's height is no measurement of the desk")
        let items = Comparer(catalog: Support.catalog).compare(findings: findings, measurements: notes, variant: nil).items
        #expect(items.first { $0.attribute == "height_highest" }?.verdict == .mismatch)
        #expect(items.first { $0.attribute == "height_lowest" }?.verdict == .matches)
        #expect(items.first { $0.attribute == "height_lowest" }?.measured.last?.notes.contains { $0.contains("the one adjustable size promised, height (inference)") } == true)
    }

    @Test func aCountOfAnotherThingIsNotTheSetsCount() {
        let findings = Support.chat([("S", "一套12个杯子，另送杯垫")])
        let notes = Support.notesReader().read(path: "m.txt", text: "数了只有11个杯子\n杯垫 12个\n").measurements
        #expect(notes.map { $0.counted } == ["杯子", "杯垫"])
        let items = Comparer(catalog: Support.catalog).compare(findings: findings, measurements: notes, variant: nil).items
        let cups = items.first { $0.attribute == "quantity" && $0.measured.last?.part == nil }
        #expect(cups?.measuredText == "11 pcs")
        #expect(cups?.verdict == .mismatch)
        #expect(items.first { $0.measured.last?.part == "杯垫" }?.verdict == .measuredNotPromised)
    }

    @Test func theOnlySizeTheSellerGaveFiguresForPicksThePromisesButProvesNoOrder() {
        let chart = Support.chat([("B", "M码的尺寸发一下"), ("S", "M码 衣长70 胸围110 单位cm")])
        let ordered = VariantInference.ordered(in: chart, vocabulary: Support.catalog.vocabulary)
        #expect(ordered?.value == "M")
        #expect(ordered?.pickedFromFigures == true)
        let notes = Support.notesReader().read(path: "m.txt", text: "衣长 66\n尺码：L\n").measurements
        let items = Comparer(catalog: Support.catalog).compare(findings: chart, measurements: notes, variant: ordered).items
        #expect(items.first { $0.attribute == "garment_length" }?.verdict == .mismatch)
        #expect(items.first { $0.attribute == "size_label" }?.verdict == .measuredNotPromised, "no wrong-size verdict from an inference")
        // The item's own figure beside another model's: no variant is taken.
        let models = Support.chat([("S", "净重 560g，另一款大号的重 700g")])
        #expect(VariantInference.ordered(in: models, vocabulary: Support.catalog.vocabulary) == nil)
    }

    @Test func aTestedFigureComesBeforeAMarking() {
        let findings = Support.chat([("S", "额定功率 1200W")])
        let notes = Support.notesReader().read(path: "m.txt", text: "功率计实测 980W\n铭牌：额定功率 1200W\n").measurements
        #expect(notes.map(\.isMarking) == [false, true])
        let power = Comparer(catalog: Support.catalog).compare(findings: findings, measurements: notes, variant: nil).items.first { $0.attribute == "power" }
        #expect(power?.measuredText == "980 W")
        #expect(power?.verdict == .mismatch)
        #expect(power?.notes.contains { $0.contains("the last tested figure (m.txt:1) is used, not the marking") } == true)
    }

    @Test func aLayersThicknessNeverReplacesTheMattresss() {
        let findings = Support.chat([("S", "床垫厚度22cm，乳胶层3cm")])
        let notes = Support.notesReader().read(path: "m.txt", text: "乳胶层 2cm厚\n整体厚度 21.5cm\n").measurements
        let items = Comparer(catalog: Support.catalog).compare(findings: findings, measurements: notes, variant: nil).items
        let whole = items.first { $0.attribute == "thickness" && $0.promised?.part == nil && $0.measured.first?.part == nil }
        #expect(whole?.measuredText == "21.5 cm")
        let layer = items.first { $0.attribute == "thickness" && $0.measured.first?.part == "latex layer" }
        #expect(layer?.promised.map(ValueText.of) == "3 cm")
        #expect(layer?.verdict == .mismatch)
    }
}

/// `evidence measurements` and the notes in `compare`/`claim`, from the built binary.
@Suite struct MeasurementsCommandTests {
    @Test func showsEachLineAndExitsByWhatWasRead() throws {
        let sample = Support.packageRoot.appendingPathComponent("samples/measured-dress-notes.txt").path
        let text = try Support.run(["measurements", sample])
        #expect(text.status == 1, "a remark is not read")
        #expect(text.stdout.contains("→ chest 84; no unit written: the unit of the promise is used; ×2 written after the figure: doubled"))
        #expect(text.stdout.contains("→ heading"))
        #expect(text.stdout.contains("→ not read: a remark with no figure"))
        let lines = try Support.run(["measurements", "--format", "jsonl", sample]).stdout.split(separator: "\n")
        let objects = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(objects.map { $0["status"] as? String } == ["read", "heading", "read", "read", "read", "read", "unread"])
        #expect(objects.map { $0["line"] as? Int } == [1, 2, 3, 4, 5, 6, 7])
        #expect(try Support.run(["measurements", "--strict", sample]).status == 2)

        let folder = Support.temporaryFolder()
        let clean = Support.write("衣长 64cm\n---\n肩宽 40\n", to: "clean.txt", in: folder)
        #expect(try Support.run(["measurements", clean]).status == 0)
        let missing = try Support.run(["measurements", folder.appendingPathComponent("nope.txt").path, clean])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope.txt"))
        #expect(missing.stdout.contains("clean.txt:1"), "the other files are still read")
    }

    @Test func aHugeLineIsNotANoteAndTheRestIsRead() throws {
        let folder = Support.temporaryFolder()
        let notes = Support.write("衣长 64cm\n" + String(repeating: "胸围 100cm ", count: 200_000) + "\n肩宽 40cm\n", to: "huge.txt", in: folder)
        let run = try Support.run(["measurements", "--format", "jsonl", notes])
        #expect(run.status == 1)
        let statuses = run.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }.map { $0["status"] as? String }
        #expect(statuses == ["read", "unread", "read"])
        #expect(run.stdout.contains("bytes on one line is not a note"))
    }

    @Test func compareListsUnreadLinesInJSONAndGoesOn() throws {
        let folder = Support.temporaryFolder()
        let chat = Support.packageRoot.appendingPathComponent("samples/taobao-dress-chat.txt").path
        let notes = Support.write("胸围 84\n拉链有点卡\n", to: "notes.txt", in: folder)
        let run = try Support.run(["compare", chat, "--measured", notes, "--format", "json"])
        #expect(run.status == 1, "the chest is still compared and falls short")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let unread = try #require(document["unread"] as? [[String: Any]])
        #expect(unread.count == 1)
        #expect(unread.first?["line"] as? Int == 2)
        #expect(unread.first?["text"] as? String == "拉链有点卡")
        #expect(run.stderr.contains("notes.txt:2: not read:"))
        let claim = try Support.run(["claim", chat, "--measured", notes])
        #expect(claim.status == 1)
        #expect(claim.stdout.contains("Lines of the notes not read"))
        #expect(try Support.run(["claim", chat, "--measured", notes, "--strict"]).status == 2)
        #expect(claim.stdout.contains("Noted without a unit and read in the unit of the promise: chest (\(notes):1)"), "the unit is said to be inferred")
    }
}
