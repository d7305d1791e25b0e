// SPDX-License-Identifier: GPL-3.0-or-later
#include "avatarencoder.h"

#include "protocollimits.h"

#include <QBuffer>
#include <QFutureWatcher>
#include <QImage>
#include <QImageReader>
#include <QPainter>
#include <QUrl>
#include <QtConcurrent>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace parley::client::avatarencoder {

namespace {

constexpr int MaxSide = 256;

QImage load(const QString &source)
{
    if (source.startsWith(u"data:"_s)) {
        const qsizetype comma = source.indexOf(u',');
        if (comma < 0)
            return {};
        return QImage::fromData(QByteArray::fromBase64(source.mid(comma + 1).toLatin1()));
    }
    const QUrl url(source);
    const QString path = url.isLocalFile() ? url.toLocalFile() : source;
    QImageReader reader(path);
    reader.setAutoTransform(true); // photos carry their rotation in EXIF
    return reader.read();
}

QString dataUri(const QByteArray &bytes, const char *mime)
{
    return u"data:"_s + QLatin1StringView(mime) + u";base64,"_s
        + QString::fromLatin1(bytes.toBase64());
}

} // namespace

Result<QString> encode(const QString &source)
{
    QImage image = load(source);
    if (image.isNull())
        return Error::badRequest(u"The picture could not be read."_s);
    if (image.width() > MaxSide || image.height() > MaxSide)
        image = image.scaled(MaxSide, MaxSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);

    // Transparent pictures keep their alpha as PNG when that is small enough.
    if (image.hasAlphaChannel()) {
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        image.save(&buffer, "PNG");
        const QString uri = dataUri(png, "image/png");
        if (uri.size() <= limits::AvatarMaxBytes)
            return uri;
    }

    QImage opaque(image.size(), QImage::Format_RGB32);
    opaque.fill(Qt::white);
    {
        QPainter painter(&opaque);
        painter.drawImage(0, 0, image);
    }
    // Lower the quality, then the size, until the URI fits the protocol's limit.
    for (int side = std::max(opaque.width(), opaque.height()); side >= 32; side = side * 3 / 4) {
        const QImage scaled = side >= std::max(opaque.width(), opaque.height())
            ? opaque
            : opaque.scaled(side, side, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        for (int quality : {90, 80, 70, 55, 40}) {
            QByteArray jpeg;
            QBuffer buffer(&jpeg);
            buffer.open(QIODevice::WriteOnly);
            scaled.save(&buffer, "JPEG", quality);
            const QString uri = dataUri(jpeg, "image/jpeg");
            if (uri.size() <= limits::AvatarMaxBytes)
                return uri;
        }
    }
    return Error::badRequest(u"The picture is too large."_s);
}

void encodeLater(const QString &source, QObject *context,
                 std::function<void(const Result<QString> &)> done)
{
    auto *watcher = new QFutureWatcher<Result<QString>>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                     [watcher, done = std::move(done)] {
                         watcher->deleteLater();
                         done(watcher->result());
                     });
    watcher->setFuture(QtConcurrent::run([source] { return encode(source); }));
}

} // namespace parley::client::avatarencoder
