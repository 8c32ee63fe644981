#include "hextext.h"

namespace pl::proxy {
int hexDigitValue(char16_t c)
{
    if (c >= u'0' && c <= u'9')
        return c - u'0';
    if (c >= u'a' && c <= u'f')
        return c - u'a' + 10;
    if (c >= u'A' && c <= u'F')
        return c - u'A' + 10;
    return -1;
}

namespace {

bool isSeparator(char16_t c)
{
    return c == u' ' || c == u'\t' || c == u'\r' || c == u'\n' || c == u':' || c == u'-' ||
           c == u',';
}

} // namespace

HexParseResult parseHexText(QStringView text)
{
    HexParseResult result;
    result.bytes.reserve(text.size() / 2);
    int high = -1;
    qsizetype highAt = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        // "0x" prefix: only at the start of a byte.
        if (high < 0 && c == u'0' && i + 1 < text.size() &&
            (text[i + 1] == QLatin1Char('x') || text[i + 1] == QLatin1Char('X'))) {
            ++i;
            continue;
        }
        if (isSeparator(c)) {
            if (high >= 0) {
                result.errorPosition = highAt;
                result.oddDigits = true;
                return result;
            }
            continue;
        }
        const int v = hexDigitValue(c);
        if (v < 0) {
            result.errorPosition = i;
            return result;
        }
        if (high < 0) {
            high = v;
            highAt = i;
        } else {
            result.bytes.append(static_cast<char>((high << 4) | v));
            high = -1;
        }
    }
    if (high >= 0) {
        result.errorPosition = highAt; // odd digit count
        result.oddDigits = true;
    }
    return result;
}

bool looksLikeHexText(QByteArrayView data)
{
    if (data.isEmpty())
        return false;
    int digits = 0;
    for (char c : data) {
        if (hexDigitValue(static_cast<char16_t>(static_cast<unsigned char>(c))) >= 0)
            ++digits;
        else if (!isSeparator(static_cast<char16_t>(static_cast<unsigned char>(c))) && c != 'x' &&
                 c != 'X') // 0x or 0X, as parseHexText takes them
            return false;
    }
    return digits >= 2;
}

QString hexErrorText(const HexParseResult &result)
{
    if (result.ok())
        return {};
    const qsizetype character = result.errorPosition + 1;
    return result.oddDigits
               ? QStringLiteral("odd number of hex digits (the digit at character %1 has no pair)")
                     .arg(character)
               : QStringLiteral("not hex at character %1").arg(character);
}

} // namespace pl::proxy
