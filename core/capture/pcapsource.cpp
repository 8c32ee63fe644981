#include "pcapsource.h"

#include "io/inputstream.h"
#include "pcapngreader.h"
#include "perf/vectorstate.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <limits>
#include <pcap/pcap.h>
#include <poll.h>
#include <stdio_ext.h>

namespace pl::capture {

// The translation context of this file's messages: lupdate files the
// PcapSourceText::tr() calls under it, as the program looks them up.
class PcapSourceText
{
    Q_DECLARE_TR_FUNCTIONS(pl::capture::PcapSourceText)
};

namespace {

constexpr std::int64_t kClassicFileHeader = 24;
constexpr std::int64_t kClassicRecordHeader = 16;

// A record's time (libpcap gives nanoseconds in tv_usec, as asked) in
// nanoseconds since the epoch. A pcapng's stamps are 64-bit counts of any
// unit: a hostile or broken file's time past the year 2262 stops at the
// largest one instead of overflowing.
std::int64_t nanoseconds(const timeval &ts)
{
    std::int64_t ns = 0;
    if (__builtin_mul_overflow(static_cast<std::int64_t>(ts.tv_sec), 1'000'000'000, &ns) ||
        __builtin_add_overflow(ns, static_cast<std::int64_t>(ts.tv_usec), &ns))
        return ts.tv_sec < 0 ? std::numeric_limits<std::int64_t>::min()
                             : std::numeric_limits<std::int64_t>::max();
    return ns;
}

bool isClassicPcapMagic(std::uint32_t magic)
{
    return magic == 0xA1B2C3D4 || magic == 0xD4C3B2A1 || magic == 0xA1B23C4D || magic == 0x4D3CB2A1;
}

} // namespace

struct PcapSource::Handle
{
    pcap_t *pcap = nullptr;
    std::FILE *file = nullptr; // owned by pcap once pcap_fopen succeeded
    // stdio's buffer for the file. glibc ignores the size given to setvbuf()
    // without a buffer and reads 4 KiB at a time: one read() per 40 packets.
    // Freed after the file is closed (the destructor's body closes it before
    // members are destroyed).
    std::unique_ptr<char[]> buffer;
    ~Handle()
    {
        if (pcap)
            pcap_close(pcap); // closes file too
        else if (file)
            std::fclose(file);
    }
};

PcapSource::PcapSource() = default;
PcapSource::~PcapSource() = default;

bool PcapSource::fail(CaptureError::Code code, const QString &message)
{
    m_error = CaptureError{code, message, -1, 0};
    m_handle.reset();
    return false;
}

void PcapSource::close()
{
    m_handle.reset();
    m_pcapng.reset();
    m_linkType = -1;
}

bool PcapSource::openFile(const QString &path)
{
    return openStream(io::openInputStream(path, 4), path);
}

bool PcapSource::openStream(io::InputStream &&in, const QString &path)
{
    close();
    m_error = {};
    m_live = false;
    m_frame = 0;
    // Opened once and never rewound: a pipe, a FIFO or standard input ("-")
    // works like a file. Messages leave the path to the caller, which
    // names the input once.
    if (!in.ok())
        return fail(CaptureError::Code::OpenFailed,
                    PcapSourceText::tr("cannot open: %1").arg(in.error));
    if (in.head.size() < 4)
        return fail(CaptureError::Code::OpenFailed,
                    PcapSourceText::tr(
                        "not a pcap or pcapng capture: %1 bytes, too short for a file header")
                        .arg(in.head.size()));
    auto handle = std::make_unique<Handle>();
    handle->file = in.stream.release();
    // A larger stdio buffer: libpcap reads record by record.
    constexpr std::size_t kBufferSize = std::size_t{1} << 18;
    handle->buffer = std::make_unique_for_overwrite<char[]>(kBufferSize);
    std::setvbuf(handle->file, handle->buffer.get(), _IOFBF, kBufferSize);
    // No stdio lock around each of libpcap's two freads per record (atomic
    // operations that took a tenth of `decode --stats`): a source is read
    // by one thread, the engine's.
    __fsetlocking(handle->file, FSETLOCKING_BYCALLER);
    m_fileSize = in.seekable ? QFileInfo(path).size() : -1;
    m_path = path;
    const std::uint32_t magicValue = proxy::readBe32(
        proxy::ByteSpan(reinterpret_cast<const std::uint8_t *>(in.head.constData()), 4), 0);
    m_classicPcap = isClassicPcapMagic(magicValue);
    m_recordOffset = kClassicFileHeader;

    char errbuf[PCAP_ERRBUF_SIZE] = {};
    // Nanosecond precision: libpcap scales microsecond files up, so every
    // timestamp arrives in the same unit.
    handle->pcap =
        pcap_fopen_offline_with_tstamp_precision(handle->file, PCAP_TSTAMP_PRECISION_NANO, errbuf);
    if (!handle->pcap) {
        // libpcap refused the file header (bytes 0..23 of a pcap, the first
        // block of a pcapng).
        fail(CaptureError::Code::OpenFailed,
             PcapSourceText::tr("not a readable capture at byte 0 (file header): %1")
                 .arg(QString::fromLocal8Bit(errbuf)));
        m_error.fileOffset = 0;
        return false;
    }
    m_linkType = pcap_datalink(handle->pcap);
    m_handle = std::move(handle);
    return true;
}

bool PcapSource::openLive(const LiveOptions &options)
{
    close();
    m_error = {};
    m_live = true;
    m_classicPcap = false;
    m_fileSize = -1;
    m_frame = 0;
    char errbuf[PCAP_ERRBUF_SIZE] = {};
    const QByteArray device = options.interfaceName.toLocal8Bit();
    auto handle = std::make_unique<Handle>();
    handle->pcap = pcap_create(device.constData(), errbuf);
    if (!handle->pcap)
        return fail(CaptureError::Code::OpenFailed, QString::fromLocal8Bit(errbuf));
    pcap_set_snaplen(handle->pcap, options.snaplen);
    pcap_set_promisc(handle->pcap, options.promiscuous ? 1 : 0);
    // Immediate delivery, and reads that never block: on Linux the buffer
    // timeout only starts with the first packet, so a quiet interface would
    // block a reader forever. next() polls with its own timeout instead.
    pcap_set_immediate_mode(handle->pcap, 1);
    m_readTimeoutMs = options.readTimeoutMs;
    pcap_set_tstamp_precision(handle->pcap, PCAP_TSTAMP_PRECISION_NANO);
    const int status = pcap_activate(handle->pcap);
    if (status == PCAP_ERROR_PERM_DENIED || status == PCAP_ERROR_PROMISC_PERM_DENIED)
        return fail(CaptureError::Code::PermissionDenied,
                    PcapSourceText::tr(
                        "permission denied capturing on %1: run as root or grant the capture "
                        "capabilities (setcap cap_net_raw,cap_net_admin=eip on the executable)")
                        .arg(options.interfaceName));
    if (status == PCAP_ERROR_NO_SUCH_DEVICE)
        return fail(CaptureError::Code::NoSuchInterface,
                    PcapSourceText::tr("no such interface: %1").arg(options.interfaceName));
    if (status < 0)
        return fail(
            CaptureError::Code::OpenFailed,
            PcapSourceText::tr("cannot capture on %1: %2")
                .arg(options.interfaceName, QString::fromLocal8Bit(pcap_geterr(handle->pcap))));
    if (!options.filter.isEmpty()) {
        bpf_program program{};
        const QByteArray filter = options.filter.toLocal8Bit();
        if (pcap_compile(handle->pcap, &program, filter.constData(), 1, PCAP_NETMASK_UNKNOWN) != 0)
            return fail(
                CaptureError::Code::BadFilter,
                PcapSourceText::tr("capture filter \"%1\": %2")
                    .arg(options.filter, QString::fromLocal8Bit(pcap_geterr(handle->pcap))));
        const int set = pcap_setfilter(handle->pcap, &program);
        pcap_freecode(&program);
        if (set != 0)
            return fail(CaptureError::Code::BadFilter,
                        QString::fromLocal8Bit(pcap_geterr(handle->pcap)));
    }
    if (pcap_setnonblock(handle->pcap, 1, errbuf) != 0 || pcap_get_selectable_fd(handle->pcap) < 0)
        return fail(CaptureError::Code::OpenFailed, QString::fromLocal8Bit(errbuf));
    m_linkType = pcap_datalink(handle->pcap);
    m_handle = std::move(handle);
    return true;
}

PcapSource::ReadStatus PcapSource::next(Packet &packet)
{
    if (m_pcapng)
        return nextFromOwnReader(packet);
    if (!m_handle)
        return ReadStatus::End;
    pcap_pkthdr *header = nullptr;
    const u_char *data = nullptr;
    perf::clearUpperVectorState();
    int rc = pcap_next_ex(m_handle->pcap, &header, &data);
    if (rc == 0 && m_live) {
        pollfd fd{pcap_get_selectable_fd(m_handle->pcap), POLLIN, 0};
        if (::poll(&fd, 1, m_readTimeoutMs) > 0)
            rc = pcap_next_ex(m_handle->pcap, &header, &data);
    }
    if (rc == 1) {
        packet.frame = ++m_frame;
        packet.timeNs = nanoseconds(header->ts);
        packet.wireLength = header->len;
        packet.data = proxy::ByteSpan(data, header->caplen);
        packet.linkType = m_linkType;
        if (m_classicPcap)
            m_recordOffset += kClassicRecordHeader + header->caplen;
        return ReadStatus::Packet;
    }
    if (rc == 0)
        return ReadStatus::Timeout;
    if (rc == PCAP_ERROR_BREAK)
        return ReadStatus::End;
    // PCAP_ERROR: a damaged file (or a failed live read). libpcap's message
    // says what was wrong; the offset says where.
    const QString why = QString::fromLocal8Bit(pcap_geterr(m_handle->pcap));
    if (m_live) {
        m_error = CaptureError{CaptureError::Code::ReadFailed, why, -1, m_frame + 1};
        return ReadStatus::Error;
    }
    std::int64_t offset = -1;
    if (m_classicPcap) {
        offset = m_recordOffset;
    } else if (std::FILE *f = pcap_file(m_handle->pcap)) {
        offset = static_cast<std::int64_t>(std::ftell(f)); // -1 on a pipe
    }
    // A pcapng whose interfaces differ in link type or snap length (files
    // merged, a capture on several interfaces) is valid, not damaged:
    // libpcap reads one kind per file. A file is read again past the
    // packets libpcap gave; from a pipe it cannot be: said so, with the way
    // out.
    if (why.contains(QLatin1String("different from the"))) {
        if (readOnWithOwnReader())
            return nextFromOwnReader(packet);
        m_error = CaptureError{
            CaptureError::Code::UnsupportedLinkType,
            PcapSourceText::tr("capture with interfaces of different link types or snapshot "
                               "lengths from a pipe, read up to frame %1 (file offset %2): %3; "
                               "give the file itself (it is read again past that frame), or keep "
                               "one interface: tshark -r FILE -Y \"frame.interface_id == 0\" -F "
                               "pcap -w one.pcap")
                .arg(m_frame)
                .arg(offset)
                .arg(why),
            offset, m_frame + 1};
        return ReadStatus::Error;
    }
    m_error = CaptureError{
        CaptureError::Code::Damaged,
        m_classicPcap ? PcapSourceText::tr("damaged capture: record %1 at file offset %2: %3")
                            .arg(m_frame + 1)
                            .arg(offset)
                            .arg(why)
                      : PcapSourceText::tr("damaged capture: block for frame %1 (read up to file "
                                           "offset %2): %3")
                            .arg(m_frame + 1)
                            .arg(offset)
                            .arg(why),
        offset, m_frame + 1};
    return ReadStatus::Error;
}

bool PcapSource::readWithOwnReader()
{
    return !m_live && !m_classicPcap && m_frame == 0 && readOnWithOwnReader();
}

// Reopens the file with PcapngReader and passes over the packets libpcap
// delivered: both count the same blocks as packets.
bool PcapSource::readOnWithOwnReader()
{
    if (m_fileSize < 0 || m_path.isEmpty() || m_path == QLatin1String("-"))
        return false;
    auto reader = std::make_unique<PcapngReader>();
    if (!reader->open(m_path))
        return false;
    Packet skipped;
    for (std::uint64_t i = 0; i < m_frame; ++i) {
        if (reader->next(skipped) != PcapngReader::Status::Packet)
            return false; // the file changed meanwhile: libpcap's error stands
    }
    m_handle.reset();
    m_pcapng = std::move(reader);
    return true;
}

PcapSource::ReadStatus PcapSource::nextFromOwnReader(Packet &packet)
{
    switch (m_pcapng->next(packet)) {
    case PcapngReader::Status::Packet:
        packet.frame = ++m_frame;
        return ReadStatus::Packet;
    case PcapngReader::Status::End:
        return ReadStatus::End;
    case PcapngReader::Status::Error:
        break;
    }
    m_error = CaptureError{CaptureError::Code::Damaged,
                           PcapSourceText::tr("damaged capture: block for frame %1 at file "
                                              "offset %2: %3")
                               .arg(m_frame + 1)
                               .arg(m_pcapng->errorOffset())
                               .arg(m_pcapng->error()),
                           m_pcapng->errorOffset(), m_frame + 1};
    return ReadStatus::Error;
}

void PcapSource::breakLoop()
{
    if (m_handle && m_handle->pcap)
        pcap_breakloop(m_handle->pcap);
}

std::uint32_t PcapSource::snaplen() const
{
    if (m_pcapng)
        return m_pcapng->snaplen();
    if (!m_handle || !m_handle->pcap)
        return 0;
    return static_cast<std::uint32_t>(std::max(0, pcap_snapshot(m_handle->pcap)));
}

LiveStats PcapSource::liveStats() const
{
    LiveStats stats;
    pcap_stat s{};
    if (!m_live || !m_handle || !m_handle->pcap || pcap_stats(m_handle->pcap, &s) != 0)
        return stats;
    stats.received = s.ps_recv;
    stats.dropped = s.ps_drop;
    stats.interfaceDropped = s.ps_ifdrop;
    stats.valid = true;
    return stats;
}

std::int64_t PcapSource::bytesRead() const
{
    if (m_pcapng)
        return m_pcapng->offset();
    if (!m_handle || m_live)
        return 0;
    if (m_classicPcap)
        return m_recordOffset;
    if (std::FILE *f = pcap_file(m_handle->pcap))
        return std::max<std::int64_t>(0, std::ftell(f)); // ftell fails on a pipe
    return 0;
}

} // namespace pl::capture
