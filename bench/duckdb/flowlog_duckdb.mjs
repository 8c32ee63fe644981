// The DuckDB peer of the flow-log bench (bench/flowlog_bench.sh): the
// closest SQL to `plinspect flowlog check` DuckDB can run over the same
// file: outbound OK ACCEPT records grouped by instance, destination and
// port, responses dropped by the port rule alone (source port < 1024 and
// destination port >= 1024). No per-flow decision, no ownership lookup.
// Usage: node flowlog_duckdb.mjs alibaba|aws FILE [THREADS]
// Prints one line: groups, records kept, seconds (query only).
import { DuckDBInstance } from '@duckdb/node-api';

const [dialect, file, threads] = process.argv.slice(2);
if (!file || !['alibaba', 'aws'].includes(dialect)) {
    console.error('usage: node flowlog_duckdb.mjs alibaba|aws FILE [THREADS]');
    process.exit(2);
}
const quoted = `'${file.replaceAll("'", "''")}'`;
let source;
let instance;
let out;
if (dialect === 'alibaba') {
    // SLS JSON Lines: every value a string; columns named so that DuckDB
    // does not sample the file to guess them.
    const names = ['eni-id', 'vm-id', 'vpc-id', 'srcaddr', 'srcport', 'dstaddr', 'dstport',
        'protocol', 'direction', 'action', 'packets', 'bytes', 'start', 'end', 'log-status'];
    const columns = names.map((n) => `'${n}': 'VARCHAR'`).join(', ');
    source = `read_json(${quoted}, format = 'newline_delimited', columns = {${columns}})`;
    instance = '"vm-id"';
    out = `direction = 'out'`;
} else {
    // AWS text with its header line (bench/make_flowlogs.py's v5 subset).
    source = `read_csv(${quoted}, delim = ' ', header = true, auto_detect = false, columns = {
        'version': 'VARCHAR', 'account-id': 'VARCHAR', 'interface-id': 'VARCHAR',
        'srcaddr': 'VARCHAR', 'dstaddr': 'VARCHAR', 'srcport': 'VARCHAR', 'dstport': 'VARCHAR',
        'protocol': 'VARCHAR', 'packets': 'VARCHAR', 'bytes': 'VARCHAR', 'start': 'VARCHAR',
        'end': 'VARCHAR', 'action': 'VARCHAR', 'log-status': 'VARCHAR', 'vpc-id': 'VARCHAR',
        'instance-id': 'VARCHAR', 'tcp-flags': 'VARCHAR', 'flow-direction': 'VARCHAR'})`;
    instance = '"instance-id"';
    out = `"flow-direction" = 'egress'`;
}
const sql = `
SELECT ${instance} AS instance, dstaddr, TRY_CAST(dstport AS INTEGER) AS port,
       count(*) AS records, sum(TRY_CAST(packets AS BIGINT)) AS packets,
       sum(TRY_CAST(bytes AS BIGINT)) AS bytes
FROM ${source}
WHERE ${out} AND "log-status" = 'OK' AND action = 'ACCEPT'
  AND NOT (TRY_CAST(srcport AS INTEGER) < 1024 AND TRY_CAST(dstport AS INTEGER) >= 1024)
GROUP BY ALL`;

const db = await DuckDBInstance.create(':memory:', threads ? { threads: String(threads) } : {});
const connection = await db.connect();
const started = process.hrtime.bigint();
const reader = await connection.runAndReadAll(`SELECT count(*), sum(records) FROM (${sql})`);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const [groups, kept] = reader.getRows()[0];
console.log(`groups ${groups} kept ${kept} seconds ${seconds.toFixed(3)}`);
