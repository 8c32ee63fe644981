// Runs the text of `plinspect flowlog query` in DuckDB over a small log, as
// a check of the queries' logic where SLS and Athena are not at hand: the
// functions only those engines have are given by DuckDB equivalents
// (is_subnet_of/contains on IPv4, bitwise_and, regexp_like), the rest of
// the text runs as written. Prints the rows as CSV with a header row, in
// the order the query gives them (bytes, then the group's keys), to compare
// with the fixtures that
// tests/data/flowlogs/gen_flowlogs.py computes:
//   plinspect flowlog query --engine sls --listening-ports 8080 > sls.sql
//   node query_check.mjs sls sls.sql tests/data/flowlogs/alibaba_mixed.jsonl
//   plinspect flowlog query --engine athena > athena.sql
//   node query_check.mjs athena athena.sql tests/data/flowlogs/aws_query_input.txt
// A query for a table of the log's own format (flowlog query --format), over
// a table with the log's columns only:
//   node query_check.mjs athena athena_v2.sql tests/data/flowlogs/aws_query_input_v2.txt own
import { DuckDBInstance } from '@duckdb/node-api';
import fs from 'fs';

const [engine, queryFile, logFile, tableColumns] = process.argv.slice(2);
let sql = fs.readFileSync(queryFile, 'utf8');
sql = sql.replace(/^--.*$/gm, '')
    .replace(/^.*?\| SELECT/, 'SELECT') // SLS: the search before the SQL
    .replace(/contains\('([^']+)', CAST\((\w+) AS IPADDRESS\)\)/g, "ip_in($2, '$1')")
    .replace(/is_subnet_of\('([^']+)', ra\)/g, "ip_in(ra, '$1')")
    .replace(/bitwise_and\(([^,]+), (\d+)\)/g, '($1 & $2)')
    .replace(/regexp_like\(/g, 'regexp_matches(');

const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
// An IPv4 address in an IPv4 CIDR (false for IPv6: the logs checked here
// have no IPv6 peer the queries' IPv6 tests would keep).
await con.run(`CREATE MACRO v4(a) AS list_reduce(list_transform(string_split(a, '.'),
    x -> x::BIGINT), (p, q) -> p * 256 + q)`);
await con.run(`CREATE MACRO ip_in(a, cidr) AS CASE WHEN strpos(cidr, ':') > 0 OR
    strpos(a, ':') > 0 THEN false ELSE v4(a) >> (32 - split_part(cidr, '/', 2)::INT) =
    v4(split_part(cidr, '/', 1)) >> (32 - split_part(cidr, '/', 2)::INT) END`);
if (engine === 'sls') {
    // SLS keeps every field as text: the query casts what it counts.
    await con.run(`CREATE TABLE log AS SELECT * FROM read_json('${logFile}',
        format = 'newline_delimited', records = 'true',
        ignore_errors = true) WHERE "log-status" IS NOT NULL`);
} else {
    // The standard Athena table: numbers as numbers, '-' as NULL.
    const lines = fs.readFileSync(logFile, 'utf8').trim().split('\n');
    const names = lines[0].split(' ').map(n => n.replace(/-/g, '_'));
    // The standard table has every v5 field; a custom format's others are NULL.
    const standard = ['version', 'account_id', 'interface_id', 'srcaddr', 'dstaddr', 'srcport',
        'dstport', 'protocol', 'packets', 'bytes', 'start', 'end', 'action', 'log_status',
        'vpc_id', 'subnet_id', 'instance_id', 'tcp_flags', 'type', 'pkt_srcaddr', 'pkt_dstaddr',
        'region', 'az_id', 'sublocation_type', 'sublocation_id', 'pkt_src_aws_service',
        'pkt_dst_aws_service', 'flow_direction', 'traffic_path'];
    const missing = tableColumns === 'own' ? [] : standard.filter(n => !names.includes(n));
    const ints = new Set(['version', 'srcport', 'dstport', 'protocol', 'start', 'end',
        'packets', 'bytes', 'tcp_flags', 'traffic_path']);
    await con.run(`CREATE TABLE vpc_flow_logs (${names.concat(missing).map(n =>
        `"${n}" ${ints.has(n) ? 'BIGINT' : 'VARCHAR'}`).join(', ')})`);
    for (const line of lines.slice(1)) {
        const values = line.split(' ').map((v, i) =>
            ints.has(names[i]) ? (v === '-' ? 'NULL' : v) : `'${v}'`);
        await con.run(`INSERT INTO vpc_flow_logs VALUES (${values.concat(
            missing.map(() => 'NULL')).join(', ')})`);
    }
}
const result = await con.runAndReadAll(sql);
const rows = result.getRowObjectsJson();
const columns = result.columnNames();
console.log(columns.map(c => `"${c}"`).join(','));
for (const row of rows)
    console.log(columns.map(c => `"${row[c] === null ? '-' : row[c]}"`).join(','));
