#!/usr/bin/env python3
"""Writes the capture fixtures in tests/data/captures/ (kept beside them).

Standard library only. Every fixture is built packet by packet with struct,
so each one shows exactly one situation a capture reader must get right:
link types, PROXY v1/v2 variants, TCP reassembly cases, damaged files.
Run it from anywhere: python3 tests/data/gen_captures.py
"""

import ipaddress
import os
import struct

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "captures")

# --- PROXY protocol headers -------------------------------------------------

SIG = bytes.fromhex("0d0a0d0a000d0a515549540a")


def _crc32c_table():
    table = []
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    return table


CRC_TABLE = _crc32c_table()


def crc32c(data):
    c = 0xFFFFFFFF
    for b in data:
        c = CRC_TABLE[(c ^ b) & 0xFF] ^ (c >> 8)
    return c ^ 0xFFFFFFFF


assert crc32c(b"123456789") == 0xE3069283


def tlv(t, value):
    return struct.pack(">BH", t, len(value)) + value


def v2(command="proxy", src=None, dst=None, tlvs=(), crc="auto", dgram=False,
       family=None, pad_to=0, addresses=True):
    """src/dst: ("10.0.0.1", 1234) or a UNIX path (bytes). crc: auto|none|wrong."""
    cmd = 0x21 if command == "proxy" else 0x20
    if family is None:
        if src is None:
            family = 0
        elif isinstance(src, bytes):
            family = 3
        else:
            family = 2 if ":" in src[0] else 1
    proto = 2 if dgram else 1
    fam_byte = (family << 4) | (proto if family else 0)
    block = b""
    if addresses and family in (1, 2):
        a = ipaddress.ip_address(src[0]).packed + ipaddress.ip_address(dst[0]).packed
        block = a + struct.pack(">HH", src[1], dst[1])
    elif addresses and family == 3:
        block = src.ljust(108, b"\0") + dst.ljust(108, b"\0")
    body = b"".join(tlvs)
    if crc != "none":
        body = tlv(0x03, b"\0\0\0\0") + body
    if pad_to:
        room = pad_to - 16 - len(block) - len(body) - 3
        body += tlv(0x04, b"\0" * room)
    hdr = bytearray(SIG + bytes([cmd, fam_byte]) + struct.pack(">H", len(block) + len(body))
                    + block + body)
    if crc != "none":
        at = 16 + len(block) + 3
        value = crc32c(bytes(hdr))
        if crc == "wrong":
            value ^= 0xDEADBEEF
        hdr[at:at + 4] = struct.pack(">I", value)
    return bytes(hdr)


def alibaba(subtype, text):
    return tlv(0xE1, bytes([subtype]) + text)


# The Alibaba Cloud documentation's example (ppv2-reference.md).
ALIBABA_DOC = bytes.fromhex(
    "0d0a0d0a000d0a515549540a21110054"
    "0a00000e0a00000fe6c20050"
    "0300040764b56b"
    "e100180265702d6270316932383834383765353836313532643462"
    "e1001a017670632d627031373971656b6530777a6f316d72386278686c"
    "040006000000000000")
assert crc32c(ALIBABA_DOC[:31] + b"\0\0\0\0" + ALIBABA_DOC[35:]) == 0x0764B56B

# --- payloads ---------------------------------------------------------------


def http_get(path, host):
    return ("GET %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: fixture\r\n\r\n" % (path, host)).encode()


def http_response(status):
    return ("HTTP/1.1 %s\r\nContent-Length: 0\r\n\r\n" % status).encode()


def client_hello(sni, alpn):
    ext = b""
    name = sni.encode()
    server_name = struct.pack(">HBH", len(name) + 3, 0, len(name)) + name
    ext += struct.pack(">HH", 0, len(server_name)) + server_name
    protos = b"".join(bytes([len(p)]) + p.encode() for p in alpn)
    alpn_body = struct.pack(">H", len(protos)) + protos
    ext += struct.pack(">HH", 16, len(alpn_body)) + alpn_body
    body = (b"\x03\x03" + bytes(range(32)) + b"\x00" + struct.pack(">H", 2) + b"\x13\x01"
            + b"\x01\x00" + struct.pack(">H", len(ext)) + ext)
    hs = b"\x01" + struct.pack(">I", len(body))[1:] + body
    return b"\x16\x03\x01" + struct.pack(">H", len(hs)) + hs


SERVER_HELLO = b"\x16\x03\x03\x00\x06\x02\x00\x00\x02\x03\x03"

