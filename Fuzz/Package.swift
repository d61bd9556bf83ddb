// swift-tools-version: 6.0
import PackageDescription

// libFuzzer harnesses, a package of their own so that a plain `swift build` of Quarry never
// builds them: each target hands libFuzzer its test and only links when built as
// `scripts/fuzz` builds it, with `-sanitize=fuzzer,address`.
let package = Package(
    name: "QuarryFuzz",
    // `quarry` is a link to the repository that scripts/fuzz makes: a path dependency is named
    // after its folder, and a clone may be in a folder of any name.
    dependencies: [.package(path: "quarry")],
    targets: [
        .target(name: "FuzzDriver"),
        .executableTarget(name: "FuzzParse", dependencies: ["FuzzDriver", .product(name: "Quarry", package: "quarry")]),
        .executableTarget(name: "FuzzCompile", dependencies: ["FuzzDriver", .product(name: "Quarry", package: "quarry")]),
        .executableTarget(name: "FuzzRun", dependencies: [
            "FuzzDriver", .product(name: "Quarry", package: "quarry"), .product(name: "QuarryCorpus", package: "quarry"),
        ]),
        .executableTarget(name: "FuzzLoad", dependencies: ["FuzzDriver", .product(name: "Quarry", package: "quarry")]),
    ],
    // The harnesses set up globals once and read them from libFuzzer's callback: Swift 5 mode.
    swiftLanguageModes: [.v5]
)
