#include "avatarimage.h"

#include "protocollimits.h"

#include <QBuffer>
#include <QImage>
#include <QImageReader>

using namespace Qt::StringLiterals;

namespace parley::server {

namespace {

constexpr QLatin1StringView PngPrefix("data:image/png;base64,");
constexpr QLatin1StringView JpegPrefix("data:image/jpeg;base64,");
constexpr int JpegQuality = 90;

Error fieldError(const QString &field, const QString &problem)
{
    return Error::badRequest(field + u' ' + problem);
}

} // namespace

Result<QString> AvatarImage::reencode(const QString &field, const QString &dataUri)
{
    const bool png = dataUri.startsWith(PngPrefix);
    if (!png && !dataUri.startsWith(JpegPrefix))
        return fieldError(field, u"must be a data:image/png or data:image/jpeg base64 URI"_s);
    const QLatin1StringView prefix = png ? PngPrefix : JpegPrefix;
    const QByteArray format = png ? "png" : "jpeg";
    const QString unreadable =
        png ? u"is not a readable PNG image"_s : u"is not a readable JPEG image"_s;

    QByteArray bytes = QByteArray::fromBase64(QStringView(dataUri).mid(prefix.size()).toLatin1());
    QBuffer source(&bytes);
    source.open(QIODevice::ReadOnly);
    // The declared type decides the decoder: a JPEG labelled PNG is not read as a JPEG.
    QImageReader reader(&source, format);
    reader.setDecideFormatFromContent(false);
    reader.setAllocationLimit(AllocationLimitMiB);
    const QSize size = reader.size(); // from the header, before any pixel is decoded
    if (!size.isValid() || size.isEmpty())
        return fieldError(field, unreadable);
    if (size.width() > MaxSourceSide || size.height() > MaxSourceSide)
        return fieldError(field,
                          u"must be at most %1×%1 pixels"_s.arg(QString::number(MaxSourceSide)));
    QImage image;
    if (!reader.read(&image) || image.isNull())
        return fieldError(field, unreadable);
    if (image.width() > MaxStoredSide || image.height() > MaxStoredSide)
        image = image.scaled(MaxStoredSide, MaxStoredSide, Qt::KeepAspectRatio,
                             Qt::SmoothTransformation);

    QByteArray encoded;
    QBuffer target(&encoded);
    target.open(QIODevice::WriteOnly);
    if (!image.save(&target, format.constData(), png ? -1 : JpegQuality))
        return Error::make(ErrorCode::Internal, u"could not encode the avatar"_s);
    QString stored = prefix + QString::fromLatin1(encoded.toBase64());
    // A picture squeezed better than this server's encoder manages may grow past the limit.
    if (stored.size() > limits::AvatarMaxBytes)
        return fieldError(field, u"is too large once re-encoded; send a smaller picture"_s);
    return stored;
}

} // namespace parley::server
