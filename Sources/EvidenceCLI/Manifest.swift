import Catalog
import ChatModel
import Claim
import Compare
import Extraction
import Foundation
import Matching
import Model
import Output
import Reading

/// One row of a `claim --manifest` CSV: an order with its files and context.
struct ManifestOrder {
    let line: Int
    let id: String
    let platform: String?
    let chats: [String]
    let listings: [String]
    let measurements: [String]
    let price: Double?
    let variant: String?
    /// A product category id (`mattress`), else inferred.
    let category: String?
    let ordered: String?
    let shipped: String?
    let received: String?
    let measuredOn: String?
    /// `quantity` and `cartons` cells, or nil.
    let orderSize: OrderSize?

    static let required = ["id", "measurements"]
    static let known = ["id", "platform", "chat", "listing", "measurements", "price", "variant", "category", "ordered", "shipped", "received", "measured_on", "quantity", "cartons"]

    /// Reads the manifest. Paths are relative to its folder; several files in one cell are
    /// separated by `;`. A missing column or a bad cell is an error with the file and line.
    static func read(_ path: String, platforms: [String], categories: [String]) throws(InputError) -> [ManifestOrder] {
        guard let data = FileManager.default.contents(atPath: path) else { throw InputError(path: path, "cannot read the manifest") }
        let records = CSV.records(Array(data))
        guard let header = records.first else { throw InputError(path: path, line: 1, "empty manifest: the first line names the columns (\(known.joined(separator: ", ")))") }
        let columns = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        for name in required where !columns.contains(name) {
            throw InputError(path: path, line: header.line, "missing column `\(name)` (columns: \(known.joined(separator: ", ")))")
        }
        if !columns.contains("chat"), !columns.contains("listing") {
            throw InputError(path: path, line: header.line, "missing column `chat` or `listing`: the promises must come from somewhere")
        }
        let folder = (path as NSString).deletingLastPathComponent
        func resolve(_ cell: String) -> [String] {
            cell.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map { file in
                file.hasPrefix("/") || folder.isEmpty ? file : (folder as NSString).appendingPathComponent(file)
            }
        }
        var orders: [ManifestOrder] = []
        var ids = Set<String>()
        for record in records.dropFirst() {
            func cell(_ name: String) -> String? {
                guard let index = columns.firstIndex(of: name), index < record.fields.count else { return nil }
                let value = record.fields[index].trimmingCharacters(in: .whitespaces)
                return value.isEmpty ? nil : value
            }
            guard let id = cell("id") else { throw InputError(path: path, line: record.line, "an order without an `id`") }
            guard ids.insert(id).inserted else { throw InputError(path: path, line: record.line, "order id `\(id)` appears twice") }
            var price: Double?
            if let text = cell("price") {
                guard let value = Double(text), value > 0 else { throw InputError(path: path, line: record.line, "order \(id): price `\(text)` is not a number of yuan") }
                price = value
            }
            if let platform = cell("platform"), !platforms.contains(platform) {
                throw InputError(path: path, line: record.line, "order \(id): unknown platform `\(platform)` (\(platforms.joined(separator: ", ")))")
            }
            if let category = cell("category"), !categories.contains(category) {
                throw InputError(path: path, line: record.line, "order \(id): unknown category `\(category)` (\(categories.joined(separator: ", ")))")
            }
            for name in ["ordered", "shipped", "received", "measured_on"] {
                if let text = cell(name), OrderDate.moment(text) == nil {
                    throw InputError(path: path, line: record.line, "order \(id): \(name) `\(text)` is not YYYY-MM-DD or 'YYYY-MM-DD HH:MM'")
                }
            }
            if let problem = OrderDate.outOfOrder([("ordered", cell("ordered")), ("shipped", cell("shipped")), ("received", cell("received")), ("measured_on", cell("measured_on"))]) {
                throw InputError(path: path, line: record.line, "order \(id): \(problem)")
            }
            var counts: [String: Double] = [:]
            for name in ["quantity", "cartons"] {
                guard let text = cell(name) else { continue }
                guard let value = Double(text), value >= 1, value == value.rounded() else {
                    throw InputError(path: path, line: record.line, "order \(id): \(name) `\(text)` is not a whole number")
                }
                counts[name] = value
            }
            if cell("shipped") != nil, cell("ordered") == nil { throw InputError(path: path, line: record.line, "order \(id): `shipped` needs `ordered`") }
            let measurements = resolve(cell("measurements") ?? "")
            if measurements.isEmpty { throw InputError(path: path, line: record.line, "order \(id): no measurements file") }
            orders.append(ManifestOrder(line: record.line, id: id, platform: cell("platform"), chats: resolve(cell("chat") ?? ""),
                                        listings: resolve(cell("listing") ?? ""), measurements: measurements, price: price, variant: cell("variant"),
                                        category: cell("category"), ordered: cell("ordered"), shipped: cell("shipped"), received: cell("received"),
                                        measuredOn: cell("measured_on"),
                                        orderSize: counts.isEmpty ? nil : OrderSize(pieces: counts["quantity"], cartons: counts["cartons"], source: "\(path):\(record.line)")))
        }
        return orders
    }

    /// A file name made from an order id (anything but letters, digits, `-` and `_` becomes `_`).
    static func fileName(_ id: String) -> String {
        String(id.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
    }

    struct Outcome {
        let order: ManifestOrder
        let claim: ClaimDraft?
        let comparison: Comparison
        let file: String
        let problems: [String]
    }

    /// `index.csv` and `index.json`: one row per order with its status and verdicts.
    static func writeIndex(_ outcomes: [Outcome], to folder: String) throws {
        func status(_ outcome: Outcome) -> String {
            !outcome.problems.isEmpty ? "error" : outcome.claim == nil ? "no_discrepancy" : "claim"
        }
        func quoted(_ text: String) -> String {
            text.contains(",") || text.contains("\"") || text.contains("\n") ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        var csv = "id,status,platform,reason_label,mismatches,refund,amount,file,problems\n"
        var json = JSONWriter()
        json.beginObject()
        json.field("schema", "evidence.claim-index/1")
        json.key("orders")
        json.beginArray()
        for outcome in outcomes {
            let mismatches = outcome.comparison.items.filter { $0.verdict == .mismatch }.map(\.attribute)
            let cells = [outcome.order.id, status(outcome), outcome.claim?.platform.id ?? outcome.order.platform ?? "", outcome.claim?.reasonLabel ?? "",
                         mismatches.joined(separator: ";"), outcome.claim?.refund.text.zh ?? "", outcome.claim?.refund.amount.map { ClaimBuilder.money($0) } ?? "",
                         outcome.file, outcome.problems.joined(separator: "; ")]
            csv += cells.map(quoted).joined(separator: ",") + "\n"
            json.beginObject()
            json.field("id", outcome.order.id)
            json.field("status", status(outcome))
            json.field("reason_label", outcome.claim?.reasonLabel)
            json.strings("mismatches", mismatches)
            json.field("refund", outcome.claim?.refund.text.zh)
            json.field("amount", outcome.claim?.refund.amount)
            json.field("file", outcome.file)
            json.strings("problems", outcome.problems)
            json.endObject()
        }
        json.endArray()
        json.endObject()
        json.newline()
        try csv.write(toFile: (folder as NSString).appendingPathComponent("index.csv"), atomically: true, encoding: .utf8)
        try Data(json.bytes).write(to: URL(fileURLWithPath: (folder as NSString).appendingPathComponent("index.json")))
    }
}
