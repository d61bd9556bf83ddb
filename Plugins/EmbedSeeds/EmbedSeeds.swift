import Foundation
import PackagePlugin

/// Compiles the package's `seeds/` folder into the `QuarryCorpus` module, so that the seed corpus
/// travels inside every binary and library that links it, whatever the working directory.
///
/// An edit to a seed file re-runs it. A file added to or removed from `seeds/` is seen only when
/// SwiftPM next plans the build (after a change to Package.swift or to a target's file list, or
/// `swift package clean`); `EmbeddedSeedsTests` fails until then, so it cannot go unnoticed.
@main
struct EmbedSeeds: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let seeds = context.package.directoryURL.appending(path: "seeds")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedSeeds.swift")
        let inputs = seedFiles(under: seeds)
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) seed files",
                executable: try context.tool(named: "quarry-embed-seeds").url,
                arguments: [seeds.path, output.path],
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }

    private func seedFiles(under folder: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else {
            return []
        }
        return walker.compactMap { $0 as? URL }.filter { !$0.hasDirectoryPath }.sorted { $0.path < $1.path }
    }
}
