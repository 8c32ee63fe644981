#!/usr/bin/env python3
"""Writes a pcap with N PROXY v2 connections for the load benchmarks.

Usage: bench/make_big_capture.py N OUT.pcap [CONCURRENT]

Each connection is a full TCP conversation (SYN, SYN-ACK, ACK, header + GET,
response, FIN) over 100 client VPC/endpoint pairs, so the reader does the
same work as on a production listener capture. With CONCURRENT > 1, that
many conversations are in flight at once (their packets interleaved, all
from one proxy address to one backend: only the client port differs), which
is what a busy load balancer's capture looks like to the flow table.
Generated at benchmark time, never committed (1M connections is about 1 GB).
"""
import struct
import sys
import zlib  # noqa: F401  (keeps the interpreter's C helpers warm)

sys.path.insert(0, __file__.rsplit("/", 2)[0] + "/tests/data")
import gen_captures as g  # noqa: E402


SERVER = ("10.0.0.15", 80)
RESPONSE = g.http_response("200 OK")


def conversation(i, client):
    """Connection i's packets: header with VPC/endpoint IDs, GET, response, FIN."""
    vpc = b"vpc-bp1%018d" % (i % 100)
    ep = b"ep-bp1%017d" % (i % 37)
    hdr = g.v2(src=client, dst=SERVER, tlvs=[g.alibaba(2, ep), g.alibaba(1, vpc)])
    return g.exchange(client, SERVER, hdr + g.http_get("/api/%d" % (i % 50), "app"), RESPONSE)


def client_of(i, concurrent):
    port = 1024 + i % 60000
    if concurrent > 1:
        return ("10.0.0.14", port)  # one proxy address; ports cycle through the ephemeral range
    return ("10.%d.%d.%d" % (i >> 16 & 255, i >> 8 & 255, i & 255 or 1), port)


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    concurrent = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    with open(out, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, g.LINKTYPE_ETHERNET))
        t = 1700000000 * 1000000
        for first in range(0, n, concurrent):
            batch = [conversation(i, client_of(i, concurrent))
                     for i in range(first, min(n, first + concurrent))]
            # Packets interleaved across the conversations in flight.
            for k in range(max(len(packets) for packets in batch)):
                for packets in batch:
                    if k < len(packets):
                        frame = g.ethernet(packets[k])
                        f.write(struct.pack("<IIII", t // 1000000, t % 1000000,
                                            len(frame), len(frame)))
                        f.write(frame)
                        t += 10


if __name__ == "__main__":
    main()
