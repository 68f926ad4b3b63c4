#!/usr/bin/env bash
# Runs one of mlmp-spark's benchmarks (issue 15; BENCHMARKS.md, "Spark") with the class path and JVM options of
# `./mlmp spark`: scripts/bench/spark_bench.sh SparkNnBench|SparkMlpBench|SparkKrrBench key=value ...
# Build first (benchmark profile, adds Spark MLlib to mlmp-spark/target/spark-lib):
#   mvn -B -q -Pspark-bench -DskipTests -Dthin package -pl mlmp-examples,mlmp-spark -am
# Environment (both sides get the same): GLIBC_TUNABLES (default glibc.malloc.hugetlb=1, as ./mlmp), MLMP_THREADS (ND4J/OpenBLAS threads of mlmp; also sets OMP_NUM_THREADS), OPENBLAS_NUM_THREADS,
# BENCH_HEAP_MB / BENCH_OFFHEAP_MB (default: 1/4 and 1/2 of RAM, as ./mlmp). Prints one JSON line per measurement.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CLASS="$1"; shift
[ -f "$HERE/mlmp-spark/target/classes/org/mlmp/spark/$CLASS.class" ] || {
  echo "spark_bench.sh: $CLASS is not built; run the -Pspark-bench build named at the top of this script" >&2; exit 2; }
if [ -n "${MLMP_THREADS:-}" ]; then export OMP_NUM_THREADS="${OMP_NUM_THREADS:-$MLMP_THREADS}"; fi
if [ -z "${OPENBLAS_CORETYPE:-}" ] && grep -q -m1 -w avx2 /proc/cpuinfo && grep -q -m1 -w fma /proc/cpuinfo; then
  export OPENBLAS_CORETYPE=Haswell
fi
# as ./mlmp: huge pages for glibc's large blocks (ND4J's arrays; MLlib's native BLAS buffers too), unless set
export GLIBC_TUNABLES="${GLIBC_TUNABLES:-glibc.malloc.hugetlb=1}"
mem_kb=$(awk '/MemTotal/ {print $2}' /proc/meminfo)
heap_mb=${BENCH_HEAP_MB:-$(( mem_kb / 4 / 1024 ))}; off_mb=${BENCH_OFFHEAP_MB:-$(( mem_kb / 2 / 1024 ))}
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
exec java -Xmx${heap_mb}m -Dorg.bytedeco.javacpp.maxbytes=${off_mb}M \
  -Dorg.bytedeco.javacpp.maxphysicalbytes=$(( heap_mb + off_mb + 1024 ))M \
  $(cat "$HERE/mlmp-spark/target/classes/org/mlmp/spark/jvm-options.txt") ${BENCH_JAVA_OPTS:-} \
  -cp "$HERE/mlmp-spark/target/classes:$HERE/mlmp-spark/target/spark-lib/*:$HERE/mlmp-examples/target/mlmp.jar" \
  "org.mlmp.spark.$CLASS" "$@"
