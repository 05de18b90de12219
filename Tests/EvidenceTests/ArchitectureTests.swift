import Foundation
import Testing

/// The stages depend on each other one way (Package.swift): nothing that writes a claim or
/// prints a result can reach the regex engine, and reading a chat knows nothing of findings.
@Suite struct ArchitectureTests {
    /// Each target's direct dependencies on other targets of the package, read from Package.swift.
    static func targets() throws -> [String: Set<String>] {
        let manifest = try String(contentsOf: Support.packageRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
        // `…Target(name: "X", dependencies: [...])` or `.target(\n name: "X", …`: a `name:`
        // right after `arget(`; its target's text runs to the next such name.
        var starts: [(name: String, at: String.Index)] = []
        var search = manifest.startIndex
        while let found = manifest.range(of: "name: \"", range: search..<manifest.endIndex) {
            search = found.upperBound
            let from = manifest.index(found.lowerBound, offsetBy: -30, limitedBy: manifest.startIndex) ?? manifest.startIndex
            let before = String(manifest[from..<found.lowerBound])
            guard let open = before.range(of: "arget(", options: .backwards),
                  before[open.upperBound...].allSatisfy({ $0.isWhitespace }) else { continue }
            starts.append((String(manifest[found.upperBound...].prefix { $0 != "\"" }), found.upperBound))
        }
        var graph: [String: Set<String>] = [:]
        for (index, start) in starts.enumerated() {
            let end = index + 1 < starts.count ? starts[index + 1].at : manifest.endIndex
            let text = manifest[start.at..<end]
            var dependencies = Set<String>()
            if let open = text.range(of: "dependencies: ["), let close = text.range(of: "]", range: open.upperBound..<text.endIndex) {
                let quoted = text[open.upperBound..<close.lowerBound].components(separatedBy: "\"")
                dependencies = Set(quoted.enumerated().filter { $0.offset % 2 == 1 }.map(\.element))
            }
            graph[start.name] = dependencies
        }
        return graph
    }

    static func reachable(from target: String, _ graph: [String: Set<String>]) -> Set<String> {
        var seen = Set<String>(), stack = [target]
        while let next = stack.popLast() {
            for dependency in graph[next] ?? [] where seen.insert(dependency).inserted { stack.append(dependency) }
        }
        return seen
    }

    @Test func dependenciesPointOneWay() throws {
        let graph = try Self.targets()
        #expect(["Matching", "ChatModel", "Reading", "Model", "Catalog", "Extraction", "Compare", "Claim", "Output"].allSatisfy { graph[$0] != nil },
                "targets read: \(graph.keys.sorted())")
        for stage in ["Output", "Claim", "Compare", "Catalog", "Model"] {
            #expect(!Self.reachable(from: stage, graph).contains("Matching"), "\(stage) reaches Matching")
        }
        #expect(!Self.reachable(from: "Reading", graph).contains("Model"), "Reading reaches Model (findings)")
        #expect(Self.reachable(from: "Extraction", graph).isSuperset(of: ["Matching", "Catalog", "Reading"]))
    }
}
