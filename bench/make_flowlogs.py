#!/usr/bin/env python3
"""Writes a big flow-log file for the flow-log bench (not committed output).

Usage: make_flowlogs.py alibaba|aws RECORDS OUT
Alibaba: SLS JSON Lines; AWS: v5 text with its header. 2,000 ENIs, each with
long connections (one record per 60 s window) to OSS/SLS ranges, the
Internet and private peers, plus the inbound halves: about 40 % outbound.
"""

import json
import random
import sys

AWS_FORMAT = ("version account-id interface-id srcaddr dstaddr srcport dstport protocol packets "
              "bytes start end action log-status vpc-id instance-id tcp-flags flow-direction")


def main():
    dialect, count, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    rng = random.Random(13)
    t0 = 1720775400
    dests = ["118.178.%d.%d" % (i // 250, i % 250) for i in range(500)] + \
            ["47.100.%d.%d" % (i // 250, i % 250) for i in range(500)] + \
            ["93.184.%d.%d" % (i // 250, i % 250) for i in range(1000)] + \
            ["10.9.%d.%d" % (i // 250, i % 250) for i in range(1000)]
    with open(out, "w") as f:
        if dialect == "aws":
            f.write(AWS_FORMAT + "\n")
        written = 0
        while written < count:
            eni = rng.randrange(2000)
            local = "10.%d.%d.%d" % (eni // 250 % 250, eni % 250, 10)
            remote = rng.choice(dests)
            sport = rng.randrange(32768, 61000)
            dport = rng.choice((443, 443, 80, 8080))
            windows = rng.randrange(1, 6)
            for w in range(windows):
                start = t0 + 60 * w
                for out_dir in (True, False):
                    src, dst = (local, remote) if out_dir else (remote, local)
                    sp, dp = (sport, dport) if out_dir else (dport, sport)
                    flags = (2 if out_dir else 18) if w == 0 else 24
                    nbytes = rng.randrange(100, 10_000_000)
                    if dialect == "aws":
                        f.write("5 123456789012 eni-%05d %s %s %d %d 6 %d %d %d %d ACCEPT OK "
                                "vpc-%03d i-%05d %d %s\n" % (
                                    eni, src, dst, sp, dp, nbytes // 1000 + 1, nbytes, start,
                                    start + 60, eni // 100, eni, flags,
                                    "egress" if out_dir else "ingress"))
                    else:
                        f.write(json.dumps({
                            "__topic__": "flow_log", "version": "1", "account-id": "1210123456",
                            "eni-id": "eni-%05d" % eni, "vm-id": "i-%05d" % eni,
                            "vswitch-id": "vsw-1", "vpc-id": "vpc-%03d" % (eni // 100),
                            "region": "cn-hangzhou", "type": "IPv4", "protocol": "6",
                            "srcaddr": src, "srcport": str(sp), "dstaddr": dst,
                            "dstport": str(dp), "direction": "out" if out_dir else "in",
                            "action": "ACCEPT", "packets": str(nbytes // 1000 + 1),
                            "bytes": str(nbytes), "start": str(start), "end": str(start + 60),
                            "tcp-flags": str(flags), "log-status": "OK", "traffic_path": "13"},
                            separators=(",", ":")) + "\n")
                    written += 1


if __name__ == "__main__":
    main()
