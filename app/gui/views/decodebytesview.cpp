#include "decodebytesview.h"

#include "headerinspector.h"
#include "proxy/pastedbytes.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTimer>
#include <QVBoxLayout>

namespace pl::gui {

using namespace pl::proxy;

DecodeBytesView::DecodeBytesView(QWidget *parent)
    : QWidget(parent), m_input(new QPlainTextEdit(this)), m_format(new QComboBox(this)),
      m_status(new QLabel(this)), m_inspector(new HeaderInspector(this)),
      m_debounce(new QTimer(this))
{
    m_input->setObjectName(QStringLiteral("pasteInput"));
    m_format->setObjectName(QStringLiteral("pasteFormat"));
    m_status->setObjectName(QStringLiteral("pasteStatus"));
    m_input->setPlaceholderText(
        tr("Paste a header: hex (0d0a0d0a 000d0a51 ...), base64, or text such as "
           "PROXY TCP4 192.0.2.1 198.51.100.1 5000 80\\r\\n"));
    m_input->setMaximumHeight(110);
    m_input->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_format->addItem(tr("Auto-detect"), static_cast<int>(PasteFormat::Auto));
    m_format->addItem(tr("Hex"), static_cast<int>(PasteFormat::Hex));
    m_format->addItem(tr("Base64"), static_cast<int>(PasteFormat::Base64));
    m_format->addItem(tr("Text with \\r \\n \\x escapes"), static_cast<int>(PasteFormat::Text));

    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Format:"), this));
    bar->addWidget(m_format);
    bar->addWidget(m_status, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_input);
    layout->addLayout(bar);
    layout->addWidget(m_inspector, 1);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(150);
    connect(m_debounce, &QTimer::timeout, this, &DecodeBytesView::decodeNow);
    connect(m_input, &QPlainTextEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_format, &QComboBox::currentIndexChanged, this, &DecodeBytesView::decodeNow);
    m_inspector->clear(tr("Paste bytes above to decode them"));
}

void DecodeBytesView::setVendorProfile(VendorProfile vendor)
{
    m_vendor = vendor;
    decodeNow();
}

void DecodeBytesView::setInput(const QString &text)
{
    m_input->setPlainText(text);
    decodeNow();
}

void DecodeBytesView::decodeNow()
{
    m_debounce->stop();
    const QString text = m_input->toPlainText();
    if (text.trimmed().isEmpty()) {
        m_status->clear();
        m_inspector->clear(tr("Paste bytes above to decode them"));
        return;
    }
    const auto format = static_cast<PasteFormat>(m_format->currentData().toInt());
    const PastedBytes pasted = parsePastedBytes(text, format);
    if (!pasted.error.isEmpty()) {
        m_status->setText(pasted.error);
        m_inspector->clear(tr("The pasted text is not %1").arg(m_format->currentText()));
        return;
    }
    static const char *const kNames[] = {"auto", "hex", "base64", "text"};
    m_status->setText(tr("%1 bytes read as %2")
                          .arg(pasted.bytes.size())
                          .arg(QLatin1String(kNames[static_cast<int>(pasted.format)])));
    m_inspector->setHeader(pasted.bytes, m_vendor);
}

} // namespace pl::gui
