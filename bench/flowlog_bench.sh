#!/bin/sh
# Flow-log check throughput and peak RSS (issue 13): generates 2M-record
# Alibaba JSON Lines and AWS text files (bench/make_flowlogs.py) and runs
# `plinspect flowlog check --json` on each under /usr/bin/time.
# Usage: bench/flowlog_bench.sh [PLINSPECT] [RECORDS]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
plinspect=${1:-build/release/bin/plinspect}
records=${2:-2000000}
dir=${TMPDIR:-/tmp}/plinspect-flowlog-bench
mkdir -p "$dir"
ranges="$dir/ranges.csv"
printf 'cidr,provider,service,region,label\n118.178.0.0/16,alibaba,OSS,cn-hangzhou,oss\n47.100.0.0/16,alibaba,SLS,cn-hangzhou,sls\n' >"$ranges"
for dialect in alibaba aws; do
    file="$dir/$dialect-$records.log"
    [ -f "$file" ] || python3 "$here/make_flowlogs.py" "$dialect" "$records" "$file"
    start=$(date +%s.%N)
    /usr/bin/time -f '%M' -o "$dir/rss" taskset -c 0 "$plinspect" flowlog check --json \
        --ranges "$ranges" "$file" >"$dir/out.jsonl"
    end=$(date +%s.%N)
    awk -v d="$dialect" -v n="$records" -v s="$start" -v e="$end" -v rss="$(cat "$dir/rss")" \
        -v size="$(stat -c %s "$file")" 'BEGIN {
        t = e - s
        printf "%-8s %d records, %.0f MiB: %.2f s, %.2f M records/s, peak RSS %.1f MiB\n",
            d, n, size / 1048576, t, n / t / 1e6, rss / 1024 }'
done