# --- IP / TCP / UDP ---------------------------------------------------------


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack(">%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def ipv4(src, dst, proto, payload, options=b"", frag=0, ident=1):
    ihl = 5 + len(options) // 4
    hdr = struct.pack(">BBHHHBBH4s4s", 0x40 | ihl, 0, ihl * 4 + len(payload), ident, frag, 64,
                      proto, 0, ipaddress.ip_address(src).packed,
                      ipaddress.ip_address(dst).packed) + options
    hdr = hdr[:10] + struct.pack(">H", checksum(hdr)) + hdr[12:]
    return hdr + payload


def ipv6(src, dst, proto, payload, hop_by_hop=False):
    ext = b""
    nxt = proto
    if hop_by_hop:  # 8 bytes: next header, length 0, PadN
        ext = bytes([proto, 0, 1, 4, 0, 0, 0, 0])
        nxt = 0
    return (struct.pack(">IHBB", 0x60000000, len(ext) + len(payload), nxt, 64)
            + ipaddress.ip_address(src).packed + ipaddress.ip_address(dst).packed + ext + payload)


def fragments4(src, dst, proto, payload, sizes, ident):
    """IPv4 fragments of one datagram, in order: each non-last size a
    multiple of 8, the rest of the payload last."""
    out, at = [], 0
    for size in list(sizes) + [len(payload) - sum(sizes)]:
        more = at + size < len(payload)
        out.append(ipv4(src, dst, proto, payload[at:at + size],
                        frag=(0x2000 if more else 0) | (at // 8), ident=ident))
        at += size
    return out


def fragments6(src, dst, proto, payload, sizes, ident):
    """IPv6 fragments (a Fragment header, RFC 8200) of one datagram."""
    out, at = [], 0
    for size in list(sizes) + [len(payload) - sum(sizes)]:
        more = at + size < len(payload)
        header = struct.pack(">BBHI", proto, 0, at | (1 if more else 0), ident)
        out.append(ipv6(src, dst, 44, header + payload[at:at + size]))
        at += size
    return out


def tcp(sport, dport, seq, ack, flags, payload=b""):
    return struct.pack(">HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF, 5 << 4,
                       flags, 65535, 0, 0) + payload


def udp(sport, dport, payload):
    return struct.pack(">HHHH", sport, dport, 8 + len(payload), 0) + payload


FIN, SYN, RST, PSH, ACK = 0x01, 0x02, 0x04, 0x08, 0x10


class Conn:
    """A TCP conversation. Packets are IP packets with a direction flag."""

    def __init__(self, client, server, cisn=1000, sisn=5000, ip_options=b"", hop_by_hop=False):
        self.c, self.s = client, server
        self.v6 = ":" in client[0]
        self.seq = {True: cisn, False: sisn}
        self.ip_options = ip_options
        self.hop_by_hop = hop_by_hop
        self.packets = []

    def ip(self, from_client, segment):
        a, b = (self.c, self.s) if from_client else (self.s, self.c)
        if self.v6:
            return ipv6(a[0], b[0], 6, segment, self.hop_by_hop)
        return ipv4(a[0], b[0], 6, segment, self.ip_options)

    def raw(self, from_client, flags, seq, payload=b""):
        a, b = (self.c, self.s) if from_client else (self.s, self.c)
        ack = self.seq[not from_client] if flags & ACK else 0
        self.packets.append(self.ip(from_client, tcp(a[1], b[1], seq, ack, flags, payload)))

    def handshake(self):
        self.raw(True, SYN, self.seq[True] - 1)
        self.raw(False, SYN | ACK, self.seq[False] - 1)
        self.raw(True, ACK, self.seq[True])
        return self

    def send(self, from_client, data):
        self.raw(from_client, PSH | ACK, self.seq[from_client], data)
        self.seq[from_client] += len(data)
        return self

    def close(self):
        self.raw(True, FIN | ACK, self.seq[True])
        self.seq[True] += 1
        self.raw(False, FIN | ACK, self.seq[False])
        self.seq[False] += 1
        self.raw(True, ACK, self.seq[True])
        return self

    def reset(self, from_client=False):
        self.raw(from_client, RST | ACK, self.seq[from_client])
        return self


def exchange(client, server, request, response=b"", close="fin", **kw):
    c = Conn(client, server, **kw).handshake().send(True, request)
    if response:
        c.send(False, response)
    if close == "fin":
        c.close()
    elif close == "rst":
        c.reset()
    return c.packets


# --- link layers ------------------------------------------------------------

MAC_A = bytes.fromhex("020000000001")
MAC_B = bytes.fromhex("020000000002")


def ether_type(ip_packet):
    return 0x86DD if ip_packet[0] >> 4 == 6 else 0x0800


def ethernet(ip_packet, tags=()):
    out = MAC_B + MAC_A
    for tpid, vid in tags:
        out += struct.pack(">HH", tpid, vid)
    return out + struct.pack(">H", ether_type(ip_packet)) + ip_packet


def sll(ip_packet):
    return struct.pack(">HHH8sH", 0, 1, 6, MAC_A + b"\0\0", ether_type(ip_packet)) + ip_packet


def sll2(ip_packet):
    return struct.pack(">HHIHBB8s", ether_type(ip_packet), 0, 1, 1, 0, 6,
                       MAC_A + b"\0\0") + ip_packet


def bsd_null(ip_packet):  # host order (little-endian here)
    return struct.pack("<I", 30 if ip_packet[0] >> 4 == 6 else 2) + ip_packet


def bsd_loop(ip_packet):  # network order
    return struct.pack(">I", 30 if ip_packet[0] >> 4 == 6 else 2) + ip_packet


def vxlan(frame, vni=123):  # RFC 7348: the I flag, the VNI
    return struct.pack(">BBHI", 0x08, 0, 0, vni << 8) + frame


def geneve(ip_packet, options=b"", vni=7):  # RFC 8926, a bare IP packet inside
    assert len(options) % 4 == 0
    return struct.pack(">BBHI", len(options) // 4, 0, ether_type(ip_packet), vni << 8) \
        + options + ip_packet


LINKTYPE_NULL, LINKTYPE_ETHERNET, LINKTYPE_RAW = 0, 1, 101
LINKTYPE_LOOP, LINKTYPE_SLL, LINKTYPE_SLL2, LINKTYPE_80211 = 108, 113, 276, 105

# --- file formats -----------------------------------------------------------

T0 = 1700000000


def records(frames, step_us=1000):
    """frames -> (seconds, fraction in ns, bytes, wire length)."""
    out = []
    for i, f in enumerate(frames):
        ns = i * step_us * 1000 + 123456789 % 1000000000
        wire = len(f)
        if isinstance(f, tuple):  # (captured bytes, wire length)
            f, wire = f
        out.append((T0 + ns // 1000000000, ns % 1000000000, f, wire))
    return out


def pcap(name, linktype, frames, endian="<", nano=False, snaplen=65535, cut_last=0,
         corrupt_record=None):
    magic = 0xA1B23C4D if nano else 0xA1B2C3D4
    data = struct.pack(endian + "IHHiIII", magic, 2, 4, 0, 0, snaplen, linktype)
    for i, (sec, ns, f, wire) in enumerate(records(frames)):
        frac = ns if nano else ns // 1000
        caplen = len(f)
        if corrupt_record == i:
            caplen = 0x7FFFFFF0  # a corrupt record length
        data += struct.pack(endian + "IIII", sec, frac, caplen, wire) + f
    if cut_last:
        data = data[:-cut_last]
    write(name, data)


def pcapng(name, linktype, frames, tsresol=6, second=None):
    def block(btype, body):
        body += b"\0" * (-len(body) % 4)
        length = 12 + len(body)
        return struct.pack("<II", btype, length) + body + struct.pack("<I", length)

    shb = block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1))
    opts = struct.pack("<HHB3x", 9, 1, tsresol) + struct.pack("<HH", 0, 0)
    idb = block(1, struct.pack("<HHI", linktype, 0, 65535) + opts)
    data = shb + idb
    for sec, ns, f, wire in records(frames):
        ts = (sec * 10**9 + ns) // (10 ** (9 - tsresol))
        body = struct.pack("<IIIII", 0, ts >> 32, ts & 0xFFFFFFFF, len(f), wire) + f
        data += block(6, body)
    if second:  # (linktype, frames): a second interface after the first's packets
        data += block(1, struct.pack("<HHI", second[0], 0, 65535) + opts)
        for sec, ns, f, wire in records(second[1]):
            ts = (sec * 10**9 + ns) // (10 ** (9 - tsresol))
            body = struct.pack("<IIIII", 1, ts >> 32, ts & 0xFFFFFFFF, len(f), wire) + f
            data += block(6, body)
    write(name, data)


def pcapng_sections(name, sections):
    """A pcapng file of several sections, each [endian, interfaces, blocks]:
    interfaces are (linktype, snaplen, tsresol byte or None); blocks are
    ("epb", interface, ns since T0, frame), ("spb", frame) or ("other", type,
    body) for blocks a reader passes over (name resolution, statistics)."""
    data = b""
    for endian, interfaces, blocks in sections:
        def block(btype, body):
            body += b"\0" * (-len(body) % 4)
            length = 12 + len(body)
            return struct.pack(endian + "II", btype, length) + body + struct.pack(endian + "I",
                                                                                  length)

        data += block(0x0A0D0D0A, struct.pack(endian + "IHHq", 0x1A2B3C4D, 1, 0, -1))
        for linktype, snaplen, tsresol in interfaces:
            opts = b""
            if tsresol is not None:
                opts = struct.pack(endian + "HHB3x", 9, 1, tsresol) + struct.pack(endian + "HH",
                                                                                  0, 0)
            data += block(1, struct.pack(endian + "HHI", linktype, 0, snaplen) + opts)
        for b in blocks:
            if b[0] == "epb":
                _, iface, ns, f = b
                tsresol = interfaces[iface][2]
                tsresol = 6 if tsresol is None else tsresol
                total = T0 * 10**9 + ns
                if tsresol & 0x80:
                    ts = (total << (tsresol & 0x7F)) // 10**9
                else:
                    ts = total // 10 ** (9 - tsresol)
                data += block(6, struct.pack(endian + "IIIII", iface, ts >> 32, ts & 0xFFFFFFFF,
                                             len(f), len(f)) + f)
            elif b[0] == "spb":
                data += block(3, struct.pack(endian + "I", len(b[1])) + b[1])
            else:
                data += block(b[1], b[2])
    write(name, data)


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


# --- the fixtures -----------------------------------------------------------

CLIENT = ("10.0.0.14", 59074)
SERVER = ("10.0.0.15", 80)


def split(data, *cuts):
    out, last = [], 0
    for c in cuts + (len(data),):
        out.append(data[last:c])
        last = c
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    arp = MAC_B + MAC_A + b"\x08\x06" + bytes(28)

    # Ethernet, v2 PROXY with Alibaba IDs, HTTP 403, FIN.
    pkts = exchange(CLIENT, SERVER, ALIBABA_DOC + http_get("/login", "shop.example"),
                    http_response("403 Forbidden"))
    pcap("ethernet_v2_alibaba.pcap", LINKTYPE_ETHERNET, [arp] + [ethernet(p) for p in pkts])

    # 802.1ad + 802.1Q (QinQ) and single 802.1Q: v1 TCP4 + TLS, v1 TCP6 + HTTP.
    a = exchange(("192.0.2.1", 40000), ("198.51.100.1", 443),
                 b"PROXY TCP4 192.0.2.1 198.51.100.1 40000 443\r\n"
                 + client_hello("api.example", ["h2", "http/1.1"]), SERVER_HELLO, close="rst")
    b = exchange(("2001:db8::1", 40001), ("2001:db8::2", 8080),
                 b"PROXY TCP6 2001:db8::1 2001:db8::2 40001 8080\r\n"
                 + http_get("/v6", "six.example"), http_response("200 OK"))
    frames = [ethernet(p, [(0x88A8, 100), (0x8100, 200)]) for p in a]
    frames += [ethernet(p, [(0x8100, 300)]) for p in b]
    pcap("vlan_v1.pcap", LINKTYPE_ETHERNET, frames)

    # Linux cooked v1, IPv6 with a hop-by-hop header, AWS-style v2 (padded to 100).
    hdr = v2(src=("2001:db8::10", 51000), dst=("2001:db8::20", 443),
             tlvs=[tlv(0xEA, b"\x01vpce-08d2bf15fac5001c9")], pad_to=140)
    pkts = exchange(("2001:db8::10", 51000), ("2001:db8::20", 443),
                    hdr + b"POST /api HTTP/1.1\r\nHost: aws.example\r\nContent-Length: 0\r\n\r\n",
                    http_response("200 OK"), hop_by_hop=True)
    pcap("sll_ipv6_aws.pcap", LINKTYPE_SLL, [sll(p) for p in pkts])

    # Linux cooked v2, v2 UNIX family, binary payload, still open.
    hdr = v2(src=b"/run/client.sock", dst=b"/run/app.sock", crc="none")
    pkts = exchange(("172.16.0.1", 33000), ("172.16.0.2", 9000), hdr + b"\x00\x01\x02\xff",
                    close="open")
    pcap("sll2_unix.pcap", LINKTYPE_SLL2, [sll2(p) for p in pkts])

    # BSD NULL: an AWS NLB health check (LOCAL, family INET, no address block).
    hc = v2(command="local", family=1, addresses=False)
    pkts = exchange(("10.2.0.5", 41000), ("10.2.0.9", 80), hc + http_get("/health", "10.2.0.9"),
                    http_response("200 OK"))
    pcap("null_local_healthcheck.pcap", LINKTYPE_NULL, [bsd_null(p) for p in pkts])

    # Ethernet: the health check AWS NLB really sends: LOCAL, family INET,
    # CRC32C then NOOP padding to 100 bytes, no 0xEA TLV. Its standard reading
    # parses too (garbage addresses, zero-type TLVs); only the CRC tells.
    hc = v2(command="local", family=1, addresses=False, pad_to=100)
    assert len(hc) == 100
    pkts = exchange(("10.2.0.6", 41001), ("10.2.0.9", 80), hc + http_get("/health", "10.2.0.9"),
                    http_response("200 OK"))
    pcap("aws_healthcheck_noop.pcap", LINKTYPE_ETHERNET, [ethernet(p) for p in pkts])

    # BSD LOOP: Azure LinkID and GCP PSC connection ID, plain v2 LOCAL.
    az = v2(src=("10.3.0.1", 42000), dst=("10.3.0.2", 443),
            tlvs=[bytes.fromhex("ee000501c1450021")])
    gcp = v2(src=("10.3.0.3", 42001), dst=("10.3.0.2", 443),
             tlvs=[bytes.fromhex("e00008ffffffffc0a86402")])
    local = v2(command="local")
    frames = exchange(("10.3.0.1", 42000), ("10.3.0.2", 443), az + b"\x16\x03\x01\x00\x01\x01")
    frames += exchange(("10.3.0.3", 42001), ("10.3.0.2", 443), gcp + http_get("/", "g.example"),
                       http_response("301 Moved Permanently"))
    frames += exchange(("10.3.0.4", 42002), ("10.3.0.2", 443), local)
    pcap("loop_azure_gcp_local.pcap", LINKTYPE_LOOP, [bsd_loop(p) for p in frames])

    # Raw IPv4 with options, wrong CRC32C; IP fragments are counted, not decoded.
    hdr = v2(src=("10.4.0.1", 43000), dst=("10.4.0.2", 80), crc="wrong",
             tlvs=[tlv(0x02, b"bad.example")])
    pkts = exchange(("10.4.0.1", 43000), ("10.4.0.2", 80), hdr + http_get("/", "bad.example"),
                    http_response("400 Bad Request"), ip_options=b"\x94\x04\x00\x00")
    frag_first = ipv4("10.4.0.7", "10.4.0.8", 17, udp(7000, 7001, b"x" * 16), frag=0x2000, ident=9)
    frag_rest = ipv4("10.4.0.7", "10.4.0.8", 17, b"y" * 16, frag=3, ident=9)
    pcap("raw_ipv4_options_badcrc.pcap", LINKTYPE_RAW, pkts + [frag_first, frag_rest])

    # UDP: a header per datagram; one datagram of the flow without one; DNS
    # and the backend's reply ignored.
    u1 = v2(src=("10.5.0.1", 5000), dst=("10.5.0.2", 5353), dgram=True) + b"ping"
    u2 = v2(src=("10.5.0.1", 5000), dst=("10.5.0.2", 5353), dgram=True,
            tlvs=[alibaba(1, b"vpc-udp")]) + b"pong"
    frames = [ethernet(ipv4("10.5.0.1", "10.5.0.2", 17, udp(5000, 5353, u1))),
              ethernet(ipv4("10.9.9.9", "10.9.9.1", 17, udp(3333, 53, b"\x12\x34" + bytes(10)))),
              ethernet(ipv4("10.5.0.1", "10.5.0.2", 17, udp(5000, 5353, u2))),
              ethernet(ipv4("10.5.0.1", "10.5.0.2", 17, udp(5000, 5353, b"no header"))),
              # the backend's reply owes no header: counted, no record
              ethernet(ipv4("10.5.0.2", "10.5.0.1", 17, udp(5353, 5000, b"reply")))]
    pcap("udp_dgram.pcap", LINKTYPE_ETHERNET, frames)

    # A header split over three segments (HAProxy SSL CN vector) + request.
    ssl_hdr = bytes.fromhex(
        "0d0a0d0a000d0a515549540a211100407f0000017f000001cc8a232e2000310700000000210007544c5376"
        "312e3322001f4578616d706c6520436f6d6d6f6e204e616d6520436c69656e742043657274")
    c = Conn(("127.0.0.1", 52362), ("127.0.0.1", 9006)).handshake()
    for part in split(ssl_hdr + http_get("/split", "split.example"), 10, 50):
        c.send(True, part)
    c.send(False, http_response("200 OK")).close()
    pcap("split_header.pcap", LINKTYPE_ETHERNET, [ethernet(p) for p in c.packets])

    # Out of order: the second part of the header arrives first.
    hdr = v2(src=("10.6.0.1", 44000), dst=("10.6.0.2", 80), tlvs=[tlv(0x05, b"req-0001")])
    data = hdr + http_get("/ooo", "ooo.example")
    c = Conn(("10.6.0.1", 44000), ("10.6.0.2", 80)).handshake()
    base = c.seq[True]
    parts = split(data, 20, 45)
    c.raw(True, PSH | ACK, base + 20, parts[1])
    c.raw(True, PSH | ACK, base, parts[0])
    c.raw(True, PSH | ACK, base + 45, parts[2])
    c.seq[True] += len(data)
    c.send(False, http_response("204 No Content")).close()
    pcap("out_of_order.pcap", LINKTYPE_ETHERNET, [ethernet(p) for p in c.packets])

    # Retransmitted and overlapping segments; a second flow resends different bytes.
    hdr = v2(src=("10.7.0.1", 45000), dst=("10.7.0.2", 80), tlvs=[tlv(0x02, b"rt.example")])
    data = hdr + http_get("/rt", "rt.example")
    c = Conn(("10.7.0.1", 45000), ("10.7.0.2", 80)).handshake()
    base = c.seq[True]
    c.raw(True, PSH | ACK, base, data[:30])
    c.raw(True, PSH | ACK, base, data[:30])       # retransmission
    c.raw(True, PSH | ACK, base + 20, data[20:60])  # overlap
    c.raw(True, PSH | ACK, base + 60, data[60:])
    c.seq[True] += len(data)
    c.send(False, http_response("200 OK")).close()
    frames = c.packets
    c = Conn(("10.7.0.3", 45001), ("10.7.0.2", 80)).handshake()
    base = c.seq[True]
    c.raw(True, PSH | ACK, base, data[:30])
    c.raw(True, PSH | ACK, base + 10, b"X" * 20 + data[30:50])  # different bytes in the overlap
    c.raw(True, PSH | ACK, base + 50, data[50:])
    c.seq[True] += len(data)
    c.close()
    pcap("retransmitted.pcap", LINKTYPE_ETHERNET, [ethernet(p) for p in frames + c.packets])

    # Mid-stream: no handshake. The client (port 80!) opens with a signature;
    # a second flow has no signature, so its client is guessed by port.
    c = Conn(("10.8.0.1", 80), ("10.8.0.2", 8443))
    c.raw(False, ACK, c.seq[False])  # a bare ACK first: not a record on its own
    c.send(True, v2(src=("10.8.0.1", 80), dst=("10.8.0.2", 8443)) + http_get("/mid", "m.example"))
    c.send(False, http_response("200 OK")).close()
    d = Conn(("10.8.0.3", 50000), ("10.8.0.4", 22))
    d.send(False, b"\x00\x00\x00\x0c\x0a\x14binary-srv")
    d.send(True, b"\x00\x00\x00\x0c\x0a\x15binary-cli")
    pcap("mid_stream.pcap", LINKTYPE_ETHERNET, [ethernet(p) for p in c.packets + d.packets])

    # No header at all, and a connection that sends nothing.
    frames = exchange(("10.9.0.1", 46000), ("10.9.0.2", 80), http_get("/login", "nohdr.example"),
                      http_response("400 Bad Request"))
    frames += Conn(("10.9.0.3", 46001), ("10.9.0.2", 80)).handshake().close().packets
    pcap("missing_header.pcap", LINKTYPE_ETHERNET, [ethernet(p) for p in frames])

    # Two headers: the NLB's v2, then one the client sent itself (v1).
    c = Conn(("10.10.0.1", 47000), ("10.10.0.2", 80)).handshake()
    c.send(True, v2(src=("10.10.0.1", 47000), dst=("10.10.0.2", 80)))
    c.send(True, b"PROXY TCP4 1.2.3.4 10.10.0.2 1111 80\r\n" + http_get("/admin", "two.example"))
    c.send(False, http_response("200 OK")).close()
    pcap("two_headers.pcap", LINKTYPE_ETHERNET, [ethernet(p) for p in c.packets])

    # Snap length 80: the header segment is cut after 26 payload bytes.
    hdr = v2(src=("10.11.0.1", 48000), dst=("10.11.0.2", 80),
             tlvs=[alibaba(1, b"vpc-snaplen-cut-example")])
    pkts = exchange(("10.11.0.1", 48000), ("10.11.0.2", 80), hdr + http_get("/", "cut.example"),
                    http_response("200 OK"))
    frames = []
    for p in pkts:
        f = ethernet(p)
        frames.append((f[:80], len(f)) if len(f) > 80 else f)
    pcap("snaplen_cut.pcap", LINKTYPE_ETHERNET, frames, snaplen=80)

    # A traffic-mirror target's capture: an NLB connection mirrored in VXLAN
    # (AWS VPC Traffic Mirroring, UDP 4789), then one through a Gateway Load
    # Balancer in GENEVE (UDP 6081, an AWS option of class 0x0108), and a
    # VXLAN datagram whose I flag is clear (RFC 7348 and Linux drop it: not
    # decapsulated, a plain datagram; tshark opens it, a DNS query inside).
    hdr = v2(src=("10.20.0.7", 52000), dst=("10.20.0.9", 443),
             tlvs=[tlv(0xEA, b"\x01vpce-0a1b2c3d4e5f60718")])
    mirrored = exchange(("10.20.0.7", 52000), ("10.20.0.9", 443),
                        hdr + http_get("/mirrored", "mirror.example"), http_response("200 OK"))
    frames = [ethernet(ipv4("10.0.9.5", "10.0.9.6", 17, udp(40000 + i, 4789, vxlan(ethernet(p)))))
              for i, p in enumerate(mirrored)]
    hdr = v2(src=("10.30.0.7", 53000), dst=("10.30.0.9", 80), tlvs=[tlv(0x04, b"")])
    gwlb = exchange(("10.30.0.7", 53000), ("10.30.0.9", 80),
                    hdr + http_get("/inspected", "gwlb.example"), http_response("204 No Content"))
    option = struct.pack(">HBB", 0x0108, 1, 2) + bytes(range(8))
    frames += [ethernet(ipv4("10.0.8.5", "10.0.8.6", 17, udp(50000, 6081, geneve(p, option))))
               for p in gwlb]
    frames.append(ethernet(ipv4("10.0.9.5", "10.0.9.6", 17,
                                udp(40100, 4789, b"\x00" * 8 + ethernet(
                                    ipv4("10.20.0.7", "10.20.0.2", 17,
                                         udp(53000, 53, b"\x12\x34" + bytes(10))))))))
    pcap("tunnels_vxlan_geneve.pcap", LINKTYPE_ETHERNET, frames)

    # A lost segment in the middle of the header: a gap, not garbage.
    hdr = v2(src=("10.12.0.1", 49000), dst=("10.12.0.2", 80), tlvs=[tlv(0x05, b"gap" * 10)])
    data = hdr + http_get("/gap", "gap.example")
    c = Conn(("10.12.0.1", 49000), ("10.12.0.2", 80)).handshake()
    base = c.seq[True]
    c.raw(True, PSH | ACK, base, data[:20])
    c.raw(True, PSH | ACK, base + 40, data[40:])  # bytes 20..40 never captured
    c.seq[True] += len(data)
    c.send(False, http_response("200 OK")).close()
    pcap("gap.pcap", LINKTYPE_ETHERNET, [ethernet(p) for p in c.packets])

    # Damaged files: two good connections, then a cut last record / a corrupt length.
    good = exchange(("10.13.0.1", 50001), ("10.13.0.2", 80),
                    v2(src=("10.13.0.1", 50001), dst=("10.13.0.2", 80)) + http_get("/", "a"),
                    http_response("200 OK"))
    good += exchange(("10.13.0.3", 50002), ("10.13.0.2", 80),
                     v2(src=("10.13.0.3", 50002), dst=("10.13.0.2", 80)) + http_get("/", "b"),
                     http_response("200 OK"), close="open")
    tail = exchange(("10.13.0.5", 50003), ("10.13.0.2", 80), b"x" * 40)[:1]
    frames = [ethernet(p) for p in good + tail]
    pcap("truncated_file.pcap", LINKTYPE_ETHERNET, frames, cut_last=20)
    pcap("corrupt_length.pcap", LINKTYPE_ETHERNET, frames + [ethernet(tail[0])],
         corrupt_record=len(frames))

    # Byte orders, stamp precisions, pcapng.
    simple = exchange(("10.14.0.1", 51001), ("10.14.0.2", 443),
                      v2(src=("10.14.0.1", 51001), dst=("10.14.0.2", 443),
                         tlvs=[tlv(0x01, b"h2"), tlv(0x02, b"be.example")])
                      + client_hello("be.example", ["h2"]), SERVER_HELLO)
    pcap("bigendian.pcap", LINKTYPE_ETHERNET, [ethernet(p) for p in simple], endian=">")
    pcap("nanosecond.pcap", LINKTYPE_ETHERNET, [ethernet(p) for p in simple], nano=True)
    ng = exchange(("10.15.0.1", 52001), ("10.15.0.2", 80),
                  v2(src=("10.15.0.1", 52001), dst=("10.15.0.2", 80),
                     tlvs=[alibaba(1, b"vpc-ng"), alibaba(2, b"ep-ng")])
                  + http_get("/ng", "ng.example"), http_response("200 OK"))
    pcapng("pcapng_v2.pcapng", LINKTYPE_ETHERNET, [ethernet(p) for p in ng], tsresol=9)
    # Two interfaces of two link types (a capture on "any" merged with one
    # on eth0): libpcap reads one link type per file.
    pcapng("pcapng_two_linktypes.pcapng", LINKTYPE_ETHERNET, [ethernet(p) for p in ng],
           second=(LINKTYPE_RAW, ng))

    # A capture on several interfaces (Wireshark on eth0 and "any", merged
    # with a big-endian capture of a tunnel interface): link types, stamp
    # units and snapshot lengths differ per interface, which libpcap refuses.
    eth = exchange(("10.17.0.1", 54001), ("10.17.0.2", 80),
                   v2(src=("10.17.0.1", 54001), dst=("10.17.0.2", 80),
                      tlvs=[alibaba(1, b"vpc-multi-eth0"), alibaba(2, b"ep-multi")])
                   + http_get("/eth0", "multi.example"), http_response("200 OK"))
    anyif = exchange(("2001:db8:17::1", 54002), ("2001:db8:17::2", 443),
                     v2(src=("2001:db8:17::1", 54002), dst=("2001:db8:17::2", 443),
                        tlvs=[tlv(0xEA, b"\x01vpce-0multi1234567890")])
                     + client_hello("any.example", ["h2"]), SERVER_HELLO)
    tun = exchange(("10.17.1.1", 54003), ("10.17.1.2", 80),
                   b"PROXY TCP4 192.0.2.17 10.17.1.2 54003 80\r\n"
                   + http_get("/tun", "tun.example"), http_response("204 No Content"))
    first = [("epb", 0, i * 2000000, ethernet(p)) for i, p in enumerate(eth)]
    first += [("epb", 1, i * 2000000 + 1000000, sll2(p)) for i, p in enumerate(anyif)]
    first.sort(key=lambda b: b[2])
    first.insert(3, ("other", 4, struct.pack("<HH4s", 1, 4, bytes([10, 17, 0, 2])) + b"\0" * 4))
    first.append(("other", 5, struct.pack("<III", 0, 0, 0)))  # interface statistics
    dns = ipv4("10.17.1.1", "10.17.1.53", 17, udp(5353, 53, b"\x12\x34" + b"\0" * 10))
    second = [("epb", 0, 30000000 + i * 1000000, p) for i, p in enumerate(tun)] + [("spb", dns)]
    pcapng_sections("pcapng_multi_interface.pcapng", [
        ("<", [(LINKTYPE_ETHERNET, 65535, 6), (LINKTYPE_SLL2, 262144, 9)], first),
        (">", [(LINKTYPE_RAW, 9000, 0x80 | 20)], second)])

    # TCP Fast Open: the header and the request ride in the SYN, whose own
    # sequence number comes before them; the Host header holds a terminal
    # escape, which text output must not print raw.
    hdr = v2(src=("10.16.0.1", 53001), dst=("10.16.0.2", 80), tlvs=[alibaba(1, b"vpc-tfo")])
    data = hdr + http_get("/tfo", "evil\x1b[2J.example")
    c = Conn(("10.16.0.1", 53001), ("10.16.0.2", 80))
    c.raw(True, SYN, c.seq[True] - 1, data)
    c.seq[True] += len(data)
    c.raw(False, SYN | ACK, c.seq[False] - 1)
    c.raw(True, ACK, c.seq[True])
    c.send(False, http_response("200 OK")).close()
    pcap("tfo_escapes.pcap", LINKTYPE_ETHERNET, [ethernet(p) for p in c.packets])

    # TCP Fast Open whose SYN is sent again (same ISN) before the SYN-ACK:
    # one connection, not a second one without a header; and the same with
    # the data in the retransmitted SYN too.
    for name, again_with_data in (("tfo_syn_retransmitted.pcap", False),
                                  ("tfo_syn_retransmitted_data.pcap", True)):
        hdr = v2(src=("10.16.1.1", 53101), dst=("10.16.1.2", 80), tlvs=[alibaba(1, b"vpc-tfo2")])
        data = hdr + http_get("/tfo2", "tfo2.example")
        c = Conn(("10.16.1.1", 53101), ("10.16.1.2", 80))
        c.raw(True, SYN, c.seq[True] - 1, data)
        c.raw(True, SYN, c.seq[True] - 1, data if again_with_data else b"")
        c.seq[True] += len(data)
        c.raw(False, SYN | ACK, c.seq[False] - 1)
        c.raw(True, ACK, c.seq[True])
        c.send(False, http_response("200 OK")).close()
        pcap(name, LINKTYPE_ETHERNET, [ethernet(p) for p in c.packets])

    # Captured on the sending host with TCP segmentation offload: IPv4 total
    # length 0 (the NIC fills it in), a header and request in one segment.
    tso = exchange(("10.16.2.1", 53201), ("10.16.2.2", 80),
                   v2(src=("10.16.2.1", 53201), dst=("10.16.2.2", 80),
                      tlvs=[alibaba(1, b"vpc-tso")]) + http_get("/tso", "tso.example"),
                   http_response("200 OK"))
    tso = [p[:2] + b"\0\0" + p[4:10] + b"\0\0" + p[12:] if i % 2 == 0 else p
           for i, p in enumerate(tso)]
    pcap("tso_zero_length.pcap", LINKTYPE_ETHERNET, [ethernet(p) for p in tso])

    # A v2 header that says DGRAM on a TCP connection: HAProxy takes it as
    # LOCAL, nginx reads its addresses; the reader flags it.
    pkts = exchange(("10.17.0.1", 54001), ("10.17.0.2", 80),
                    v2(src=("10.17.0.1", 54001), dst=("10.17.0.2", 80), dgram=True)
                    + http_get("/dgram", "dgram.example"), http_response("200 OK"))
    pcap("dgram_on_tcp.pcap", LINKTYPE_ETHERNET, [ethernet(p) for p in pkts])

    # IP fragments, rebuilt as a host would: a UDP PROXY header over three
    # IPv4 fragments sent last first, a TCP segment with the header in two
    # fragments (a tunnel's MTU), an IPv6 UDP header in two; then a datagram
    # with its middle fragment missing and one whose fragments overlap with
    # other bytes: neither is rebuilt, their 2 + 4 fragments are lost.
    big = v2(src=("10.18.0.1", 5100), dst=("10.18.0.2", 7100), dgram=True,
             tlvs=[alibaba(1, b"vpc-frag-udp"), alibaba(2, b"ep-frag-udp"),
                   tlv(0x02, b"f" * 1400)]) + b"query"
    f_udp = fragments4("10.18.0.1", "10.18.0.2", 17, udp(5100, 7100, big), [600, 600], ident=77)
    c = Conn(("10.18.0.3", 55100), ("10.18.0.4", 80)).handshake()
    hdr = v2(src=("10.18.0.3", 55100), dst=("10.18.0.4", 80),
             tlvs=[alibaba(1, b"vpc-frag-tcp"), alibaba(2, b"ep-frag-tcp")])
    c.send(True, hdr + http_get("/frag", "frag.example"))
    data_segment = c.packets.pop()
    f_tcp = fragments4("10.18.0.3", "10.18.0.4", 6, data_segment[20:], [48], ident=78)
    c.packets.append(None)  # where the fragments go
    c.send(False, http_response("200 OK")).close()
    at = c.packets.index(None)
    tcp_packets = c.packets[:at] + f_tcp + c.packets[at + 1:]
    v6 = v2(src=("2001:db8:18::1", 5200), dst=("2001:db8:18::2", 7100), dgram=True,
            tlvs=[alibaba(1, b"vpc-frag-v6"), tlv(0x02, b"6" * 1300)]) + b"v6"
    f_v6 = fragments6("2001:db8:18::1", "2001:db8:18::2", 17, udp(5200, 7100, v6), [1232],
                      ident=0x12345678)
    gap = fragments4("10.18.0.5", "10.18.0.6", 17, udp(5300, 7100, big), [600, 600], ident=79)
    del gap[1]
    clash = fragments4("10.18.0.7", "10.18.0.8", 17, udp(5400, 7100, big), [600, 600], ident=80)
    overlap = bytearray(clash[1])
    overlap[20:28] = b"CLASHING"  # the first 8 bytes of fragment 2 ...
    overlap[6:8] = struct.pack(">H", 0x2000 | (592 // 8))  # ... now also at 592, over fragment 1
    overlap[10:12] = b"\0\0"  # the checksum, computed over a zero field
    overlap[10:12] = struct.pack(">H", checksum(bytes(overlap[:20])))
    clash = [clash[0], bytes(overlap), clash[1], clash[2]]
    pcap("ip_fragments.pcap", LINKTYPE_ETHERNET,
         [ethernet(p) for p in list(reversed(f_udp)) + tcp_packets + f_v6 + gap + clash])

    # A link type the reader does not support (802.11).
    pcap("unsupported_linktype.pcap", LINKTYPE_80211, [bytes(24)])
    # Wireshark on a Wi-Fi monitor interface and eth0 at once: the first
    # interface's link type is not read, the second's is; and the same file
    # with the Wi-Fi interface alone.
    wifi = [("epb", 0, i * 1000000, bytes(24)) for i in range(2)]
    pcapng_sections("pcapng_unsupported_first_interface.pcapng", [
        ("<", [(LINKTYPE_80211, 65535, 6), (LINKTYPE_ETHERNET, 65535, 6)],
         wifi + [("epb", 1, 3000000 + i * 1000000, ethernet(p)) for i, p in enumerate(eth)])])
    pcapng_sections("pcapng_unsupported_only.pcapng", [
        ("<", [(LINKTYPE_80211, 65535, 6)], wifi)])


if __name__ == "__main__":
    main()
