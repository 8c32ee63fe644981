#!/usr/bin/env python3
"""Generates resources/samples/sample.pcapng, the capture the app opens on
first run: the documented Alibaba Cloud example (GET /login), more Alibaba
connections over a few VPCs and endpoints, an AWS PrivateLink header, LOCAL
health checks, a bad CRC32C, a header split across two segments and a
connection without a header. Reuses the fixture writer in tests/data.

Run: python3 resources/samples/make_sample.py
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests", "data"))
import gen_captures as g  # noqa: E402

g.OUT = HERE
SERVER = ("10.0.0.15", 80)
VPCS = [b"vpc-bp179qeke0wzo1mr8bxhl", b"vpc-bp1k7zq3m0a1d2e3f4g5h", b"vpc-2zeh8xx0a9b8c7d6e5f4"]
ENDPOINTS = [b"ep-bp1i288487e586152d4b", b"ep-bp1q2w3e4r5t6y7u8i9o0p", b"ep-2zej1k2l3m4n5o6p7q8r",
             b"ep-bp1z9y8x7w6v5u4t3s2r1q"]


def alibaba_header(src, vpc, ep):
    return g.v2(src=src, dst=SERVER, tlvs=[g.alibaba(2, ep), g.alibaba(1, vpc),
                                           g.tlv(0x04, b"\0" * 6)])


def main():
    frames = []
    # The vendor's documented header, byte for byte, then GET /login.
    frames += g.exchange(("10.0.0.14", 59074), SERVER,
                         g.ALIBABA_DOC + g.http_get("/login", "app.example.com"),
                         g.http_response("200 OK"))
    # Traffic from several VPCs through several endpoints.
    paths = ["/", "/login", "/api/orders", "/api/users", "/login", "/static/app.js"]
    for i in range(18):
        vpc = VPCS[i % 3 if i % 5 else 0]
        ep = ENDPOINTS[(i * 7) % 4]
        src = ("10.0.%d.%d" % (1 + i % 3, 20 + i), 40000 + i * 17)
        status = "403 Forbidden" if paths[i % 6] == "/login" and ep != ENDPOINTS[0] else "200 OK"
        frames += g.exchange(src, SERVER,
                             alibaba_header(src, vpc, ep) + g.http_get(paths[i % 6], "app.example.com"),
                             g.http_response(status))
    # AWS NLB PrivateLink: CRC32C first, VPC endpoint ID, NOOP padding to 100 bytes.
    aws = g.v2(src=("172.31.7.113", 51442), dst=("172.31.10.31", 80),
               tlvs=[g.tlv(0xEA, b"\x01vpce-08d2bf15fac5001c9")], pad_to=100)
    frames += g.exchange(("172.31.7.113", 51442), ("172.31.10.31", 80),
                         aws + g.http_get("/health", "svc.internal"), g.http_response("200 OK"))
    # Health checks: LOCAL headers with nothing after them.
    for i in range(3):
        frames += g.exchange(("100.64.0.%d" % (1 + i), 31000 + i), SERVER,
                             g.v2(command="local"), b"", close="fin")
    # A header whose CRC32C does not match (altered in flight or crafted).
    bad = alibaba_header(("10.0.9.9", 41000), VPCS[1], ENDPOINTS[2])
    bad = bad[:40] + bytes([bad[40] ^ 0x20]) + bad[41:]
    frames += g.exchange(("10.0.9.9", 41000), SERVER, bad + g.http_get("/login", "app.example.com"),
                         g.http_response("400 Bad Request"), close="rst")
    # A header split across two TCP segments (tshark calls this malformed).
    split_src = ("10.0.1.77", 42424)
    c = g.Conn(split_src, SERVER).handshake()
    hdr = alibaba_header(split_src, VPCS[0], ENDPOINTS[0])
    c.send(True, hdr[:20]).send(True, hdr[20:] + g.http_get("/api/orders", "app.example.com"))
    c.send(False, g.http_response("200 OK")).close()
    frames += c.packets
    # A client that reached the backend without the load balancer's header.
    frames += g.exchange(("192.168.50.10", 53000), SERVER, g.http_get("/login", "app.example.com"),
                         g.http_response("400 Bad Request"), close="rst")
    g.pcapng("sample.pcapng", g.LINKTYPE_ETHERNET, [g.ethernet(f) for f in frames])


if __name__ == "__main__":
    main()
