// swift-tools-version: 6.0
import PackageDescription

// The language (`Quarry`) knows nothing of the corpus; the corpus (`QuarryCorpus`) registers its
// collections with the language; the `quarry` command composes both. Only `quarry` may ever link
// GNU readline (GPL): the library products stay free of it.
let package = Package(
    name: "Quarry",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "Quarry", targets: ["Quarry"]),
        .library(name: "QuarryCorpus", targets: ["QuarryCorpus"]),
        // Quarry's plans rendered as SQL for PostgreSQL and Spark SQL: no network client.
        .library(name: "QuarrySQL", targets: ["QuarrySQL"]),
        // Quarry on PostgreSQL (postgres-nio): tables as collections, queries run on the server.
        .library(name: "QuarryPostgres", targets: ["QuarryPostgres"]),
        .executable(name: "quarry", targets: ["quarry"]),
        .executable(name: "quarry-bench", targets: ["quarry-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // For `swift package generate-documentation` only; nothing links it.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .target(name: "CTextSearch"),
        .target(name: "Quarry", dependencies: ["CTextSearch"]),
        .target(name: "QuarrySQL", dependencies: ["Quarry"]),
        .target(name: "QuarryPostgres", dependencies: ["Quarry", "QuarrySQL", .product(name: "PostgresNIO", package: "postgres-nio")]),
        .target(
            name: "QuarryCorpus",
            dependencies: ["Quarry", .product(name: "Yams", package: "Yams")],
            plugins: ["EmbedSeeds"]
        ),
        // GNU readline, for the command line only (GPL: no library product depends on it).
        .target(name: "CReadline", linkerSettings: [.linkedLibrary("readline")]),
        .executableTarget(
            name: "quarry",
            dependencies: [
                "Quarry", "QuarryCorpus", "QuarrySQL", "QuarryPostgres", "CReadline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .target(name: "CPseudoTerminal", linkerSettings: [.linkedLibrary("util")]),
        .executableTarget(name: "quarry-bench", dependencies: ["Quarry", "QuarryCorpus", "QuarrySQL", "QuarryPostgres", "EQLConformance", "CSQLite", "CPseudoTerminal"]),
        .executableTarget(name: "quarry-embed-seeds"),
        .plugin(name: "EmbedSeeds", capability: .buildTool(), dependencies: ["quarry-embed-seeds"]),
        .target(name: "QuarryTestSupport", dependencies: ["Quarry"], path: "Tests/QuarryTestSupport"),
        .testTarget(name: "QuarryTests", dependencies: ["Quarry", "QuarryTestSupport"], resources: [.copy("Golden")]),
        .testTarget(
            name: "QuarryCorpusTests", dependencies: ["QuarryCorpus", "Quarry", "QuarryTestSupport"],
            resources: [.copy("Pages"), .copy("Golden")]),
        .target(name: "EQLConformance", dependencies: ["Quarry"], path: "Tests/EQLConformance"),
        .testTarget(name: "QuarrySQLTests", dependencies: ["Quarry", "QuarrySQL", "QuarryPostgres", "QuarryTestSupport"], resources: [.copy("Golden")]),
        .testTarget(name: "EQLConformanceTests", dependencies: ["Quarry", "EQLConformance", "QuarryTestSupport"]),
        .testTarget(name: "quarryTests", dependencies: ["quarry", "Quarry", "QuarryTestSupport"], resources: [.copy("Fixtures")]),
    ]
)
