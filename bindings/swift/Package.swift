// swift-tools-version:5.7
// The Swift package of shftu-rules. `Sources/` (uniffi's ShftuRules.swift, the typed layer ShftuRulesTyped.swift, the C header and module map)
// are generated at build time by `generate.sh` (never checked in; their digest is
// `generated.sha256`, checked by `cargo test -p shftu-rules-swift`). The native code comes from:
//   * Apple platforms: `ShftuRulesFFI.xcframework`, built by `build-xcframework.sh` (see ../README.md);
//   * otherwise (e.g. macOS development): `libshftu_rules_swift` from `cargo build --release
//     -p shftu-rules-swift`, linked with `swift build -Xlinker -L<repo>/target/release`.
import Foundation
import PackageDescription

let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
let xcframework = here.appendingPathComponent("ShftuRulesFFI.xcframework").path
let useXCFramework = FileManager.default.fileExists(atPath: xcframework)

let ffiTarget: Target = useXCFramework
    ? .binaryTarget(name: "shftu_rulesFFI", path: "ShftuRulesFFI.xcframework")
    : .target(
        name: "shftu_rulesFFI",
        path: "Sources/shftu_rulesFFI",
        linkerSettings: [.linkedLibrary("shftu_rules_swift")]
    )

let package = Package(
    name: "ShftuRules",
    platforms: [.iOS(.v13), .macOS(.v11)],
    products: [
        .library(name: "ShftuRules", targets: ["ShftuRules"]),
    ],
    targets: [
        ffiTarget,
        .target(name: "ShftuRules", dependencies: ["shftu_rulesFFI"], path: "Sources/ShftuRules"),
    ]
)
