// ---- plinspect enforcement runtime for njs 0.7.9 (nginx 1.22 stream js_preread) ----
// Reads the PROXY header (v2 with every TLV, or v1) from the client's first
// bytes without consuming them, decides with STATEMENTS above, and either
// closes the connection (s.deny()) or lets proxy_pass forward everything,
// header included, to the upstream (s.done()).

var SIGNATURE = [0x0d, 0x0a, 0x0d, 0x0a, 0x00, 0x0d, 0x0a, 0x51, 0x55, 0x49, 0x54, 0x0a];
var V1_PREFIX = [0x50, 0x52, 0x4f, 0x58, 0x59, 0x20]; // "PROXY "
var MAX_HTTP_HEAD = 8192;

var CRC_TABLE = (function () {
    var t = [];
    for (var n = 0; n < 256; n++) {
        var c = n;
        for (var k = 0; k < 8; k++)
            c = (c & 1) ? ((c >>> 1) ^ 0x82F63B78) : (c >>> 1);
        t.push(c >>> 0);
    }
    return t;
})();

function crc32c(bytes, start, end, zeroFrom) {
    var c = 0xFFFFFFFF;
    for (var i = start; i < end; i++) {
        var v = (i >= zeroFrom && i < zeroFrom + 4) ? 0 : bytes[i];
        c = (CRC_TABLE[(c ^ v) & 0xff] ^ (c >>> 8)) >>> 0;
    }
    return (c ^ 0xFFFFFFFF) >>> 0;
}

function hex2(v) { return (v < 16 ? '0' : '') + v.toString(16); }
function hexOf(bytes, from, to) {
    var s = '';
    for (var i = from; i < to; i++) s += hex2(bytes[i]);
    return s;
}
function typeKey(t) { return 'pp:tlv/0x' + hex2(t); }

// Printable text as the decoder shows it, else hex (printableOrHex).
function textOrHex(bytes, from, to) {
    if (to <= from) return '';
    for (var i = from; i < to; i++)
        if (bytes[i] < 0x20 || bytes[i] === 0x7f) return hexOf(bytes, from, to);
    var sub = bytes.slice(from, to);
    var text = sub.toString('utf8');
    return Buffer.from(text, 'utf8').equals(sub) ? text : hexOf(bytes, from, to);
}
function printableAscii(bytes, from, to) {
    for (var i = from; i < to; i++) if (bytes[i] < 0x20 || bytes[i] > 0x7e) return false;
    return true;
}

function ipv4Text(b, at) { return b[at] + '.' + b[at + 1] + '.' + b[at + 2] + '.' + b[at + 3]; }
function ipv6Text(b, at) {
    var g = [];
    for (var i = 0; i < 8; i++) g.push((b[at + 2 * i] << 8) | b[at + 2 * i + 1]);
    if (g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0xffff)
        return '::ffff:' + ipv4Text(b, at + 12);
    var bestAt = -1, bestLen = 0;
    for (var s = 0; s < 8;) {
        if (g[s] !== 0) { s++; continue; }
        var e = s;
        while (e < 8 && g[e] === 0) e++;
        if (e - s > bestLen && e - s >= 2) { bestAt = s; bestLen = e - s; }
        s = e;
    }
    var out = '';
    for (var k = 0; k < 8; k++) {
        if (k === bestAt) { out += (k === 0 ? '::' : ':'); k += bestLen - 1; continue; }
        out += g[k].toString(16) + (k < 7 ? ':' : '');
    }
    return out;
}

