#pragma once

#include "capture/connection.h"
#include "io/inputstream.h"
#include "proxy/vendorprofile.h"

#include <QStringList>

#include <vector>

namespace pl::cli {

struct CaptureDecodeRequest
{
    QStringList paths; // every FILE of the command line; all must be captures
    // Parallel to paths: each path's head; its stream when it cannot be
    // opened again (a pipe), null for a regular file (reopened by path).
    std::vector<io::InputStream> inputs;
    proxy::VendorProfile vendor = proxy::VendorProfile::Auto;
    bool json = false;      // JSON Lines, one object per connection
    bool stats = false;     // totals only
    bool breakdown = false; // byte rows of each header
    bool hexGiven = false;  // --hex cannot be mixed with captures
    QString filter;         // --filter: the GUI's filter language; only matches are shown
    QString writePath;      // -w: the shown connections' packets as pcapng
};

// `plinspect decode FILE.pcap[ng]`: streams each capture and prints one line
// (or JSON object) per connection. Exit status: 0, 1 when a header is
// invalid or a file is damaged, 2 on usage errors.
int runCaptureDecode(CaptureDecodeRequest request);

// One table row per connection (FRAME CLIENT SERVER HEADER ... FINDINGS);
// shared with `plinspect capture`. Column widths come from the first rows
// so the table streams; a longer cell later only pushes its own row.
class ConnectionTablePrinter
{
public:
    void print(const QList<capture::Connection> &connections, proxy::VendorProfile vendor);
    void printCells(const QList<QStringList> &rows);

private:
    void printRow(const QStringList &cells);
    QList<qsizetype> m_widths;
};

QStringList connectionTableCells(const capture::Connection &c, proxy::VendorProfile vendor);

// Writes one JSON Lines record to stdout, after what out() holds.
void writeJsonLine(QByteArray line);

} // namespace pl::cli
