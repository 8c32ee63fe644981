#include "jsonwriter.h"

#include <QString>
#include <QVarLengthArray>

#include <charconv>

namespace pl::exporting {

namespace {

char hexDigit(unsigned value)
{
    return static_cast<char>(value < 10 ? '0' + value : 'a' + (value - 10));
}

// Escapes as QJsonDocument does: the two-character forms for " \ \b \f \n
// \r \t, \u00xx for other control characters, everything else as UTF-8.
void appendEscaped(QByteArray &out, const char *data, qsizetype size)
{
    qsizetype start = 0;
    for (qsizetype i = 0; i < size; ++i) {
        const auto c = static_cast<unsigned char>(data[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(data + start, i - start);
        start = i + 1;
        out.append('\\');
        switch (c) {
        case '"':
            out.append('"');
            break;
        case '\\':
            out.append('\\');
            break;
        case '\b':
            out.append('b');
            break;
        case '\f':
            out.append('f');
            break;
        case '\n':
            out.append('n');
            break;
        case '\r':
            out.append('r');
            break;
        case '\t':
            out.append('t');
            break;
        default:
            out.append("u00", 3);
            out.append(hexDigit(c >> 4));
            out.append(hexDigit(c & 0xF));
        }
    }
    out.append(data + start, size - start);
}

template <typename Integer>
void appendDecimal(QByteArray &out, Integer value)
{
    char text[24];
    const auto end = std::to_chars(text, text + sizeof text, value).ptr;
    out.append(text, end - text);
}

bool isPlainAscii(proxy::ByteSpan bytes)
{
    for (const std::uint8_t b : bytes)
        if (b >= 0x80)
            return false;
    return true;
}

} // namespace

void JsonWriter::separate()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (!m_first)
        m_out.append(',');
    m_first = false;
}

void JsonWriter::open(char bracket)
{
    separate();
    m_out.append(bracket);
    m_first = true;
}

void JsonWriter::close(char bracket)
{
    m_out.append(bracket);
    m_first = false;
}

void JsonWriter::key(std::string_view name)
{
    separate();
    m_out.append('"');
    appendEscaped(m_out, name.data(), static_cast<qsizetype>(name.size()));
    m_out.append("\":", 2);
    m_afterKey = true;
}

void JsonWriter::string(QStringView text)
{
    separate();
    m_out.append('"');
    bool ascii = true;
    for (const QChar c : text)
        ascii = ascii && c.unicode() < 0x80;
    if (ascii) {
        // Most texts (summaries, addresses, names) are ASCII: no UTF-8 pass.
        QVarLengthArray<char, 256> bytes(text.size());
        for (qsizetype i = 0; i < text.size(); ++i)
            bytes[i] = static_cast<char>(text[i].unicode());
        appendEscaped(m_out, bytes.constData(), bytes.size());
    } else {
        const QByteArray bytes = text.toUtf8();
        appendEscaped(m_out, bytes.constData(), bytes.size());
    }
    m_out.append('"');
}

void JsonWriter::hex(proxy::ByteSpan bytes)
{
    separate();
    const qsizetype at = m_out.size();
    m_out.resize(at + 2 + static_cast<qsizetype>(bytes.size()) * 2);
    char *out = m_out.data() + at;
    *out++ = '"';
    for (const std::uint8_t b : bytes) {
        *out++ = hexDigit(b >> 4u);
        *out++ = hexDigit(b & 0xFu);
    }
    *out = '"';
}

void JsonWriter::latin1(std::string_view text)
{
    separate();
    m_out.append('"');
    appendEscaped(m_out, text.data(), static_cast<qsizetype>(text.size()));
    m_out.append('"');
}

void JsonWriter::utf8(proxy::ByteSpan bytes)
{
    const char *data = reinterpret_cast<const char *>(bytes.data());
    const auto size = static_cast<qsizetype>(bytes.size());
    if (isPlainAscii(bytes))
        latin1(std::string_view(data, bytes.size())); // ASCII is Latin-1
    else // through QString, so invalid sequences become U+FFFD as elsewhere
        string(QString::fromUtf8(data, size));
}

void JsonWriter::number(std::int64_t value)
{
    separate();
    appendDecimal(m_out, value);
}

void JsonWriter::number(std::uint64_t value)
{
    separate();
    appendDecimal(m_out, value);
}

void JsonWriter::boolean(bool value)
{
    separate();
    m_out.append(value ? "true" : "false");
}

void JsonWriter::null()
{
    separate();
    m_out.append("null", 4);
}

} // namespace pl::exporting
