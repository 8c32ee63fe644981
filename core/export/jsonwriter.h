#pragma once

#include "proxy/bytes.h"

#include <QByteArray>
#include <QStringView>

#include <cstdint>
#include <cstring>
#include <string_view>

namespace pl::exporting {

// Appends compact JSON to a byte array, value by value: no document tree.
// Capture exports write one object per connection, and building QJsonObjects
// for them cost 30x the decoding. Output is what QJsonDocument's compact form
// prints for the same values (same escapes, UTF-8), so callers that want a
// QJsonObject can parse it back. Keys are written in the order given; the
// contract writers give them in alphabetical order, as QJsonObject prints.
//
// Text goes through a small buffer of its own and reaches `out` when the
// buffer fills, on flush() and when the writer goes: a QByteArray append per
// character or token cost more than the rest of the export.
class JsonWriter
{
public:
    explicit JsonWriter(QByteArray &out) : m_out(out) {}
    ~JsonWriter() { flush(); }
    JsonWriter(const JsonWriter &) = delete;
    JsonWriter &operator=(const JsonWriter &) = delete;

    // Everything written so far is in `out` (it is anyway once the writer is gone).
    void flush();

    void beginObject() { open('{'); }
    void endObject() { close('}'); }
    void beginArray() { open('['); }
    void endArray() { close(']'); }
    // The next value's key (inside an object): one of the writers' own ASCII
    // literals, nothing to escape.
    void key(std::string_view name)
    {
        separate();
        // "name": in one go (a key is short; one room check, not three).
        const std::size_t size = name.size() + 3;
        if (size > sizeof m_buffer - m_size)
            flush();
        if (size > sizeof m_buffer) { // never for the writers' own keys
            put('"');
            put(name.data(), name.size());
            put("\":", 2);
            m_afterKey = true;
            return;
        }
        char *to = m_buffer + m_size;
        *to++ = '"';
        for (const char c : name)
            *to++ = c;
        *to++ = '"';
        *to = ':';
        m_size += size;
        m_afterKey = true;
    }

    void string(QStringView text);
    void latin1(std::string_view text); // ASCII text, escaped where JSON needs it
    // The writers' own names ("PROXY", "tcp", digits of an address or a
    // time): nothing to escape, copied as they are.
    void name(std::string_view text);
    void utf8(proxy::ByteSpan bytes); // header text; invalid UTF-8 as U+FFFD
    void hex(proxy::ByteSpan bytes);  // lowercase hex digits, as a string
    void number(std::int64_t value);
    void number(std::uint64_t value);
    // As QJsonValue(double) prints: a whole value within +-2^53 as an
    // integer, others in the shortest form, non-finite as null.
    void number(double value);
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
    void write(const char *v) { name(v); }
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
    // A comma before every value but the first of its container.
    void separate()
    {
        if (m_afterKey) {
            m_afterKey = false;
            return;
        }
        if (!m_first)
            put(',');
        m_first = false;
    }
    void put(char c)
    {
        if (m_size == sizeof m_buffer)
            flush();
        m_buffer[m_size++] = c;
    }
    void put(const char *data, std::size_t size)
    {
        if (size > sizeof m_buffer - m_size)
            return putLong(data, size);
        // Tokens are short: a byte loop beats a call to memcpy.
        char *to = m_buffer + m_size;
        if (size <= 16) {
            for (std::size_t i = 0; i < size; ++i)
                to[i] = data[i];
        } else {
            std::memcpy(to, data, size);
        }
        m_size += size;
    }
    void putLong(const char *data, std::size_t size);
    void putEscaped(const char *data, std::size_t size);

    QByteArray &m_out;
    bool m_first = true;
    bool m_afterKey = false;
    std::size_t m_size = 0;
    char m_buffer[2048];
};

} // namespace pl::exporting
