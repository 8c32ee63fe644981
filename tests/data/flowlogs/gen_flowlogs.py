#!/usr/bin/env python3
"""Generates the flow-log fixtures beside this script (deterministic output).

Scenarios (expected verdicts are asserted by tests/flowlog):
- i-web1 (eni-web1, vpc-app, 10.0.1.5) -> OSS 118.178.0.10:443, a long
  connection over three 60 s windows, SYN only in the first, records shuffled
  with the inbound replies: gateway_endpoint.
- i-web1 -> SLS 47.100.0.20:443 (no flags, port rule): interface_endpoint.
- i-web1 -> 39.96.0.5:443, an SLB of vpc-data (inventory): cross_vpc.
- i-web1 -> 39.96.0.6:80, an EIP of vpc-app itself: hairpin.
- i-web1 -> 93.184.216.34:443 and ICMP echo: internet.
- i-web1 -> 8.8.8.8:53 UDP REJECT: rejected.
- i-web1 -> 100.100.2.136:53 and 10.0.3.3:3306: private, ignored.
- i-web1 IPv6 2408:4000::5 -> OSS 2408:4005:1::10:443: gateway_endpoint.
- i-api2 (eni-api2, 10.0.2.7) serves on 8080 (a high port) to 203.0.113.10
  and 203.0.113.11: its outbound records are responses (port rule).
- i-api2 answers 198.51.100.9 with SYN-ACK from :443: response (flags).
- NAT gateway ENI eni-nat: 10.0.1.9 (i-batch, inventory) -> 47.100.0.21:443
  seen as direction=in: interface_endpoint for i-batch.
- NODATA, SKIPDATA and three broken lines.
alibaba_high_ports.jsonl (and its query result): i-web1 -> 47.100.0.22:8443
(SYN, a service on a high port: interface_endpoint by rule 1) and
-> 93.184.216.40:9443 without a SYN (both ports high: internet, low
confidence). The query keeps both; read back, neither may be taken for a
response (a row has no source port).
The AWS file has the two published records (S3 through an internet gateway)
and a NAT gateway record whose pkt-dstaddr is the real destination.
One connection through a NAT gateway, logged on both ENIs (each is counted
once, from the instance's own ENI; the NAT's two copies are counted apart):
- aws_nat_gateway.txt: the six records of AWS's "NAT gateway" example
  (i-01234567890123456 10.0.1.5 -> 203.0.113.5 through NAT 10.0.0.220).
- alibaba_nat_gateway.jsonl: i-web3 10.0.1.7 -> OSS 118.178.0.20:443 through
  NAT 10.0.0.200 (ECS -> NAT is direction=in on the NAT's ENI), and i-lone
  10.0.1.8 -> SLS 47.100.0.23:443 whose own ENI is not logged: the NAT's
  record is the only one of that connection and is kept.
"""

import gzip
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
T0 = 1720775400

ALIBABA_DOC = ('{"account-id":"1210123456**","action":"ACCEPT","bytes":"2048","direction":"out",'
               '"dstaddr":"172.31.16.21","dstport":"80","end":"1720775480",'
               '"eni-id":"eni-bp166tg9uk1ryf**","log-status":"OK","packets":"10","protocol":"6",'
               '"srcaddr":"172.31.16.139","srcport":"1332","start":"1720775420","tcp-flags":"22",'
               '"traffic_path":"-","version":"-","vm-id":"1","vpc-id":"-",'
               '"vswitch-id":"vpc-bp1qf0c43jb3maz******"}')

# AWS's default format (v2), what a flow log has unless told otherwise.
AWS_DEFAULT_FORMAT = ("version account-id interface-id srcaddr dstaddr srcport dstport protocol "
                      "packets bytes start end action log-status")
AWS_FORMAT = ("version srcaddr dstaddr srcport dstport protocol start end type packets bytes "
              "account-id vpc-id subnet-id instance-id interface-id region az-id sublocation-type "
              "sublocation-id action tcp-flags pkt-srcaddr pkt-dstaddr pkt-src-aws-service "
              "pkt-dst-aws-service traffic-path flow-direction log-status")
AWS_DOC = [
    "5 52.95.128.179 10.0.0.71 80 34210 6 1616729292 1616729349 IPv4 14 15044 123456789012 "
    "vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-0c50d5961bcb2d47b eni-1235b8ca123456789 "
    "ap-southeast-2 apse2-az3 - - ACCEPT 19 52.95.128.179 10.0.0.71 S3 - - ingress OK",
    "5 10.0.0.71 52.95.128.179 34210 80 6 1616729292 1616729349 IPv4 7 471 123456789012 "
    "vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-0c50d5961bcb2d47b eni-1235b8ca123456789 "
    "ap-southeast-2 apse2-az3 - - ACCEPT 3 10.0.0.71 52.95.128.179 - S3 8 egress OK",
]

