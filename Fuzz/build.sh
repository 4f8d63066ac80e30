#!/bin/sh
# Builds the libFuzzer harnesses (address sanitizer, coverage) into
# .build-fuzz/: KaoheCore and KaoheFile compiled as modules with the same
# instrumentation, then one executable per harness. SwiftPM builds each
# executable with its own main, which a libFuzzer harness must not have,
# hence plain swiftc.
set -e
cd "$(dirname "$0")/.."
OUT=.build-fuzz
FLAGS="-swift-version 6 -parse-as-library -O -sanitize=fuzzer,address -I $OUT -L $OUT"
mkdir -p $OUT
swiftc $FLAGS -module-name KaoheCore -emit-module -emit-module-path $OUT/KaoheCore.swiftmodule \
    -emit-library -static -o $OUT/libKaoheCore.a $(find Sources/KaoheCore -name '*.swift')
swiftc $FLAGS -module-name KaoheFile -emit-module -emit-module-path $OUT/KaoheFile.swiftmodule \
    -emit-library -static -o $OUT/libKaoheFile.a $(find Sources/KaoheFile -name '*.swift')
swiftc $FLAGS -lKaoheCore Fuzz/ParserFuzz.swift -o $OUT/fuzz-parser 2>&1 | grep -v 'Cannot export local symbol' || true
swiftc $FLAGS -lKaoheFile -lKaoheCore Fuzz/FileFuzz.swift -o $OUT/fuzz-file 2>&1 | grep -v 'Cannot export local symbol' || true
test -x $OUT/fuzz-parser && test -x $OUT/fuzz-file
