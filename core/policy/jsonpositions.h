#pragma once

#include "policytypes.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QStringList>

namespace pl::policy {

// Turns byte offsets of a UTF-8 text into line/column positions.
class TextPositions
{
public:
    TextPositions() = default;
    explicit TextPositions(const QByteArray &utf8);

    SourcePos at(int byteOffset) const;

private:
    QByteArray m_text;
    QList<int> m_lineStarts;
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

private:
    static QString joined(const QStringList &path);
    void scanValue(const QByteArray &json, qsizetype &pos, QStringList &path);

    QHash<QString, int> m_values;
    QHash<QString, int> m_keys;
};

} // namespace pl::policy