FIELDS = ["version", "account-id", "eni-id", "vm-id", "vswitch-id", "vpc-id", "region", "type",
          "protocol", "srcaddr", "srcport", "dstaddr", "dstport", "direction", "action",
          "packets", "bytes", "start", "end", "tcp-flags", "log-status", "traffic_path"]


def rec(eni, vm, src, sport, dst, dport, direction, start, packets=10, nbytes=1000, flags=24,
        proto=6, action="ACCEPT", status="OK", vpc="vpc-app", ip_type="IPv4"):
    return {
        "__topic__": "flow_log", "__time__": str(start + 60), "__source__": "log_service",
        "version": "1", "account-id": "1210123456", "eni-id": eni, "vm-id": vm,
        "vswitch-id": "vsw-app", "vpc-id": vpc, "region": "cn-hangzhou", "type": ip_type,
        "protocol": str(proto), "srcaddr": src, "srcport": str(sport), "dstaddr": dst,
        "dstport": str(dport), "direction": direction, "action": action,
        "packets": str(packets), "bytes": str(nbytes), "start": str(start),
        "end": str(start + 60), "tcp-flags": str(flags), "log-status": status,
        "traffic_path": "13",
    }


def alibaba_records():
    r = []
    web = dict(eni="eni-web1", vm="i-web1")
    # Long connection to OSS: three windows, SYN only in the first.
    for w in range(3):
        start = T0 + 60 * w
        r.append(rec(src="10.0.1.5", sport=40001, dst="118.178.0.10", dport=443,
                     direction="out", start=start, nbytes=1_000_000, flags=2 if w == 0 else 24,
                     **web))
        r.append(rec(src="118.178.0.10", sport=443, dst="10.0.1.5", dport=40001,
                     direction="in", start=start, nbytes=50_000_000,
                     flags=18 if w == 0 else 24, **web))
    # SLS by the port rule only (no SYN seen, same windows both ways).
    r.append(rec(src="10.0.1.5", sport=40100, dst="47.100.0.20", dport=443, direction="out",
                 start=T0, nbytes=200_000, **web))
    r.append(rec(src="47.100.0.20", sport=443, dst="10.0.1.5", dport=40100, direction="in",
                 start=T0, nbytes=20_000, **web))
    # Own resources.
    r.append(rec(src="10.0.1.5", sport=40200, dst="39.96.0.5", dport=443, direction="out",
                 start=T0, nbytes=300_000, flags=2, **web))
    r.append(rec(src="10.0.1.5", sport=40300, dst="39.96.0.6", dport=80, direction="out",
                 start=T0, nbytes=4_000, flags=2, **web))
    # Internet, ICMP, REJECT, private destinations.
    r.append(rec(src="10.0.1.5", sport=40400, dst="93.184.216.34", dport=443, direction="out",
                 start=T0, nbytes=5_000, flags=2, **web))
    r.append(rec(src="10.0.1.5", sport=0, dst="93.184.216.34", dport=0, direction="out",
                 start=T0, nbytes=840, flags=0, proto=1, **web))
    r.append(rec(src="10.0.1.5", sport=53000, dst="8.8.8.8", dport=53, direction="out",
                 start=T0, nbytes=70, flags=0, proto=17, action="REJECT", **web))
    r.append(rec(src="10.0.1.5", sport=53001, dst="100.100.2.136", dport=53, direction="out",
                 start=T0, nbytes=70, flags=0, proto=17, **web))
    r.append(rec(src="10.0.1.5", sport=40500, dst="10.0.3.3", dport=3306, direction="out",
                 start=T0, nbytes=9_000, flags=2, **web))
    # IPv6 to OSS.
    r.append(rec(src="2408:4000::5", sport=40600, dst="2408:4005:1::10", dport=443,
                 direction="out", start=T0, nbytes=700_000, flags=2, ip_type="IPv6", **web))
    # A server on a high port: clients' requests come in, responses go out.
    api = dict(eni="eni-api2", vm="i-api2")
    for client, cport in (("203.0.113.10", 50001), ("203.0.113.11", 50002)):
        r.append(rec(src=client, sport=cport, dst="10.0.2.7", dport=8080, direction="in",
                     start=T0 + 120, nbytes=3_000, **api))
        r.append(rec(src="10.0.2.7", sport=8080, dst=client, dport=cport, direction="out",
                     start=T0 + 120, nbytes=9_000_000, **api))
    # SYN-ACK response on :443.
    r.append(rec(src="10.0.2.7", sport=443, dst="198.51.100.9", dport=40000, direction="out",
                 start=T0, nbytes=600, flags=18, **api))
    # NAT gateway ENI: ECS -> NAT is "in" with the ECS as source.
    r.append(rec(eni="eni-nat", vm="-", src="10.0.1.9", sport=41000, dst="47.100.0.21",
                 dport=443, direction="in", start=T0, nbytes=80_000, flags=2))
    # NODATA and SKIPDATA windows.
    nodata = rec(start=T0, **web, src="-", sport="-", dst="-", dport="-", direction="-")
    nodata.update({k: "-" for k in ("protocol", "packets", "bytes", "tcp-flags", "action")})
    nodata["log-status"] = "NODATA"
    skip = dict(nodata)
    skip["log-status"] = "SKIPDATA"
    skip["start"] = str(T0 + 300)
    skip["end"] = str(T0 + 360)
    r += [nodata, skip]
    return r


