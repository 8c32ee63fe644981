#pragma once

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
};

// `plinspect decode FILE.pcap[ng]`: streams each capture and prints one line
// (or JSON object) per connection. Exit status: 0, 1 when a header is
// invalid or a file is damaged, 2 on usage errors.
int runCaptureDecode(CaptureDecodeRequest request);

} // namespace pl::cli
