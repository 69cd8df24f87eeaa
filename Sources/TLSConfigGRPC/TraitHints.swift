#if NIO && !GRPC
public import TLSConfigNIO

// Without the GRPC trait this module adds nothing; these stand in for its functions so that a
// build that forgot the trait says which one to enable.

extension ServerTLS {
    /// Needs the GRPC trait.
    @available(
        *, unavailable,
        message: "grpcTransportSecurity needs the GRPC trait: .package(url: ..., from: \"0.3.0\", traits: [\"GRPC\"])"
    )
    public func grpcTransportSecurity(_ arguments: Any...) -> Never { fatalError("unavailable") }
}

extension ClientTLS {
    /// Needs the GRPC trait.
    @available(
        *, unavailable,
        message: "grpcTransportSecurity needs the GRPC trait: .package(url: ..., from: \"0.3.0\", traits: [\"GRPC\"])"
    )
    public func grpcTransportSecurity(_ arguments: Any...) -> Never { fatalError("unavailable") }
}
#endif
