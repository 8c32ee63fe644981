-- ---- plinspect enforcement runtime for OpenResty (LuaJIT) ----
-- M.decide(bytes, conn) reads the PROXY header (v2 with every TLV and the
-- vendor subtypes kept, or v1) and, when the policy needs it, the HTTP
-- request line and Host, and decides with STATEMENTS above. It never
-- consumes bytes: the caller peeks, so the upstream gets the original header.
-- Returns {state = "more"} or {state = "done", decision = ..., reason = ...}.

local bit = require("bit")
local band, bor, bxor, rshift, lshift = bit.band, bit.bor, bit.bxor, bit.rshift, bit.lshift
local byte, sub, format = string.byte, string.sub, string.format

local SIGNATURE = "\13\10\13\10\0\13\10QUIT\10"
local MAX_HTTP_HEAD = 8192

local CRC_TABLE = {}
for n = 0, 255 do
    local c = n
    for _ = 1, 8 do
        if band(c, 1) ~= 0 then c = bxor(rshift(c, 1), 0x82F63B78) else c = rshift(c, 1) end
    end
    CRC_TABLE[n] = c
end

-- Over bytes [1, total] with the 4 bytes at zeroFrom (1-based) read as zero.
local function crc32c(b, total, zeroFrom)
    local c = 0xFFFFFFFF
    for i = 1, total do
        local v = (i >= zeroFrom and i < zeroFrom + 4) and 0 or byte(b, i)
        c = bxor(CRC_TABLE[band(bxor(c, v), 0xff)], rshift(c, 8))
    end
    c = bxor(c, 0xFFFFFFFF)
    if c < 0 then c = c + 4294967296 end
    return c
end

