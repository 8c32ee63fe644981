#pragma once

#include <QByteArray>
#include <QString>
#include <QStringView>

namespace pl::proxy {

struct HexParseResult
{
    QByteArray bytes;
    qsizetype errorPosition = -1; // character index of the first bad character
    bool oddDigits = false;       // errorPosition is a digit without its pair
    bool ok() const { return errorPosition < 0; }
};

// Hex as people paste it: "0d0a 0d0a", "0D:0A", "0x0d, 0x0a", hexdump
// columns without offsets. Whitespace, ':', '-', ',' and "0x" are ignored.
HexParseResult parseHexText(QStringView text);

// The command line's words for a failed parse, characters counted from 1:
// "odd number of hex digits (the digit at character 3 has no pair)" or
// "not hex at character 2". Empty when the parse succeeded.
QString hexErrorText(const HexParseResult &result);

// 0..15 for a hex digit, -1 otherwise.
int hexDigitValue(char16_t c);

// True when every character is a hex digit or a separator parseHexText skips.
bool looksLikeHexText(QByteArrayView data);

} // namespace pl::proxy
