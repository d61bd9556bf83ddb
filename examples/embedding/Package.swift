// swift-tools-version: 6.0
// A tool of your own that embeds Quarry, as a newcomer writes it from the GettingStarted article.
// `../quarry` is a checkout of Quarry beside this package (scripts/test links the repository there).
import PackageDescription

let package = Package(
    name: "AlertsMonitor",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: "../quarry"),
    ],
    targets: [
        .executableTarget(name: "AlertsMonitor", dependencies: [
            .product(name: "Quarry", package: "quarry"),
            .product(name: "QuarryCorpus", package: "quarry"),
        ]),
    ]
)
