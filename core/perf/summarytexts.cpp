#include "summarytexts.h"

#include "bytehash.h"

namespace pl::perf {

QString SummaryTexts::text(std::string_view latin1)
{
    if (latin1.empty())
        return {};
    if (latin1.size() > kLongestKept)
        return QString::fromLatin1(latin1.data(), static_cast<qsizetype>(latin1.size()));
    Slot &slot = m_slots[hashBytes(latin1) & (kSlots - 1)];
    if (slot.key != latin1) {
        slot.key.assign(latin1);
        slot.text = QString::fromLatin1(latin1.data(), static_cast<qsizetype>(latin1.size()));
    }
    return slot.text;
}

} // namespace pl::perf
