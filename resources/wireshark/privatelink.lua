-- PrivateLink Inspector for Wireshark: what Wireshark 4.0's PROXY dissector
-- lacks, as named, filterable fields of a "pl" protocol tree:
--   pl.vpc_id, pl.endpoint_id, pl.endpoint_service_id   Alibaba Cloud 0xE1 subtypes
--   pl.vpce_id                                           AWS 0xEA (subtype 0x01)
--   pl.azure_link_id                                     Azure 0xEE (little-endian)
--   pl.gcp_psc_id                                        Google Cloud 0xE0
--   pl.crc32c ("valid" | "invalid" | "absent"), pl.crc32c_received, pl.crc32c_computed
--   pl.aws_health_check_layout                           LOCAL, TLVs right after byte 16
-- It reads the TCP or UDP payload of every frame that starts with a PROXY v2
-- signature (or "PROXY " for v1), so it works whatever dissector owns the
-- port. A header split across TCP segments is not reassembled here (the
-- PrivateLink Inspector workbench does that).
-- Install: copy to ~/.local/lib/wireshark/plugins/ (Help > About > Folders),
-- or run tshark -X lua_script:privatelink.lua. Filters: pl.vpc_id == "vpc-..."

local pl = Proto("pl", "PrivateLink Inspector (PROXY protocol vendor fields)")

local f = {
    version = ProtoField.uint8("pl.version", "Version"),
    command = ProtoField.string("pl.command", "Command"),
    family = ProtoField.string("pl.family", "Family"),
    length = ProtoField.uint16("pl.length", "Length (bytes after the 16 fixed ones)"),
    src = ProtoField.string("pl.src", "Source"),
    dst = ProtoField.string("pl.dst", "Destination"),
    crc32c = ProtoField.string("pl.crc32c", "CRC32C"),
    crc_received = ProtoField.uint32("pl.crc32c_received", "CRC32C received", base.HEX),
    crc_computed = ProtoField.uint32("pl.crc32c_computed", "CRC32C computed", base.HEX),
    vpc_id = ProtoField.string("pl.vpc_id", "Alibaba Cloud VPC ID"),
    endpoint_id = ProtoField.string("pl.endpoint_id", "Alibaba Cloud PrivateLink endpoint ID"),
    endpoint_service_id = ProtoField.string("pl.endpoint_service_id",
                                            "Alibaba Cloud endpoint service ID"),
    vpce_id = ProtoField.string("pl.vpce_id", "AWS VPC endpoint ID"),
    azure_link_id = ProtoField.uint32("pl.azure_link_id", "Azure Private Link LinkID"),
    gcp_psc_id = ProtoField.uint64("pl.gcp_psc_id", "Google Cloud PSC connection ID"),
    aws_layout = ProtoField.bool("pl.aws_health_check_layout", "AWS health-check layout"),
    tlv_type = ProtoField.uint8("pl.tlv.type", "TLV type", base.HEX),
    tlv_length = ProtoField.uint16("pl.tlv.length", "TLV length"),
}
pl.fields = f

local e_crc = ProtoExpert.new("pl.crc32c.mismatch", "CRC32C does not match: invalid header",
                              expert.group.CHECKSUM, expert.severity.ERROR)
local e_malformed = ProtoExpert.new("pl.malformed", "Malformed PROXY header",
                                    expert.group.MALFORMED, expert.severity.ERROR)
pl.experts = { e_crc, e_malformed }

local f_tcp_payload = Field.new("tcp.payload")
local f_udp_payload = Field.new("udp.payload")

local SIGNATURE = "\r\n\r\n\0\r\nQUIT\n"

-- CRC32C (Castagnoli, reflected 0x82F63B78), table-driven.
local crc_table = {}
for i = 0, 255 do
    local c = i
    for _ = 1, 8 do
        if bit32.band(c, 1) ~= 0 then
            c = bit32.bxor(bit32.rshift(c, 1), 0x82F63B78)
        else
            c = bit32.rshift(c, 1)
        end
    end
    crc_table[i] = c
end

-- Over the header's bytes with the 4 CRC value bytes (0-based offset) zeroed.
local function crc32c(bytes, zero_at)
    local c = 0xFFFFFFFF
    for i = 0, bytes:len() - 1 do
        local b = bytes:get_index(i)
        if zero_at and i >= zero_at and i < zero_at + 4 then b = 0 end
        c = bit32.bxor(crc_table[bit32.band(bit32.bxor(c, b), 0xFF)], bit32.rshift(c, 8))
    end
    return bit32.bxor(c, 0xFFFFFFFF)
end

