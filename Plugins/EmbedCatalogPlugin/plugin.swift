import Foundation
import PackagePlugin

/// Embeds every `patterns/*.yaml` file of the package into the target as Swift source,
/// so the installed binary carries its catalogue and runs from any directory.
@main
struct EmbedCatalogPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let patterns = context.package.directoryURL.appending(path: "patterns")
        let files = try FileManager.default
            .contentsOfDirectory(at: patterns, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "BundledCatalog.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) pattern files",
                executable: try context.tool(named: "EmbedCatalog").url,
                arguments: [output.path] + files.map(\.path),
                inputFiles: files,
                outputFiles: [output]
            )
        ]
    }
}
