#include "breakdownmodel.h"

#include "proxy/bytearrayspan.h"
#include "proxy/headertext.h"
#include "severitystyle.h"

namespace pl::gui {

using namespace pl::proxy;

BreakdownModel::BreakdownModel(QObject *parent) : QAbstractItemModel(parent) {}

void BreakdownModel::setHeader(const QByteArray &bytes, VendorProfile vendor)
{
    beginResetModel();
    m_bytes = bytes;
    const ByteSpan input = byteSpan(m_bytes);
    m_result = decode(input, DecodeOptions{vendor, true});
    m_rows = breakdown(m_result, input);
    buildTree();
    endResetModel();
}

void BreakdownModel::clear()
{
    beginResetModel();
    m_bytes.clear();
    m_result = {};
    m_rows.clear();
    buildTree();
    endResetModel();
}

void BreakdownModel::buildTree()
{
    const auto n = m_rows.size();
    m_parent = QList<int>(n, -1);
    m_position = QList<int>(n, 0);
    m_children = QList<QList<int>>(n);
    m_topLevel.clear();
    // Rows arrive in document order with a depth: the parent of a row is the
    // nearest earlier row with a smaller depth.
    QList<int> stack;
    for (int i = 0; i < n; ++i) {
        const int depth = m_rows[i].depth;
        while (!stack.isEmpty() && m_rows[stack.last()].depth >= depth)
            stack.removeLast();
        if (stack.isEmpty()) {
            m_position[i] = static_cast<int>(m_topLevel.size());
            m_topLevel.append(i);
        } else {
            m_parent[i] = stack.last();
            m_position[i] = static_cast<int>(m_children[stack.last()].size());
            m_children[stack.last()].append(i);
        }
        stack.append(i);
    }
}

QModelIndex BreakdownModel::indexForOffset(int offset) const
{
    int best = -1;
    for (int i = 0; i < m_rows.size(); ++i) {
        const BreakdownRow &r = m_rows[i];
        const auto o = static_cast<std::uint32_t>(offset);
        if (o >= r.offset && o < r.offset + r.length &&
            (best < 0 || r.depth > m_rows[best].depth ||
             (r.depth == m_rows[best].depth && r.length < m_rows[best].length)))
            best = i;
    }
    return best < 0 ? QModelIndex() : createIndex(m_position[best], 0, static_cast<quintptr>(best));
}

QModelIndex BreakdownModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    const QList<int> &siblings =
        parent.isValid() ? m_children[static_cast<int>(parent.internalId())] : m_topLevel;
    if (row >= siblings.size())
        return {};
    return createIndex(row, column, static_cast<quintptr>(siblings[row]));
}

QModelIndex BreakdownModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const int p = m_parent[static_cast<int>(child.internalId())];
    return p < 0 ? QModelIndex() : createIndex(m_position[p], 0, static_cast<quintptr>(p));
}

int BreakdownModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return static_cast<int>(m_topLevel.size());
    if (parent.column() != 0)
        return 0;
    return static_cast<int>(m_children[static_cast<int>(parent.internalId())].size());
}

int BreakdownModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant BreakdownModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const BreakdownRow &r = m_rows[static_cast<int>(index.internalId())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case OffsetColumn:
            return r.length > 1 ? QStringLiteral("%1-%2").arg(r.offset).arg(r.offset + r.length - 1)
                                : QString::number(r.offset);
        case BytesColumn: {
            const auto end = std::min<qsizetype>(m_bytes.size(), r.offset + r.length);
            const ByteSpan bytes(reinterpret_cast<const std::uint8_t *>(m_bytes.constData()) +
                                     r.offset,
                                 static_cast<std::size_t>(std::max<qsizetype>(0, end - r.offset)));
            const QString hex = hexString(bytes, QLatin1Char(' '));
            return hex.size() > 48 ? hex.left(45) + QStringLiteral("...") : hex;
        }
        case FieldColumn:
            return r.label;
        case ValueColumn:
            return r.value;
        case NoteColumn:
            return r.note;
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return r.note.isEmpty() ? r.field : r.field + QLatin1Char('\n') + r.note;
    case Qt::BackgroundRole:
        return severityBackground(r.severity);
    case Qt::ForegroundRole:
        return severityForeground(r.severity);
    case Qt::TextAlignmentRole:
        return index.column() == OffsetColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                              : QVariant();
    case OffsetRole:
        return static_cast<int>(r.offset);
    case LengthRole:
        return static_cast<int>(r.length);
    case SeverityRole:
        return static_cast<int>(r.severity);
    case FieldPathRole:
        return r.field;
    default:
        return {};
    }
}

QVariant BreakdownModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case OffsetColumn:
        return tr("Offset");
    case BytesColumn:
        return tr("Bytes");
    case FieldColumn:
        return tr("Field");
    case ValueColumn:
        return tr("Value");
    case NoteColumn:
        return tr("Note");
    default:
        return {};
    }
}

} // namespace pl::gui
