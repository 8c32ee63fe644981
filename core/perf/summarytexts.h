#pragma once

#include <QString>

#include <array>
#include <string>
#include <string_view>

namespace pl::perf {

// Summary texts seen recently, by their bytes, read as UTF-8 (paths and
// hosts are UTF-8 on the wire; a stray byte shows as U+FFFD). Captures repeat them
// ("HTTP/1.1 200 OK", "GET /health HTTP/1.1 Host: api.example"): handing
// out a shared copy costs a reference count, where building each one cost
// an allocation, a conversion to UTF-16 and later a free (a sizeable part
// of `decode --stats`: bench/README.md). Direct-mapped and
// bounded: a miss takes over its slot; long texts are built, not kept.
class SummaryTexts
{
public:
    QString text(std::string_view utf8);

private:
    static constexpr std::size_t kSlots = 256;
    static constexpr std::size_t kLongestKept = 512;
    struct Slot
    {
        std::string key;
        QString text;
    };
    std::array<Slot, kSlots> m_slots;
};

} // namespace pl::perf
