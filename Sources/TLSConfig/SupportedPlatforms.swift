// TLSConfig is built and tested on Linux (glibc) with OpenSSL 3 only. It watches files with
// inotify, reads /proc and calls glibc directly, and has no Darwin or Windows code paths; rather
// than fail later with "no such module 'Glibc'", a build elsewhere stops here with the reason.
#if !os(Linux)
#error("TLSConfig supports Linux only (glibc, OpenSSL 3): see \"Supported platforms\" in its README.")
#endif
