#include "pcapngwriter.h"

#include "io/outputfile.h"

#include <QtEndian>

#include <algorithm>

namespace pl::exporting {

namespace {

constexpr std::uint32_t kSectionHeaderBlock = 0x0A0D0D0A;
constexpr std::uint32_t kInterfaceDescriptionBlock = 1;
constexpr std::uint32_t kEnhancedPacketBlock = 6;
constexpr std::uint16_t kOptionEnd = 0;
constexpr std::uint16_t kOptionTsresol = 9;
// Written to the file in batches: one write() per packet would dominate.
constexpr qsizetype kFlushAt = qsizetype{1} << 20;

template <typename T>
void appendLe(QByteArray &out, T value)
{
    char bytes[sizeof(T)];
    qToLittleEndian(value, bytes);
    out.append(bytes, sizeof(T));
}

} // namespace

PcapngWriter::PcapngWriter(const QString &path) : m_file(std::make_unique<io::OutputFile>(path)) {}

PcapngWriter::~PcapngWriter() = default;

QString PcapngWriter::open()
{
    QString error = m_file->open();
    if (!error.isEmpty())
        return error;
    // SHB: no options, section length unknown (-1): the file is streamed.
    appendLe<std::uint32_t>(m_buffer, kSectionHeaderBlock);
    appendLe<std::uint32_t>(m_buffer, 28);
    appendLe<std::uint32_t>(m_buffer, 0x1A2B3C4D);
    appendLe<std::uint16_t>(m_buffer, 1);
    appendLe<std::uint16_t>(m_buffer, 0);
    appendLe<std::int64_t>(m_buffer, -1);
    appendLe<std::uint32_t>(m_buffer, 28);
    return {};
}

std::uint32_t PcapngWriter::interfaceFor(int linkType, std::uint32_t snaplen)
{
    for (qsizetype i = 0; i < m_interfaces.size(); ++i)
        if (m_interfaces[i].linkType == linkType && m_interfaces[i].snaplen == snaplen)
            return static_cast<std::uint32_t>(i);
    // IDB: link type, snap length, if_tsresol = 9 (nanoseconds), end of options.
    appendLe<std::uint32_t>(m_buffer, kInterfaceDescriptionBlock);
    appendLe<std::uint32_t>(m_buffer, 32);
    appendLe<std::uint16_t>(m_buffer, static_cast<std::uint16_t>(linkType));
    appendLe<std::uint16_t>(m_buffer, 0);
    appendLe<std::uint32_t>(m_buffer, snaplen);
    appendLe<std::uint16_t>(m_buffer, kOptionTsresol);
    appendLe<std::uint16_t>(m_buffer, 1);
    m_buffer.append(char(9));
    m_buffer.append(3, '\0');
    appendLe<std::uint16_t>(m_buffer, kOptionEnd);
    appendLe<std::uint16_t>(m_buffer, 0);
    appendLe<std::uint32_t>(m_buffer, 32);
    m_interfaces.append({linkType, snaplen});
    return static_cast<std::uint32_t>(m_interfaces.size() - 1);
}

void PcapngWriter::writePacket(int linkType, std::uint32_t snaplen, std::int64_t timeNs,
                               std::uint32_t wireLength, std::span<const std::uint8_t> data)
{
    const std::uint32_t interface = interfaceFor(linkType, snaplen);
    const auto captured = static_cast<std::uint32_t>(data.size());
    const std::uint32_t padded = (captured + 3u) & ~3u;
    const std::uint32_t total = 32 + padded;
    const auto stamp = static_cast<std::uint64_t>(timeNs);
    appendLe<std::uint32_t>(m_buffer, kEnhancedPacketBlock);
    appendLe<std::uint32_t>(m_buffer, total);
    appendLe<std::uint32_t>(m_buffer, interface);
    appendLe<std::uint32_t>(m_buffer, static_cast<std::uint32_t>(stamp >> 32));
    appendLe<std::uint32_t>(m_buffer, static_cast<std::uint32_t>(stamp & 0xFFFFFFFFu));
    appendLe<std::uint32_t>(m_buffer, captured);
    appendLe<std::uint32_t>(m_buffer, std::max(wireLength, captured));
    m_buffer.append(reinterpret_cast<const char *>(data.data()), static_cast<qsizetype>(captured));
    m_buffer.append(static_cast<qsizetype>(padded - captured), '\0');
    appendLe<std::uint32_t>(m_buffer, total);
    ++m_packets;
    if (m_buffer.size() >= kFlushAt)
        flush();
}

void PcapngWriter::flush()
{
    if (m_buffer.isEmpty())
        return;
    m_file->write(m_buffer);
    m_buffer.resize(0); // keeps the capacity
}

QString PcapngWriter::commit()
{
    flush();
    return m_file->commit();
}

} // namespace pl::exporting
