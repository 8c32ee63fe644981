#pragma once

#include "payloadsummary.h"
#include "tcpflow.h"

#include <deque>
#include <functional>
#include <optional>
#include <vector>

namespace pl::capture {

// Both endpoints of a flow in a fixed order (by address words, then port),
// so both directions share a key.
// Addresses are held as two 64-bit words each: comparing and hashing words
// is what the per-packet lookup spends its time on.
struct FlowKey
{
    std::array<std::uint64_t, 2> lowIp{};
    std::array<std::uint64_t, 2> highIp{};
    std::uint16_t lowPort = 0;
    std::uint16_t highPort = 0;
    bool ipv6 = false;

    // The same key for both directions.
    static FlowKey of(const NetEndpoint &a, const NetEndpoint &b);
    bool operator==(const FlowKey &o) const
    {
        // Word by word: the defaulted comparison calls memcmp per array.
        return lowIp[0] == o.lowIp[0] && lowIp[1] == o.lowIp[1] && highIp[0] == o.highIp[0] &&
               highIp[1] == o.highIp[1] && lowPort == o.lowPort && highPort == o.highPort &&
               ipv6 == o.ipv6;
    }
};

struct FlowKeyHash
{
    std::size_t operator()(const FlowKey &key) const noexcept;
};

// TCP connections keyed by their 4-tuple. Each flow reassembles the first
// bytes of both directions until the header, the request summary and the
// response are known, then drops its buffers; the record is handed to the
// sink when the connection closes (FIN both ways, RST) or at flush().
//
// The index is an open-addressing table (linear probing, power-of-two size,
// at most half full) of small slots: the per-packet lookup was an eighth of
// `decode --stats` with std::unordered_map, a third of that in the modulo by
// its prime bucket count. Flows live in a deque (stable addresses) and their
// places are reused once a connection is finished.
class TcpFlowTable
{
public:
    using Sink = std::function<void(Connection &&)>;

    TcpFlowTable(TcpFlow::Options options, Sink sink);
    ~TcpFlowTable();
    TcpFlowTable(const TcpFlowTable &) = delete; // flows point at m_caches
    TcpFlowTable &operator=(const TcpFlowTable &) = delete;

    void add(const TcpSegment &segment);
    // End of capture: every flow still open goes to the sink, oldest first.
    void flush();

    std::size_t openFlows() const { return m_flows.size() - m_freeFlows.size(); }
    // Segments of flows that never showed a handshake or payload (ACKs after
    // a close, keep-alives at capture start): not worth a record.
    std::uint64_t straySegments() const { return m_straySegments; }

private:
    static constexpr std::uint32_t kNoFlow = 0xFFFFFFFF;
    struct Slot
    {
        std::uint32_t hash = 0; // low bits of the key's hash: its home slot
        std::uint32_t flow = kNoFlow;
    };
    static constexpr std::size_t kNotFound = ~std::size_t{0};
    static constexpr std::size_t kInitialSlots = 64;

    std::size_t findSlot(const FlowKey &key, std::uint32_t hash) const;
    std::size_t insert(const FlowKey &key, std::uint32_t hash, const TcpSegment &first);
    std::size_t place(Slot slot);  // returns where it went
    void remove(std::size_t slot); // destroys the flow and closes the gap it leaves
    void finish(TcpFlow &flow);

    TcpFlow::Options m_options;
    Sink m_sink;
    std::vector<Slot> m_slots;                  // size a power of two
    std::deque<std::optional<TcpFlow>> m_flows; // by flow number; empty ones are free
    std::vector<FlowKey> m_keys;                // by flow number
    std::vector<std::uint32_t> m_freeFlows;     // flow numbers to reuse
    std::uint64_t m_straySegments = 0;
    SummaryCaches m_caches; // request and response summaries, shared between records
};

} // namespace pl::capture
