#!/bin/sh
# Flow-log check throughput and peak RSS (issue 13), side by side with
# DuckDB: generates 2M-record Alibaba JSON Lines and AWS text files
# (bench/make_flowlogs.py), then runs, interleaved, RUNS times each:
#  - `plinspect flowlog check --json` on all cores (it parses lines on one
#    thread per core) and pinned to one core (taskset -c 0);
#  - bench/duckdb/flowlog_duckdb.mjs (@duckdb/node-api, all cores): the
#    closest SQL DuckDB can run (outbound OK ACCEPT records grouped by
#    instance, destination and port, responses dropped by the port rule).
# Prints the medians (wall time, records/s, peak RSS from /usr/bin/time) and
# the ratio DuckDB / plinspect, both on DuckDB's whole process and on its
# query alone (without node's start-up).
# Usage: bench/flowlog_bench.sh [PLINSPECT] [RECORDS]   (RUNS=3 by default;
# run `npm install` in bench/duckdb first; without it DuckDB is skipped)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
plinspect=${1:-build/release/bin/plinspect}
records=${2:-2000000}
runs=${RUNS:-3}
dir=${TMPDIR:-/tmp}/plinspect-flowlog-bench
mkdir -p "$dir"
ranges="$dir/ranges.csv"
printf 'cidr,provider,service,region,label\n118.178.0.0/16,alibaba,OSS,cn-hangzhou,oss\n47.100.0.0/16,alibaba,SLS,cn-hangzhou,sls\n' >"$ranges"
duckdb=yes
[ -d "$here/duckdb/node_modules/@duckdb/node-api" ] || {
    duckdb=
    echo "bench/duckdb: no node_modules (npm install there): DuckDB skipped" >&2
}

now() { date +%s.%N; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

for dialect in alibaba aws; do
    file="$dir/$dialect-$records.log"
    [ -f "$file" ] || python3 "$here/make_flowlogs.py" "$dialect" "$records" "$file"
    cat "$file" >/dev/null # page cache
    : >"$dir/pl.times"
    : >"$dir/pl.rss"
    : >"$dir/pl1.times"
    : >"$dir/duck.times"
    : >"$dir/duck.query"
    : >"$dir/duck.rss"
    run=0
    while [ "$run" -lt "$runs" ]; do
        run=$((run + 1))
        start=$(now)
        /usr/bin/time -f '%M' -o "$dir/rss" "$plinspect" flowlog check --json \
            --ranges "$ranges" "$file" >"$dir/out.jsonl"
        end=$(now)
        echo "$end - $start" | bc -l >>"$dir/pl.times"
        cat "$dir/rss" >>"$dir/pl.rss"
        start=$(now)
        taskset -c 0 "$plinspect" flowlog check --json --ranges "$ranges" "$file" >"$dir/out1.jsonl"
        end=$(now)
        echo "$end - $start" | bc -l >>"$dir/pl1.times"
        cmp -s "$dir/out.jsonl" "$dir/out1.jsonl" || echo "plinspect: one core gave other bytes" >&2
        if [ -n "$duckdb" ]; then
            start=$(now)
            /usr/bin/time -f '%M' -o "$dir/rss" node "$here/duckdb/flowlog_duckdb.mjs" "$dialect" \
                "$file" >"$dir/duck.out"
            end=$(now)
            echo "$end - $start" | bc -l >>"$dir/duck.times"
            sed 's/.*seconds //' "$dir/duck.out" >>"$dir/duck.query"
            cat "$dir/rss" >>"$dir/duck.rss"
        fi
    done
    size=$(stat -c %s "$file")
    pl_t=$(median <"$dir/pl.times")
    pl_rss=$(median <"$dir/pl.rss")
    pl1_t=$(median <"$dir/pl1.times")
    findings=$(grep -c '"class"' "$dir/out.jsonl" || true)
    awk -v d="$dialect" -v n="$records" -v t="$pl_t" -v t1="$pl1_t" -v rss="$pl_rss" \
        -v size="$size" -v runs="$runs" -v f="$findings" 'BEGIN {
        printf "%-7s %d records, %.0f MiB, median of %d runs\n", d, n, size / 1048576, runs
        printf "  plinspect flowlog check (all cores): %.3f s, %.2f M records/s, peak RSS %.1f MiB, %d findings\n",
            t, n / t / 1e6, rss / 1024, f
        printf "  plinspect flowlog check (1 core): %.3f s, %.2f M records/s\n", t1, n / t1 / 1e6 }'
    if [ -n "$duckdb" ]; then
        du_t=$(median <"$dir/duck.times")
        du_q=$(median <"$dir/duck.query")
        du_rss=$(median <"$dir/duck.rss")
        awk -v n="$records" -v t="$du_t" -v q="$du_q" -v rss="$du_rss" -v pl="$pl_t" \
            -v g="$(cat "$dir/duck.out")" 'BEGIN {
            printf "  DuckDB (node, all cores): %.3f s (query %.3f s), %.2f M records/s, peak RSS %.1f MiB (%s)\n",
                t, q, n / t / 1e6, rss / 1024, g
            printf "  ratio DuckDB / plinspect: %.2fx (process), %.2fx (DuckDB query only)\n", t / pl, q / pl }'
    fi
done
