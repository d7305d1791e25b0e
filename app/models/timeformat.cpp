// SPDX-License-Identifier: GPL-3.0-or-later
#include "timeformat.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace parley::client::timeformat {

QString clock(const QDateTime &time)
{
    return time.toLocalTime().toString(u"HH:mm"_s);
}

QString shortStamp(const QDateTime &time, const QDateTime &now)
{
    if (!time.isValid())
        return {};
    const QDate day = time.toLocalTime().date();
    const QDate today = now.toLocalTime().date();
    if (day == today)
        return clock(time);
    const qint64 daysAgo = day.daysTo(today);
    const QLocale locale;
    if (daysAgo > 0 && daysAgo < 7)
        return locale.dayName(day.dayOfWeek(), QLocale::ShortFormat);
    if (day.year() == today.year())
        return day.toString(u"d MMM"_s);
    return day.toString(u"d MMM yyyy"_s);
}

QString dayLabel(const QDateTime &time, const QDateTime &now)
{
    if (!time.isValid())
        return {};
    const QDate day = time.toLocalTime().date();
    const QDate today = now.toLocalTime().date();
    const qint64 daysAgo = day.daysTo(today);
    if (daysAgo == 0)
        return u"Today"_s;
    if (daysAgo == 1)
        return u"Yesterday"_s;
    const QLocale locale;
    const QString weekday = locale.dayName(day.dayOfWeek(), QLocale::LongFormat);
    if (daysAgo > 1 && daysAgo < 7)
        return weekday;
    if (day.year() == today.year())
        return weekday + u", "_s + day.toString(u"d MMMM"_s);
    return weekday + u", "_s + day.toString(u"d MMMM yyyy"_s);
}

} // namespace parley::client::timeformat
