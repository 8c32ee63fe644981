#pragma once

#include "policytypes.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QSet>
#include <QStringList>

struct QJsonParseError;

namespace pl::policy {

// The byte a Qt JSON parse error is at. Qt reports the offset just past the
// offending character, except for invalid UTF-8, where it is the bad byte.
int parseErrorByte(const QJsonParseError &error);
// What a Qt JSON parse error says, except at the end of the text, where Qt
// names whatever it was reading ("unterminated string" after a complete
// string whose object was never closed): there, that the JSON ends early.
QString parseErrorText(const QJsonParseError &error, const QByteArray &json);

// Turns byte offsets of a UTF-8 text into line/column positions. The
// constructor records, at every line start and every kStride bytes, how many
// characters and UTF-16 units precede it, so that at() costs a binary search
// plus at most kStride bytes, whatever the size of the text (a policy of
// 20,000 statements asks for hundreds of thousands of positions).
class TextPositions
{
public:
    static constexpr int kStride = 256;

    TextPositions() = default;
    explicit TextPositions(const QByteArray &utf8);

    SourcePos at(int byteOffset) const;

    // Bytes examined by at() so far: what the tests bound per lookup.
    qint64 bytesScanned() const { return m_scanned; }

private:
    struct Mark
    {
        int offset; // byte offset of a character start
        int chars;  // characters before it
        int utf16;  // UTF-16 units before it
    };

    QByteArray m_text;
    QList<int> m_lineStarts;
    QList<int> m_lineChars; // characters before each line start
    QList<Mark> m_marks;    // by offset: every line start, then every kStride bytes
    mutable qint64 m_scanned = 0;
};

// A key written twice in one JSON object: QJsonDocument keeps the last one
// silently, so the meaning of the text is ambiguous.
struct DuplicateKey
{
    QStringList path; // of the key, e.g. {"Statement", "0", "Effect"}
    int offset = -1;  // byte offset of the repeated (later) key
};

// QJsonDocument forgets where things were. This scan of an already valid JSON
// text records, for every value and every object member's key, its byte
// offset, addressed by its path ("Statement", "0", "Condition", ...).
class JsonPositions
{
public:
    static JsonPositions scan(const QByteArray &json);

    // -1 when the path is not in the text.
    int valueOffset(const QStringList &path) const;
    int keyOffset(const QStringList &path) const;
    // Every repeated key, in text order.
    const QList<DuplicateKey> &duplicateKeys() const { return m_duplicates; }
    // Byte offset of the first backslash escape JSON does not define ("\q",
    // which Qt silently reads as "q"), or -1.
    int badEscapeOffset() const { return m_badEscape; }

private:
    static QString joined(const QStringList &path);
    void scanValue(const QByteArray &json, qsizetype &pos, QStringList &path);

    QHash<QString, int> m_values;
    QHash<QString, int> m_keys;
    QList<DuplicateKey> m_duplicates;
    int m_badEscape = -1;
};

} // namespace pl::policy
