#pragma once

#include "proxy/vendorprofile.h"

#include <QStringList>

namespace pl::cli {

struct CaptureDecodeRequest
{
    QStringList paths; // every FILE of the command line; all must be captures
    proxy::VendorProfile vendor = proxy::VendorProfile::Auto;
    bool json = false;      // JSON Lines, one object per connection
    bool stats = false;     // totals only
    bool breakdown = false; // byte rows of each header
    bool hexGiven = false;  // --hex cannot be mixed with captures
};

// `plinspect decode FILE.pcap[ng]`: streams each capture and prints one line
// (or JSON object) per connection. Exit status: 0, 1 when a header is
// invalid or a file is damaged, 2 on usage errors.
int runCaptureDecode(const CaptureDecodeRequest &request);

} // namespace pl::cli
