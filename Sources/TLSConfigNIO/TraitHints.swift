#if !NIO
// Without the NIO trait this module is empty. These names stand in for its types so that a
// build that forgot the trait says which one to enable, instead of "cannot find in scope".

/// Needs the NIO trait.
@available(
    *, unavailable,
    message:
        "TLSConfigNIO is empty without the NIO trait: name it on the package, .package(url: ..., from: \"0.3.0\", traits: [\"NIO\"]) (or Reloading or GRPC, which enable it)"
)
public final class ClientTLS {}

/// Needs the NIO trait.
@available(
    *, unavailable,
    message:
        "TLSConfigNIO is empty without the NIO trait: name it on the package, .package(url: ..., from: \"0.3.0\", traits: [\"NIO\"]) (or Reloading or GRPC, which enable it)"
)
public final class ServerTLS {}

/// Needs the NIO trait.
@available(
    *, unavailable,
    message:
        "TLSConfigNIO is empty without the NIO trait: name it on the package, .package(url: ..., from: \"0.3.0\", traits: [\"Reloading\"]) for reloaders that are Services and CertificateReloaders, or [\"NIO\"]"
)
public final class ReloadingServerTLS {}

/// Needs the NIO trait.
@available(
    *, unavailable,
    message:
        "TLSConfigNIO is empty without the NIO trait: name it on the package, .package(url: ..., from: \"0.3.0\", traits: [\"Reloading\"]) for reloaders that are Services and CertificateReloaders, or [\"NIO\"]"
)
public final class ReloadingClientTLS {}

/// Needs the NIO trait.
@available(
    *, unavailable,
    message:
        "TLSConfigNIO is empty without the NIO trait: name it on the package, .package(url: ..., from: \"0.3.0\", traits: [\"NIO\"])"
)
public struct TLSConsumer {}
#endif
