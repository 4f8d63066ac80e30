// swift-tools-version:6.2
import PackageDescription

let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
    name: "kaohe",
    products: [
        .executable(name: "kaohe", targets: ["kaohe"]),
        .library(name: "KaoheCore", targets: ["KaoheCore"]),
        .library(name: "KaoheFile", targets: ["KaoheFile"]),
        .library(name: "KaoheScheme", targets: ["KaoheScheme"]),
        .library(name: "KaoheREPL", targets: ["KaoheREPL"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
    ],
    targets: [
        .systemLibrary(name: "CPlatform", path: "Sources/CPlatform"),
        .target(name: "KaoheCore", dependencies: ["CPlatform"], swiftSettings: strict),
        .target(
            name: "KaoheFile",
            dependencies: ["KaoheCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: strict),
        .target(name: "KaoheScheme", dependencies: ["KaoheCore"], swiftSettings: strict),
        .systemLibrary(name: "CReadline", path: "Sources/CReadline"),
        .target(name: "KaoheREPL", dependencies: ["KaoheCore", "KaoheFile", "KaoheScheme", "CReadline"], swiftSettings: strict),
        .executableTarget(
            name: "kaohe",
            dependencies: [
                "KaoheCore",
                "KaoheFile",
                "KaoheREPL",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict),
        .executableTarget(
            name: "kaohe-bench",
            dependencies: ["KaoheCore", "KaoheFile"],
            path: "Benchmarks/KaoheBench",
            swiftSettings: strict),
        .testTarget(
            name: "KaoheCoreTests",
            dependencies: [
                "KaoheCore",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "KaoheFileTests",
            dependencies: [
                "KaoheFile",
                "KaoheCore",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "KaoheSchemeTests",
            dependencies: ["KaoheScheme", "KaoheFile", "KaoheCore"],
            swiftSettings: strict),
        .testTarget(
            name: "KaoheREPLTests",
            dependencies: ["KaoheREPL", "KaoheFile", "KaoheCore", "kaohe"],
            swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