local function u16(b, i) return byte(b, i) * 256 + byte(b, i + 1) end
local function u32(b, i) return ((byte(b, i) * 256 + byte(b, i + 1)) * 256 + byte(b, i + 2)) * 256 + byte(b, i + 3) end
local function hexOf(b, from, to) -- 1-based inclusive from, exclusive to
    local out = {}
    for i = from, to - 1 do out[#out + 1] = format("%02x", byte(b, i)) end
    return table.concat(out)
end

-- Valid UTF-8 check (printableOrHex keeps text only when it round-trips).
local function validUtf8(s)
    local i, n = 1, #s
    while i <= n do
        local c = byte(s, i)
        local need
        if c < 0x80 then need = 0
        elseif c >= 0xC2 and c <= 0xDF then need = 1
        elseif c >= 0xE0 and c <= 0xEF then need = 2
        elseif c >= 0xF0 and c <= 0xF4 then need = 3
        else return false end
        for k = 1, need do
            local d = byte(s, i + k)
            if not d or d < 0x80 or d > 0xBF then return false end
        end
        i = i + need + 1
    end
    return true
end

local function textOrHex(b, from, to)
    if to <= from then return "" end
    local s = sub(b, from, to - 1)
    for i = 1, #s do
        local c = byte(s, i)
        if c < 0x20 or c == 0x7f then return hexOf(b, from, to) end
    end
    if validUtf8(s) then return s end
    return hexOf(b, from, to)
end

local function printableAscii(b, from, to)
    for i = from, to - 1 do
        local c = byte(b, i)
        if c < 0x20 or c > 0x7e then return false end
    end
    return true
end

local function ipv4Text(b, at)
    return byte(b, at) .. "." .. byte(b, at + 1) .. "." .. byte(b, at + 2) .. "." .. byte(b, at + 3)
end

local function ipv6TextFromBytes(t) -- t: 16 numbers
    local g = {}
    for i = 0, 7 do g[i] = t[2 * i + 1] * 256 + t[2 * i + 2] end
    if g[0] == 0 and g[1] == 0 and g[2] == 0 and g[3] == 0 and g[4] == 0 and g[5] == 0xffff then
        return "::ffff:" .. t[13] .. "." .. t[14] .. "." .. t[15] .. "." .. t[16]
    end
    local bestAt, bestLen = -1, 0
    local s = 0
    while s < 8 do
        if g[s] ~= 0 then s = s + 1 else
            local e = s
            while e < 8 and g[e] == 0 do e = e + 1 end
            if e - s > bestLen and e - s >= 2 then bestAt, bestLen = s, e - s end
            s = e
        end
    end
    local out = {}
    local k = 0
    while k < 8 do
        if k == bestAt then
            out[#out + 1] = (k == 0) and "::" or ":"
            k = k + bestLen
        else
            out[#out + 1] = format("%x", g[k]) .. ((k < 7) and ":" or "")
            k = k + 1
        end
    end
    return table.concat(out)
end

local function bytesAt(b, at, n)
    local t = {}
    for i = 1, n do t[i] = byte(b, at + i - 1) end
    return t
end

local function parseIpv4(text)
    local a, b2, c, d = string.match(text, "^(%d%d?%d?)%.(%d%d?%d?)%.(%d%d?%d?)%.(%d%d?%d?)$")
    if not a then return nil end
    -- No leading zeros (octal to some parsers): refused as the decoder does.
    for _, part in ipairs({a, b2, c, d}) do
        if #part > 1 and string.sub(part, 1, 1) == "0" then return nil end
    end
    local t = {tonumber(a), tonumber(b2), tonumber(c), tonumber(d)}
    for i = 1, 4 do if t[i] > 255 then return nil end end
    return t
end

local function groupsOf(part)
    local out = {}
    if part == "" then return out end
    for gs in string.gmatch(part .. ":", "([^:]*):") do
        if not string.match(gs, "^%x%x?%x?%x?$") then return nil end
        out[#out + 1] = tonumber(gs, 16)
    end
    return out
end

-- 16 numbers (IPv4 as ::ffff:a.b.c.d) or nil.
local function parseIp(text)
    if type(text) ~= "string" then return nil end
    text = string.match(text, "^%s*(.-)%s*$")
    local v4 = parseIpv4(text)
    if v4 then return {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, v4[1], v4[2], v4[3], v4[4]} end
    if not string.find(text, ":", 1, true) then return nil end
    local tail4
    local lastColon = #text - (string.find(string.reverse(text), ":", 1, true) or 0) + 1
    if string.find(text, ".", lastColon, true) then
        tail4 = parseIpv4(sub(text, lastColon + 1))
        if not tail4 then return nil end
        text = sub(text, 1, lastColon) .. "0:0"
    end
    local dc = string.find(text, "::", 1, true)
    local head, rest
    if dc then
        if string.find(text, "::", dc + 1, true) then return nil end
        head, rest = groupsOf(sub(text, 1, dc - 1)), groupsOf(sub(text, dc + 2))
        if not head or not rest or #head + #rest > 7 then return nil end
        for _ = #head + #rest + 1, 8 do head[#head + 1] = 0 end
        for i = 1, #rest do head[#head + 1] = rest[i] end
    else
        head = groupsOf(text)
        if not head or #head ~= 8 then return nil end
    end
    local t = {}
    for i = 1, 8 do t[#t + 1] = rshift(head[i], 8); t[#t + 1] = band(head[i], 0xff) end
    if tail4 then for i = 1, 4 do t[12 + i] = tail4[i] end end
    return t
end

local function inRange(ip, range) -- range: {16 numbers, prefix}
    local net, prefix = range[1], range[2]
    local i = 1
    while i <= 16 and prefix > 0 do
        local mask = prefix >= 8 and 0xff or band(lshift(0xff, 8 - prefix), 0xff)
        if band(ip[i], mask) ~= band(net[i], mask) then return false end
        i = i + 1
        prefix = prefix - 8
    end
    return true
end

-- Bytes of the UTF-8 character at i (a lead byte and the continuation bytes
-- that follow it; a stray byte is one character, as a decoder's U+FFFD).
local function charBytes(text, i)
    local b = string.byte(text, i)
    local want = (b >= 0xF0 and 4) or (b >= 0xE0 and 3) or (b >= 0xC0 and 2) or 1
    local n = 1
    while n < want do
        local c = string.byte(text, i + n)
        if not c or c < 0x80 or c > 0xBF then break end
        n = n + 1
    end
    return n
end

-- RAM/IAM wildcard: '*' any run (also empty), '?' exactly one character (of
-- UTF-8 text, as the workbench counts characters); a '*' in the pattern is
-- always a wildcard.
local function globMatch(pattern, text)
    local p, t, star, mark = 1, 1, 0, 0
    local pn, tn = #pattern, #text
    while t <= tn do
        local pc = p <= pn and sub(pattern, p, p) or nil
        if pc == "*" then star = p; p = p + 1; mark = t
        elseif pc == "?" then p = p + 1; t = t + charBytes(text, t)
        elseif pc and pc == sub(text, t, t) then p = p + 1; t = t + 1
        elseif star > 0 then p = star + 1; mark = mark + charBytes(text, mark); t = mark
        else return false end
    end
    while p <= pn and sub(pattern, p, p) == "*" do p = p + 1 end
    return p > pn
end

local function parseNumber(text)
    local s = string.match(tostring(text), "^%s*(.-)%s*$")
    if not (string.match(s, "^[+-]?%d+%.?%d*$") or string.match(s, "^[+-]?%d+%.?%d*[eE][+-]?%d+$")
            or string.match(s, "^[+-]?%.%d+$") or string.match(s, "^[+-]?%.%d+[eE][+-]?%d+$")) then
        return nil
    end
    local n = tonumber(s)
    if not n or n ~= n or n == math.huge or n == -math.huge then return nil end
    return n
end

-- "+007" -> "7", "-0" -> "0"; nil when the text is no plain integer.
local function canonicalInteger(text)
    local sign, digits = string.match(tostring(text), "^%s*([+-]?)0*(%d+)%s*$")
    if not digits then return nil end
    if sign == "-" and digits ~= "0" then return "-" .. digits end
    return digits
end

-- -1, 0, 1, or nil when either is no number. Integers compare exactly at any
-- length (a 64-bit gcp:PscConnectionId is past what a double holds), others
-- as doubles: as the workbench's evaluator.
local function compareNumbers(aText, bText)
    local a, b = parseNumber(aText), parseNumber(bText)
    if not a or not b then return nil end
    local ai, bi = canonicalInteger(aText), canonicalInteger(bText)
    if not ai or not bi then
        if a < b then return -1 elseif a > b then return 1 else return 0 end
    end
    local negA, negB = string.sub(ai, 1, 1) == "-", string.sub(bi, 1, 1) == "-"
    if negA ~= negB then if negA then return -1 else return 1 end end
    local o
    if #ai ~= #bi then
        if #ai < #bi then o = -1 else o = 1 end
    elseif ai < bi then o = -1 elseif ai > bi then o = 1 else o = 0 end
    if negA then return -o end
    return o
end

local function parseBool(text)
    local s = string.lower(tostring(text))
    if s == "true" then return true elseif s == "false" then return false end
    return nil
end

local function set(ctx, key, value) ctx[key] = {value} end
local function add(ctx, key, value)
    if not ctx[key] then ctx[key] = {} end
    local t = ctx[key]
    t[#t + 1] = value
end

local function u64Text(b, at)
    local digits = {0}
    for i = 0, 7 do
        local carry = byte(b, at + i)
        for d = 1, #digits do
            local v = digits[d] * 256 + carry
            digits[d] = v % 10
            carry = math.floor(v / 10)
        end
        while carry > 0 do digits[#digits + 1] = carry % 10; carry = math.floor(carry / 10) end
    end
    local out = {}
    for k = #digits, 1, -1 do out[#out + 1] = tostring(digits[k]) end
    return table.concat(out)
end

-- TLVs from 'from' (1-based) up to and including 'last'; error text or nil.
local function readTlvs(b, from, last, out)
    local pos = from
    while pos <= last do
        if pos + 2 > last then return "TLV header past the end of the header" end
        local ty, len = byte(b, pos), u16(b, pos + 1)
        if pos + 2 + len > last then return format("TLV 0x%02x runs past the end of the header", ty) end
        out[#out + 1] = {type = ty, at = pos + 3, len = len}
        pos = pos + 3 + len
    end
    return nil
end

local VALID_FAMILY = {[0x00] = true, [0x11] = true, [0x12] = true, [0x21] = true, [0x22] = true, [0x31] = true, [0x32] = true}
local ADDR_LEN = {[0] = 0, [1] = 12, [2] = 36, [3] = 216}
local ALIBABA = {[1] = "alibaba:sourcevpc", [2] = "alibaba:endpointid", [3] = "alibaba:endpointserviceid"}

local function parseV2(b)
    local n = #b
    for i = 1, math.min(12, n) do
        if byte(b, i) ~= byte(SIGNATURE, i) then return {state = "bad", reason = "not a PROXY header"} end
    end
    if n < 16 then return {state = "more"} end
    local verCmd, fam = byte(b, 13), byte(b, 14)
    local version, command = rshift(verCmd, 4), band(verCmd, 0x0f)
    if version ~= 2 then return {state = "bad", reason = "version nibble is not 2"} end
    if command > 1 then return {state = "bad", reason = "command is neither LOCAL nor PROXY"} end
    if not VALID_FAMILY[fam] then return {state = "bad", reason = format("invalid family/transport byte 0x%02x", fam)} end
    local total = 16 + u16(b, 15)
    if n < total then return {state = "more", need = total} end
    local addrLen = ADDR_LEN[rshift(fam, 4)]
    if total - 16 < addrLen then return {state = "bad", reason = "length too short for the address block"} end
    local tlvs = {}
    local err = readTlvs(b, 17 + addrLen, total, tlvs)
    local crcAt, crcBad = -1, nil
    local function checkCrc(list)
        crcAt, crcBad = -1, nil
        for _, t in ipairs(list) do
            if t.type == 0x03 then
                if t.len ~= 4 then crcBad = "CRC32C TLV is not 4 bytes"; return end
                if crcAt < 0 then crcAt = t.at end -- the first one, as the decoder
            end
        end
        if crcAt > 0 and u32(b, crcAt) ~= crc32c(b, total, crcAt) then crcBad = "CRC32C mismatch" end
    end
    if not err then checkCrc(tlvs) end
    if command == 0 and addrLen > 0 and (err or crcBad) then
        local alt = {}
        if not readTlvs(b, 17, total, alt) then
            local savedErr, savedBad, savedAt = err, crcBad, crcAt
            checkCrc(alt)
            if not crcBad then tlvs = alt; err = nil
            else err, crcBad, crcAt = savedErr, savedBad, savedAt end
        end
    end
    if err then return {state = "bad", reason = err} end
    if crcBad then return {state = "bad", reason = crcBad} end

    local ctx = {}
    set(ctx, "pp:version", "2")
    set(ctx, "pp:command", command == 1 and "PROXY" or "LOCAL")
    local f = rshift(fam, 4)
    if command == 1 and (f == 1 or f == 2) then
        local src, dst, pa
        if f == 2 then
            src, dst, pa = ipv6TextFromBytes(bytesAt(b, 17, 16)), ipv6TextFromBytes(bytesAt(b, 33, 16)), 49
        else
            src, dst, pa = ipv4Text(b, 17), ipv4Text(b, 21), 25
        end
        set(ctx, "pp:sourceip", src)
        set(ctx, "pp:sourceport", tostring(u16(b, pa)))
        set(ctx, "pp:destinationip", dst)
        set(ctx, "pp:destinationport", tostring(u16(b, pa + 2)))
        set(ctx, "acs:sourceip", src)
    end
    if crcAt > 0 then set(ctx, "pp:crc32cvalid", "true") end
    -- A TLV (or Alibaba subtype, or SSL sub-TLV) given twice: the first one
    -- counts, as in the decoder, nginx's lookup and HAProxy's fetches; a
    -- later copy must not override what the policy was simulated on.
    local seen = {}
    local function first(key)
        if seen[key] then return false end
        seen[key] = true
        return true
    end
    for _, t in ipairs(tlvs) do
        local at, len = t.at, t.len
        local stop = at + len
        add(ctx, format("pp:tlv/0x%02x", t.type), hexOf(b, at, stop))
        local isFirst = t.type == 0x04 or t.type == 0xe1 or first("t" .. t.type)
        if t.type == 0x01 then if isFirst then set(ctx, "pp:alpn", textOrHex(b, at, stop)) end
        elseif t.type == 0x02 then if isFirst then set(ctx, "pp:authority", textOrHex(b, at, stop)) end
        elseif t.type == 0x05 then if isFirst then set(ctx, "pp:uniqueid", textOrHex(b, at, stop)) end
        elseif t.type == 0x20 then
            if len < 5 then return {state = "bad", reason = "SSL TLV shorter than 5 bytes"} end
            local client, verify = byte(b, at), u32(b, at + 1)
            local subs = {}
            local subErr = readTlvs(b, at + 5, stop - 1, subs)
            if subErr then return {state = "bad", reason = "SSL " .. subErr} end
            if isFirst then
                for _, s in ipairs(subs) do
                    if first("s" .. s.type) then
                        if s.type == 0x21 and s.len > 0 then set(ctx, "pp:sslversion", textOrHex(b, s.at, s.at + s.len)) end
                        if s.type == 0x22 and s.len > 0 then set(ctx, "pp:sslcn", textOrHex(b, s.at, s.at + s.len)) end
                    end
                end
                set(ctx, "pp:sslverified", (verify == 0 and band(client, 0x06) ~= 0) and "true" or "false")
            end
        elseif t.type == 0xe1 then -- Alibaba: subtype byte + ASCII, one TLV per subtype
            if len >= 1 and printableAscii(b, at + 1, stop) then
                local name = ALIBABA[byte(b, at)]
                if name and first("a" .. byte(b, at)) then
                    if len > 1 then
                        set(ctx, name, textOrHex(b, at + 1, stop))
                        if byte(b, at) == 1 then set(ctx, "acs:sourcevpc", textOrHex(b, at + 1, stop)) end
                    else
                        ctx[name] = nil
                        if byte(b, at) == 1 then ctx["acs:sourcevpc"] = nil end
                    end
                end
            end
        elseif t.type == 0xea then -- AWS: subtype 0x01 + VPC endpoint ID
            if isFirst and len >= 2 and byte(b, at) == 0x01 and printableAscii(b, at + 1, stop) then
                set(ctx, "aws:sourcevpce", textOrHex(b, at + 1, stop))
            end
        elseif t.type == 0xee then -- Azure: subtype 0x01 + uint32 little-endian
            if isFirst and len == 5 and byte(b, at) == 0x01 then
                set(ctx, "azure:linkid", format("%d", ((byte(b, at + 4) * 256 + byte(b, at + 3)) * 256 + byte(b, at + 2)) * 256 + byte(b, at + 1)))
            end
        elseif t.type == 0xe0 then -- GCP PSC: uint64 big-endian
            if isFirst and len == 8 then set(ctx, "gcp:pscconnectionid", u64Text(b, at)) end
        end
    end
    return {state = "ok", length = total, ctx = ctx}
end

local function parseV1(b)
    local n = #b
    local crlf = -1
    for i = 1, math.min(n, 107) do
        local c = byte(b, i)
        if c == 13 then
            if i + 1 > n then return {state = "more"} end
            if byte(b, i + 1) ~= 10 then return {state = "bad", reason = "v1: lone CR"} end
            crlf = i
            break
        end
        if c == 10 then return {state = "bad", reason = "v1: lone LF"} end
    end
    if crlf < 0 then
        if n >= 107 then return {state = "bad", reason = "v1: no CRLF within 107 bytes"} end
        return {state = "more"}
    end
    local line = sub(b, 1, crlf - 1)
    local f = {}
    for field in string.gmatch(line .. " ", "([^ ]*) ") do f[#f + 1] = field end
    local ctx = {}
    set(ctx, "pp:version", "1")
    if f[2] == "UNKNOWN" then
        set(ctx, "pp:command", "LOCAL")
        return {state = "ok", length = crlf + 1, ctx = ctx}
    end
    if f[2] ~= "TCP4" and f[2] ~= "TCP6" then return {state = "bad", reason = "v1: bad protocol"} end
    if #f ~= 6 then return {state = "bad", reason = "v1: wrong field count"} end
    local v6 = f[2] == "TCP6"
    local src, dst
    if v6 then
        src = string.find(f[3], ":", 1, true) and parseIp(f[3]) or nil
        dst = string.find(f[4], ":", 1, true) and parseIp(f[4]) or nil
    else
        src, dst = parseIpv4(f[3]), parseIpv4(f[4])
    end
    if not src or not dst then return {state = "bad", reason = "v1: bad address"} end
    for p = 5, 6 do
        if not (f[p] == "0" or string.match(f[p], "^[1-9]%d?%d?%d?%d?$")) or tonumber(f[p]) > 65535 then
            return {state = "bad", reason = "v1: bad port"}
        end
    end
    local srcText = v6 and ipv6TextFromBytes(src) or table.concat(src, ".")
    set(ctx, "pp:command", "PROXY")
    set(ctx, "pp:sourceip", srcText)
    set(ctx, "pp:sourceport", f[5])
    set(ctx, "pp:destinationip", v6 and ipv6TextFromBytes(dst) or table.concat(dst, "."))
    set(ctx, "pp:destinationport", f[6])
    set(ctx, "acs:sourceip", srcText)
    return {state = "ok", length = crlf + 1, ctx = ctx}
end

local function parseHeader(b)
    if #b == 0 then return {state = "more"} end
    if byte(b, 1) == 13 then return parseV2(b) end
    local prefix = "PROXY "
    for i = 1, math.min(6, #b) do
        if byte(b, i) ~= byte(prefix, i) then return {state = "bad", reason = "no PROXY header"} end
    end
    if #b < 6 then return {state = "more"} end
    return parseV1(b)
end

-- What follows the header (from: 1-based index of its first byte).
local function parseHttp(b, from, wantHeaders)
    local n = #b
    if n < from then return {state = "more"} end
    local i = from
    while i <= n do
        local c = byte(b, i)
        if c < 0x41 or c > 0x5a then break end
        i = i + 1
    end
    if i > n then
        if n - from + 1 > 32 then return {state = "tcp"} end
        return {state = "more"}
    end
    if byte(b, i) ~= 0x20 or i == from then return {state = "tcp"} end
    local lineEnd = string.find(b, "\r\n", i, true)
    if not lineEnd or lineEnd - from >= MAX_HTTP_HEAD then
        if n - from + 1 >= MAX_HTTP_HEAD then return {state = "tcp"} end
        return {state = "more"}
    end
    local line = sub(b, from, lineEnd - 1)
    local method, path = string.match(line, "^([A-Z]+) (%S+) HTTP/%d")
    if not method then return {state = "tcp"} end
    local r = {state = "http", method = method, path = path}
    if not wantHeaders then return r end
    local headEnd = string.find(b, "\r\n\r\n", lineEnd, true)
    if not headEnd then
        if n - from + 1 >= MAX_HTTP_HEAD then return r end
        return {state = "more"}
    end
    local head = sub(b, lineEnd + 2, headEnd - 1)
    for hline in string.gmatch(head .. "\r\n", "(.-)\r\n") do
        local name, value = string.match(hline, "^([^:]+):%s*(.-)%s*$")
        if name then
            name = string.lower(name)
            if name == "host" and r.host == nil then r.host = string.match(value, "^(%S*)") end
            if name == "user-agent" and r.agent == nil then r.agent = value end
        end
    end
    return r
end

local function contains(list, v)
    for _, x in ipairs(list) do if x == v then return true end end
    return false
end

local function conditionHolds(cond, values)
    if cond.op == "null" then
        local absent = values == nil or #values == 0
        return contains(cond.bools, absent)
    end
    if values == nil or #values == 0 then return cond.neg or cond.ifExists end
    local any = false
    for _, actual in ipairs(values) do
        if any then break end
        if cond.op == "str" then
            any = contains(cond.values, actual)
        elseif cond.op == "stri" then
            local la = string.lower(actual)
            for _, v in ipairs(cond.values) do if string.lower(v) == la then any = true; break end end
        elseif cond.op == "like" then
            for _, v in ipairs(cond.values) do if globMatch(v, actual) then any = true; break end end
        elseif cond.op == "num" then
            if parseNumber(actual) then
                for _, v in ipairs(cond.values) do
                    local o = compareNumbers(actual, v) -- nil: a policy value that is no number
                    local c = cond.cmp
                    if o and ((c == "eq" and o == 0) or (c == "lt" and o < 0) or (c == "le" and o <= 0)
                        or (c == "gt" and o > 0) or (c == "ge" and o >= 0)) then any = true; break end
                end
            end
        elseif cond.op == "bool" then
            local bv = parseBool(actual)
            any = bv ~= nil and contains(cond.bools, bv)
        elseif cond.op == "ip" then
            local ip = parseIp(actual)
            if ip then
                for _, r in ipairs(cond.ranges) do if inRange(ip, r) then any = true; break end end
            end
        end
    end
    if cond.neg then return not any end
    return any
end

local function statementMatches(st, action, resource, ctx)
    local a = false
    local folded = string.lower(action)
    for _, p in ipairs(st.actions) do if globMatch(string.lower(p), folded) then a = true; break end end
    if a == st.actionNeg then return false end
    if st.resources then
        local r = false
        for _, p in ipairs(st.resources) do if globMatch(p, resource) then r = true; break end end
        if r == st.resourceNeg then return false end
    end
    for _, c in ipairs(st.conds) do
        if not conditionHolds(c, ctx[c.key]) then return false end
    end
    return true
end

local function evaluate(action, resource, ctx)
    local allow
    for _, st in ipairs(STATEMENTS) do
        if statementMatches(st, action, resource, ctx) then
            if st.effect == "Deny" then return "ExplicitDeny", st end
            allow = allow or st
        end
    end
    if allow then return "Allow", allow end
    return "ImplicitDeny", nil
end

local M = {}

-- bytes: what the client sent so far; conn: {peerIp=, peerPort=, localPort=} or nil;
-- final: the client went quiet, nothing more will be waited for (a request
-- that is not HTTP so far is judged as tcp:Connect).
function M.decide(b, conn, final)
    local h = parseHeader(b)
    if h.state == "more" then return h end
    if h.state == "bad" then return {state = "done", decision = "Invalid", reason = h.reason} end
    local ctx = h.ctx
    if conn then
        if conn.peerIp then set(ctx, "conn:peerip", conn.peerIp); set(ctx, "conn:peerport", tostring(conn.peerPort)) end
        if conn.localPort then set(ctx, "conn:localport", tostring(conn.localPort)) end
    end
    local action, resource = "tcp:Connect", "*"
    if NEEDS_HTTP then
        local p = parseHttp(b, h.length + 1, NEEDS_HTTP_HEADERS)
        if p.state == "more" and not final then return p end
        if p.state == "http" then
            action, resource = "http:" .. p.method, p.path
            set(ctx, "http:method", p.method)
            set(ctx, "http:path", p.path)
            if p.host and p.host ~= "" then set(ctx, "http:host", p.host) end
            if p.agent and p.agent ~= "" then set(ctx, "http:useragent", p.agent) end
        end
    end
    local decision, st = evaluate(action, resource, ctx)
    local reason = decision
    if st then reason = reason .. " by line " .. st.line .. (st.sid ~= "" and (" (" .. st.sid .. ")") or "") end
    return {state = "done", decision = decision, reason = reason .. " for " .. action .. " " .. resource}
end

return M
