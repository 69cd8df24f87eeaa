#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import COpenSSL
internal import CTLSShims
import TLSConfig

/// An `X509` this process holds a reference to; the reference is dropped in `deinit`.
/// Sendable because it is never modified after parsing, and OpenSSL 3 computes an X509's
/// cached extension data under its own lock.
final class OwnedCertificate: Sendable {
    nonisolated(unsafe) let pointer: OpaquePointer

    /// Takes over one reference.
    init(taking pointer: OpaquePointer) {
        self.pointer = pointer
    }

    /// Adds a reference, for certificates borrowed from a stack or a connection.
    init(borrowing pointer: OpaquePointer) {
        X509_up_ref(pointer)
        self.pointer = pointer
    }

    deinit {
        X509_free(pointer)
    }

    /// Parses one DER certificate (the whole of `bytes`).
    static func parse(der bytes: [UInt8]) -> Result<OwnedCertificate, OpenSSLFailure> {
        OpenSSLErrorQueue.clear()
        let parsed = bytes.withUnsafeBufferPointer { buffer -> OpaquePointer? in
            var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
            return d2i_X509(nil, &cursor, buffer.count)
        }
        guard let certificate = parsed else {
            return .failure(OpenSSLFailure(OpenSSLErrorQueue.drainedText(fallback: "not a DER certificate")))
        }
        return .success(OwnedCertificate(taking: certificate))
    }

    /// Parses one PEM certificate block (plain or `TRUSTED CERTIFICATE`).
    static func parse(_ block: PEMBlock, in file: MaterialFile) -> Result<OwnedCertificate, OpenSSLFailure> {
        OpenSSLErrorQueue.clear()
        let parsed = MemoryBIO.with(file.bytes(of: block)) { bio -> OpaquePointer? in
            block.label == "TRUSTED CERTIFICATE"
                ? PEM_read_bio_X509_AUX(bio, nil, refusePassphrase, nil)
                : PEM_read_bio_X509(bio, nil, refusePassphrase, nil)
        }
        guard let certificate = parsed ?? nil else {
            return .failure(OpenSSLFailure(OpenSSLErrorQueue.drainedText(fallback: "not a valid certificate")))
        }
        return .success(OwnedCertificate(taking: certificate))
    }

    /// The DER encoding, for engines that take certificates as bytes (swift-nio-ssl).
    var der: [UInt8] {
        let length = i2d_X509(pointer, nil)
        guard length > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: Int(length))
        bytes.withUnsafeMutableBufferPointer { buffer in
            var cursor: UnsafeMutablePointer<UInt8>? = buffer.baseAddress
            _ = i2d_X509(pointer, &cursor)
        }
        return bytes
    }

    var subject: String { Self.render(X509_get_subject_name(pointer)) }
    var issuer: String { Self.render(X509_get_issuer_name(pointer)) }
    var notBefore: Date { Self.date(X509_get0_notBefore(pointer)) }
    var notAfter: Date { Self.date(X509_get0_notAfter(pointer)) }

    var subjectAlternativeNames: [String] {
        guard let raw = X509_get_ext_d2i(pointer, NID_subject_alt_name, nil, nil) else { return [] }
        let names = OpaquePointer(raw)
        defer { GENERAL_NAMES_free(names) }
        var result: [String] = []
        for index in 0..<ctls_sk_GENERAL_NAME_num(names) {
            guard let name = ctls_sk_GENERAL_NAME_value(names, index), let string = ctls_GENERAL_NAME_string(name)
            else { continue }
            let length = Int(ASN1_STRING_length(string))
            guard length >= 0, let data = ASN1_STRING_get0_data(string) else { continue }
            let bytes = Array(UnsafeBufferPointer(start: data, count: length))
            switch ctls_GENERAL_NAME_type(name) {
            case GEN_DNS: result.append("DNS:" + String(decoding: bytes, as: UTF8.self))
            case GEN_EMAIL: result.append("email:" + String(decoding: bytes, as: UTF8.self))
            case GEN_URI: result.append("URI:" + String(decoding: bytes, as: UTF8.self))
            case GEN_IPADD: result.append("IP:" + Self.formatAddress(bytes))
            default: continue
            }
        }
        return result
    }

    var serialNumber: String {
        guard let serial = X509_get_serialNumber(pointer), let number = ASN1_INTEGER_to_BN(serial, nil) else {
            return ""
        }
        defer { BN_free(number) }
        guard let hex = BN_bn2hex(number) else { return "" }
        defer { ctls_OPENSSL_free(hex) }
        return String(cString: hex)
    }

    /// DER SubjectPublicKeyInfo: what curl-style pins hash.
    var subjectPublicKeyInfo: [UInt8] {
        guard let key = X509_get_X509_PUBKEY(pointer) else { return [] }
        let length = i2d_X509_PUBKEY(key, nil)
        guard length > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: Int(length))
        bytes.withUnsafeMutableBufferPointer { buffer in
            var cursor: UnsafeMutablePointer<UInt8>? = buffer.baseAddress
            _ = i2d_X509_PUBKEY(key, &cursor)
        }
        return bytes
    }

    var publicKeyPin: PublicKeyPin { PublicKeyPin(sha256: Digest.sha256(subjectPublicKeyInfo)) }

    var isCertificateAuthority: Bool { X509_check_ca(pointer) != 0 }

    /// `nil` when the certificate has no extended key usage (any use allowed).
    var allowsClientAuthentication: Bool? {
        guard X509_get_extension_flags(pointer) & UInt32(EXFLAG_XKUSAGE) != 0 else { return nil }
        return X509_get_extended_key_usage(pointer) & UInt32(XKU_SSL_CLIENT) != 0
    }

    /// `nil` when the certificate has no extended key usage (any use allowed).
    var allowsServerAuthentication: Bool? {
        guard X509_get_extension_flags(pointer) & UInt32(EXFLAG_XKUSAGE) != 0 else { return nil }
        return X509_get_extended_key_usage(pointer) & UInt32(XKU_SSL_SERVER) != 0
    }

    /// Whether `issuer` signed this certificate (names, key identifiers and key usage agree).
    func isIssued(by issuer: OwnedCertificate) -> Bool {
        X509_check_issued(issuer.pointer, pointer) == X509_V_OK
    }

    var summary: CertificateSummary {
        CertificateSummary(
            subject: subject, issuer: issuer, notBefore: notBefore, notAfter: notAfter,
            subjectAlternativeNames: subjectAlternativeNames, serialNumber: serialNumber, publicKeyPin: publicKeyPin
        )
    }

    static func render(_ name: OpaquePointer?) -> String {
        guard let name else { return "" }
        return MemoryBIO.text { bio in _ = X509_NAME_print_ex(bio, name, 0, ctls_name_flags_rfc2253()) }
    }

    static func date(_ time: UnsafePointer<ASN1_TIME>?) -> Date {
        var parts = tm()
        guard let time, ASN1_TIME_to_tm(time, &parts) == 1 else { return Date(timeIntervalSince1970: 0) }
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }

    static func formatAddress(_ bytes: [UInt8]) -> String {
        if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
        guard bytes.count == 16 else { return bytes.map { String($0, radix: 16) }.joined(separator: ":") }
        var groups: [String] = []
        for index in stride(from: 0, to: 16, by: 2) {
            groups.append(String(UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1]), radix: 16))
        }
        return groups.joined(separator: ":")
    }
}