// 16 bytes (IPv4 as ::ffff:a.b.c.d) or null.
function parseIpv4(text) {
    var p = text.split('.');
    if (p.length !== 4) return null;
    var out = [];
    for (var i = 0; i < 4; i++) {
        // No leading zeros (octal to some parsers): refused as the decoder does.
        if (!/^(0|[1-9][0-9]{0,2})$/.test(p[i])) return null;
        var v = Number(p[i]);
        if (v > 255) return null;
        out.push(v);
    }
    return out;
}
function parseIp(text) {
    if (typeof text !== 'string') return null;
    text = text.trim();
    var v4 = parseIpv4(text);
    if (v4) return [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff].concat(v4);
    if (text.indexOf(':') < 0) return null;
    var tail4 = null;
    var lastColon = text.lastIndexOf(':');
    if (text.indexOf('.', lastColon) > 0) {
        tail4 = parseIpv4(text.substring(lastColon + 1));
        if (!tail4) return null;
        text = text.substring(0, lastColon + 1) + '0:0';
    }
    var halves = text.split('::');
    if (halves.length > 2) return null;
    function groups(part) {
        if (part === '') return [];
        var gs = part.split(':');
        var out = [];
        for (var i = 0; i < gs.length; i++) {
            if (!/^[0-9a-fA-F]{1,4}$/.test(gs[i])) return null;
            out.push(parseInt(gs[i], 16));
        }
        return out;
    }
    var head = groups(halves[0]);
    var rest = halves.length === 2 ? groups(halves[1]) : [];
    if (head === null || rest === null) return null;
    var all;
    if (halves.length === 2) {
        if (head.length + rest.length > 7) return null;
        all = head.slice();
        for (var z = head.length + rest.length; z < 8; z++) all.push(0);
        all = all.concat(rest);
    } else {
        if (head.length !== 8) return null;
        all = head;
    }
    var bytes = [];
    for (var j = 0; j < 8; j++) bytes.push(all[j] >> 8, all[j] & 0xff);
    if (tail4) for (var t = 0; t < 4; t++) bytes[12 + t] = tail4[t];
    return bytes;
}
function inRange(ip, range) { // range: [16 bytes, prefix in the 128-bit space]
    var net = range[0], prefix = range[1];
    for (var i = 0; i < 16 && prefix > 0; i++, prefix -= 8) {
        var mask = prefix >= 8 ? 0xff : (0xff << (8 - prefix)) & 0xff;
        if ((ip[i] & mask) !== (net[i] & mask)) return false;
    }
    return true;
}

// RAM/IAM wildcard: '*' any run (also empty), '?' exactly one character.
// Units of the character at i: '?' is one character, a surrogate pair too.
function charUnits(text, i) {
    var c = text.charCodeAt(i), d = text.charCodeAt(i + 1);
    return c >= 0xD800 && c <= 0xDBFF && d >= 0xDC00 && d <= 0xDFFF ? 2 : 1;
}
// RAM/IAM wildcard: '*' any run (also empty), '?' exactly one character; a
// '*' in the pattern is always a wildcard, as in the workbench's evaluator.
function globMatch(pattern, text) {
    var p = 0, t = 0, star = -1, mark = 0;
    while (t < text.length) {
        if (p < pattern.length && pattern[p] === '*') { star = p++; mark = t; }
        else if (p < pattern.length && pattern[p] === '?') { p++; t += charUnits(text, t); }
        else if (p < pattern.length && pattern[p] === text[t]) { p++; t++; }
        else if (star >= 0) { p = star + 1; mark += charUnits(text, mark); t = mark; }
        else return false;
    }
    while (p < pattern.length && pattern[p] === '*') p++;
    return p === pattern.length;
}

