// The compact tables of the flow-log check (core/flowlog/densetable.h)
// against std::map on random input: growth through many doublings, keys
// that differ in one field only, many interned IDs.

#include "flowlog/densetable.h"

#include <QTest>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <tuple>
#include <vector>

using namespace pl::flowlog;

namespace {

struct Key
{
    std::uint32_t eni = 0;
    std::uint32_t address = 0;
    std::uint16_t port = 0;
    std::uint16_t unused = 0;
    friend bool operator==(const Key &a, const Key &b) = default;
    friend bool operator<(const Key &a, const Key &b)
    {
        return std::tie(a.eni, a.address, a.port) < std::tie(b.eni, b.address, b.port);
    }
};

struct Value
{
    std::uint64_t sum = 0;
    std::uint32_t count = 0;
};

} // namespace

class TestFlowlogDenseTable : public QObject
{
    Q_OBJECT

private slots:
    void matchesStdMapOnRandomInput()
    {
        std::mt19937_64 rng(13);
        DenseTable<Key, Value> table;
        std::map<Key, Value> reference;
        std::map<Key, std::uint32_t> firstIndex;
        for (int i = 0; i < 300000; ++i) {
            // Few ENIs, few addresses, many ports: keys collide in most fields.
            Key key;
            key.eni = std::uint32_t(rng() % 50);
            key.address = 0x0A000000u + std::uint32_t(rng() % 200);
            key.port = std::uint16_t(rng() % 200);
            const std::uint64_t amount = rng() % 1000;
            bool inserted = false;
            const std::uint32_t index = table.findOrInsert(key, &inserted);
            Value &v = table.at(index).value;
            v.sum += amount;
            ++v.count;
            Value &r = reference[key];
            QCOMPARE(inserted, r.count == 0);
            r.sum += amount;
            ++r.count;
            const auto [at, isNew] = firstIndex.try_emplace(key, index);
            QCOMPARE(isNew, inserted);
            QCOMPARE(at->second, index); // an index never moves
        }
        QCOMPARE(table.size(), reference.size());
        for (const auto &[key, r] : reference) {
            const std::uint32_t index = table.find(key);
            QVERIFY(index != table.kNone);
            QVERIFY(table.at(index).key == key);
            QCOMPARE(table.at(index).value.sum, r.sum);
            QCOMPARE(table.at(index).value.count, r.count);
        }
        // Entries are numbered in first-seen order.
        std::vector<std::uint32_t> indexes;
        for (const auto &[key, index] : firstIndex)
            indexes.push_back(index);
        std::sort(indexes.begin(), indexes.end());
        for (std::size_t i = 0; i < indexes.size(); ++i)
            QCOMPARE(indexes[i], std::uint32_t(i));
        QVERIFY(table.find(Key{999, 1, 2, 0}) == table.kNone);
    }

    void growsAndStaysAtMostHalfFull()
    {
        DenseTable<Key, Value> table;
        QVERIFY(table.find(Key{}) == table.kNone);
        for (std::uint32_t i = 0; i < 100000; ++i) {
            table[Key{i / 1000, i, std::uint16_t(i), 0}].count = i;
            QVERIFY(table.size() * 2 <= table.slotCount());
        }
        QCOMPARE(table.size(), std::size_t(100000));
        for (std::uint32_t i = 0; i < 100000; ++i) {
            const std::uint32_t index = table.find(Key{i / 1000, i, std::uint16_t(i), 0});
            QCOMPARE(index, i);
            QCOMPARE(table.at(index).value.count, i);
        }
        // Slots of 8 bytes at most half full, entries in chunks: well under
        // what std::unordered_map's nodes and buckets take.
        QVERIFY(table.memoryBytes() < 100000 * (sizeof(Key) + sizeof(Value) + 32));
    }

    void sameBytesAtEveryLength()
    {
        // The interning's comparison: equal copies are equal, one changed
        // byte anywhere, or one more byte, is not (0 to 24 bytes: each of
        // its word sizes and the library call past 16).
        const std::string base = "eni-bp1a2b3c4d5e6f7g8h9i0";
        for (std::size_t n = 0; n <= 24; ++n) {
            const std::string a = base.substr(0, n);
            const std::string b = a; // another buffer
            QVERIFY(sameBytes(a, b));
            QVERIFY(!sameBytes(a, base.substr(0, n + 1)));
            for (std::size_t i = 0; i < n; ++i) {
                std::string c = a;
                c[i] = static_cast<char>(c[i] ^ 0x20);
                QVERIFY2(!sameBytes(a, c),
                         qPrintable(QString::number(n) + "/" + QString::number(i)));
            }
        }
    }

    void internsManyIds()
    {
        StringIds ids;
        QCOMPARE(ids.intern(""), 0u);
        QCOMPARE(ids.name(0), std::string_view());
        std::map<std::string, std::uint32_t> reference;
        std::mt19937 rng(7);
        for (int i = 0; i < 200000; ++i) {
            // ENI IDs of one length that differ in their last characters,
            // and some longer than a word.
            const auto n = std::uint32_t(rng() % 60000);
            std::string name = "eni-bp1" + std::to_string(100000 + n);
            if (n % 7 == 0)
                name += "-with-a-much-longer-tail-" + std::to_string(n);
            const std::uint32_t id = ids.intern(name);
            QVERIFY(id != 0);
            const auto [at, isNew] = reference.try_emplace(name, id);
            if (!isNew)
                QCOMPARE(id, at->second);
            QCOMPARE(ids.name(id), std::string_view(name));
        }
        QCOMPARE(ids.size(), reference.size());
        for (const auto &[name, id] : reference) {
            QCOMPARE(ids.intern(name), id);
            QCOMPARE(ids.text(id), name);
        }
    }
};

QTEST_GUILESS_MAIN(TestFlowlogDenseTable)
#include "tst_flowlogdensetable.moc"
