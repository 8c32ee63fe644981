#pragma once

#include "enforcement.h"

namespace pl::enforce {

// Issue 15 target 4: nginx >= 1.23.2 ($proxy_protocol_tlv_0xNN) and HAProxy
// >= 2.9 (fc_pp_tlv). Both return only the FIRST TLV of a type, raw, so only
// keys that are the first TLV of their type are generated: alibaba:EndpointId
// (first 0xE1, subtype 0x02), aws:SourceVpce (0xEA, subtype 0x01),
// pp:Authority, pp:UniqueId and the PROXY source address. The VPC ID (second
// 0xE1) and the endpoint service ID are refused. Neither server version is
// available on Debian 12 (nginx 1.22, HAProxy 2.6): the output is untested here.
class NginxTlvGenerator : public EnforcementGenerator
{
public:
    QString target() const override { return QStringLiteral("nginx-tlv"); }
    QString description() const override;
    EnforceResult generate(const policy::PolicyDocument &document,
                           const EnforceOptions &options) const override;
};

class HaproxyTlvGenerator : public EnforcementGenerator
{
public:
    QString target() const override { return QStringLiteral("haproxy-tlv"); }
    QString description() const override;
    EnforceResult generate(const policy::PolicyDocument &document,
                           const EnforceOptions &options) const override;
};

} // namespace pl::enforce
