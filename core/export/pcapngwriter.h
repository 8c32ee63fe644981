#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <cstdint>
#include <memory>
#include <span>

namespace pl::io {
class OutputFile;
}

namespace pl::exporting {

// Streams packets into a pcapng file: one Section Header Block, one
// Interface Description Block per (link type, snap length) met, and an
// Enhanced Packet Block per packet with nanosecond timestamps (if_tsresol 9).
// Little-endian, as most writers do; Wireshark and libpcap read either order.
// Written through io::OutputFile: atomic for a regular file, in place for a
// device, a FIFO or "-".
class PcapngWriter
{
public:
    explicit PcapngWriter(const QString &path);
    ~PcapngWriter();
    PcapngWriter(const PcapngWriter &) = delete;
    PcapngWriter &operator=(const PcapngWriter &) = delete;

    // Both return an error message, empty on success.
    QString open();
    QString commit();

    void writePacket(int linkType, std::uint32_t snaplen, std::int64_t timeNs,
                     std::uint32_t wireLength, std::span<const std::uint8_t> data);
    std::uint64_t packetsWritten() const { return m_packets; }

private:
    std::uint32_t interfaceFor(int linkType, std::uint32_t snaplen);
    void flush();

    struct Interface
    {
        int linkType;
        std::uint32_t snaplen;
    };
    std::unique_ptr<io::OutputFile> m_file;
    QList<Interface> m_interfaces;
    QByteArray m_buffer;
    std::uint64_t m_packets = 0;
};

} // namespace pl::exporting
