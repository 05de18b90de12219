// swift-tools-version:6.0
import PackageDescription

// One target per stage; every dependency points one way (→ reads "depends on"):
//
//   Matching → CPCRE2                 the regex engine
//   ChatModel                         a chat as read (no dependencies)
//   Reading → ChatModel, Matching     files to chat logs
//   Model → ChatModel                 findings and measurements
//   Catalog → Model, Yams             every data file
//   Extraction → Catalog, Reading, Matching
//   Compare → Catalog, Model
//   Claim → Compare
//   Output → Claim, Compare, Catalog, ChatModel
//   EvidenceCLI → all of them; evidence → EvidenceCLI
//
// Output and Claim never reach Matching, and Reading knows nothing of findings.
let package = Package(
    name: "evidence",
    // Built and tested on Linux (Debian 12, Swift 6); libpcre2 comes from the system.
    products: [
        .executable(name: "evidence", targets: ["evidence"]),
        .library(name: "EvidenceCLI", targets: ["EvidenceCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // libpcre2-8 through a 10-line shim (Debian: libpcre2-dev).
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"])]
        ),
        // Turns patterns/*.yaml into Swift source so the binary carries its catalogue.
        .executableTarget(name: "EmbedCatalog"),
        .plugin(
            name: "EmbedCatalogPlugin",
            capability: .buildTool(),
            dependencies: ["EmbedCatalog"]
        ),
        // The regex engine behind the `Matcher` protocol, and the keyword prefilter.
        .target(name: "Matching", dependencies: ["CPCRE2"]),
        // A chat as read: messages, times, speakers and sides, input errors. No dependencies.
        .target(name: "ChatModel"),
        // Files to chat logs: decoding, layout detection, the readers of every export.
        .target(name: "Reading", dependencies: ["ChatModel", "Matching"]),
        // What was found and measured: findings, measurements, values and how they read.
        .target(name: "Model", dependencies: ["ChatModel"]),
        // Every data file (patterns, vocabulary, word lists, tolerances, platforms) and its loading.
        .target(
            name: "Catalog",
            dependencies: ["Model", "ChatModel", .product(name: "Yams", package: "Yams")],
            plugins: ["EmbedCatalogPlugin"]
        ),
        // The catalogue's patterns compiled and run over chat logs and measurement notes.
        .target(name: "Extraction", dependencies: ["Catalog", "Reading", "Matching", "Model", "ChatModel"]),
        // Promises against measurements: tolerances and verdicts.
        .target(name: "Compare", dependencies: ["Model", "Catalog"]),
        // The claim to file: reason label, remedy, statement, timeline, evidence checklist.
        .target(name: "Claim", dependencies: ["Compare", "Model", "Catalog"]),
        // Printers: tables, Markdown, JSON and JSON Lines. They never see a regex.
        .target(name: "Output", dependencies: ["Claim", "Compare", "Model", "Catalog", "ChatModel"]),
        // The subcommands, kept in a library so tests can drive them.
        .target(
            name: "EvidenceCLI",
            dependencies: ["Output", "Claim", "Compare", "Extraction", "Catalog", "Reading", "Model", "ChatModel", "Matching",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "evidence", dependencies: ["EvidenceCLI"]),
        .testTarget(
            name: "EvidenceTests",
            dependencies: ["EvidenceCLI", "Output", "Claim", "Compare", "Extraction", "Catalog", "Reading", "Model", "ChatModel", "Matching", "evidence"],
            exclude: ["Fixtures"]
        ),
    ]
)
