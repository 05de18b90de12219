// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "evidence",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "evidence", targets: ["evidence"]),
        .library(name: "EvidenceCore", targets: ["EvidenceCore"]),
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
        // All logic: matcher, catalogue, reading, extraction, printers.
        .target(
            name: "EvidenceCore",
            dependencies: ["CPCRE2", .product(name: "Yams", package: "Yams")],
            plugins: ["EmbedCatalogPlugin"]
        ),
        // The subcommands, kept in a library so tests can drive them.
        .target(
            name: "EvidenceCLI",
            dependencies: ["EvidenceCore", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "evidence", dependencies: ["EvidenceCLI"]),
        .testTarget(
            name: "EvidenceTests",
            dependencies: ["EvidenceCore", "EvidenceCLI", "evidence"],
            exclude: ["Fixtures"]
        ),
    ]
)
