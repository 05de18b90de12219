import Testing
@testable import EvidenceCore
