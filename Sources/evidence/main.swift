import EvidenceCLI

EvidenceCommand.run()