function parseNumber(text) {
    var s = String(text).trim();
    if (!/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(s)) return null;
    var n = Number(s);
    return isFinite(n) ? n : null;
}
// "+007" -> "7", "-0" -> "0"; null when the text is no plain integer.
function canonicalInteger(text) {
    var m = /^([+-]?)0*([0-9]+)$/.exec(String(text).trim());
    if (!m) return null;
    return (m[1] === '-' && m[2] !== '0' ? '-' : '') + m[2];
}
// -1, 0, 1, or null when either is no number. Integers compare exactly at
// any length (a 64-bit gcp:PscConnectionId is past what a double holds),
// others as doubles: as the workbench's evaluator.
function compareNumbers(aText, bText) {
    var a = parseNumber(aText), b = parseNumber(bText);
    if (a === null || b === null) return null;
    var ai = canonicalInteger(aText), bi = canonicalInteger(bText);
    if (ai === null || bi === null) return a < b ? -1 : a > b ? 1 : 0;
    var negA = ai[0] === '-', negB = bi[0] === '-';
    if (negA !== negB) return negA ? -1 : 1;
    var order = ai.length !== bi.length ? (ai.length < bi.length ? -1 : 1) : ai < bi ? -1 : ai > bi ? 1 : 0;
    return negA ? -order : order;
}
// A-Z only, as the simulator and the other targets fold case (toLowerCase
// folds other scripts too).
function asciiLower(text) {
    return text.replace(/[A-Z]+/g, function (m) { return m.toLowerCase(); });
}
function parseBool(text) {
    var s = asciiLower(String(text));
    return s === 'true' ? true : s === 'false' ? false : null;
}

function add(ctx, key, value) {
    if (!ctx[key]) ctx[key] = [];
    ctx[key].push(value);
}
function set(ctx, key, value) { ctx[key] = [value]; }

// Decimal text of a big-endian uint64 (exact: no 53-bit rounding).
function u64Text(b, at) {
    var digits = [0];
    for (var i = 0; i < 8; i++) {
        var carry = b[at + i];
        for (var d = 0; d < digits.length; d++) {
            var v = digits[d] * 256 + carry;
            digits[d] = v % 10;
            carry = Math.floor(v / 10);
        }
        while (carry > 0) { digits.push(carry % 10); carry = Math.floor(carry / 10); }
    }
    var s = '';
    for (var k = digits.length - 1; k >= 0; k--) s += digits[k];
    return s;
}

// The TLV list from 'from' to 'end'; null when a TLV runs past the end.
function readTlvs(b, from, end, out) {
    var pos = from;
    while (pos < end) {
        if (pos + 3 > end) return 'TLV header past the end of the header';
        var type = b[pos], len = (b[pos + 1] << 8) | b[pos + 2];
        if (pos + 3 + len > end) return 'TLV 0x' + hex2(type) + ' runs past the end of the header';
        out.push({type: type, at: pos + 3, len: len});
        pos += 3 + len;
    }
    return null;
}

