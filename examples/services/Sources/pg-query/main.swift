import Foundation
import Logging
import NIOPosix
import PostgresNIO
import TLSConfig
import TLSConfigNIO
import TLSConfigOpenSSL

// pg-query HOST PORT USER DATABASE: connects to PostgreSQL with TLS from TLSConfig (PG_QUERY_*
// and TLSCONFIG_* variables, or the files `tlsconfig show --app pg-query HOST` lists) and
// authenticates with the client certificate alone (`hostssl ... cert`), then prints who it is
// and how TLS went. Exit codes: 0 done, 1 settings or connection problem, 2 usage.

let arguments = CommandLine.arguments
guard arguments.count == 5, let port = Int(arguments[2]) else {
    FileHandle.standardError.write(Data("usage: pg-query HOST PORT USER DATABASE\n".utf8))
    exit(2)
}
let (host, user, database) = (arguments[1], arguments[3], arguments[4])

let tls: ClientTLS
let context: NIOSSLContext
do throws(TLSSettingsError) {
    // --- TLSConfig: from here to `context` is all the glue. ---
    let resolution = SettingsResolver(ResolverConfiguration(appName: "pg-query")).resolve(host: host, defaultPort: port)
    tls = try ClientTLS(resolution: resolution)
    // postgres-nio has no verification hook: swift-nio-ssl verifies by its own rules, accepted here.
    context = try tls.makeContext(for: .postgresNIO, accepting: [.verify])
    // --- end of TLSConfig ---
} catch {
    FileHandle.standardError.write(Data(error.description.utf8))
    exit(1)
}
FileHandle.standardError.write(Data(tls.renderedWarnings().utf8))

let configuration = PostgresConnection.Configuration(
    host: host, port: port, username: user, password: nil, database: database, tls: .require(context))
do {
    let logger = Logger(label: "pg-query")
    let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
    let query: PostgresQuery = "SELECT current_user::text, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()"
    let rows: PostgresRowSequence = try await connection.query(query, logger: logger)
    for try await (name, version) in rows.decode((String, String).self) {
        print("connected as \(name) over \(version)")
    }
    try await connection.close().get()
} catch {
    FileHandle.standardError.write(Data("error: cannot query \(host):\(port): \(String(reflecting: error))\n".utf8))
    // The same failure, cause and next step as `tlsconfig connect`.
    // The probe begins TLS as PostgreSQL does, with its SSLRequest.
    FileHandle.standardError.write(Data(tls.explain(error, host: host, port: port, start: .postgreSQL).text().utf8))
    exit(1)
}
