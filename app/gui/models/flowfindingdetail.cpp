#include "flowfindingdetail.h"

#include "flowfindingmodel.h"
#include "flowlog/flowreportformat.h"
#include "flowlog/recommendation.h"

#include <QCoreApplication>

namespace pl::gui {

using flowlog::Finding;
using flowlog::OwnerKind;

// The translation context of this file's messages: lupdate files the
// FlowFindingDetailText::tr() calls under it, as the program looks them up.
class FlowFindingDetailText
{
    Q_DECLARE_TR_FUNCTIONS(pl::gui::FlowFindingDetailText)
};

namespace {

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

} // namespace

QString flowRuleText(const std::string &rule)
{
    if (rule == "rule1_outbound_syn")
        return FlowFindingDetailText::tr(
            "Rule 1, TCP flags: this interface sent a SYN without ACK, so it opened the "
            "connection.");
    if (rule == "rule1_inbound_syn_ack")
        return FlowFindingDetailText::tr(
            "Rule 1, TCP flags: the peer answered with a SYN-ACK, so this interface opened "
            "the connection.");
    if (rule == "rule1_outbound_syn_ack")
        return FlowFindingDetailText::tr(
            "Rule 1, TCP flags: this interface sent a SYN-ACK: it answered (a response).");
    if (rule == "rule2_peer_first")
        return FlowFindingDetailText::tr(
            "Rule 2, order: an inbound record of the flow started before every outbound "
            "one: the peer spoke first (a response).");
    if (rule == "rule3_to_service_port")
        return FlowFindingDetailText::tr(
            "Rule 3, ports: the destination port is a service port (below 1024, a "
            "listening port, or seen inbound on this interface) and the source port is "
            "ephemeral.");
    if (rule == "rule3_from_service_port")
        return FlowFindingDetailText::tr(
            "Rule 3, ports: the source port is a service port and the destination port "
            "ephemeral (a response).");
    if (rule == "rule3_ambiguous_ports")
        return FlowFindingDetailText::tr(
            "Rule 3, ports: both ports are low or both are high; judged a request with "
            "low confidence.");
    if (rule == "rule3_ephemeral_range")
        return FlowFindingDetailText::tr(
            "Rule 3, ports: neither port is a known service port; the one in the ephemeral "
            "range (32768 and up) is taken for the client's, with low confidence.");
    if (rule == "rule3_query_port_rule")
        return FlowFindingDetailText::tr(
            "Rule 3 as the query applied it: a row of an aggregated query result, which "
            "keeps no source port or TCP flags. The query dropped SYN-ACKs and traffic "
            "from a service port to an ephemeral one; high confidence when the destination "
            "port is a service port.");
    if (rule == "no_evidence")
        return FlowFindingDetailText::tr(
            "No rule could decide: no SYN or SYN-ACK, no inbound record before the "
            "outbound ones, and no ports rule 3 reads (TCP and UDP): judged a request with "
            "low confidence.");
    if (rule == "rule4_icmp_request")
        return FlowFindingDetailText::tr(
            "Rule 4, ICMP: no inbound ICMP from that peer came first, so this is a "
            "request.");
    if (rule == "rule4_icmp_reply")
        return FlowFindingDetailText::tr(
            "Rule 4, ICMP: an inbound ICMP record from that peer came first (a reply).");
    if (rule == "outbound_reject")
        return FlowFindingDetailText::tr(
            "Outbound records rejected by a security group or network ACL: an attempt "
            "to reach a public address.");
    return qs(rule);
}

QString flowOwnerText(const Finding &f)
{
    const flowlog::Owner &o = f.owner;
    if (o.kind == OwnerKind::Inventory) {
        const QString kind = qs(o.inventoryKind);
        const QString vpc = qs(o.vpcId);
        if (f.findingClass == flowlog::FindingClass::Hairpin)
            return FlowFindingDetailText::tr(
                       "Your own %1 %2 in the same VPC (%3), from the inventory.")
                .arg(kind, qs(o.resourceId), vpc);
        return FlowFindingDetailText::tr("Your own %1 %2 in %3 (another VPC), from the inventory.")
            .arg(kind, qs(o.resourceId), vpc);
    }
    if (o.provider.empty() && o.service.empty())
        return FlowFindingDetailText::tr(
            "No loaded range covers the destination: a public address of unknown owner. "
            "Load provider ranges to identify it.");
    QStringList parts;
    parts << FlowFindingDetailText::tr("provider %1").arg(qs(o.provider));
    parts << (o.service.empty() ? FlowFindingDetailText::tr("service unknown")
                                : FlowFindingDetailText::tr("service %1").arg(qs(o.service)));
    if (!o.region.empty())
        parts << FlowFindingDetailText::tr("region %1").arg(qs(o.region));
    if (!o.label.empty())
        parts << FlowFindingDetailText::tr("label %1").arg(qs(o.label));
    return FlowFindingDetailText::tr("A cloud provider's range: %1.")
        .arg(parts.join(QLatin1String(", ")));
}

QString flowFindingDetailHtml(const Finding &f, const QHash<QString, QString> &sampleLines)
{
    QString html;
    html += QStringLiteral("<h3>%1: %2 &rarr; %3</h3>")
                .arg(esc(FlowFindingModel::classText(f.findingClass)), esc(qs(f.sourceName())),
                     esc(FlowFindingModel::destinationText(f)));
    html += QStringLiteral("<p><b>%1</b></p>").arg(esc(flowlog::recommendationText(f, true)));
    html += QStringLiteral("<p>%1</p>")
                .arg(esc(FlowFindingDetailText::tr(
                             "%1 flow(s), %2 record(s), %3 packet(s), %4 out to port %5/%6, "
                             "%7 to %8 UTC, confidence %9.")
                             .arg(f.flows)
                             .arg(f.records)
                             .arg(f.packets)
                             .arg(flowlog::byteText(f.bytes))
                             .arg(f.port)
                             .arg(FlowFindingModel::protocolText(f.protocol),
                                  FlowFindingModel::timeText(f.firstSeen),
                                  FlowFindingModel::timeText(f.lastSeen),
                                  f.highConfidence ? FlowFindingDetailText::tr("high")
                                                   : FlowFindingDetailText::tr("low"))));
    html += QStringLiteral("<p>%1</p>")
                .arg(esc(f.inboundKnown
                             ? FlowFindingDetailText::tr(
                                   "The answers: %1 in, %2 packet(s) (accepted inbound records "
                                   "of the same flows).")
                                   .arg(flowlog::byteText(f.bytesIn))
                                   .arg(f.packetsIn)
                             : FlowFindingDetailText::tr(
                                   "The answers: unknown (the query's rows do not give "
                                   "them: no packets-in, bytes-in).")));

    html += QStringLiteral("<h4>%1</h4><ul>")
                .arg(esc(FlowFindingDetailText::tr("Why it was judged a request")));
    for (const auto &[rule, flows] : f.rules)
        html += QStringLiteral("<li>%1 <i>(%2)</i></li>")
                    .arg(esc(flowRuleText(rule)),
                         esc(FlowFindingDetailText::tr("%1 flow(s)").arg(flows)));
    html += QStringLiteral("</ul>");

    html +=
        QStringLiteral("<h4>%1</h4><p>%2</p>")
            .arg(esc(FlowFindingDetailText::tr("Who owns the destination")), esc(flowOwnerText(f)));
    QStringList addrs;
    for (const std::string &a : f.sampleAddrs)
        addrs << qs(a);
    html += QStringLiteral("<p>%1</p>")
                .arg(esc(FlowFindingDetailText::tr("%1 distinct address(es), e.g. %2")
                             .arg(f.addrs)
                             .arg(addrs.join(QLatin1String(", ")))));
    QStringList source;
    if (!f.vmId.empty())
        source << FlowFindingDetailText::tr("instance %1").arg(qs(f.vmId));
    if (!f.eniId.empty())
        source << FlowFindingDetailText::tr("ENI %1").arg(qs(f.eniId));
    if (!f.vpcId.empty())
        source << FlowFindingDetailText::tr("VPC %1").arg(qs(f.vpcId));
    if (!f.sourceAddr.empty())
        source << FlowFindingDetailText::tr("address %1").arg(qs(f.sourceAddr));
    html +=
        QStringLiteral("<h4>%1</h4><p>%2</p>")
            .arg(esc(FlowFindingDetailText::tr("Source")), esc(source.join(QLatin1String(", "))));

    html += QStringLiteral("<h4>%1</h4>").arg(esc(FlowFindingDetailText::tr("Sample records")));
    for (const std::string &location : f.samples) {
        const QString where = qs(location);
        const QString text = sampleLines.value(where);
        html += QStringLiteral("<p><tt>%1</tt></p><pre style=\"white-space: pre-wrap\">%2</pre>")
                    .arg(esc(where),
                         esc(text.isEmpty() ? FlowFindingDetailText::tr("(not read back)") : text));
    }
    return html;
}

} // namespace pl::gui
