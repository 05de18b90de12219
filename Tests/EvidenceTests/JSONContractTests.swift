import Foundation
import Testing

/// docs/json.md is the contract scripts rely on: every object the commands print has exactly
/// the fields its table lists.
@Suite struct JSONContractTests {
    /// `### \`name\` object` headings and the backticked field names of the table under each.
    static func documented() throws -> [String: Set<String>] {
        let text = try String(contentsOf: Support.packageRoot.appendingPathComponent("docs/json.md"), encoding: .utf8)
        var tables: [String: Set<String>] = [:]
        var current: String?
        for line in text.components(separatedBy: "\n") {
            if line.hasPrefix("### `"), line.hasSuffix("` object") {
                current = String(line.dropFirst(5).dropLast(8))
                tables[current!] = []
            } else if line.hasPrefix("#") {
                current = nil
            } else if let name = current, line.hasPrefix("| `") {
                let cell = line.split(separator: "|", omittingEmptySubsequences: true).first ?? ""
                for field in cell.split(separator: ",") {
                    tables[name]!.insert(field.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "`")))
                }
            }
        }
        return tables
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// Every object printed, by the name its table has in docs/json.md.
    static func printed() throws -> [(name: String, object: [String: Any])] {
        let samples = Support.packageRoot.appendingPathComponent("samples")
        let chat = samples.appendingPathComponent("taobao-dress-chat.txt").path
        let listing = samples.appendingPathComponent("listing-dress.txt").path
        let measured = samples.appendingPathComponent("measured-dress.txt").path
        var objects: [(String, [String: Any])] = []

        let extract = try json(try Support.run(["extract", "--format", "json", "--summary", chat, "no-such-file.txt"]).stdout)
        objects.append(("extract", extract))
        for file in extract["files"] as? [[String: Any]] ?? [] { objects.append(("file", file)) }
        for finding in extract["findings"] as? [[String: Any]] ?? [] { objects.append(("finding", finding)) }
        for error in extract["errors"] as? [[String: Any]] ?? [] { objects.append(("error", error)) }
        let summary = try #require(extract["summary"] as? [String: Any])
        objects.append(("summary", summary))
        for file in summary["per_file"] as? [[String: Any]] ?? [] { objects.append(("per_file", file)) }
        for line in try Support.run(["extract", "--format", "jsonl", "--summary", chat, "no-such-file.txt"]).stdout.split(separator: "\n") {
            var object = try json(String(line))
            let type = try #require(object.removeValue(forKey: "type") as? String)
            objects.append((type, object))
        }

        let messages = try Support.run(["messages", "--format", "jsonl", chat]).stdout.split(separator: "\n")
        objects.append(("messages header", try json(String(messages[0]))))
        for line in messages.dropFirst() { objects.append(("message", try json(String(line)))) }

        let compare = try json(try Support.run(["compare", chat, "--listing", listing, "--measured", measured, "--format", "json"]).stdout)
        objects.append(("compare", compare))
        let notes = Support.write("到货实测：\n衣长 98cm\n颜色没问题\n", to: "notes.txt", in: Support.temporaryFolder())
        let withUnread = try json(try Support.run(["compare", chat, "--measured", notes, "--format", "json"]).stdout)
        for line in withUnread["unread"] as? [[String: Any]] ?? [] { objects.append(("unread", line)) }
        for line in try Support.run(["measurements", "--format", "jsonl", notes]).stdout.split(separator: "\n") {
            let object = try json(String(line))
            objects.append(("note line", object))
            for measurement in object["measurements"] as? [[String: Any]] ?? [] { objects.append(("measurement", measurement)) }
        }
        let claim = try json(try Support.run(["claim", chat, "--listing", listing, "--measured", measured, "--price", "189",
                                              "--received", "2024-03-15", "--format", "json"]).stdout)
        objects.append(("claim", claim))
        for key in ["refund", "description", "statement"] { objects.append((key, try #require(claim[key] as? [String: Any]))) }
        for entry in claim["timeline"] as? [[String: Any]] ?? [] { objects.append(("timeline entry", entry)) }
        for item in claim["evidence"] as? [[String: Any]] ?? [] { objects.append(("evidence item", item)) }
        let strategy = try #require(claim["strategy"] as? [String: Any])
        objects.append(("strategy", strategy))
        for item in strategy["evidence"] as? [[String: Any]] ?? [] { objects.append(("evidence item", item)) }
        for finding in claim["quotes"] as? [[String: Any]] ?? [] { objects.append(("finding", finding)) }
        var comparison = try #require(claim["comparison"] as? [String: Any])
        comparison["schema"] = "evidence.compare/1"
        for document in [compare, comparison] {
            if let variant = document["variant"] as? [String: Any] { objects.append(("variant", variant)) }
            if let category = document["category"] as? [String: Any] { objects.append(("category", category)) }
            for key in ["commitments", "disclaimers"] { for finding in document[key] as? [[String: Any]] ?? [] { objects.append(("finding", finding)) } }
            for item in document["items"] as? [[String: Any]] ?? [] {
                objects.append(("item", item))
                if let promised = item["promised"] as? [String: Any] { objects.append(("finding", promised)) }
                for measurement in item["measured"] as? [[String: Any]] ?? [] { objects.append(("measurement", measurement)) }
                if let difference = item["difference"] as? [String: Any] { objects.append(("difference", difference)) }
                if let tolerance = item["tolerance"] as? [String: Any] { objects.append(("tolerance", tolerance)) }
            }
        }
        objects.append(("no claim", try json(try Support.run(["claim", chat, "--measure", "衣长 98cm", "--format", "json"]).stdout)))

        let folder = Support.temporaryFolder()
        let manifest = Support.write("id,chat,listing,measurements\no1,\(chat),\(listing),\(measured)\n", to: "orders.csv", in: folder)
        _ = try Support.run(["claim", "--manifest", manifest, "--out", folder.appendingPathComponent("out").path])
        let index = try json(try String(contentsOf: folder.appendingPathComponent("out/index.json"), encoding: .utf8))
        objects.append(("claim index", index))
        for order in index["orders"] as? [[String: Any]] ?? [] { objects.append(("order", order)) }
        return objects
    }

    @Test func everyPrintedObjectHasExactlyTheDocumentedFields() throws {
        let tables = try Self.documented()
        let objects = try Self.printed()
        var seen = Set<String>()
        for (name, object) in objects {
            seen.insert(name)
            let documented = try #require(tables[name], "docs/json.md has no table for the `\(name)` object")
            let fields = Set(object.keys)
            #expect(fields.subtracting(documented).isEmpty, "`\(name)` prints fields docs/json.md does not list: \(fields.subtracting(documented).sorted())")
            let optional: Set<String> = name == "extract" ? ["summary"] : []
            #expect(documented.subtracting(fields).subtracting(optional).isEmpty,
                    "docs/json.md lists `\(name)` fields it does not print: \(documented.subtracting(fields).sorted())")
        }
        #expect(Set(tables.keys).subtracting(seen).isEmpty, "documented but never printed by this test: \(Set(tables.keys).subtracting(seen).sorted())")
    }
}
