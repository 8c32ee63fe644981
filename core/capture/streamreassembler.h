#pragma once

#include "proxy/bytearrayspan.h"

#include <QByteArray>

#include <cstdint>
#include <map>

namespace pl::capture {

// Rebuilds the first bytes of one TCP direction in sequence order. Handles
// split, out-of-order, retransmitted and overlapping segments; keeps at most
// `cap` bytes so a flow's memory is bounded whatever the capture holds.
class StreamReassembler
{
public:
    struct AddResult
    {
        bool retransmission = false; // some bytes were already there
        bool mismatch = false;       // ...and differed from the first copy
        std::uint32_t overlapOffset = 0;
    };

    explicit StreamReassembler(std::uint32_t cap = 0) : m_cap(cap) {}

    void setCap(std::uint32_t cap) { m_cap = cap; }
    // seq of stream byte 0 (SYN seq + 1, or the first segment mid-stream).
    void setBase(std::uint32_t seq);
    bool hasBase() const { return m_hasBase; }
    // Stream offset of seq (negative: before the base).
    std::int64_t offsetOf(std::uint32_t seq) const
    {
        return static_cast<std::int32_t>(seq - m_base);
    }

    // Places a segment's captured bytes. A snaplen-cut segment passes only
    // what was captured: the rest stays a hole that only a retransmission
    // can fill, so cut bytes are never decoded as if they had arrived.
    AddResult add(std::uint32_t seq, proxy::ByteSpan captured);

    // Stream bytes 0..n without holes.
    proxy::ByteSpan contiguous() const
    {
        if (!m_borrowed.empty())
            return m_borrowed;
        return proxy::byteSpan(m_data);
    }
    // The first segment of a stream is not copied: add() keeps a view of the
    // caller's bytes, which must stay valid until settle(); call settle()
    // after every add(), before the caller's buffer moves on.
    // Most connections send their header and request in one segment and are
    // summarised (and released) before the packet buffer moves on, so they
    // never copy. settle() copies the view when the bytes are still needed.
    void settle();
    // Bytes after a hole are waiting: the hole is a gap if the stream ends.
    bool hasDataAfterHole() const { return !m_pending.empty(); }
    bool capReached() const { return m_capReached; }
    // Frees the buffers; later segments are ignored.
    void release();
    bool released() const { return m_released; }

private:
    void drainPending(AddResult &result);

    std::uint32_t m_cap;
    std::uint32_t m_base = 0;
    bool m_hasBase = false;
    bool m_capReached = false;
    bool m_released = false;
    proxy::ByteSpan m_borrowed; // stream bytes 0..n, owned by the caller until settle()
    QByteArray m_data;
    std::map<std::uint32_t, QByteArray> m_pending; // by stream offset
};

} // namespace pl::capture
