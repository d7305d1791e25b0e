// SPDX-License-Identifier: GPL-3.0-or-later
#include "avatarimage.h"

#include "jpegcodec.h"
#include "pngcodec.h"
#include "protocollimits.h"

using namespace Qt::StringLiterals;

namespace parley::server {

namespace {

constexpr QLatin1StringView PngPrefix("data:image/png;base64,");
constexpr QLatin1StringView JpegPrefix("data:image/jpeg;base64,");
constexpr int JpegQuality = 90;

Error fieldError(const QString &field, const QString &problem)
{
    return Error::about(field, ErrorCode::BadRequest, field + u' ' + problem);
}

} // namespace

Result<QString> AvatarImage::reencode(const QString &field, const QString &dataUri)
{
    const bool png = dataUri.startsWith(PngPrefix);
    if (!png && !dataUri.startsWith(JpegPrefix))
        return fieldError(field, u"must be a data:image/png or data:image/jpeg base64 URI"_s);
    const QLatin1StringView prefix = png ? PngPrefix : JpegPrefix;
    const QString unreadable =
        png ? u"is not a readable PNG image"_s : u"is not a readable JPEG image"_s;

    const QByteArray bytes =
        QByteArray::fromBase64(QStringView(dataUri).mid(prefix.size()).toLatin1());
    // The declared type decides the decoder: a JPEG labelled PNG is not read as a JPEG.
    const std::optional<Pixels> size = png ? PngCodec::header(bytes) : JpegCodec::header(bytes);
    if (!size || size->width <= 0 || size->height <= 0)
        return fieldError(field, unreadable);
    // From the header, before any pixel is decoded: no decompression bomb gets memory.
    if (size->width > MaxSourceSide || size->height > MaxSourceSide)
        return fieldError(field,
                          u"must be at most %1×%1 pixels"_s.arg(QString::number(MaxSourceSide)));
    const std::optional<Pixels> decoded = png ? PngCodec::decode(bytes) : JpegCodec::decode(bytes);
    if (!decoded || !decoded->isValid())
        return fieldError(field, unreadable);
    const Pixels stored = decoded->fittedInto(MaxStoredSide);
    const QByteArray encoded =
        png ? PngCodec::encode(stored) : JpegCodec::encode(stored, JpegQuality);
    if (encoded.isEmpty())
        return Error::make(ErrorCode::Internal, u"could not encode the avatar"_s);
    QString uri = prefix + QString::fromLatin1(encoded.toBase64());
    // A picture squeezed better than this server's encoder manages may grow past the limit.
    if (uri.size() > limits::AvatarMaxBytes)
        return fieldError(field, u"is too large once re-encoded; send a smaller picture"_s);
    return uri;
}

} // namespace parley::server
