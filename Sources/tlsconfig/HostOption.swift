import ArgumentParser

/// `--host` for commands that resolve without connecting.
struct HostOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Resolve for this host (HOST, HOST:PORT, [IPv6]:PORT), applying matching host sections.", valueName: "host"))
    var host: String?
}
