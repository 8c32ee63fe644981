#pragma once

#include "connectionrow.h"

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace pl::capture {

// Up to kRows connection rows packed for a table that holds millions of
// them: about 90 bytes a row plus its header bytes, where a ConnectionRow
// is 320 bytes plus a heap block for the header. The header bytes of all
// rows lie back to back in one buffer; frames and times are kept as
// deltas from the row's first ones; addresses as IPv4 words (IPv6 in a
// table of the chunk); payload and response summaries, findings and their
// text as indices into tables of the chunk (a capture repeats them). A
// row that does not fit (a delta past 32 bits, a header over 64 KiB...) is
// kept whole beside the packed ones. Rows come back as ConnectionRows that
// compare equal to what went in.
//
// Appending is not thread-safe; a chunk nobody appends to any more may be
// read from any thread.
class ConnectionChunk
{
public:
    static constexpr std::size_t kRows = 4096;

    ConnectionChunk();
    ~ConnectionChunk();
    ConnectionChunk(const ConnectionChunk &) = delete;
    ConnectionChunk &operator=(const ConnectionChunk &) = delete;

    std::size_t size() const;
    bool full() const { return size() == kRows; }
    void append(const ConnectionRow &row);
    // Gives back what the chunk holds in reserve once no row will follow.
    void squeeze();

    // Row `index` as it was appended, with its own copy of the header bytes.
    ConnectionRow row(std::size_t index) const;
    // The same, but its header bytes are this chunk's (no copy): for a
    // caller done with the row before the chunk is appended to or goes
    // (a table model's data(), a loop over a snapshot).
    ConnectionRow view(std::size_t index) const;

    // What sorting the table by frame or time compares, without building
    // the row (a sorted insert of 4k rows asks it some 100k times).
    std::uint64_t firstFrame(std::size_t index) const;
    std::int64_t firstTimeNs(std::size_t index) const;

    std::size_t memoryBytes() const;

private:
    struct Packed;
    bool pack(const ConnectionRow &row, Packed &p);
    ConnectionRow unpack(std::size_t index, bool ownHeader) const;
    std::uint32_t ipOf(const NetEndpoint &endpoint, bool &v6);
    template <typename T, typename Key>
    static std::uint16_t indexOf(std::vector<T> &values,
                                 std::unordered_map<Key, std::uint16_t> &indices, const T &value,
                                 Key key);

    std::vector<Packed> m_rows;
    std::vector<char> m_headers; // every packed row's header bytes, back to back
    std::vector<std::array<std::uint8_t, 16>> m_ipv6;
    std::vector<RequestSummary> m_payloads;
    std::vector<QString> m_responses;
    std::vector<QString> m_findingTexts;
    std::vector<QList<Finding>> m_findings;                  // index + 1 in a row; 0: none
    std::unordered_map<std::uint32_t, ConnectionRow> m_wide; // rows that did not pack
    // While appending: the index of each shared value (by its data pointer,
    // the pool hands out one copy of each); cleared by squeeze().
    std::unordered_map<const void *, std::uint16_t> m_payloadIndex, m_responseIndex,
        m_findingTextIndex;
};

} // namespace pl::capture