def high_port_records():
    web = dict(eni="eni-web1", vm="i-web1")
    r = []
    for w in range(2):
        start = T0 + 60 * w
        r.append(rec(src="10.0.1.5", sport=40700, dst="47.100.0.22", dport=8443,
                     direction="out", start=start, nbytes=400_000, flags=2 if w == 0 else 24,
                     **web))
        r.append(rec(src="47.100.0.22", sport=8443, dst="10.0.1.5", dport=40700,
                     direction="in", start=start, nbytes=40_000, flags=18 if w == 0 else 24,
                     **web))
    r.append(rec(src="10.0.1.5", sport=40800, dst="93.184.216.40", dport=9443, direction="out",
                 start=T0, nbytes=6_000, **web))
    r.append(rec(src="93.184.216.40", sport=9443, dst="10.0.1.5", dport=40800, direction="in",
                 start=T0, nbytes=600, **web))
    return r


def query_private(address):
    """The queries' private tests, the check's special ranges: these IPv4
    blocks; IPv6 unspecified, loopback, unique-local, link-local and
    multicast."""
    import ipaddress
    ip = ipaddress.ip_address(address)
    return any(ip in ipaddress.ip_network(n) for n in (
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
        "172.16.0.0/12", "192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4",
        "240.0.0.0/4", "::/128", "::1/128", "fc00::/7", "fe80::/10", "ff00::/8")
        if ipaddress.ip_network(n).version == ip.version)


def query_groups(rows, listening, answers):
    """The aggregation both queries do (`plinspect flowlog query`), over
    rows normalised as dicts: outbound OK records and, with answers, accepted
    inbound ones, each keyed by its local address, remote address (as
    logged) and remote port; remote addresses that are private dropped,
    outbound SYN-ACKs and responses by the port rule dropped. A group's
    outbound records through a gateway endpoint count nowhere but make its
    answers unknown ("-"), as an instance-less interface's are; groups
    without another outbound record (inbound connections, answers of
    rejected attempts) are left out. Returns (key, sums) pairs, largest
    outbound bytes first."""
    def service(port):
        return port < 1024 or port in listening

    groups = {}
    for r in rows:
        out = r["out"]
        if not out and not (answers and r["action"] == "ACCEPT"):
            continue
        la, ra = (r["src"], r["dst"]) if out else (r["dst"], r["src"])
        lp, rp = (r["sport"], r["dport"]) if out else (r["dport"], r["sport"])
        if query_private(ra):
            continue
        if out and r["flags"] & 18 == 18:
            continue
        if service(lp) and not service(rp):
            continue
        # Neither a service port: from below the ephemeral range into it is
        # a server's answer, as the check reads it.
        if not service(lp) and not service(rp) and lp < 32768 and rp >= 32768:
            continue
        key = r["group"] + (r["action"], la, ra, rp, r["protocol"])
        g = groups.setdefault(key, {"records": 0, "packets": 0, "bytes": 0, "packets_in": 0,
                                    "bytes_in": 0, "start": None, "end": None, "ep": 0,
                                    "service": None})
        if not out:
            g["packets_in"] += r["packets"]
            g["bytes_in"] += r["bytes"]
            continue
        if r.get("service") is not None:
            g["service"] = max(g["service"] or r["service"], r["service"])
        if r["via_endpoint"]:  # on a private path already
            g["ep"] += 1
            continue
        g["records"] += 1
        g["packets"] += r["packets"]
        g["bytes"] += r["bytes"]
        g["start"] = min(g["start"] or r["start"], r["start"])
        g["end"] = max(g["end"] or r["end"], r["end"])
    kept = []
    for k, g in groups.items():
        if g["records"] == 0:
            continue
        if g["ep"] > 0 or k[0] in ("", "-"):  # answers maybe another connection's
            g["packets_in"] = g["bytes_in"] = "-"
        kept.append((k, g))
    # The queries' ORDER BY: bytes, then interface, addresses, port,
    # protocol, action, instance, VPC and region.
    def order(kv):
        (instance, eni, vpc, region, action, la, ra, rp, protocol), sums = kv
        return (-sums["bytes"], eni, la, ra, rp, protocol, action, instance, vpc, region)
    return sorted(kept, key=order)