// PROXY v2: returns {state: 'more'} | {state: 'bad', reason} | {state: 'ok', length, ctx}.
function parseV2(b) {
    var n = b.length;
    for (var i = 0; i < 12 && i < n; i++)
        if (b[i] !== SIGNATURE[i]) return {state: 'bad', reason: 'not a PROXY header'};
    if (n < 16) return {state: 'more'};
    var version = b[12] >> 4, command = b[12] & 0x0f, fam = b[13];
    if (version !== 2) return {state: 'bad', reason: 'version nibble is not 2'};
    if (command > 1) return {state: 'bad', reason: 'command is neither LOCAL nor PROXY'};
    if ([0x00, 0x11, 0x12, 0x21, 0x22, 0x31, 0x32].indexOf(fam) < 0)
        return {state: 'bad', reason: 'invalid family/transport byte 0x' + hex2(fam)};
    var total = 16 + ((b[14] << 8) | b[15]);
    if (n < total) return {state: 'more'};
    var addrLen = [0, 12, 36, 216][fam >> 4];
    if (total - 16 < addrLen) return {state: 'bad', reason: 'length too short for the address block'};
    var tlvs = [];
    var err = readTlvs(b, 16 + addrLen, total, tlvs);
    var crcAt = -1, crcBad = null;
    function checkCrc(list) {
        crcAt = -1; crcBad = null;
        for (var t = 0; t < list.length; t++) {
            if (list[t].type !== 0x03) continue;
            if (list[t].len !== 4) { crcBad = 'CRC32C TLV is not 4 bytes'; return; }
            if (crcAt < 0) crcAt = list[t].at; // the first one, as the decoder
        }
        if (crcAt >= 0) {
            var got = ((b[crcAt] << 24) | (b[crcAt + 1] << 16) | (b[crcAt + 2] << 8) | b[crcAt + 3]) >>> 0;
            if (got !== crc32c(b, 0, total, crcAt)) crcBad = 'CRC32C mismatch';
        }
    }
    if (!err) checkCrc(tlvs);
    // LOCAL (health checks): AWS puts the TLVs right after byte 16 whatever
    // the family says; that reading wins when the standard one fails.
    if (command === 0 && addrLen > 0 && (err || crcBad)) {
        var alt = [];
        var altErr = readTlvs(b, 16, total, alt);
        if (!altErr) {
            var saved = [err, crcBad, crcAt];
            checkCrc(alt);
            if (!crcBad) { tlvs = alt; err = null; }
            else { err = saved[0]; crcBad = saved[1]; crcAt = saved[2]; }
        }
    }
    if (err) return {state: 'bad', reason: err};
    if (crcBad) return {state: 'bad', reason: crcBad};

    var ctx = {};
    set(ctx, 'pp:version', '2');
    set(ctx, 'pp:command', command === 1 ? 'PROXY' : 'LOCAL');
    if (command === 1 && (fam >> 4 === 1 || fam >> 4 === 2)) {
        var v6 = fam >> 4 === 2;
        var src = v6 ? ipv6Text(b, 16) : ipv4Text(b, 16);
        var dst = v6 ? ipv6Text(b, 32) : ipv4Text(b, 20);
        var pa = v6 ? 48 : 24;
        set(ctx, 'pp:sourceip', src);
        set(ctx, 'pp:sourceport', String((b[pa] << 8) | b[pa + 1]));
        set(ctx, 'pp:destinationip', dst);
        set(ctx, 'pp:destinationport', String((b[pa + 2] << 8) | b[pa + 3]));
        set(ctx, 'acs:sourceip', src);
    }
    if (crcAt >= 0) set(ctx, 'pp:crc32cvalid', 'true');
    // A TLV (or Alibaba subtype, or SSL sub-TLV) given twice: the first one
    // counts, as in the decoder, nginx's lookup and HAProxy's fetches; a
    // later copy must not override what the policy was simulated on.
    var seen = {};
    function first(key) {
        if (seen[key]) return false;
        seen[key] = true;
        return true;
    }
    for (var k = 0; k < tlvs.length; k++) {
        var tlv = tlvs[k], at = tlv.at, len = tlv.len, end = at + len;
        add(ctx, typeKey(tlv.type), hexOf(b, at, end));
        var isFirst = tlv.type === 0x04 || tlv.type === 0xe1 || first('t' + tlv.type);
        switch (tlv.type) {
        case 0x01: if (isFirst) set(ctx, 'pp:alpn', textOrHex(b, at, end)); break;
        case 0x02: if (isFirst) set(ctx, 'pp:authority', textOrHex(b, at, end)); break;
        case 0x05: if (isFirst) set(ctx, 'pp:uniqueid', textOrHex(b, at, end)); break;
        case 0x20: {
            if (len < 5) return {state: 'bad', reason: 'SSL TLV shorter than 5 bytes'};
            var client = b[at];
            var verify = ((b[at + 1] << 24) | (b[at + 2] << 16) | (b[at + 3] << 8) | b[at + 4]) >>> 0;
            var subs = [];
            var subErr = readTlvs(b, at + 5, end, subs);
            if (subErr) return {state: 'bad', reason: 'SSL ' + subErr};
            if (!isFirst) break;
            for (var q = 0; q < subs.length; q++) {
                var sub = subs[q];
                if (!first('s' + sub.type)) continue;
                if (sub.type === 0x21 && sub.len > 0) set(ctx, 'pp:sslversion', textOrHex(b, sub.at, sub.at + sub.len));
                if (sub.type === 0x22 && sub.len > 0) set(ctx, 'pp:sslcn', textOrHex(b, sub.at, sub.at + sub.len));
            }
            set(ctx, 'pp:sslverified', (verify === 0 && (client & 0x06) !== 0) ? 'true' : 'false');
            break;
        }
        case 0xe1: // Alibaba: subtype byte + ASCII; one TLV per subtype
            if (len >= 1 && printableAscii(b, at + 1, end)) {
                var name = {1: 'alibaba:sourcevpc', 2: 'alibaba:endpointid', 3: 'alibaba:endpointserviceid'}[b[at]];
                if (name && first('a' + b[at])) {
                    if (len > 1) {
                        set(ctx, name, textOrHex(b, at + 1, end));
                        if (b[at] === 1) set(ctx, 'acs:sourcevpc', textOrHex(b, at + 1, end));
                    } else {
                        delete ctx[name];
                        if (b[at] === 1) delete ctx['acs:sourcevpc'];
                    }
                }
            }
            break;
        case 0xea: // AWS: subtype 0x01 + VPC endpoint ID
            if (isFirst && len >= 2 && printableAscii(b, at + 1, end) && b[at] === 0x01)
                set(ctx, 'aws:sourcevpce', textOrHex(b, at + 1, end));
            break;
        case 0xee: // Azure: subtype 0x01 + uint32 little-endian
            if (isFirst && len === 5 && b[at] === 0x01)
                set(ctx, 'azure:linkid', String(((b[at + 4] << 24) | (b[at + 3] << 16) | (b[at + 2] << 8) | b[at + 1]) >>> 0));
            break;
        case 0xe0: // GCP PSC: uint64 big-endian
            if (isFirst && len === 8) set(ctx, 'gcp:pscconnectionid', u64Text(b, at));
            break;
        }
    }
    return {state: 'ok', length: total, ctx: ctx};
}

