#!/usr/bin/env python3
"""Writes the flow-log fuzzer's seed corpus into tests/fuzz/flowlog_corpus/.

Seeds are the flow-log fixtures of tests/data/flowlogs (every dialect and
codec the reader knows: SLS JSON Lines and CSV, AWS text with and without a
header, CloudWatch events and subscription messages, gzip and zstd), cut to
their first lines so that the fuzzer mutates small inputs. The output is
deterministic: rerunning it must not change the committed files.
Usage: tests/fuzz/make_flowlog_corpus.py [OUTPUT_DIR]
"""

import gzip
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
FIXTURES = HERE.parent / "data" / "flowlogs"

TEXT = ["alibaba_doc.jsonl", "alibaba_mixed.jsonl", "alibaba_high_ports.jsonl",
        "alibaba_nat_gateway.jsonl", "aws_doc.txt", "aws_nat_gateway.txt", "aws_cloudwatch_v2.txt",
        "aws_cloudwatch_events.jsonl", "sls_query_result.csv", "sls_query_result_high_ports.csv",
        "sls_query_result_no_answers.csv", "athena_query_result.csv", "athena_query_result_nat.csv"]
GZIP = ["aws_v5.log.gz", "sls_export.csv.bin", "aws_firehose_subscription.gz"]
WHOLE = ["alibaba_mixed.jsonl.zst",  # compressed as they are: the codec paths
         "aws_logs_filter_events.json"]  # one pretty-printed object: whole


def head(data: bytes, lines: int = 8) -> bytes:
    return b"".join(data.splitlines(keepends=True)[:lines])


def main() -> None:
    out = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "flowlog_corpus"
    out.mkdir(parents=True, exist_ok=True)
    for name in TEXT:
        (out / name).write_bytes(head((FIXTURES / name).read_bytes()))
    for name in GZIP:
        plain = gzip.decompress((FIXTURES / name).read_bytes())
        stem = name.rsplit(".", 1)[0]
        # Subscription messages are one line: kept whole (a few hundred bytes).
        (out / (stem + ".plain")).write_bytes(head(plain))
        (out / name).write_bytes(gzip.compress(head(plain), mtime=0))
    for name in WHOLE:
        (out / name).write_bytes((FIXTURES / name).read_bytes())


if __name__ == "__main__":
    main()