def quoted_csv(rows):
    return "\n".join(",".join('"%s"' % v for v in row) for row in rows) + "\n"


def sls_query_result(records, listening=(8080,), answers=True):
    """What `plinspect flowlog query --engine sls --listening-ports 8080`
    returns for these records, computed here from the query's text (not by
    plinspect): records of status OK, grouped (query_groups). SLS
    exports a query's result as CSV with a header row. Without answers, the
    result of the query before its packets-in and bytes-in columns."""
    rows = []
    for r in records:
        if r["log-status"] != "OK" or r["direction"] not in ("in", "out"):
            continue
        rows.append({"out": r["direction"] == "out", "action": r["action"],
                     "src": r["srcaddr"], "dst": r["dstaddr"], "sport": int(r["srcport"]),
                     "dport": int(r["dstport"]), "protocol": r["protocol"],
                     "flags": int(r["tcp-flags"]), "packets": int(r["packets"]),
                     "bytes": int(r["bytes"]), "start": int(r["start"]), "end": int(r["end"]),
                     "via_endpoint": r["traffic_path"] in ("6", "gatewayEndpoint"),
                     "group": (r["vm-id"], r["eni-id"], r["vpc-id"], r["region"])})
    header = ["vm-id", "eni-id", "vpc-id", "region", "direction", "action", "log-status",
              "srcaddr", "dstaddr", "dstport", "protocol", "records", "packets", "bytes"]
    header += ["packets-in", "bytes-in"] if answers else []
    header += ["start", "end"]
    out = [header]
    for key, g in query_groups(rows, listening, answers):
        vm, eni, vpc, region, action, la, ra, rp, protocol = key
        row = [vm, eni, vpc, region, "out", action, "OK", la, ra, rp, protocol, g["records"],
               g["packets"], g["bytes"]]
        row += [g["packets_in"], g["bytes_in"]] if answers else []
        out.append(row + [g["start"], g["end"]])
    return quoted_csv(out)


def to_443(record, local_port):
    """One of AWS_DOC's records as a connection from local_port to
    52.95.128.180:443 (S3 too)."""
    return (record.replace("52.95.128.179", "52.95.128.180")
            .replace("34210 80 ", local_port + " 443 ").replace("80 34210 ", "443 " + local_port + " "))


def athena_query_result(lines, listening=()):
    """The same for `plinspect flowlog query --engine athena` over AWS text
    records (a header line, then records): egress and ingress of status OK,
    the AWS service of the outbound records kept as pkt-dst-aws-service."""
    names = lines[0].split(" ")
    rows = []
    for line in lines[1:]:
        # Fields a custom format left out are NULL in the table.
        r = {"region": "-", "tcp-flags": "0", "pkt-dst-aws-service": "-", "traffic-path": "-"}
        r.update(zip(names, line.split(" ")))
        if r["log-status"] != "OK" or r["flow-direction"] not in ("ingress", "egress"):
            continue
        out = r["flow-direction"] == "egress"
        rows.append({"out": out, "action": r["action"],
                     "src": r["srcaddr"], "dst": r["dstaddr"],
                     "sport": int(r["srcport"]), "dport": int(r["dstport"]),
                     "protocol": r["protocol"], "flags": int(r["tcp-flags"]),
                     "packets": int(r["packets"]), "bytes": int(r["bytes"]),
                     "start": int(r["start"]), "end": int(r["end"]),
                     "via_endpoint": r["traffic-path"] == "7",
                     "group": (r["instance-id"], r["interface-id"], r["vpc-id"], r["region"]),
                     "service": r["pkt-dst-aws-service"]})
    out = [["instance-id", "interface-id", "vpc-id", "region", "flow-direction", "action",
            "log-status", "srcaddr", "dstaddr", "dstport", "protocol", "pkt-dst-aws-service",
            "records", "packets", "bytes", "packets-in", "bytes-in", "start", "end"]]
    for key, g in query_groups(rows, listening, True):
        instance, eni, vpc, region, action, la, ra, rp, protocol = key
        out.append([instance, eni, vpc, region, "egress", action, "OK", la, ra, rp, protocol,
                    g["service"], g["records"], g["packets"], g["bytes"], g["packets_in"],
                    g["bytes_in"], g["start"], g["end"]])
    return quoted_csv(out)


