#pragma once

#include <QByteArray>
#include <QString>

namespace pl::proxy {

// Bytes as users paste them into the "Decode bytes" view: hex (any
// separators), base64 (from logs), or text with C escapes ("PROXY TCP4 ...\r\n",
// "\x0d\x0a...") as vendor documents and log lines show them.
enum class PasteFormat
{
    Auto,
    Hex,
    Base64,
    Text
};

struct PastedBytes
{
    QByteArray bytes;
    PasteFormat format = PasteFormat::Auto; // the one used
    QString error;                          // empty when the text parsed
    qsizetype errorPosition = -1;           // character index of the problem
};

PastedBytes parsePastedBytes(const QString &text, PasteFormat format = PasteFormat::Auto);

} // namespace pl::proxy