// PROXY v1 text line, at most 107 bytes with CRLF.
function parseV1(b) {
    var n = b.length;
    var crlf = -1;
    for (var i = 0; i < n && i < 107; i++) {
        if (b[i] === 0x0d) {
            if (i + 1 >= n) return {state: 'more'};
            if (b[i + 1] !== 0x0a) return {state: 'bad', reason: 'v1: lone CR'};
            crlf = i;
            break;
        }
        if (b[i] === 0x0a) return {state: 'bad', reason: 'v1: lone LF'};
    }
    if (crlf < 0) return n >= 107 ? {state: 'bad', reason: 'v1: no CRLF within 107 bytes'} : {state: 'more'};
    var line = '';
    for (var j = 0; j < crlf; j++) line += String.fromCharCode(b[j]);
    var f = line.split(' ');
    var ctx = {};
    set(ctx, 'pp:version', '1');
    if (f[1] === 'UNKNOWN') {
        set(ctx, 'pp:command', 'LOCAL');
        return {state: 'ok', length: crlf + 2, ctx: ctx};
    }
    if (f[1] !== 'TCP4' && f[1] !== 'TCP6') return {state: 'bad', reason: 'v1: bad protocol'};
    if (f.length !== 6) return {state: 'bad', reason: 'v1: wrong field count'};
    var v6 = f[1] === 'TCP6';
    var src = v6 ? (f[2].indexOf(':') >= 0 ? parseIp(f[2]) : null) : parseIpv4(f[2]);
    var dst = v6 ? (f[3].indexOf(':') >= 0 ? parseIp(f[3]) : null) : parseIpv4(f[3]);
    if (!src || !dst) return {state: 'bad', reason: 'v1: bad address'};
    for (var p = 4; p < 6; p++)
        if (!/^(0|[1-9][0-9]{0,4})$/.test(f[p]) || Number(f[p]) > 65535)
            return {state: 'bad', reason: 'v1: bad port'};
    set(ctx, 'pp:command', 'PROXY');
    var srcText = v6 ? ipv6Text(src, 0) : ipv4Text(src, 0);
    set(ctx, 'pp:sourceip', srcText);
    set(ctx, 'pp:sourceport', f[4]);
    set(ctx, 'pp:destinationip', v6 ? ipv6Text(dst, 0) : ipv4Text(dst, 0));
    set(ctx, 'pp:destinationport', f[5]);
    set(ctx, 'acs:sourceip', srcText);
    return {state: 'ok', length: crlf + 2, ctx: ctx};
}

