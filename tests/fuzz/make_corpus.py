#!/usr/bin/env python3
"""Writes the fuzzer's seed corpus into tests/fuzz/corpus/.

Seeds are the public vectors of docs/ppv2-reference.md (vendor documentation,
HAProxy captures), small valid headers that carry each vendor's TLV, v1 lines,
and a few deliberately broken headers so the fuzzer starts next to every error
path. The output is deterministic: rerunning it must not change the committed
files. Usage: tests/fuzz/make_corpus.py [OUTPUT_DIR]
"""

import pathlib
import struct
import sys

SIGNATURE = bytes.fromhex("0d0a0d0a000d0a515549540a")


def crc32c(data: bytes) -> int:
    """CRC32C (Castagnoli, reflected 0x82F63B78), bit by bit: seeds are tiny."""
    crc = 0xFFFFFFFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0x82F63B78 if crc & 1 else crc >> 1
    return crc ^ 0xFFFFFFFF


def tlv(kind: int, value: bytes) -> bytes:
    return struct.pack(">BH", kind, len(value)) + value


def v2(addresses: bytes, tlvs: bytes, ver_cmd: int = 0x21, fam: int = 0x11,
       crc: bool = True) -> bytes:
    """A v2 header; with crc, a CRC32C TLV goes first (as HAProxy and AWS send it).

    addresses is passed apart from fam so that a header can lie about its
    layout (the AWS health check says INET but carries no address block).
    """
    body = addresses + (tlv(0x03, bytes(4)) if crc else b"") + tlvs
    header = SIGNATURE + struct.pack(">BBH", ver_cmd, fam, len(body)) + body
    if crc:
        at = 16 + len(addresses) + 3
        header = header[:at] + struct.pack(">I", crc32c(header)) + header[at + 4:]
    return header


INET = bytes([10, 0, 0, 14, 10, 0, 0, 15]) + struct.pack(">HH", 59074, 80)
INET6 = bytes(15) + b"\x01" + bytes(15) + b"\x02" + struct.pack(">HH", 40000, 443)
UNIX = b"/run/src.sock".ljust(108, b"\0") + b"/run/dst.sock".ljust(108, b"\0")

# Verbatim vectors from docs/ppv2-reference.md.
ALIBABA = bytes.fromhex(
    "0d0a0d0a000d0a515549540a21110054"
    "0a00000e0a00000fe6c20050"
    "0300040764b56b"
    "e1001802" + b"ep-bp1i288487e586152d4b".hex() +
    "e1001a01" + b"vpc-bp179qeke0wzo1mr8bxhl".hex() +
    "040006000000000000")
AWS = bytes.fromhex(
    "0d0a0d0a000d0a515549540a21110054ac1f0771ac1f0a1fc8f20050030004e8d6892d"
    "ea001701767063652d3038643262663135666163353030316339040024") + bytes(36)
HAPROXY_SSL = bytes.fromhex(
    "0d0a0d0a000d0a515549540a211100407f0000017f000001cc8a232e2000310700000000"
    "210007544c5376312e3322001f4578616d706c6520436f6d6d6f6e204e616d6520436c69"
    "656e742043657274")
HAPROXY_AUTHORITY = bytes.fromhex(
    "0d0a0d0a000d0a515549540a211100147f0000017f000001002a05390200053132333435")
AZURE_TLV = bytes.fromhex("ee000501c1450021")
GCP_TLV = bytes.fromhex("e00008ffffffffc0a86402")


def seeds() -> dict:
    aws_vpce = tlv(0xEA, b"\x01vpce-08d2bf15fac5001c9")
    ssl = tlv(0x20, b"\x05" + bytes(4) + tlv(0x21, b"TLSv1.3") + tlv(0x22, b"client")
              + tlv(0x23, b"TLS_AES_128_GCM_SHA256"))
    out = {
        "v2_alibaba_example": ALIBABA,
        "v2_aws_privatelink": AWS,
        "v2_haproxy_ssl": HAPROXY_SSL,
        "v2_haproxy_authority": HAPROXY_AUTHORITY,
        "v2_azure_linkid": v2(INET, AZURE_TLV),
        "v2_gcp_psc": v2(INET, GCP_TLV),
        "v2_all_vendors": v2(INET, AZURE_TLV + GCP_TLV + aws_vpce + tlv(0xE1, b"\x01vpc-1")
                             + tlv(0xE1, b"\x03epsrv-1")),
        # AWS NLB health check: LOCAL, family INET, TLVs right after byte 16.
        "v2_aws_health_check": v2(b"", aws_vpce + tlv(0x04, bytes(8)), ver_cmd=0x20),
        "v2_local_unspec": v2(b"", b"", ver_cmd=0x20, fam=0x00, crc=False),
        "v2_inet6_alpn": v2(INET6, tlv(0x01, b"h2") + tlv(0x05, b"uid-1"), fam=0x21),
        "v2_unix_netns": v2(UNIX, tlv(0x30, b"blue"), fam=0x31),
        "v2_udp_ssl": v2(INET, ssl, fam=0x12),
        "v1_tcp4": b"PROXY TCP4 192.168.0.1 192.168.0.11 56324 443\r\n",
        "v1_tcp6": b"PROXY TCP6 2001:db8::1 2001:db8::2 4242 80\r\nGET / HTTP/1.1\r\n",
        "v1_unknown": b"PROXY UNKNOWN\r\n",
        # Broken on purpose: one per family of error.
        "bad_v2_truncated": ALIBABA[:50],
        "bad_v2_crc": ALIBABA[:23] + bytes([ALIBABA[23] ^ 1]) + ALIBABA[24:],
        "bad_v2_tlv_overrun": HAPROXY_AUTHORITY[:-1],
        "bad_v2_family": HAPROXY_AUTHORITY[:13] + b"\x41" + HAPROXY_AUTHORITY[14:],
        "bad_v2_crc_length": v2(INET, tlv(0x03, b"\0\0"), crc=False),
        "bad_v2_ssl_length": v2(INET, tlv(0x20, b"\x01\0"), crc=False),
        "bad_v2_second_header": HAPROXY_AUTHORITY + HAPROXY_AUTHORITY,
        "bad_v1_lone_lf": b"PROXY TCP4 1.2.3.4 5.6.7.8 1 2\n",
        "bad_v1_port": b"PROXY TCP4 1.2.3.4 5.6.7.8 01 65536\r\n",
        "bad_v1_too_long": b"PROXY UNKNOWN " + b"x" * 100 + b"\r\n",
    }
    # The documented examples must stay valid: a typo here would seed the
    # fuzzer with broken headers only.
    for name in ("v2_alibaba_example", "v2_aws_privatelink"):
        header = out[name]
        assert crc32c(header[:31] + bytes(4) + header[35:]) == struct.unpack(">I", header[31:35])[0]
    return out


def main() -> None:
    here = pathlib.Path(__file__).resolve().parent
    target = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else here / "corpus"
    target.mkdir(parents=True, exist_ok=True)
    corpus = seeds()
    for name, data in sorted(corpus.items()):
        (target / name).write_bytes(data)
    print(f"{len(corpus)} seeds in {target}")


if __name__ == "__main__":
    main()
