#include "pcapngreader.h"

#include <QCoreApplication>
#include <QFile>

#include <algorithm>
#include <limits>

namespace pl::capture {

// The translation context of this file's messages (lupdate files them under
// it, as the program looks them up).
class PcapngReaderText
{
    Q_DECLARE_TR_FUNCTIONS(pl::capture::PcapngReaderText)
};

namespace {

constexpr std::uint32_t kSectionHeader = 0x0A0D0D0A; // the same in both byte orders
constexpr std::uint32_t kInterfaceDescription = 1;
constexpr std::uint32_t kObsoletePacket = 2;
constexpr std::uint32_t kSimplePacket = 3;
constexpr std::uint32_t kEnhancedPacket = 6;
constexpr std::uint32_t kByteOrderMagic = 0x1A2B3C4D;

constexpr std::uint16_t kOptionEnd = 0;
constexpr std::uint16_t kOptionTsResol = 9;
constexpr std::uint16_t kOptionTsOffset = 14;

std::uint32_t decode32(const std::uint8_t *p, bool bigEndian)
{
    return bigEndian ? std::uint32_t(p[0]) << 24 | std::uint32_t(p[1]) << 16 |
                           std::uint32_t(p[2]) << 8 | p[3]
                     : std::uint32_t(p[3]) << 24 | std::uint32_t(p[2]) << 16 |
                           std::uint32_t(p[1]) << 8 | p[0];
}

// Stamps are 64-bit counts of any unit: scaled to nanoseconds in 128 bits.
__extension__ typedef __int128 Int128;

std::int64_t clampToInt64(Int128 value)
{
    constexpr auto lo = std::numeric_limits<std::int64_t>::min();
    constexpr auto hi = std::numeric_limits<std::int64_t>::max();
    return value < lo ? lo : value > hi ? hi : static_cast<std::int64_t>(value);
}

} // namespace

PcapngReader::~PcapngReader()
{
    if (m_file)
        std::fclose(m_file);
}

bool PcapngReader::open(const QString &path)
{
    m_file = std::fopen(QFile::encodeName(path).constData(), "rb");
    if (!m_file) {
        m_error = PcapngReaderText::tr("cannot open the capture again to read all of its "
                                       "interfaces");
        return false;
    }
    std::setvbuf(m_file, nullptr, _IOFBF, std::size_t{1} << 18);
    return true;
}

PcapngReader::Status PcapngReader::fail(const QString &message)
{
    if (m_error.isEmpty()) {
        m_error = message;
        m_errorOffset = m_offset;
    }
    return Status::Error;
}

std::uint32_t PcapngReader::u32(std::size_t at) const
{
    return decode32(m_block.data() + at, m_bigEndian);
}

std::uint16_t PcapngReader::u16(std::size_t at) const
{
    const std::uint8_t *p = m_block.data() + at;
    return m_bigEndian ? std::uint16_t(p[0] << 8 | p[1]) : std::uint16_t(p[1] << 8 | p[0]);
}

// Reads the block at m_offset: its type, and its body (what follows the type
// and the length, the trailing length included) in m_block. False at the end
// of the file, or with error() set.
bool PcapngReader::readBlock(std::uint32_t &type)
{
    std::uint8_t head[12];
    const std::size_t got = std::fread(head, 1, 8, m_file);
    if (got == 0 && std::feof(m_file))
        return false;
    if (got < 8) {
        fail(PcapngReaderText::tr("the file ends inside a block header (truncated?)"));
        return false;
    }
    type = decode32(head, m_bigEndian);
    std::size_t read = 8;
    if (type == kSectionHeader) {
        // A new section names its own byte order.
        if (std::fread(head + 8, 1, 4, m_file) < 4) {
            fail(PcapngReaderText::tr("the file ends inside a section header (truncated?)"));
            return false;
        }
        if (decode32(head + 8, false) == kByteOrderMagic)
            m_bigEndian = false;
        else if (decode32(head + 8, true) == kByteOrderMagic)
            m_bigEndian = true;
        else {
            fail(PcapngReaderText::tr("section header without the byte-order magic 1A2B3C4D"));
            return false;
        }
        read = 12;
    }
    const std::uint32_t length = decode32(head + 4, m_bigEndian);
    if (length < 12 || length % 4 != 0 || length > kMaxBlock || length < read + 4) {
        fail(PcapngReaderText::tr("block of type 0x%1 has an impossible length %2")
                 .arg(type, 0, 16)
                 .arg(length));
        return false;
    }
    m_block.resize(length - 8);
    std::copy(head + 8, head + read, m_block.begin());
    const std::size_t rest = length - read;
    if (std::fread(m_block.data() + (read - 8), 1, rest, m_file) < rest) {
        fail(PcapngReaderText::tr("the file ends inside a block of type 0x%1 (truncated?)")
                 .arg(type, 0, 16));
        return false;
    }
    if (u32(m_block.size() - 4) != length) {
        fail(PcapngReaderText::tr("block of type 0x%1: its trailing length %2 is not its "
                                  "length %3")
                 .arg(type, 0, 16)
                 .arg(u32(m_block.size() - 4))
                 .arg(length));
        return false;
    }
    return true;
}

bool PcapngReader::addInterface()
{
    const std::size_t body = m_block.size() - 4;
    if (body < 8) {
        fail(PcapngReaderText::tr("interface description block too short"));
        return false;
    }
    Interface interface;
    interface.linkType = u16(0);
    interface.snaplen = u32(4);
    for (std::size_t at = 8; at + 4 <= body;) {
        const std::uint16_t code = u16(at);
        const std::uint16_t length = u16(at + 2);
        if (code == kOptionEnd)
            break;
        if (at + 4 + length > body) {
            fail(PcapngReaderText::tr("interface option %1 runs past its block").arg(code));
            return false;
        }
        if (code == kOptionTsResol && length == 1) {
            const std::uint8_t resolution = m_block[at + 4];
            interface.binary = (resolution & 0x80) != 0;
            interface.exponent = resolution & 0x7F;
        } else if (code == kOptionTsOffset && length == 8) {
            const std::uint64_t high = u32(at + 4 + (m_bigEndian ? 0 : 4));
            const std::uint64_t low = u32(at + 4 + (m_bigEndian ? 4 : 0));
            interface.offsetSeconds = static_cast<std::int64_t>(high << 32 | low);
        }
        at += 4 + ((length + 3u) & ~3u);
    }
    m_maxSnaplen = std::max(m_maxSnaplen, interface.snaplen);
    m_interfaces.push_back(interface);
    return true;
}

std::int64_t PcapngReader::timeNs(const Interface &interface, std::uint64_t stamp) const
{
    Int128 ns = 0;
    if (interface.binary) {
        ns = (Int128(stamp) * 1'000'000'000) >> std::min(interface.exponent, 127u);
    } else if (interface.exponent <= 9) {
        Int128 scale = 1;
        for (unsigned i = interface.exponent; i < 9; ++i)
            scale *= 10;
        ns = Int128(stamp) * scale;
    } else if (interface.exponent <= 47) {
        Int128 scale = 1;
        for (unsigned i = 9; i < interface.exponent; ++i)
            scale *= 10;
        ns = Int128(stamp) / scale;
    }
    return clampToInt64(ns + Int128(interface.offsetSeconds) * 1'000'000'000);
}

PcapngReader::Status PcapngReader::next(Packet &packet)
{
    if (!m_file)
        return Status::End;
    for (;;) {
        std::uint32_t type = 0;
        const std::int64_t blockStart = m_offset;
        if (!readBlock(type))
            return m_error.isEmpty() ? Status::End : Status::Error;
        m_offset = blockStart + 8 + std::int64_t(m_block.size());
        const std::size_t body = m_block.size() - 4;
        const auto failHere = [&](const QString &message) {
            m_offset = blockStart; // the message points at the block
            return fail(message);
        };
        switch (type) {
        case kSectionHeader:
            m_interfaces.clear(); // interface numbers start again
            continue;
        case kInterfaceDescription:
            if (!addInterface()) {
                m_offset = blockStart;
                m_errorOffset = blockStart;
                return Status::Error;
            }
            continue;
        case kEnhancedPacket:
        case kObsoletePacket: {
            if (body < 20)
                return failHere(PcapngReaderText::tr("packet block too short"));
            const std::uint32_t id = type == kEnhancedPacket ? u32(0) : u16(0);
            if (id >= m_interfaces.size())
                return failHere(PcapngReaderText::tr("packet of interface %1, which the file "
                                                     "has not described")
                                    .arg(id));
            const std::uint32_t captured = u32(12);
            if (captured > body - 20)
                return failHere(
                    PcapngReaderText::tr("captured length %1 runs past its block").arg(captured));
            const Interface &interface = m_interfaces[id];
            const std::uint64_t stamp = std::uint64_t(u32(4)) << 32 | u32(8);
            packet.timeNs = timeNs(interface, stamp);
            packet.wireLength = u32(16);
            packet.data = proxy::ByteSpan(m_block.data() + 20, captured);
            packet.linkType = interface.linkType;
            return Status::Packet;
        }
        case kSimplePacket: {
            if (m_interfaces.empty())
                return failHere(PcapngReaderText::tr("simple packet block before any interface"));
            if (body < 4)
                return failHere(PcapngReaderText::tr("packet block too short"));
            const Interface &interface = m_interfaces.front();
            const std::uint32_t wire = u32(0);
            std::size_t captured = std::min<std::size_t>(wire, body - 4);
            if (interface.snaplen != 0)
                captured = std::min<std::size_t>(captured, interface.snaplen);
            packet.timeNs = 0; // the block has no time
            packet.wireLength = wire;
            packet.data = proxy::ByteSpan(m_block.data() + 4, captured);
            packet.linkType = interface.linkType;
            return Status::Packet;
        }
        default:
            continue; // name resolution, statistics, secrets, custom blocks
        }
    }
}

} // namespace pl::capture
