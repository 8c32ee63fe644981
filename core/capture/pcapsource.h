#pragma once

#include "proxy/bytes.h"

#include <QString>

#include <cstdint>
#include <memory>

namespace pl::io {
struct InputStream;
}

namespace pl::capture {

// Why reading stopped early. The message names the file offset when known.
struct CaptureError
{
    enum class Code : std::uint8_t
    {
        None,
        OpenFailed, // not a capture, unreadable, missing
        UnsupportedLinkType,
        PermissionDenied, // live capture without CAP_NET_RAW / root
        NoSuchInterface,
        BadFilter,  // the BPF filter does not compile
        Damaged,    // truncated last record, corrupt record length
        ReadFailed, // live capture failed while running
    };
    Code code = Code::None;
    QString message;
    std::int64_t fileOffset = -1; // where the damaged record starts (-1: unknown)
    std::uint64_t frame = 0;      // the frame that could not be read

    explicit operator bool() const { return code != Code::None; }
};

struct Packet
{
    std::uint64_t frame = 0; // 1-based
    std::int64_t timeNs = 0; // since the Unix epoch
    std::uint32_t wireLength = 0;
    proxy::ByteSpan data; // captured bytes (wireLength may be larger: snaplen)
    int linkType = -1;    // its interface's (pcapng files may have several)
};

// libpcap's own counts for a live capture (pcap_stats): what the kernel
// handed over and what it had to drop because the reader was too slow.
struct LiveStats
{
    std::uint64_t received = 0;
    std::uint64_t dropped = 0;          // by the kernel: buffer full
    std::uint64_t interfaceDropped = 0; // by the interface or its driver
    bool valid = false;
};

struct LiveOptions
{
    QString interfaceName;
    QString filter; // BPF, e.g. "tcp port 443"
    int snaplen = 262144;
    bool promiscuous = false;
    int readTimeoutMs = 100; // how often a blocked read looks at the stop flag
};

class PcapngReader;

// A libpcap handle: pcap and pcapng files (any byte order, micro- or
// nanosecond stamps: always delivered in nanoseconds) or a live interface.
// A pcapng file whose interfaces differ in link type or snapshot length,
// which libpcap refuses, is read on with PcapngReader (files only: a pipe
// cannot be read again).
class PcapSource
{
public:
    enum class ReadStatus : std::uint8_t
    {
        Packet,
        Timeout,
        End,
        Error
    };

    PcapSource();
    ~PcapSource();
    PcapSource(const PcapSource &) = delete;
    PcapSource &operator=(const PcapSource &) = delete;

    // path may be "-" (standard input), a pipe or a FIFO: it is opened once.
    bool openFile(const QString &path);
    // An input already opened (and its head read) by the caller; path is
    // used for the file size only.
    bool openStream(io::InputStream &&in, const QString &path);
    bool openLive(const LiveOptions &options);
    void close();

    // The packet's data stays valid until the next call.
    ReadStatus next(Packet &packet);
    // Makes a blocked live read return End soon; safe from another thread.
    void breakLoop();

    // The first interface's; each packet carries its own.
    int linkType() const { return m_linkType; }
    // Reads a pcapng file from its start with PcapngReader, for interfaces
    // after a first one whose link type libpcap gives but the caller does
    // not read. False for a classic pcap, a pipe or a live capture.
    bool readWithOwnReader();
    // The snap length of the file or the live handle (0 when closed); the
    // largest of the interfaces read so far in a file of several.
    std::uint32_t snaplen() const;
    // pcap_stats() of a live capture; not valid for files or a closed source.
    LiveStats liveStats() const;
    bool isLive() const { return m_live; }
    std::int64_t fileSize() const { return m_fileSize; }
    // Bytes consumed so far (files only; refreshed every few hundred packets).
    std::int64_t bytesRead() const;
    const CaptureError &error() const { return m_error; }

private:
    bool fail(CaptureError::Code code, const QString &message);
    bool readOnWithOwnReader();
    ReadStatus nextFromOwnReader(Packet &packet);

    struct Handle;
    std::unique_ptr<Handle> m_handle;
    std::unique_ptr<PcapngReader> m_pcapng; // after libpcap refused the interfaces
    QString m_path;
    CaptureError m_error;
    int m_linkType = -1;
    bool m_live = false;
    bool m_classicPcap = false; // record offsets can be computed exactly
    std::int64_t m_fileSize = -1;
    std::int64_t m_recordOffset = 0; // classic pcap: where the next record starts
    std::uint64_t m_frame = 0;
    int m_readTimeoutMs = 100;
};

} // namespace pl::capture