function parseHeader(b) {
    if (b.length === 0) return {state: 'more'};
    if (b[0] === 0x0d) return parseV2(b);
    for (var i = 0; i < 6 && i < b.length; i++)
        if (b[i] !== V1_PREFIX[i]) return {state: 'bad', reason: 'no PROXY header'};
    if (b.length < 6) return {state: 'more'};
    return parseV1(b);
}

// What follows the header: {state: 'more'} | {state: 'tcp'} | {state: 'http', ...}.
function parseHttp(b, from, wantHeaders) {
    var n = b.length;
    if (n <= from) return {state: 'more'};
    var i = from;
    while (i < n && b[i] >= 0x41 && b[i] <= 0x5a) i++;
    if (i === n) return n - from > 32 ? {state: 'tcp'} : {state: 'more'};
    if (b[i] !== 0x20 || i === from) return {state: 'tcp'};
    var lineEnd = -1;
    for (var j = i; j < n && j < from + MAX_HTTP_HEAD; j++) if (b[j] === 0x0d && j + 1 < n && b[j + 1] === 0x0a) { lineEnd = j; break; }
    if (lineEnd < 0) return n - from >= MAX_HTTP_HEAD ? {state: 'tcp'} : {state: 'more'};
    var line = b.slice(from, lineEnd).toString('utf8');
    var m = /^([A-Z]+) (\S+) HTTP\/\d(?:\.\d)?/.exec(line);
    if (!m) return {state: 'tcp'};
    var r = {state: 'http', method: m[1], path: m[2], host: null, agent: null};
    if (!wantHeaders) return r;
    var headEnd = -1;
    for (var h = lineEnd; h + 3 < n; h++)
        if (b[h] === 0x0d && b[h + 1] === 0x0a && b[h + 2] === 0x0d && b[h + 3] === 0x0a) { headEnd = h; break; }
    if (headEnd < 0) return n - from >= MAX_HTTP_HEAD ? r : {state: 'more'};
    var head = b.slice(lineEnd + 2, headEnd).toString('utf8');
    var lines = head.split('\r\n');
    for (var l = 0; l < lines.length; l++) {
        var colon = lines[l].indexOf(':');
        if (colon <= 0) continue;
        var name = lines[l].substring(0, colon).toLowerCase();
        var value = lines[l].substring(colon + 1).trim();
        if (name === 'host' && r.host === null) r.host = value.split(/\s/)[0];
        if (name === 'user-agent' && r.agent === null) r.agent = value;
    }
    return r;
}
function conditionHolds(cond, values) {
    if (cond.op === 'null') {
        var absent = !values || values.length === 0;
        return cond.bools.indexOf(absent) >= 0;
    }
    if (!values || values.length === 0) return cond.neg || cond.ifExists;
    var any = false;
    for (var i = 0; i < values.length && !any; i++) {
        var actual = values[i];
        switch (cond.op) {
        case 'str':
            any = cond.values.indexOf(actual) >= 0;
            break;
        case 'stri':
            for (var a = 0; a < cond.values.length && !any; a++)
                any = asciiLower(cond.values[a]) === asciiLower(actual);
            break;
        case 'like':
            for (var p = 0; p < cond.values.length && !any; p++)
                any = globMatch(cond.values[p], actual);
            break;
        case 'num': {
            if (parseNumber(actual) === null) break;
            for (var q = 0; q < cond.values.length && !any; q++) {
                var order = compareNumbers(actual, cond.values[q]);
                if (order === null) continue; // a policy value that is no number
                any = cond.cmp === 'eq' ? order === 0 : cond.cmp === 'lt' ? order < 0
                    : cond.cmp === 'le' ? order <= 0 : cond.cmp === 'gt' ? order > 0 : order >= 0;
            }
            break;
        }
        case 'bool': {
            var bv = parseBool(actual);
            any = bv !== null && cond.bools.indexOf(bv) >= 0;
            break;
        }
        case 'ip': {
            var ip = parseIp(actual);
            if (!ip) break;
            for (var r = 0; r < cond.ranges.length && !any; r++)
                any = inRange(ip, cond.ranges[r]);
            break;
        }
        }
    }
    return cond.neg ? !any : any;
}

