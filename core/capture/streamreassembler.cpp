#include "streamreassembler.h"

#include <algorithm>
#include <cstring>

namespace pl::capture {

void StreamReassembler::setBase(std::uint32_t seq)
{
    m_base = seq;
    m_hasBase = true;
}

void StreamReassembler::settle()
{
    if (m_borrowed.empty())
        return;
    m_data = QByteArray(reinterpret_cast<const char *>(m_borrowed.data()),
                        static_cast<qsizetype>(m_borrowed.size()));
    m_borrowed = {};
}

void StreamReassembler::release()
{
    m_released = true;
    m_borrowed = {};
    m_data = QByteArray();
    m_pending.clear();
}

StreamReassembler::AddResult StreamReassembler::add(std::uint32_t seq, proxy::ByteSpan bytes)
{
    AddResult result;
    if (m_released || bytes.empty())
        return result;
    // The previous segment's buffer may be gone by now: the caller settles
    // before it moves on (copying here would read freed bytes).
    Q_ASSERT(m_borrowed.empty());
    if (!m_hasBase)
        setBase(seq);
    // Sequence numbers wrap: the signed difference is the stream offset.
    std::int64_t offset = static_cast<std::int32_t>(seq - m_base);
    if (offset < 0) {
        // Bytes before the base (mid-stream start, or a SYN retransmit).
        const std::int64_t skip = -offset;
        if (skip >= static_cast<std::int64_t>(bytes.size()))
            return result;
        bytes = bytes.subspan(static_cast<std::size_t>(skip));
        offset = 0;
    }
    if (offset >= m_cap) {
        m_capReached = true;
        return result;
    }
    std::size_t room = m_cap - static_cast<std::size_t>(offset);
    if (bytes.size() > room) {
        bytes = bytes.first(room);
        m_capReached = true;
    }
    const auto have = static_cast<std::size_t>(m_data.size());
    const auto at = static_cast<std::size_t>(offset);
    if (at < have) {
        // Overlap with bytes already placed: the first copy wins (like most
        // receivers); a different second copy is worth telling the user.
        const std::size_t overlap = std::min(have - at, bytes.size());
        result.retransmission = true;
        result.overlapOffset = static_cast<std::uint32_t>(at);
        result.mismatch = std::memcmp(m_data.constData() + at, bytes.data(), overlap) != 0;
        bytes = bytes.subspan(overlap);
        if (bytes.empty())
            return result;
        m_data.append(reinterpret_cast<const char *>(bytes.data()),
                      static_cast<qsizetype>(bytes.size()));
        drainPending(result);
        return result;
    }
    if (at == have) {
        if (have == 0 && m_pending.empty()) {
            m_borrowed = bytes;
            return result;
        }
        m_data.append(reinterpret_cast<const char *>(bytes.data()),
                      static_cast<qsizetype>(bytes.size()));
        drainPending(result);
        return result;
    }
    // Out of order: keep it until the hole before it fills. A second copy
    // at the same place only adds what runs past the first (the first copy
    // wins here too), and a difference in the common part is told.
    auto &slot = m_pending[static_cast<std::uint32_t>(at)];
    const auto held = static_cast<std::size_t>(slot.size());
    if (held > 0) {
        result.retransmission = true;
        result.overlapOffset = static_cast<std::uint32_t>(at);
        result.mismatch =
            std::memcmp(slot.constData(), bytes.data(), std::min(held, bytes.size())) != 0;
    }
    if (held < bytes.size())
        slot.append(reinterpret_cast<const char *>(bytes.data()) + held,
                    static_cast<qsizetype>(bytes.size() - held));
    return result;
}

void StreamReassembler::drainPending(AddResult &result)
{
    while (!m_pending.empty()) {
        auto first = m_pending.begin();
        const auto have = static_cast<std::size_t>(m_data.size());
        if (first->first > have)
            return;
        const QByteArray &chunk = first->second;
        const std::size_t skip = have - first->first;
        // Held bytes that overlap what is placed now: the placed copy came
        // first or fills the hole; a different held copy is told.
        const std::size_t overlap = std::min(skip, static_cast<std::size_t>(chunk.size()));
        if (overlap > 0 && !result.mismatch &&
            std::memcmp(m_data.constData() + first->first, chunk.constData(), overlap) != 0) {
            result.retransmission = true;
            result.mismatch = true;
            result.overlapOffset = first->first;
        }
        if (skip < static_cast<std::size_t>(chunk.size()))
            m_data.append(chunk.constData() + skip, chunk.size() - static_cast<qsizetype>(skip));
        m_pending.erase(first);
    }
}

} // namespace pl::capture
