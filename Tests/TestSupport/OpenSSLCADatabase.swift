import Foundation

/// The files `openssl ca` needs to sign, revoke and issue CRLs for the CA `name` in
/// `directory`: `NAME-db/` (index, serial, CRL number) and `NAME.cnf`.
enum OpenSSLCADatabase {
    static func create(_ name: String, in directory: URL, firstSerial: String = "1000") throws {
        let folder = "\(name)-db"
        func write(_ file: String, _ text: String) throws {
            try text.write(to: directory.appendingPathComponent(file), atomically: true, encoding: .utf8)
        }
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent(folder), withIntermediateDirectories: true)
        try write("\(folder)/index.txt", "")
        try write("\(folder)/serial", firstSerial + "\n")
        try write("\(folder)/crlnumber", "1000\n")
        try write(
            "\(name).cnf",
            """
            [ca]
            default_ca = CA_default
            [CA_default]
            database = \(folder)/index.txt
            new_certs_dir = \(folder)
            serial = \(folder)/serial
            crlnumber = \(folder)/crlnumber
            default_md = sha256
            default_crl_days = 30
            policy = policy_any
            unique_subject = no
            [policy_any]
            commonName = supplied

            """)
    }
}