def athena_own_format_result(lines, listening=()):
    """The same for `plinspect flowlog query --engine athena --format F` over
    a table of a format without flow-direction, instance-id, vpc-id, region,
    tcp-flags, traffic-path and pkt-dst-aws-service (AWS's default, v2): a
    record with a private source and a public destination is outbound, the
    reverse inbound, others left out; the answers unknown ("-") without
    instance IDs; no gateway endpoint told."""
    names = lines[0].split(" ")
    rows = []
    for line in lines[1:]:
        r = dict(zip(names, line.split(" ")))
        if r["log-status"] != "OK":
            continue
        sp, dp = query_private(r["srcaddr"]), query_private(r["dstaddr"])
        if sp == dp:
            continue
        rows.append({"out": sp, "action": r["action"], "src": r["srcaddr"], "dst": r["dstaddr"],
                     "sport": int(r["srcport"]), "dport": int(r["dstport"]),
                     "protocol": r["protocol"], "flags": 0, "packets": int(r["packets"]),
                     "bytes": int(r["bytes"]), "start": int(r["start"]), "end": int(r["end"]),
                     "via_endpoint": False, "group": ("-", r["interface-id"], "-", "-")})
    out = [["instance-id", "interface-id", "vpc-id", "region", "flow-direction", "action",
            "log-status", "srcaddr", "dstaddr", "dstport", "protocol", "records", "packets",
            "bytes", "packets-in", "bytes-in", "start", "end"]]
    for key, g in query_groups(rows, listening, True):
        instance, eni, vpc, region, action, la, ra, rp, protocol = key
        out.append([instance, eni, vpc, region, "egress", action, "OK", la, ra, rp, protocol,
                    g["records"], g["packets"], g["bytes"], g["packets_in"], g["bytes_in"],
                    g["start"], g["end"]])
    return quoted_csv(out)


# AWS's "NAT gateway" example (flow-log record examples), with the fields the
# check needs around its srcaddr/dstaddr/pkt-srcaddr/pkt-dstaddr columns.
AWS_NAT_FORMAT = ("version account-id vpc-id instance-id interface-id srcaddr dstaddr srcport "
                  "dstport protocol packets bytes start end action log-status pkt-srcaddr "
                  "pkt-dstaddr flow-direction tcp-flags")


def aws_nat_records():
    inst = "i-01234567890123456 eni-1111aaaa2222bbbb3"
    nat = "- eni-0000000000example"
    t = "1616729292 1616729349 ACCEPT OK"
    rows = [  # who, srcaddr dstaddr sport dport, packets bytes, pkt-src pkt-dst, direction flags
        (inst, "10.0.1.5 10.0.0.220 50100 443", "12 4000", "10.0.1.5 203.0.113.5", "egress 3"),
        (inst, "10.0.0.220 10.0.1.5 443 50100", "20 90000", "203.0.113.5 10.0.1.5", "ingress 19"),
        (nat, "10.0.1.5 10.0.0.220 50100 443", "12 4000", "10.0.1.5 203.0.113.5", "ingress 3"),
        (nat, "10.0.0.220 203.0.113.5 61000 443", "12 4000", "10.0.0.220 203.0.113.5",
         "egress 3"),
        (nat, "203.0.113.5 10.0.0.220 443 61000", "20 90000", "203.0.113.5 10.0.0.220",
         "ingress 19"),
        (nat, "10.0.0.220 10.0.1.5 443 50100", "20 90000", "203.0.113.5 10.0.1.5", "egress 19"),
    ]
    lines = [AWS_NAT_FORMAT]
    for who, addrs, counts, pkt, tail in rows:
        lines.append(f"5 123456789012 vpc-abcdefab012345678 {who} {addrs} 6 {counts} {t} {pkt} "
                     f"{tail}")
    return lines


def alibaba_nat_records():
    nat = dict(eni="eni-nat2", vm="-")
    r = []
    for w in range(2):
        start = T0 + 60 * w
        flags = 2 if w == 0 else 24
        # The instance's own ENI.
        r.append(rec(eni="eni-web3", vm="i-web3", src="10.0.1.7", sport=40500,
                     dst="118.178.0.20", dport=443, direction="out", start=start,
                     nbytes=700_000, flags=flags))
        r.append(rec(eni="eni-web3", vm="i-web3", src="118.178.0.20", sport=443,
                     dst="10.0.1.7", dport=40500, direction="in", start=start,
                     nbytes=9_000_000, flags=18 if w == 0 else 24))
        # The NAT's ENI: ECS -> NAT (in), NAT -> OSS (out, translated), OSS ->
        # NAT (in), NAT -> ECS (out).
        r.append(rec(src="10.0.1.7", sport=40500, dst="118.178.0.20", dport=443,
                     direction="in", start=start, nbytes=700_000, flags=flags, **nat))
        r.append(rec(src="10.0.0.200", sport=3000 + w, dst="118.178.0.20", dport=443,
                     direction="out", start=start, nbytes=700_000, flags=flags, **nat))
        r.append(rec(src="118.178.0.20", sport=443, dst="10.0.0.200", dport=3000 + w,
                     direction="in", start=start, nbytes=9_000_000,
                     flags=18 if w == 0 else 24, **nat))
        r.append(rec(src="118.178.0.20", sport=443, dst="10.0.1.7", dport=40500,
                     direction="out", start=start, nbytes=9_000_000,
                     flags=18 if w == 0 else 24, **nat))
    # i-lone's ENI has no flow log: the NAT's records are all there is.
    r.append(rec(src="10.0.1.8", sport=40600, dst="47.100.0.23", dport=443, direction="in",
                 start=T0, nbytes=30_000, flags=2, **nat))
    r.append(rec(src="10.0.0.200", sport=3100, dst="47.100.0.23", dport=443, direction="out",
                 start=T0, nbytes=30_000, flags=2, **nat))
    for x in r:
        x["traffic_path"] = "7" if x["eni-id"] == "eni-nat2" else "-"
    return r


