#!/usr/bin/env bash
# Issue 11 speed clause: 5 interleaved rounds of `compare --quick nn`, before (9a02ec3, /work/wt-before) vs after (a
# built checkout of the branch/main under test, default /work/main), order alternating; prints mlmp's own img/s per
# small-net row and after/before ratio per round. Build the after tree first (flock /tmp/mlmp-mvn.lock ./mlmp --help).
AFTER=${1:-/work/main}; OUT=${2:-/tmp/issue11-check}; mkdir -p $OUT
row() { grep -E "^\| $2 " $1 | awk -F'|' '{gsub(/ /,"",$4); print $4}'; }
for r in 1 2 3 4 5; do
  echo "round $r load $(cut -d' ' -f1-3 /proc/loadavg)"
  if [ $((r % 2)) = 1 ]; then order="before after"; else order="after before"; fi
  for side in $order; do
    if [ $side = before ]; then (cd /work/wt-before && ./mlmp --threads 2 compare --quick nn > $OUT/before$r.md 2>/dev/null)
    else (cd $AFTER && ./mlmp --threads 2 compare --quick --rounds 1 --out $OUT/after$r nn > $OUT/after$r.md 2>/dev/null); fi
  done
  for w in "lenet batch 64" "lenet batch 128" "mlp batch 128"; do
    b=$(row $OUT/before$r.md "$w"); a=$(row $OUT/after$r.md "$w")
    echo "  $w: before $b after $a ratio $(python3 -c "print(round($a/$b,3))")"
  done
done
echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
