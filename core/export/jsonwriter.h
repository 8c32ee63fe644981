#pragma once

#include "proxy/bytes.h"

#include <QByteArray>
#include <QStringView>

#include <cstdint>
#include <string_view>

namespace pl::exporting {

// Appends compact JSON to a byte array, value by value: no document tree.
// Capture exports write one object per connection, and building QJsonObjects
// for them cost 30x the decoding. Output is what QJsonDocument's compact form
// prints for the same values (same escapes, UTF-8), so callers that want a
// QJsonObject can parse it back. Keys are written in the order given; the
// contract writers give them in alphabetical order, as QJsonObject prints.
class JsonWriter
{
public:
    explicit JsonWriter(QByteArray &out) : m_out(out) {}

    void beginObject() { open('{'); }
    void endObject() { close('}'); }
    void beginArray() { open('['); }
    void endArray() { close(']'); }
    // The next value's key (inside an object).
    void key(std::string_view name);

    void string(QStringView text);
    void latin1(std::string_view text); // ASCII only (names: "PROXY", "tcp"...): written as is
    void utf8(proxy::ByteSpan bytes);   // header text; invalid UTF-8 as U+FFFD
    void hex(proxy::ByteSpan bytes);    // lowercase hex digits, as a string
    void number(std::int64_t value);
    void number(std::uint64_t value);
    void boolean(bool value);
    void null();

    // key + value in one call.
    template <typename Value>
    void field(std::string_view name, const Value &value)
    {
        key(name);
        write(value);
    }

private:
    void write(QStringView v) { string(v); }
    void write(const QString &v) { string(v); }
    void write(const char *v) { latin1(v); }
    void write(proxy::ByteSpan v) { utf8(v); }
    void write(bool v) { boolean(v); }
    void write(int v) { number(std::int64_t{v}); }
    void write(std::int64_t v) { number(v); }
    void write(std::uint64_t v) { number(v); }
    void write(std::uint32_t v) { number(std::uint64_t{v}); }
    void write(std::uint16_t v) { number(std::uint64_t{v}); }
    void write(std::uint8_t v) { number(std::uint64_t{v}); }

    void open(char bracket);
    void close(char bracket);
    void separate(); // a comma before every value but the first of its container

    QByteArray &m_out;
    bool m_first = true;
    bool m_afterKey = false;
};

} // namespace pl::exporting
