#pragma once

// Compact hash tables of the flow-log check (internal to core/flowlog):
// what grows with the input is one entry per flow and per learnt port, so
// they are kept small and free of per-entry allocations.

#include "perf/bytehash.h"

#include <cstdint>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace pl::flowlog {

// The hash of a key's bytes (perf::hashBytes): keys are plain structs
// without padding bits, so equal keys have equal bytes.
template <typename Key>
std::uint64_t hashKeyBytes(const Key &key)
{
    static_assert(std::has_unique_object_representations_v<Key>,
                  "a key hashed by its bytes must have no padding");
    return perf::hashBytes(std::string_view(reinterpret_cast<const char *>(&key), sizeof key));
}

// A map from Key to Value with open addressing like capture::TcpFlowTable
// (linear probing, power-of-two slots, at most half full). A slot is 8 bytes
// (32 hash bits and the entry's index + 1); the entries themselves sit in
// insertion order in fixed chunks that never move, so growing rewrites the
// slots only, an index stays valid and iteration is in first-seen order
// (deterministic output). No removal: the check only accumulates.
template <typename Key, typename Value>
class DenseTable
{
public:
    static constexpr std::uint32_t kNone = 0xFFFFFFFF;
    struct Entry
    {
        Key key{};
        Value value{};
    };

    // The index of key's entry, inserted with a default value when new.
    std::uint32_t findOrInsert(const Key &key, bool *inserted = nullptr)
    {
        const auto hash = std::uint32_t(hashKeyBytes(key));
        if ((std::size_t(m_size) + 1) * 2 > m_slots.size())
            grow();
        const std::size_t mask = m_slots.size() - 1;
        for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
            Slot &slot = m_slots[i];
            if (slot.index == 0) {
                if (m_size == kNone - 1)
                    throw std::length_error("flow-log table full");
                if ((m_size >> kChunkBits) == m_chunks.size())
                    m_chunks.push_back(std::make_unique<Entry[]>(kChunkSize));
                at(m_size).key = key;
                slot = {hash, ++m_size};
                if (inserted)
                    *inserted = true;
                return m_size - 1;
            }
            if (slot.hash == hash && at(slot.index - 1).key == key) {
                if (inserted)
                    *inserted = false;
                return slot.index - 1;
            }
        }
    }

    // The index of key's entry, or kNone.
    std::uint32_t find(const Key &key) const
    {
        if (m_size == 0)
            return kNone;
        const auto hash = std::uint32_t(hashKeyBytes(key));
        const std::size_t mask = m_slots.size() - 1;
        for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
            const Slot &slot = m_slots[i];
            if (slot.index == 0)
                return kNone;
            if (slot.hash == hash && at(slot.index - 1).key == key)
                return slot.index - 1;
        }
    }

    Entry &at(std::uint32_t index) { return m_chunks[index >> kChunkBits][index & kChunkMask]; }
    const Entry &at(std::uint32_t index) const
    {
        return m_chunks[index >> kChunkBits][index & kChunkMask];
    }
    Value &operator[](const Key &key) { return at(findOrInsert(key)).value; }

    // For a last pass over the entries in index order (the check's
    // judging): frees the slots, and the chunks wholly before `index`, so
    // that the pass holds only what it has not read yet. No lookup may
    // follow, nor at() below `index`. Cheap enough to call at every index.
    void releaseBefore(std::uint32_t index)
    {
        if ((index & kChunkMask) != 0)
            return;
        if (!m_slots.empty())
            std::vector<Slot>().swap(m_slots);
        if (const std::size_t chunk = index >> kChunkBits; chunk > 0 && chunk <= m_chunks.size())
            m_chunks[chunk - 1].reset();
    }

    std::size_t size() const { return m_size; }
    std::size_t slotCount() const { return m_slots.size(); }
    // Bytes held: slots and the entries in use. A chunk is 8192 entries
    // (about 1 MiB of flows): counted whole, a budget of a few MiB spilled at
    // every record once the tables began a chunk each.
    std::size_t memoryBytes() const
    {
        return m_slots.size() * sizeof(Slot) + std::size_t(m_size) * sizeof(Entry);
    }

private:
    static constexpr unsigned kChunkBits = 13; // 8192 entries a chunk
    static constexpr std::size_t kChunkSize = std::size_t(1) << kChunkBits;
    static constexpr std::uint32_t kChunkMask = kChunkSize - 1;
    struct Slot
    {
        std::uint32_t hash = 0;
        std::uint32_t index = 0; // entry index + 1; 0: empty
    };

    void grow()
    {
        std::vector<Slot> old;
        old.swap(m_slots);
        m_slots.assign(old.empty() ? 64 : old.size() * 2, Slot{});
        const std::size_t mask = m_slots.size() - 1;
        for (const Slot &slot : old) {
            if (slot.index == 0)
                continue;
            std::size_t i = slot.hash & mask;
            while (m_slots[i].index != 0)
                i = (i + 1) & mask;
            m_slots[i] = slot;
        }
    }

    std::vector<Slot> m_slots;
    std::vector<std::unique_ptr<Entry[]>> m_chunks;
    std::uint32_t m_size = 0;
};

