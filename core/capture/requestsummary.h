#pragma once

#include <QExplicitlySharedDataPointer>
#include <QSharedData>
#include <QString>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace pl::capture {

// What a client sent after its PROXY header, read once where the bytes are
// (the capture reader, the listener): a text for tables and exports
// ("GET /login HTTP/1.1 Host: a.example", "TLS ClientHello SNI=a.example
// ALPN=h2", "binary") and the fields the access policy judges. Immutable
// and shared: a capture repeats the same requests a million times, and a
// copy costs a reference count (8 bytes a connection).
class RequestSummary
{
public:
    enum class Kind : std::uint8_t
    {
        None,   // nothing arrived (or too little to tell)
        Http,   // an HTTP/1.x request line
        Tls,    // a TLS record (a ClientHello when sni/alpn are known)
        Binary, // anything else
    };
    struct Fields
    {
        Kind kind = Kind::None;
        QString text;
        QString method; // HTTP, when the line reads METHOD SP PATH SP HTTP/x
        QString path;
        QString host;      // the Host header's value
        QString userAgent; // the User-Agent header's value
        QString sni;       // TLS ClientHello server_name
        QString alpn;      // TLS ClientHello protocols, comma separated
    };

    RequestSummary() = default;
    explicit RequestSummary(Fields fields);

    const Fields &fields() const;
    const QString &text() const { return fields().text; }
    Kind kind() const { return fields().kind; }
    bool isEmpty() const { return !m_data || m_data->text.isEmpty(); }
    bool operator==(const RequestSummary &o) const;

private:
    struct Data : QSharedData, Fields
    {
        explicit Data(Fields fields) : Fields(std::move(fields)) {}
    };
    QExplicitlySharedDataPointer<const Data> m_data;
};

// Summaries seen recently, by a key of what made them (the request line,
// Host, User-Agent; the ClientHello's names), so repeated requests share
// one summary. Bounded: two ways per set, the less recently used one is
// replaced (one way alone rebuilt two alternating requests that shared a
// slot every time).
class RequestSummaryCache
{
public:
    // The cached summary for key, else the one make() builds (and keeps).
    template <typename Make>
    RequestSummary get(std::string_view key, const Make &make)
    {
        if (key.empty() || key.size() > kLongestKept)
            return make();
        Set &set = m_sets[setOf(key)];
        for (std::uint8_t way = 0; way < 2; ++way) {
            if (set.ways[way].key == key) {
                set.older = std::uint8_t(1 - way);
                return set.ways[way].summary;
            }
        }
        Way &victim = set.ways[set.older];
        victim.key.assign(key);
        victim.summary = make();
        set.older = std::uint8_t(1 - set.older);
        return victim.summary;
    }

private:
    static constexpr std::size_t kSets = 256;
    static constexpr std::size_t kLongestKept = 1024;
    static std::size_t setOf(std::string_view key);
    struct Way
    {
        std::string key;
        RequestSummary summary;
    };
    struct Set
    {
        Way ways[2];
        std::uint8_t older = 0; // the way to replace next
    };
    std::array<Set, kSets> m_sets;
};

} // namespace pl::capture
