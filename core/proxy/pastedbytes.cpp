#include "pastedbytes.h"

#include "bytearrayspan.h"
#include "header.h"
#include "hextext.h"

#include <QCoreApplication>

namespace pl::proxy {
// The translation context of this file's messages: lupdate files the
// PastedBytesText::tr() calls under it, as the program looks them up.
class PastedBytesText
{
    Q_DECLARE_TR_FUNCTIONS(pl::proxy::PastedBytesText)
};

namespace {

PastedBytes fromHex(const QString &text)
{
    const HexParseResult parsed = parseHexText(text);
    PastedBytes out{parsed.bytes, PasteFormat::Hex, {}, parsed.errorPosition};
    if (parsed.oddDigits)
        out.error = PastedBytesText::tr("Odd number of hex digits: the digit at character %1 has "
                                        "no pair")
                        .arg(parsed.errorPosition + 1);
    else if (!parsed.ok())
        out.error = PastedBytesText::tr("Not hex at character %1").arg(parsed.errorPosition + 1);
    return out;
}

PastedBytes fromBase64(const QString &text)
{
    const QByteArray compact = text.simplified().remove(QLatin1Char(' ')).toLatin1();
    const auto decoded =
        QByteArray::fromBase64Encoding(compact, QByteArray::AbortOnBase64DecodingErrors);
    PastedBytes out{decoded.decoded, PasteFormat::Base64, {}, -1};
    if (!decoded) {
        out.error = PastedBytesText::tr("Not valid base64");
        out.errorPosition = 0;
    }
    return out;
}

PastedBytes fromText(const QString &text)
{
    PastedBytes out{{}, PasteFormat::Text, {}, -1};
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c != QLatin1Char('\\') || i + 1 >= text.size()) {
            out.bytes += QString(c).toUtf8();
            continue;
        }
        const QChar e = text[++i];
        switch (e.unicode()) {
        case u'r':
            out.bytes += '\r';
            break;
        case u'n':
            out.bytes += '\n';
            break;
        case u't':
            out.bytes += '\t';
            break;
        case u'0':
            out.bytes += '\0';
            break;
        case u'\\':
            out.bytes += '\\';
            break;
        case u'x': {
            const int hi = i + 1 < text.size() ? hexDigitValue(text[i + 1].unicode()) : -1;
            const int lo = i + 2 < text.size() ? hexDigitValue(text[i + 2].unicode()) : -1;
            if (hi < 0 || lo < 0) {
                out.error = PastedBytesText::tr("\\x needs two hex digits (character %1)").arg(i);
                out.errorPosition = i - 1;
                return out;
            }
            out.bytes += static_cast<char>(hi * 16 + lo);
            i += 2;
            break;
        }
        default:
            out.error = PastedBytesText::tr("Unknown escape \\%1 at character %2").arg(e).arg(i);
            out.errorPosition = i - 1;
            return out;
        }
    }
    return out;
}

bool startsLikeHeader(const QByteArray &bytes)
{
    return looksLikeProxyHeader(byteSpan(bytes));
}

} // namespace

PastedBytes parsePastedBytes(const QString &text, PasteFormat format)
{
    switch (format) {
    case PasteFormat::Hex:
        return fromHex(text);
    case PasteFormat::Base64:
        return fromBase64(text);
    case PasteFormat::Text:
        return fromText(text);
    case PasteFormat::Auto:
        break;
    }
    const QString trimmed = text.trimmed();
    if (trimmed.startsWith(QLatin1String("PROXY")) || trimmed.contains(QLatin1String("\\x")))
        return fromText(trimmed);
    if (looksLikeHexText(trimmed.toLatin1())) {
        PastedBytes hex = fromHex(trimmed);
        if (hex.error.isEmpty())
            return hex;
    }
    PastedBytes b64 = fromBase64(trimmed);
    if (b64.error.isEmpty() && startsLikeHeader(b64.bytes))
        return b64;
    return fromHex(trimmed); // the most common paste; its error names the bad character
}

} // namespace pl::proxy
