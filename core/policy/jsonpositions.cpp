#include "jsonpositions.h"

#include "policytr.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace pl::policy {

namespace {

bool isContinuationByte(char c)
{
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

void skipSpace(const QByteArray &s, qsizetype &pos)
{
    while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t' || s[pos] == '\n' || s[pos] == '\r'))
        ++pos;
}

// Skips a string starting at its opening quote; returns its raw content.
// The first escape JSON does not define (Qt reads "\q" as "q") goes to
// *badEscape when it is still -1.
QByteArray skipString(const QByteArray &s, qsizetype &pos, int *badEscape = nullptr)
{
    const qsizetype start = ++pos;
    while (pos < s.size() && s[pos] != '"') {
        if (s[pos] == '\\') {
            const char next = pos + 1 < s.size() ? s[pos + 1] : '\0';
            if (badEscape && *badEscape < 0 && !QByteArrayView("\"\\/bfnrtu").contains(next))
                *badEscape = static_cast<int>(pos);
            ++pos;
        }
        ++pos;
    }
    const QByteArray raw = s.mid(start, pos - start);
    ++pos; // closing quote
    return raw;
}

QString decodeKey(const QByteArray &raw)
{
    if (!raw.contains('\\'))
        return QString::fromUtf8(raw);
    const QJsonDocument doc = QJsonDocument::fromJson("[\"" + raw + "\"]");
    return doc.array().at(0).toString();
}

} // namespace

TextPositions::TextPositions(const QByteArray &utf8) : m_text(utf8)
{
    // One pass: characters are the bytes that do not continue a UTF-8
    // sequence; a 4-byte sequence is two UTF-16 units (a surrogate pair).
    int chars = 0;
    int utf16 = 0;
    int lastMark = 0;
    m_lineStarts.append(0);
    m_lineChars.append(0);
    m_marks.append({0, 0, 0});
    const int size = static_cast<int>(utf8.size());
    for (int i = 0; i < size; ++i) {
        const auto u = static_cast<unsigned char>(utf8[i]);
        if (i - lastMark >= kStride && !isContinuationByte(utf8[i])) {
            m_marks.append({i, chars, utf16});
            lastMark = i;
        }
        if (!isContinuationByte(utf8[i])) {
            ++chars;
            utf16 += u >= 0xF0 ? 2 : 1;
        }
        if (u == '\n') {
            m_lineStarts.append(i + 1);
            m_lineChars.append(chars);
            if (i + 1 < size) {
                m_marks.append({i + 1, chars, utf16});
                lastMark = i + 1;
            }
        }
    }
}

int parseErrorByte(const QJsonParseError &error)
{
    if (error.error == QJsonParseError::IllegalUTF8String)
        return error.offset;
    return std::max(0, error.offset - 1);
}

QString parseErrorText(const QJsonParseError &error, const QByteArray &json)
{
    const bool unterminated = error.error == QJsonParseError::UnterminatedString ||
                              error.error == QJsonParseError::UnterminatedObject ||
                              error.error == QJsonParseError::UnterminatedArray;
    if (unterminated && error.offset >= json.size())
        return PolicyText::tr("the JSON ends before it is complete (a string, object or array "
                              "is not closed)");
    return error.errorString();
}

SourcePos TextPositions::at(int byteOffset) const
{
    if (byteOffset < 0 || m_lineStarts.isEmpty())
        return {};
    byteOffset = std::min(byteOffset, static_cast<int>(m_text.size()));
    const auto line = std::upper_bound(m_lineStarts.cbegin(), m_lineStarts.cend(), byteOffset);
    const int lineIndex = static_cast<int>(line - m_lineStarts.cbegin()) - 1;
    const auto mark =
        std::upper_bound(m_marks.cbegin(), m_marks.cend(), byteOffset,
                         [](int offset, const Mark &m) { return offset < m.offset; }) -
        1;
    int chars = mark->chars;
    int utf16 = mark->utf16;
    for (int i = mark->offset; i < byteOffset; ++i) {
        if (!isContinuationByte(m_text[i])) {
            ++chars;
            utf16 += static_cast<unsigned char>(m_text[i]) >= 0xF0 ? 2 : 1;
        }
    }
    m_scanned += byteOffset - mark->offset;
    SourcePos pos;
    pos.offset = byteOffset;
    pos.line = lineIndex + 1;
    pos.column = chars - m_lineChars.at(lineIndex) + 1;
    pos.textOffset = utf16;
    return pos;
}

JsonPositions JsonPositions::scan(const QByteArray &json)
{
    JsonPositions positions;
    qsizetype pos = 0;
    QStringList path;
    skipSpace(json, pos);
    positions.scanValue(json, pos, path);
    return positions;
}

QString JsonPositions::joined(const QStringList &path)
{
    return path.join(QChar(0x1F));
}

int JsonPositions::valueOffset(const QStringList &path) const
{
    return m_values.value(joined(path), -1);
}

int JsonPositions::keyOffset(const QStringList &path) const
{
    return m_keys.value(joined(path), -1);
}

void JsonPositions::scanValue(const QByteArray &s, qsizetype &pos, QStringList &path)
{
    if (pos >= s.size())
        return;
    m_values.insert(joined(path), static_cast<int>(pos));
    const char c = s[pos];
    if (c == '{') {
        ++pos;
        QSet<QString> seen;
        for (;;) {
            skipSpace(s, pos);
            if (pos >= s.size() || s[pos] == '}') {
                ++pos;
                return;
            }
            if (s[pos] == ',') {
                ++pos;
                continue;
            }
            const int keyPos = static_cast<int>(pos);
            const QString key = decodeKey(skipString(s, pos, &m_badEscape));
            path.append(key);
            if (seen.contains(key))
                m_duplicates.append({path, keyPos});
            seen.insert(key);
            m_keys.insert(joined(path), keyPos);
            skipSpace(s, pos);
            ++pos; // ':'
            skipSpace(s, pos);
            scanValue(s, pos, path);
            path.removeLast();
        }
    }
    if (c == '[') {
        ++pos;
        int index = 0;
        for (;;) {
            skipSpace(s, pos);
            if (pos >= s.size() || s[pos] == ']') {
                ++pos;
                return;
            }
            if (s[pos] == ',') {
                ++pos;
                continue;
            }
            path.append(QString::number(index++));
            scanValue(s, pos, path);
            path.removeLast();
        }
    }
    if (c == '"') {
        skipString(s, pos, &m_badEscape);
        return;
    }
    while (pos < s.size() && s[pos] != ',' && s[pos] != '}' && s[pos] != ']' && s[pos] != ' ' &&
           s[pos] != '\n' && s[pos] != '\r' && s[pos] != '\t')
        ++pos;
}

} // namespace pl::policy
