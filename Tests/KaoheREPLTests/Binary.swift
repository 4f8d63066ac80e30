import Foundation

/// The real `kaohe` binary, built beside the tests, and a way to run it.
enum Binary {
    /// `.build/<config>/kaohe`, next to the test bundle.
    static let url: URL = {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("kaohe").path), dir.path != "/" {
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("kaohe")
    }()

    /// The project root (for `Workbooks/` and `Tests/Transcripts/`).
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Result {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    /// Runs kaohe with arguments and standard input, in `directory`, with no
    /// terminal, speaking English (LANG=C.UTF-8, whatever this machine's
    /// locale) unless `environment` sets LANG.
    static func run(_ arguments: [String], stdin: String = "", in directory: URL? = nil, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var env = ProcessInfo.processInfo.environment
        env["LC_ALL"] = nil
        env["LC_MESSAGES"] = nil
        env["LANG"] = "C.UTF-8"
        env.merge(environment) { _, new in new }
        process.environment = env
        let input = Pipe(), output = Pipe()
        // Standard error goes to a file: two pipes read one after the other
        // deadlock once the second fills (a long message about a 100 KB formula).
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("kaohe-stderr-\(UUID().uuidString)")
        try Data().write(to: errorFile)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let error = try FileHandle(forWritingTo: errorFile)
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        try process.run()
        try error.close()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let err = try Data(contentsOf: errorFile)
        return Result(stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self), status: process.terminationStatus)
    }

    /// A fresh temporary folder holding a copy of `Workbooks/NAME`.
    static func scratch(copying workbook: String? = nil) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kaohe-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        if let workbook {
            try FileManager.default.copyItem(at: root.appendingPathComponent("Workbooks/\(workbook)"), to: dir.appendingPathComponent(workbook))
        }
        return dir
    }
}
