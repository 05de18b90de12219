import ArgumentParser
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

/// The `evidence` command: subcommands for each step from chat log to claim.
public struct EvidenceCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "evidence",
        abstract: "Find what a Taobao, Tmall or 1688 seller promised, compare it with what arrived, and draft the claim.",
        discussion: """
        Examples:
          evidence extract chat.txt               promises as a table
          evidence extract --format jsonl *.txt   one JSON object per finding
          echo '长30cm，重1.2公斤' | evidence extract -
          evidence messages chat.txt              how a file was read
          evidence measurements m.txt             how your notes are read
          evidence compare chat.txt --measured m.txt        promised vs measured
          evidence claim chat.txt --measured m.txt --price 189   the claim to file
          evidence patterns list                  the bundled catalogue
          evidence patterns test my-patterns/     run your patterns' examples

        Exit codes: 0 extract: at least one finding; messages, measurements:
        every line read; compare, claim: nothing falls short; patterns test:
        all pass. 1 extract: no finding; measurements: a line not read;
        compare, claim: something falls short (a claim was drafted);
        patterns test: a failure. 2 an input or pattern file could not be
        read (the others still were), or output could not be written.
        64 bad usage.
        """,
        version: "0.1.0",
        subcommands: [ExtractCommand.self, MessagesCommand.self, MeasurementsCommand.self, CompareCommand.self, ClaimCommand.self, PatternsCommand.self]
    )

    public init() {}

    /// Runs the command line and exits; standard output is flushed first.
    public static func run(arguments: [String]? = nil) -> Never {
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            Console.flush()
            exit(withError: nil)
        } catch {
            Console.flush()
            exit(withError: error)
        }
    }
}
