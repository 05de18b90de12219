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

    /// A manifest's orders, and the rows that are not (each an error with the file and line).
    struct Rows {
        var orders: [ManifestOrder] = []
        var rejected: [(line: Int, id: String?, error: InputError)] = []
    }

    /// Reads the manifest, decoded like any input (UTF-8, GB18030, UTF-16…). Paths are relative
    /// to its folder; several files in one cell are separated by `;`. A missing column stops
    /// the manifest; a bad cell rejects its row only, and the other orders go on.
    static func read(_ path: String, platforms: [String], categories: [String]) throws(InputError) -> Rows {
        let records = CSV.records(try InputReader.read(path).text.bytes)
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
        var rows = Rows()
        var ids = Set<String>()
        for record in records.dropFirst() where !record.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            func cell(_ name: String) -> String? {
                guard let index = columns.firstIndex(of: name), index < record.fields.count else { return nil }
                let value = record.fields[index].trimmingCharacters(in: .whitespaces)
                return value.isEmpty ? nil : value
            }
            do throws(InputError) {
                rows.orders.append(try order(record.line, cell, ids: &ids, path: path, platforms: platforms, categories: categories, resolve: resolve))
            } catch {
                rows.rejected.append((record.line, cell("id"), error))
            }
        }
        return rows
    }

    /// One row's order; a bad cell is an error naming the row's line.
    private static func order(_ line: Int, _ cell: (String) -> String?, ids: inout Set<String>, path: String, platforms: [String], categories: [String],
                              resolve: (String) -> [String]) throws(InputError) -> ManifestOrder {
        guard let id = cell("id") else { throw InputError(path: path, line: line, "an order without an `id`") }
        guard ids.insert(id).inserted else { throw InputError(path: path, line: line, "order id `\(id)` appears twice") }
        var price: Double?
        if let text = cell("price") {
            guard let value = Double(text), value > 0 else { throw InputError(path: path, line: line, "order \(id): price `\(text)` is not a number of yuan") }
            price = value
        }
        if let platform = cell("platform"), !platforms.contains(platform) {
            throw InputError(path: path, line: line, "order \(id): unknown platform `\(platform)` (\(platforms.joined(separator: ", ")))")
        }
        if let category = cell("category"), !categories.contains(category) {
            throw InputError(path: path, line: line, "order \(id): unknown category `\(category)` (\(categories.joined(separator: ", ")))")
        }
        for name in ["ordered", "shipped", "received", "measured_on"] {
            if let text = cell(name), OrderDate.moment(text) == nil {
                throw InputError(path: path, line: line, "order \(id): \(name) `\(text)` is not YYYY-MM-DD or 'YYYY-MM-DD HH:MM'")
            }
        }
        if let problem = OrderDate.outOfOrder([("ordered", cell("ordered")), ("shipped", cell("shipped")), ("received", cell("received")), ("measured_on", cell("measured_on"))]) {
            throw InputError(path: path, line: line, "order \(id): \(problem)")
        }
        var counts: [String: Double] = [:]
        for name in ["quantity", "cartons"] {
            guard let text = cell(name) else { continue }
            guard let value = Double(text), value >= 1, value == value.rounded() else {
                throw InputError(path: path, line: line, "order \(id): \(name) `\(text)` is not a whole number")
            }
            counts[name] = value
        }
        if cell("shipped") != nil, cell("ordered") == nil { throw InputError(path: path, line: line, "order \(id): `shipped` needs `ordered`") }
        let measurements = resolve(cell("measurements") ?? "")
        if measurements.isEmpty { throw InputError(path: path, line: line, "order \(id): no measurements file") }
        return ManifestOrder(line: line, id: id, platform: cell("platform"), chats: resolve(cell("chat") ?? ""),
                             listings: resolve(cell("listing") ?? ""), measurements: measurements, price: price, variant: cell("variant"),
                             category: cell("category"), ordered: cell("ordered"), shipped: cell("shipped"), received: cell("received"),
                             measuredOn: cell("measured_on"),
                             orderSize: counts.isEmpty ? nil : OrderSize(pieces: counts["quantity"], cartons: counts["cartons"], source: "\(path):\(line)"))
    }

    /// A file name for each order id, unique in the folder: anything but letters, digits, `-`
    /// and `_` becomes `_`; names that would meet (`A/1`, `A_1`, `A.1`, also by case) or take
    /// the index's name get `-2`, `-3`…
    static func fileNames(_ ids: [String]) -> [String] {
        var taken: Set<String> = ["index"]
        return ids.map { id in
            let base = plainName(id)
            var name = base, number = 1
            while !taken.insert(name.lowercased()).inserted {
                number += 1
                name = "\(base)-\(number)"
            }
            return name
        }
    }

    /// The name an id makes on its own, before `-2`, `-3`.
    static func plainName(_ id: String) -> String {
        let name = String(id.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
        return name.isEmpty ? "order" : name
    }

    /// What became of one row: its claim (or none) and file, or the problems that stopped it.
    struct Outcome {
        let line: Int
        let id: String
        let platform: String?
        let claim: ClaimDraft?
        let comparison: Comparison?
        let file: String?
        let problems: [String]
    }

    /// `claim`, `no_discrepancy` or `error`.
    static func status(_ outcome: Outcome) -> String {
        !outcome.problems.isEmpty ? "error" : outcome.claim == nil ? "no_discrepancy" : "claim"
    }

    /// An order as `index.html` lists it.
    static func indexRow(_ outcome: Outcome) -> ClaimPage.IndexRow {
        let mismatches = outcome.comparison?.items.filter { $0.verdict == .mismatch } ?? []
        let refund = outcome.claim.map { $0.refund.text.zh + ($0.refund.amount.map { " ¥" + ClaimBuilder.money($0) } ?? "") } ?? ""
        return ClaimPage.IndexRow(id: outcome.id, status: status(outcome), platform: outcome.claim?.platform.id ?? outcome.platform ?? "", reason: outcome.claim?.reasonLabel ?? "",
                                  refund: refund, strong: mismatches.filter { $0.tier != .weak }.count, weak: mismatches.filter { $0.tier == .weak }.count,
                                  link: outcome.file.map { ($0 as NSString).lastPathComponent }, problems: outcome.problems)
    }

    /// `index.csv` and `index.json`: one row per order with its status and verdicts, rejected rows too.
    static func writeIndex(_ outcomes: [Outcome], to folder: String) throws(InputError) {
        func quoted(_ text: String) -> String {
            text.contains(",") || text.contains("\"") || text.contains("\n") ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        var csv = "id,status,platform,reason_label,mismatches,refund,amount,file,problems,line\n"
        var json = JSONWriter()
        json.beginObject()
        json.field("schema", "evidence.claim-index/1")
        json.key("orders")
        json.beginArray()
        for outcome in outcomes {
            let mismatches = outcome.comparison?.items.filter { $0.verdict == .mismatch }.map(\.attribute) ?? []
            let cells = [outcome.id, status(outcome), outcome.claim?.platform.id ?? outcome.platform ?? "", outcome.claim?.reasonLabel ?? "",
                         mismatches.joined(separator: ";"), outcome.claim?.refund.text.zh ?? "", outcome.claim?.refund.amount.map { ClaimBuilder.money($0) } ?? "",
                         outcome.file ?? "", outcome.problems.joined(separator: "; "), String(outcome.line)]
            csv += cells.map(quoted).joined(separator: ",") + "\n"
            json.beginObject()
            json.field("id", outcome.id)
            json.field("line", outcome.line)
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
        try SafeFile.write(Array(csv.utf8), named: "index.csv", in: folder)
        try SafeFile.write(json.bytes, named: "index.json", in: folder)
    }
}

/// Writes into a folder without following links: the bytes go to a new temporary file in the
/// folder (created exclusively, never through a link), then a rename puts it in place, so a
/// link already at the name is replaced, not written through, and a reader never sees half a file.
enum SafeFile {
    static func write(_ bytes: [UInt8], named name: String, in folder: String) throws(InputError) {
        let target = (folder as NSString).appendingPathComponent(name)
        let temporary = (folder as NSString).appendingPathComponent(".\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        func failure(_ what: String) -> InputError { InputError(path: target, "cannot write (\(what): \(String(cString: strerror(errno))))") }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure("create") }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + written, bytes.count - written) }
            if result < 0, errno == EINTR { continue }
            guard result > 0 else {
                let error = failure("write")
                close(descriptor)
                unlink(temporary)
                throw error
            }
            written += result
        }
        guard close(descriptor) == 0 else {
            let error = failure("close")
            unlink(temporary)
            throw error
        }
        guard rename(temporary, target) == 0 else {
            let error = failure("rename")
            unlink(temporary)
            throw error
        }
    }
}
