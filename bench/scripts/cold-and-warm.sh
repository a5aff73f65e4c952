#!/usr/bin/env bash
# The CLI as users run it beside the warm library, in one sitting (docs/benchmarks.md, "Cold beside warm"):
# first the warm library (UploadBenchmark: each client in its own JVM, 1 unmeasured round, then ROUNDS
# measured, 8 MiB x 4, signature V1, checkpoints off like uploadFile's), then the fresh processes
# (CliColdBenchmark: ./vodupload at its defaults with checkpoints on, aliyun-sdk-oss uploadFile in a fresh
# JVM, one raw PUT), 1 GiB each, against the testkit OSS server. Build first:
#   mvn -B -ntp -q -pl app-cli,bench -am package -DskipTests && ./vodupload --version
#
#   bench/scripts/cold-and-warm.sh [ROUNDS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rounds="${1:-3}"
cd "$root"
echo "== warm library, load $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp bench/target/benchmarks.jar io.vodupload.bench.UploadBenchmark --size 1GiB --rounds "$rounds" \
    --warmup 1 --part-sizes 8MiB --parallelism 4 --signature V1
echo "== fresh processes, load $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp bench/target/benchmarks.jar io.vodupload.bench.CliColdBenchmark --sizes 1GiB --rounds "$rounds"
echo "== done, load $(cut -d' ' -f1-3 /proc/loadavg)"