def zstd_raw_frame(data):
    """A valid zstd frame made of raw (stored) blocks: no compressor needed."""
    out = bytearray(b"\x28\xb5\x2f\xfd")
    out += bytes([0x00, 0x38])  # no content size, window 128 KiB
    chunk = 128 * 1024
    pieces = [data[i:i + chunk] for i in range(0, len(data), chunk)] or [b""]
    for i, piece in enumerate(pieces):
        last = 1 if i == len(pieces) - 1 else 0
        header = last | (0 << 1) | (len(piece) << 3)
        out += header.to_bytes(3, "little") + piece
    return bytes(out)


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def subscription_messages(records):
    """CloudWatch Logs subscription messages carrying `records`: a control
    message, then the records two to a data message."""
    control = {"messageType": "CONTROL_MESSAGE", "owner": "CloudwatchLogs", "logGroup": "",
               "logStream": "", "subscriptionFilters": [], "logEvents": [{
                   "id": "", "timestamp": 1616729292000,
                   "message": "CWL CONTROL MESSAGE: Checking health of destination Firehose."}]}
    messages = [control]
    for first in range(0, len(records), 2):
        messages.append({
            "messageType": "DATA_MESSAGE", "owner": "123456789012", "logGroup": "vpc-flow-logs",
            "logStream": "eni-cw1-all", "subscriptionFilters": ["to-firehose"],
            "logEvents": [{"id": str(36000000000 + first + i), "timestamp": 1616729349000,
                           "message": m} for i, m in enumerate(records[first:first + 2])]})
    return messages


