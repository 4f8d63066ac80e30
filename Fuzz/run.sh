#!/bin/sh
# Runs each libFuzzer harness for SECONDS (default 300) on inputs up to
# 1 MB, from a corpus seeded with small workbooks (Fuzz/seeds: a file of the
# demo's size runs ~70 times a second, these thousands) and the template's
# formulas, and prints its executions. A finding stops the run
# with the input saved as .build-fuzz/crash-*.
set -e
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-300}
OUT=.build-fuzz
mkdir -p $OUT/corpus-parser $OUT/corpus-file
cp Fuzz/seeds/*.kaohe $OUT/corpus-file/
grep -o '=[^"]*$' Workbooks/town-template.kaohe | sort -u | awk -v d=$OUT/corpus-parser '{f=sprintf("%s/seed%03d", d, NR); printf "%s", $0 > f; close(f)}'
for harness in parser file; do
    echo "fuzz-$harness: $SECONDS_EACH s"
    # Swift's backtracer trips the address sanitizer on a finding; libFuzzer reports it.
    SWIFT_BACKTRACE=enable=no $OUT/fuzz-$harness -max_len=1048576 -max_total_time="$SECONDS_EACH" -print_final_stats=1 \
        -artifact_prefix=$OUT/ $OUT/corpus-$harness 2>&1 | grep -E '^stat::(number_of_executed_units|average_exec_per_sec)|ERROR|Fatal error|SUMMARY|Test unit written'
done
