/// Keeps the offers that mean something in the resolution's role. A key of the other role is an
/// error naming what to write instead (``SettingKey/counterpart(in:)``), whatever wrote it:
/// a server's file with `client-cert`, a client's `PREFIX_CLIENT_AUTH`, an override in code.
enum RoleRule {
    static func filter(
        _ offers: [Offer], role: TLSRole, environmentPrefix: String
    ) -> (offers: [Offer], diagnostics: [Diagnostic]) {
        var kept: [Offer] = []
        var diagnostics: [Diagnostic] = []
        for offer in offers {
            guard !offer.key.roles.contains(role) else {
                kept.append(offer)
                continue
            }
            let counterpart = offer.key.counterpart(in: role)
            let other: TLSRole = role == .client ? .server : .client
            var help = counterpart.advice
            if let replacement = counterpart.key {
                let spelled =
                    if case .environment = offer.origin {
                        replacement.environmentVariable(prefix: environmentPrefix)
                    } else { replacement.rawValue }
                help = "did you mean \(spelled)? " + help
            }
            diagnostics.append(
                Diagnostic(
                    .error, .settingNotForRole,
                    "\(offer.key) is a \(other) setting, and these settings are for a \(role)",
                    setting: offer.key, origin: offer.origin,
                    notes: ["it does not apply"],
                    help: help
                ))
        }
        return (kept, diagnostics)
    }
}