function statementMatches(st, action, resource, ctx) {
    var a = false;
    var folded = asciiLower(action);
    for (var i = 0; i < st.actions.length && !a; i++) a = globMatch(asciiLower(st.actions[i]), folded);
    if (a === st.actionNeg) return false;
    if (st.resources) {
        var r = false;
        for (var j = 0; j < st.resources.length && !r; j++) r = globMatch(st.resources[j], resource);
        if (r === st.resourceNeg) return false;
    }
    for (var k = 0; k < st.conds.length; k++)
        if (!conditionHolds(st.conds[k], ctx[st.conds[k].key])) return false;
    return true;
}

// {decision: 'Allow'|'ExplicitDeny'|'ImplicitDeny', line}
function evaluate(action, resource, ctx) {
    var allow = null;
    for (var i = 0; i < STATEMENTS.length; i++) {
        var st = STATEMENTS[i];
        if (!statementMatches(st, action, resource, ctx)) continue;
        if (st.effect === 'Deny') return {decision: 'ExplicitDeny', line: st.line, sid: st.sid};
        if (allow === null) allow = st;
    }
    return allow ? {decision: 'Allow', line: allow.line, sid: allow.sid} : {decision: 'ImplicitDeny', line: 0, sid: ''};
}

// The whole decision over the bytes seen so far; conn: {peerIp, peerPort, localPort}.
// {state: 'more'} | {state: 'done', decision, reason}
function decide(b, conn) {
    var h = parseHeader(b);
    if (h.state === 'more') return h;
    if (h.state === 'bad') return {state: 'done', decision: 'Invalid', reason: h.reason};
    var ctx = h.ctx;
    if (conn) {
        if (conn.peerIp) { set(ctx, 'conn:peerip', conn.peerIp); set(ctx, 'conn:peerport', String(conn.peerPort)); }
        if (conn.localPort) set(ctx, 'conn:localport', String(conn.localPort));
    }
    var action = 'tcp:Connect', resource = '*';
    if (NEEDS_HTTP) {
        var p = parseHttp(b, h.length, NEEDS_HTTP_HEADERS);
        if (p.state === 'more') return p;
        if (p.state === 'http') {
            action = 'http:' + p.method;
            resource = p.path;
            set(ctx, 'http:method', p.method);
            set(ctx, 'http:path', p.path);
            if (p.host !== null && p.host !== '') set(ctx, 'http:host', p.host);
            if (p.agent !== null && p.agent !== '') set(ctx, 'http:useragent', p.agent);
        }
    }
    var v = evaluate(action, resource, ctx);
    return {state: 'done', decision: v.decision,
            reason: v.decision + (v.line ? ' by line ' + v.line + (v.sid ? ' (' + v.sid + ')' : '') : '') + ' for ' + action + ' ' + resource};
}

function preread(s) {
    var parts = [];
    s.on('upstream', function (data, flags) {
        if (data.length === 0 && !flags.last) return;
        parts.push(data);
        var bytes = Buffer.concat(parts);
        var d = decide(bytes, {peerIp: s.remoteAddress, peerPort: s.variables.remote_port,
                               localPort: s.variables.server_port});
        if (d.state === 'more' && !flags.last) return;
        s.off('upstream');
        if (d.state === 'done' && d.decision === 'Allow') {
            s.log('plinspect: allow: ' + d.reason);
            s.done();
            return;
        }
        s.warn('plinspect: deny: ' + (d.state === 'more' ? 'connection ended before a decision' : d.reason));
        s.deny();
    });
}

export default {preread, decide};
