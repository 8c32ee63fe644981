#include "jsonpositions.h"

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
QByteArray skipString(const QByteArray &s, qsizetype &pos)
{
    const qsizetype start = ++pos;
    while (pos < s.size() && s[pos] != '"') {
        if (s[pos] == '\\')
            ++pos;
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
    m_lineStarts.append(0);
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        if (utf8[i] == '\n')
            m_lineStarts.append(static_cast<int>(i + 1));
    }
}

SourcePos TextPositions::at(int byteOffset) const
{
    if (byteOffset < 0 || m_lineStarts.isEmpty())
        return {};
    byteOffset = std::min(byteOffset, static_cast<int>(m_text.size()));
    const auto it = std::upper_bound(m_lineStarts.cbegin(), m_lineStarts.cend(), byteOffset);
    const int lineIndex = static_cast<int>(it - m_lineStarts.cbegin()) - 1;
    const int lineStart = m_lineStarts.at(lineIndex);
    int column = 1;
    for (int i = lineStart; i < byteOffset; ++i) {
        if (!isContinuationByte(m_text[i]))
            ++column;
    }
    SourcePos pos;
    pos.offset = byteOffset;
    pos.line = lineIndex + 1;
    pos.column = column;
    pos.textOffset = static_cast<int>(QString::fromUtf8(m_text.constData(), byteOffset).size());
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
            path.append(decodeKey(skipString(s, pos)));
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
        skipString(s, pos);
        return;
    }
    while (pos < s.size() && s[pos] != ',' && s[pos] != '}' && s[pos] != ']' && s[pos] != ' ' &&
           s[pos] != '\n' && s[pos] != '\r' && s[pos] != '\t')
        ++pos;
}

} // namespace pl::policy