// A growing array whose elements never move: fixed chunks, as DenseTable's
// entries. A vector's doubling held up to twice its elements, and both
// arrays while it copied (20 MB of the check's peak for 18k findings).
template <typename T>
class ChunkedArray
{
public:
    T &emplace_back()
    {
        if ((m_size >> kChunkBits) == m_chunks.size())
            m_chunks.push_back(std::make_unique<T[]>(kChunkSize));
        T &added = (*this)[m_size++];
        added = T{};
        return added;
    }
    void push_back(const T &value) { emplace_back() = value; }
    T &operator[](std::size_t index) { return m_chunks[index >> kChunkBits][index & kChunkMask]; }
    const T &operator[](std::size_t index) const
    {
        return m_chunks[index >> kChunkBits][index & kChunkMask];
    }
    std::size_t size() const { return m_size; }

private:
    static constexpr unsigned kChunkBits = 10; // 1024 elements a chunk
    static constexpr std::size_t kChunkSize = std::size_t(1) << kChunkBits;
    static constexpr std::size_t kChunkMask = kChunkSize - 1;
    std::vector<std::unique_ptr<T[]>> m_chunks;
    std::size_t m_size = 0;
};

// Whether two byte strings are equal, for the short IDs the tables intern:
// up to 16 bytes in two overlapping loads of each, no library call (one per
// record was 3% of the check). Reads only inside both strings.
inline bool sameBytes(std::string_view a, std::string_view b)
{
    const std::size_t n = a.size();
    if (n != b.size())
        return false;
    const char *const x = a.data();
    const char *const y = b.data();
    const auto same = [x, y, n](auto word) {
        decltype(word) x0, x1, y0, y1;
        std::memcpy(&x0, x, sizeof word);
        std::memcpy(&y0, y, sizeof word);
        std::memcpy(&x1, x + n - sizeof word, sizeof word);
        std::memcpy(&y1, y + n - sizeof word, sizeof word);
        return ((x0 ^ y0) | (x1 ^ y1)) == 0;
    };
    if (n > 16)
        return std::memcmp(x, y, n) == 0;
    if (n >= 8)
        return same(std::uint64_t{});
    if (n >= 4)
        return same(std::uint32_t{});
    if (n >= 2)
        return same(std::uint16_t{});
    return n == 0 || *x == *y;
}

// Interned strings (ENI, instance, VPC IDs...): id 0 is the empty string.
// The characters sit end to end in one buffer; the index is open
// addressing over hashBytes like DenseTable.
class StringIds
{
public:
    StringIds() { m_offsets.push_back(0); }

    std::uint32_t intern(std::string_view s)
    {
        if (s.empty())
            return 0;
        if (m_last != 0 && sameBytes(name(m_last), s))
            return m_last;
        const auto hash = std::uint32_t(perf::hashBytes(s));
        if ((m_offsets.size() + 1) * 2 > m_slots.size())
            grow();
        const std::size_t mask = m_slots.size() - 1;
        for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
            Slot &slot = m_slots[i];
            if (slot.id == 0) {
                if (m_chars.size() + s.size() > 0xFFFFFFFFu || m_offsets.size() >= 0xFFFFFFFFu)
                    throw std::length_error("flow-log string table full");
                m_chars.append(s);
                m_offsets.push_back(std::uint32_t(m_chars.size()));
                slot = {hash, std::uint32_t(m_offsets.size() - 2) + 1};
                return m_last = slot.id;
            }
            if (slot.hash == hash && sameBytes(name(slot.id), s))
                return m_last = slot.id;
        }
    }

    std::string_view name(std::uint32_t id) const
    {
        if (id == 0)
            return {};
        return std::string_view(m_chars).substr(m_offsets[id - 1],
                                                m_offsets[id] - m_offsets[id - 1]);
    }
    std::string text(std::uint32_t id) const { return std::string(name(id)); }
    // Distinct non-empty strings.
    std::size_t size() const { return m_offsets.size() - 1; }

private:
    struct Slot
    {
        std::uint32_t hash = 0;
        std::uint32_t id = 0; // 0: empty
    };

    void grow()
    {
        std::vector<Slot> old;
        old.swap(m_slots);
        m_slots.assign(old.empty() ? 64 : old.size() * 2, Slot{});
        const std::size_t mask = m_slots.size() - 1;
        for (const Slot &slot : old) {
            if (slot.id == 0)
                continue;
            std::size_t i = slot.hash & mask;
            while (m_slots[i].id != 0)
                i = (i + 1) & mask;
            m_slots[i] = slot;
        }
    }

    std::string m_chars;
    std::vector<std::uint32_t> m_offsets; // string id k spans [k-1], [k]
    std::vector<Slot> m_slots;
    std::uint32_t m_last = 0;
};

} // namespace pl::flowlog
