#pragma once

#include "pcapsource.h"

#include <QString>

#include <cstdint>
#include <cstdio>
#include <vector>

namespace pl::capture {

// A pcapng reader for the one kind of file libpcap refuses: interfaces of
// different link types or snapshot lengths (a capture on several
// interfaces, files merged with mergecap). PcapSource reads every other
// capture with libpcap and falls back to this only then; each packet carries
// its own interface's link type. Sections (a new byte order each),
// Enhanced, Simple and obsolete Packet Blocks; every other block is skipped
// by its length.
class PcapngReader
{
public:
    enum class Status : std::uint8_t
    {
        Packet,
        End,
        Error
    };

    PcapngReader() = default;
    ~PcapngReader();
    PcapngReader(const PcapngReader &) = delete;
    PcapngReader &operator=(const PcapngReader &) = delete;

    // False with error() when the file cannot be opened.
    bool open(const QString &path);
    // The packet's data stays valid until the next call; frame is left to
    // the caller.
    Status next(Packet &packet);

    // Where the next block starts.
    std::int64_t offset() const { return m_offset; }
    // The largest snapshot length of the interfaces so far.
    std::uint32_t snaplen() const { return m_maxSnaplen; }
    const QString &error() const { return m_error; }
    std::int64_t errorOffset() const { return m_errorOffset; }

    // Blocks longer than this are taken for damage, not read (libpcap's own
    // limit for a block is 16 MiB).
    static constexpr std::uint32_t kMaxBlock = 16u << 20;

private:
    struct Interface
    {
        int linkType = 0;
        std::uint32_t snaplen = 0;
        // Timestamp units: 10^-decimals seconds, or 2^-binary seconds.
        bool binary = false;
        unsigned exponent = 6;
        std::int64_t offsetSeconds = 0; // if_tsoffset
    };

    Status fail(const QString &message);
    bool readBlock(std::uint32_t &type);
    std::uint32_t u32(std::size_t at) const;
    std::uint16_t u16(std::size_t at) const;
    bool addInterface();
    std::int64_t timeNs(const Interface &interface, std::uint64_t stamp) const;

    std::FILE *m_file = nullptr;
    std::vector<std::uint8_t> m_block; // the current block's body (after type and length)
    std::vector<Interface> m_interfaces;
    bool m_bigEndian = false; // the section is written big-endian (its magic says)
    std::int64_t m_offset = 0;
    std::uint32_t m_maxSnaplen = 0;
    QString m_error;
    std::int64_t m_errorOffset = -1;
};

} // namespace pl::capture
