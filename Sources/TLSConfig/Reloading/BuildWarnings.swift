/// A context that carries the warnings of its build (a server certificate close to expiry, a
/// cipher the library lacks): a reload that succeeds with such a warning says so in its event,
/// instead of taking the new material without a word.
package protocol BuildWarnings {
    /// Warnings and notes from building it.
    var buildWarnings: [Diagnostic] { get }
}
