#pragma once

#include <QCoreApplication>
#include <QString>

namespace pl::policy {

// The translation context of user-visible policy messages (lint findings,
// explanations, parse errors): lupdate files the PolicyText::tr() calls
// under it, as the program looks them up.
class PolicyText
{
    Q_DECLARE_TR_FUNCTIONS(pl::policy::PolicyText)
};

} // namespace pl::policy
