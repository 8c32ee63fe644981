#include "summarytexts.h"

#include "bytehash.h"

namespace pl::perf {

QString SummaryTexts::text(std::string_view utf8)
{
    if (utf8.empty())
        return {};
    if (utf8.size() > kLongestKept)
        return QString::fromUtf8(utf8.data(), static_cast<qsizetype>(utf8.size()));
    Slot &slot = m_slots[hashBytes(utf8) & (kSlots - 1)];
    if (slot.key != utf8) {
        slot.key.assign(utf8);
        slot.text = QString::fromUtf8(utf8.data(), static_cast<qsizetype>(utf8.size()));
    }
    return slot.text;
}

} // namespace pl::perf
