// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>

namespace parley::client::timeformat {

// Times as the UI shows them, in local time; `now` is a parameter so tests can fix it.

// "10:02" today, "Tue" within the last 6 days, "24 Nov" this year, else "24 Nov 2025".
QString shortStamp(const QDateTime &time, const QDateTime &now = QDateTime::currentDateTime());
// "10:02"
QString clock(const QDateTime &time);
// "Today", "Yesterday", "Tuesday" within the last week, "Tuesday, 24 November" this year,
// else "Tuesday, 24 November 2025".
QString dayLabel(const QDateTime &time, const QDateTime &now = QDateTime::currentDateTime());

} // namespace parley::client::timeformat
