#include "faultmatrix.h"

#include <QCoreApplication>

namespace pl::proxy {

// The translation context of the variation titles (lupdate reads it).
class FaultMatrixText
{
    Q_DECLARE_TR_FUNCTIONS(pl::proxy::FaultMatrixText)
};

QList<FaultVariant> faultMatrix(const HeaderSpec &base)
{
    QList<FaultVariant> rows;
    const auto add = [&rows, &base](const char *key, const QString &title, auto change) {
        FaultVariant row{key, title, base};
        change(row.header);
        rows.append(row);
    };
    add("as-given", FaultMatrixText::tr("as given"), [](HeaderSpec &) {});
    add("crc-absent", FaultMatrixText::tr("CRC32C absent"),
        [](HeaderSpec &h) { h.crc = CrcMode::None; });
    add("crc-wrong", FaultMatrixText::tr("CRC32C wrong"),
        [](HeaderSpec &h) { h.crc = CrcMode::Wrong; });
    add("v1", FaultMatrixText::tr("v1 text header"), [](HeaderSpec &h) {
        h.version = Version::V1;
        h.tlvs.clear();
        h.crc = CrcMode::None;
        h.padTo = 0;
        if (h.family == Family::Unix) // v1 has no UNIX addresses: UNKNOWN
            h.family = Family::Unspec;
    });
    for (Fault f : {Fault::BadSignature, Fault::BadLength, Fault::Truncate, Fault::BadFamily,
                    Fault::BadCommand})
        add(faultName(f), QString::fromLatin1(faultName(f)), [f](HeaderSpec &h) { h.fault = f; });
    return rows;
}

} // namespace pl::proxy
