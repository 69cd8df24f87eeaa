/// What a context concludes about a peer's certificate chain handed over by another TLS
/// engine (swift-nio-ssl's BoringSSL, say): the same verdict, by the same trust store, CRLs,
/// security level, name rules and pins, as this context's own handshakes reach.
package struct PeerChainVerdict: Sendable, Hashable {
    /// The chain as presented, leaf first.
    package var peerCertificates: [CertificateSummary]
    /// The name or address the leaf was checked against; `nil` unless `verify = full` on a client.
    package var verifiedName: String?
    /// Why the chain is refused; `nil` when it is accepted.
    package var failure: HandshakeFailure?
    /// The chain OpenSSL built and verified (DER, leaf to trust anchor), for engines that hand
    /// a validated chain on (swift-nio-ssl's metadata callbacks); empty when the chain was not
    /// verified (`verify = none`) or was refused.
    package var validatedChain: [[UInt8]] = []

    /// Whether the chain is accepted.
    package var isAccepted: Bool { failure == nil }

    /// A verdict.
    package init(peerCertificates: [CertificateSummary], verifiedName: String?, failure: HandshakeFailure?) {
        self.peerCertificates = peerCertificates
        self.verifiedName = verifiedName
        self.failure = failure
    }
}