def main():
    rng = random.Random(13)
    records = alibaba_records()
    rng.shuffle(records)  # exports are not sorted
    lines = [json.dumps(r, separators=(",", ":")) for r in records]
    broken = ['{"srcaddr":"10.0.1.5","dstaddr":', '{"eni-id":"eni-web1","log-status":"OK",'
              '"srcaddr":"10.0.1.999","dstaddr":"1.2.3.4","protocol":"6","direction":"out",'
              '"action":"ACCEPT"}', "this is not a flow log"]
    jsonl = "\n".join(lines[:5] + broken[:1] + lines[5:12] + broken[1:] + lines[12:]) + "\n"
    write("alibaba_doc.jsonl", (ALIBABA_DOC + "\n").encode())
    write("alibaba_mixed.jsonl", jsonl.encode())
    write("alibaba_mixed.jsonl.zst", zstd_raw_frame("\n".join(lines).encode() + b"\n"))
    # SLS download job: CSV with a header row, gzip, a name that hides it.
    csv_lines = [",".join(FIELDS)]
    for r in records:
        csv_lines.append(",".join(r[f] for f in FIELDS))
    write("sls_export.csv.bin", gzip.compress(("\n".join(csv_lines) + "\n").encode(), mtime=0))
    # The SLS query's aggregated result, as `flowlog check` reads it back.
    write("sls_query_result.csv", sls_query_result(records).encode())
    # ... and as the query gave it before its packets-in and bytes-in columns.
    write("sls_query_result_no_answers.csv", sls_query_result(records, answers=False).encode())
    high = high_port_records()
    write("alibaba_high_ports.jsonl",
          ("\n".join(json.dumps(r, separators=(",", ":")) for r in high) + "\n").encode())
    write("sls_query_result_high_ports.csv", sls_query_result(high).encode())

    aws = [AWS_FORMAT] + AWS_DOC + [
        # NAT gateway ENI: the instance's packet to DynamoDB, pkt-dstaddr real.
        "5 10.0.0.80 10.0.1.200 45000 443 6 1616729292 1616729349 IPv4 20 2000 123456789012 "
        "vpc-abcdefab012345678 subnet-nat - eni-nat0123 ap-southeast-2 apse2-az3 - - ACCEPT 2 "
        "10.0.0.80 52.94.8.10 - DYNAMODB 8 ingress OK",
        "5 - - - - - 1616729292 1616729349 - - - 123456789012 vpc-abcdefab012345678 - - "
        "eni-1235b8ca123456789 ap-southeast-2 - - - - - - - - - - - SKIPDATA",
    ]
    write("aws_v5.log.gz", gzip.compress(("\n".join(aws) + "\n").encode(), mtime=0))
    write("aws_nat_gateway.txt", ("\n".join(aws_nat_records()) + "\n").encode())
    write("alibaba_nat_gateway.jsonl", ("\n".join(
        json.dumps(r, separators=(",", ":")) for r in alibaba_nat_records()) + "\n").encode())
    write("aws_doc.txt", ("\n".join([AWS_FORMAT] + AWS_DOC) + "\n").encode())
    # AWS's documented example with an attempt the security group rejected
    # and a flow to S3 through a gateway endpoint, raw and as the Athena
    # query's aggregated result.
    query_input = [AWS_FORMAT] + AWS_DOC + [
        "5 10.0.0.71 203.0.113.9 40022 22 6 1616729292 1616729349 IPv4 1 60 123456789012 "
        "vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-0c50d5961bcb2d47b "
        "eni-1235b8ca123456789 ap-southeast-2 apse2-az3 - - REJECT 2 10.0.0.71 203.0.113.9 - - "
        "- egress OK",
        to_443(AWS_DOC[1], "34211").replace(" 8 egress", " 7 egress"),
        to_443(AWS_DOC[0], "34211"),
        # ... and one to the same address and port over the internet: the
        # query cannot tell their answers apart (no local port), so unknown.
        to_443(AWS_DOC[1], "34212"),
        to_443(AWS_DOC[0], "34212").replace(" 14 15044 ", " 3 900 ")]
    write("aws_query_input.txt", ("\n".join(query_input) + "\n").encode())
    write("athena_query_result.csv", athena_query_result(query_input).encode())
    # The same records in AWS's default format (v2: no flow-direction, no
    # instance or VPC, no traffic path), with a flow between two public
    # addresses and one between two private ones, which no query row holds,
    # a connection from a benchmarking address (198.18.0.0/15, not public
    # for the check), and the Athena query for a table of that format
    # (--format).
    v2 = AWS_DEFAULT_FORMAT.split(" ")
    full = AWS_FORMAT.split(" ")
    query_input_v2 = [AWS_DEFAULT_FORMAT] + [
        " ".join(dict(zip(full, line.split(" ")), version="2")[f] for f in v2)
        for line in query_input[1:]] + [
        "2 123456789012 eni-1235b8ca123456789 198.51.100.7 203.0.113.9 40100 443 6 2 120 "
        "1616729292 1616729349 ACCEPT OK",
        "2 123456789012 eni-1235b8ca123456789 10.0.0.71 10.0.1.5 40101 5432 6 2 130 "
        "1616729292 1616729349 ACCEPT OK",
        "2 123456789012 eni-1235b8ca123456789 198.18.0.5 52.95.1.1 40102 443 6 1 100 "
        "1616729292 1616729349 ACCEPT OK",
        "2 123456789012 eni-1235b8ca123456789 52.95.1.1 198.18.0.5 443 40102 6 1 900 "
        "1616729292 1616729349 ACCEPT OK",
        # Later, an accepted connection where the attempt was rejected: a
        # row of its own beside the REJECT row, its times its own.
        "2 123456789012 eni-1235b8ca123456789 10.0.0.71 203.0.113.9 40023 22 6 3 300 "
        "1616729400 1616729460 ACCEPT OK",
        "2 123456789012 eni-1235b8ca123456789 203.0.113.9 10.0.0.71 22 40023 6 3 500 "
        "1616729400 1616729460 ACCEPT OK",
        # A server on port 9000 (not listed as listening) answering a client
        # on the Internet: from below the ephemeral range into it, a
        # response for the check and the query alike.
        "2 123456789012 eni-1235b8ca123456789 52.95.9.9 10.0.0.71 40000 9000 6 4 400 "
        "1616729292 1616729349 ACCEPT OK",
        "2 123456789012 eni-1235b8ca123456789 10.0.0.71 52.95.9.9 9000 40000 6 4 4000 "
        "1616729292 1616729349 ACCEPT OK"]
    write("aws_query_input_v2.txt", ("\n".join(query_input_v2) + "\n").encode())
    write("athena_query_result_v2.csv", athena_own_format_result(query_input_v2).encode())
    # AWS's NAT gateway example as the Athena query's result: the NAT's leg
    # once, its answers unknown (an interface without an instance ID).
    write("athena_query_result_nat.csv", athena_query_result(aws_nat_records()).encode())
    # The same records as an Athena query's CSV result (SELECT * over the
    # standard table: names with '_', every value quoted), and a third one to
    # S3 through a gateway endpoint (AWS's traffic-path 7: private already).
    athena = [AWS_DOC[0], AWS_DOC[1], AWS_DOC[1].replace("52.95.128.179", "52.95.128.180")
              .replace("34210", "34211").replace(" 8 egress", " 7 egress")]
    write("aws_athena.csv", ("\n".join(
        ",".join('"%s"' % v for v in line.split(" "))
        for line in [AWS_FORMAT.replace("-", "_")] + athena) + "\n").encode())
    # CloudWatch export: default v2 format, no header.
    cloudwatch = [
        "2 123456789012 eni-cw1 10.0.0.71 52.95.128.179 34210 443 6 7 471 1616729292 1616729349 "
        "ACCEPT OK",
        "2 123456789012 eni-cw1 52.95.128.179 10.0.0.71 443 34210 6 14 15044 1616729292 "
        "1616729349 ACCEPT OK",
        "2 123456789012 eni-cw1 - - - - - - - 1616729349 1616729409 - NODATA"]
    write("aws_cloudwatch_v2.txt", ("\n".join(cloudwatch) + "\n").encode())
    # The same records as CloudWatch Logs events, one JSON object per line
    # (aws logs filter-log-events ... | jq -c '.events[]').
    write("aws_cloudwatch_events.jsonl", ("\n".join(json.dumps({
        "logStreamName": "eni-cw1-all", "timestamp": 1616729349000 + i, "message": m,
        "ingestionTime": 1616729400000 + i, "eventId": str(36000000000 + i)},
        separators=(",", ":")) for i, m in enumerate(cloudwatch)) + "\n").encode())
    # And as `aws logs filter-log-events --output json` prints them.
    write("aws_logs_filter_events.json", (json.dumps({
        "events": [{"logStreamName": "eni-cw1-all", "timestamp": 1616729349000 + i,
                    "message": m, "ingestionTime": 1616729400000 + i,
                    "eventId": str(36000000000 + i)} for i, m in enumerate(cloudwatch)],
        "searchedLogStreams": [{"logStreamName": "eni-cw1-all", "searchedCompletely": True}]},
        indent=4) + "\n").encode())
    # And as a Firehose delivery of a subscription filter's messages: each
    # message a gzip member, the JSON objects back to back with no end of
    # line, the destination's health check first.
    write("aws_firehose_subscription.gz", b"".join(gzip.compress(json.dumps(
        m, separators=(",", ":")).encode(), mtime=0) for m in subscription_messages(cloudwatch)))

    write("ranges.csv", (
        "# Alibaba Cloud service ranges known to the user\n"
        "cidr,provider,service,region,label\n"
        "118.178.0.0/16,alibaba,OSS,cn-hangzhou,oss-cn-hangzhou.aliyuncs.com\n"
        "2408:4005::/32,alibaba,OSS,cn-hangzhou,oss-cn-hangzhou.aliyuncs.com\n"
        "47.100.0.0/16,alibaba,SLS,cn-hangzhou,cn-hangzhou.log.aliyuncs.com\n"
        "\n"
        "121.40.0.0/14\n").encode())
    write("inventory.csv", (
        "ip,kind,resource_id,vpc_id,region,account_id\n"
        "39.96.0.5,SLB,lb-data1,vpc-data,cn-hangzhou,1210123456\n"
        "39.96.0.6,EIP,eip-web1,vpc-app,cn-hangzhou,1210123456\n"
        "10.0.1.9,ECS_PRIVATE,i-batch,vpc-app,cn-hangzhou,1210123456\n").encode())
    write("aws-ip-ranges.json", json.dumps({
        "syncToken": "1", "createDate": "2021-03-26-00-00-00",
        "prefixes": [
            {"ip_prefix": "52.95.0.0/16", "region": "ap-southeast-2", "service": "AMAZON",
             "network_border_group": "ap-southeast-2"},
            {"ip_prefix": "52.95.128.0/21", "region": "ap-southeast-2", "service": "S3",
             "network_border_group": "ap-southeast-2"},
            {"ip_prefix": "52.95.128.0/21", "region": "ap-southeast-2", "service": "AMAZON",
             "network_border_group": "ap-southeast-2"},
        ],
        "ipv6_prefixes": [
            {"ipv6_prefix": "2406:da00::/32", "region": "ap-southeast-2", "service": "EC2",
             "network_border_group": "ap-southeast-2"}],
    }, indent=1).encode())
    write("alibaba-public-ips.json", json.dumps({
        "RequestId": "0000", "RegionId": "cn-hangzhou",
        "PublicIpAddress": ["47.96.0.0/13", "118.178.0.0/16"]}, indent=1).encode())


if __name__ == "__main__":
    main()
