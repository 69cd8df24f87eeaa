import Testing
@_spi(Plumbing) import TLSConfig
@_spi(Plumbing) import TLSConfigOpenSSL

/// Advice inside a host tool names the host's command, not `tlsconfig`.
@Suite struct ConnectionReportTests {
    @Test func adviceNamesTheHostToolsCommand() {
        var report = HandshakeReport(host: "api.example.com", port: 443)
        report.failure = .other("something unexpected")
        let resolution = Resolution(settings: TLSSettings())
        #expect(ConnectionReport(report, resolution: resolution).nextStep?.contains("`tlsconfig check`") == true)
        let hosted = ConnectionReport(report, resolution: resolution, checkCommand: "mytool tls check")
        #expect(hosted.nextStep?.contains("`mytool tls check`") == true)
        #expect(hosted.nextStep?.contains("tlsconfig") == false)
    }
}
