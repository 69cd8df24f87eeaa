import Foundation

/// A private temporary directory for generated files, removed by `remove()`.
public struct ScratchDirectory: Sendable {
    public let path: String

    public init(prefix: String = "tlsconfig-bench") throws {
        let base = FileManager.default.temporaryDirectory.path
        let path = "\(base)/\(prefix)-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        self.path = path
    }

    public func file(_ relative: String) -> String { "\(path)/\(relative)" }

    /// Writes `bytes` to `relative`, creating parent directories.
    @discardableResult
    public func write(_ relative: String, _ bytes: [UInt8]) throws -> String {
        let target = file(relative)
        let parent = (target as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: target))
        return target
    }

    @discardableResult
    public func write(_ relative: String, _ text: String) throws -> String {
        try write(relative, Array(text.utf8))
    }

    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

public struct CommandFailure: Error, CustomStringConvertible {
    public var description: String
}

/// Runs a command found on `PATH` and waits for it; standard output and error are discarded
/// unless it fails.
public func runCommand(_ arguments: [String], in directory: String? = nil) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let errors = Pipe()
    process.standardOutput = FileHandle.nullDevice
    process.standardError = errors
    try process.run()
    let message = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw CommandFailure(
            description:
                "\(arguments.joined(separator: " ")) failed (\(process.terminationStatus)): \(String(decoding: message, as: UTF8.self))"
        )
    }
}