local function be16(bytes, at) return bytes:get_index(at) * 256 + bytes:get_index(at + 1) end
local function be32(bytes, at)
    return ((bytes:get_index(at) * 256 + bytes:get_index(at + 1)) * 256
            + bytes:get_index(at + 2)) * 256 + bytes:get_index(at + 3)
end

local function ascii(bytes, from, to)
    local out = {}
    for i = from, to - 1 do out[#out + 1] = string.char(bytes:get_index(i)) end
    return table.concat(out)
end

local ADDRESS_SIZE = { [0] = 0, [1] = 12, [2] = 36, [3] = 216 }

-- One reading of the TLVs from start to stop; nil when they overrun.
local function read_tlvs(bytes, start, stop)
    local tlvs, pos = {}, start
    while pos < stop do
        if stop - pos < 3 then return tlvs end -- trailing bytes: not a TLV
        local len = be16(bytes, pos + 1)
        if pos + 3 + len > stop then return nil end
        tlvs[#tlvs + 1] = { type = bytes:get_index(pos), at = pos, len = len }
        pos = pos + 3 + len
    end
    return tlvs
end

-- "valid" | "invalid" | "absent", the received value, the computed value.
local function crc_state(bytes, total, tlvs)
    for _, t in ipairs(tlvs) do
        if t.type == 0x03 and t.len == 4 then
            local received = be32(bytes, t.at + 3)
            local computed = crc32c(bytes:subset(0, total), t.at + 3)
            return received == computed and "valid" or "invalid", received, computed, t
        end
    end
    return "absent"
end

local function zero_type_tlvs(tlvs)
    local n = 0
    for _, t in ipairs(tlvs) do if t.type == 0 then n = n + 1 end end
    return n
end

local function ipv4(bytes, at)
    return string.format("%d.%d.%d.%d", bytes:get_index(at), bytes:get_index(at + 1),
                         bytes:get_index(at + 2), bytes:get_index(at + 3))
end

-- RFC 5952 text: the longest run of two or more zero groups becomes "::".
local function ipv6(bytes, at)
    local groups, best_at, best_len, run_at, run_len = {}, 0, 0, 0, 0
    for i = 0, 7 do
        local g = be16(bytes, at + 2 * i)
        groups[i + 1] = string.format("%x", g)
        if g == 0 then
            if run_len == 0 then run_at = i + 1 end
            run_len = run_len + 1
            if run_len > best_len then best_at, best_len = run_at, run_len end
        else
            run_len = 0
        end
    end
    if best_len < 2 then return "[" .. table.concat(groups, ":") .. "]" end
    local head = table.concat(groups, ":", 1, best_at - 1)
    local tail = table.concat(groups, ":", best_at + best_len, 8)
    return "[" .. head .. "::" .. tail .. "]"
end

local function dissect_v2(range, tree, pinfo)
    local bytes = range:bytes()
    if bytes:len() < 16 then return end
    local ver_cmd, fam = bytes:get_index(12), bytes:get_index(13)
    local length = be16(bytes, 14)
    local total = 16 + length
    local t = tree:add(pl, range(0, math.min(total, bytes:len())))
    t:add(f.version, range(12, 1), bit32.rshift(ver_cmd, 4))
    local command = bit32.band(ver_cmd, 0x0F)
    t:add(f.command, range(12, 1), command == 0 and "LOCAL" or command == 1 and "PROXY" or
          string.format("unknown (%d)", command))
    local family = bit32.rshift(fam, 4)
    t:add(f.family, range(13, 1), ({ [0] = "UNSPEC", "INET", "INET6", "UNIX" })[family] or
          string.format("unknown (%d)", family))
    t:add(f.length, range(14, 2), length)
    if bytes:len() < total then
        t:add_proto_expert_info(e_malformed, "header continues in a later segment")
        return
    end
    local addr = ADDRESS_SIZE[family] or 0
    if length < addr and command ~= 0 then
        t:add_proto_expert_info(e_malformed, "address block longer than the header")
        return
    end
    local tlvs = length >= addr and read_tlvs(bytes, 16 + addr, total) or nil
    local state, received, computed, crc_tlv
    if tlvs then state, received, computed, crc_tlv = crc_state(bytes, total, tlvs) end
    -- AWS NLB health checks: LOCAL with an address family, TLVs right after
    -- byte 16. Evidence decides: the reading whose CRC32C holds, else the
    -- one that needs no zero-type TLVs.
    local aws_layout = false
    if command == 0 and addr > 0 then
        local alt = read_tlvs(bytes, 16, total)
        if alt then
            local alt_state, alt_rx, alt_cx, alt_tlv = crc_state(bytes, total, alt)
            local take = false
            if not tlvs then
                take = alt_state == "valid" or zero_type_tlvs(alt) == 0
            elseif alt_state == "valid" and state ~= "valid" then
                take = true
            elseif state == "absent" and alt_state ~= "valid" and zero_type_tlvs(alt) == 0 and
                zero_type_tlvs(tlvs) > 0 then
                take = true
            end
            if take then
                aws_layout = true
                tlvs, state, received, computed, crc_tlv = alt, alt_state, alt_rx, alt_cx, alt_tlv
            end
        end
    end
    if not tlvs then
        t:add_proto_expert_info(e_malformed, "a TLV runs past the end of the header")
        return
    end
    t:add(f.aws_layout, range(13, 1), aws_layout)
    if not aws_layout and family == 1 and length >= 12 then
        t:add(f.src, range(16, 4), ipv4(bytes, 16) .. ":" .. be16(bytes, 24))
        t:add(f.dst, range(20, 4), ipv4(bytes, 20) .. ":" .. be16(bytes, 26))
    elseif not aws_layout and family == 2 and length >= 36 then
        t:add(f.src, range(16, 16), ipv6(bytes, 16) .. ":" .. be16(bytes, 48))
        t:add(f.dst, range(32, 16), ipv6(bytes, 32) .. ":" .. be16(bytes, 50))
    end
    local crc_item = t:add(f.crc32c, crc_tlv and range(crc_tlv.at, 7) or range(0, 0), state)
    if state ~= "absent" then
        t:add(f.crc_received, range(crc_tlv.at + 3, 4), received)
        t:add(f.crc_computed, range(crc_tlv.at + 3, 4), computed):set_generated()
        if state == "invalid" then crc_item:add_proto_expert_info(e_crc) end
    end
    for _, tlv in ipairs(tlvs) do
        local value_at, len = tlv.at + 3, tlv.len
        local item = t:add(range(tlv.at, 3 + len), string.format("TLV 0x%02x, %d bytes", tlv.type, len))
        item:add(f.tlv_type, range(tlv.at, 1))
        item:add(f.tlv_length, range(tlv.at + 1, 2))
        if tlv.type == 0xE1 and len >= 2 then
            local sub = bytes:get_index(value_at)
            local field = sub == 1 and f.vpc_id or sub == 2 and f.endpoint_id or
                          sub == 3 and f.endpoint_service_id or nil
            if field then
                item:add(field, range(value_at + 1, len - 1), ascii(bytes, value_at + 1, value_at + len))
            end
        elseif tlv.type == 0xEA and len >= 2 and bytes:get_index(value_at) == 1 then
            item:add(f.vpce_id, range(value_at + 1, len - 1), ascii(bytes, value_at + 1, value_at + len))
        elseif tlv.type == 0xEE and len == 5 and bytes:get_index(value_at) == 1 then
            item:add_le(f.azure_link_id, range(value_at + 1, 4))
        elseif tlv.type == 0xE0 and len == 8 then
            item:add(f.gcp_psc_id, range(value_at, 8))
        end
    end
    pinfo.cols.info:append(" [PROXY v2 " .. (command == 0 and "LOCAL" or "PROXY") ..
                           ", CRC32C " .. state .. "]")
end

local function dissect_v1(range, tree)
    local text = range:string()
    local line = text:match("^(PROXY [^\r\n]*)\r\n")
    if not line then return end
    local t = tree:add(pl, range(0, #line + 2))
    t:add(f.version, range(0, 5), 1)
    t:add(f.command, range(0, 5), "PROXY")
    local proto, src, dst, sport, dport = line:match("^PROXY (%S+) (%S+) (%S+) (%d+) (%d+)$")
    if proto then
        local v6 = proto == "TCP6"
        t:add(f.family, range(6, #proto), v6 and "INET6" or "INET")
        t:add(f.src, range(0, #line), (v6 and "[" .. src .. "]" or src) .. ":" .. sport)
        t:add(f.dst, range(0, #line), (v6 and "[" .. dst .. "]" or dst) .. ":" .. dport)
    else
        t:add(f.family, range(0, #line), "UNSPEC")
    end
end

function pl.dissector(tvb, pinfo, tree)
    for _, field in ipairs({ f_tcp_payload, f_udp_payload }) do
        local fi = field()
        if fi then
            local range = fi.range
            if range:len() >= 16 and range(0, 12):string() == SIGNATURE then
                dissect_v2(range, tree, pinfo)
            elseif range:len() >= 8 and range(0, 6):string() == "PROXY " then
                dissect_v1(range, tree)
            end
            return
        end
    end
end

register_postdissector(pl)
