#include "AbortGuard.h"
#include "GdcmShared.h"
#include "codecs/Codecs.h"
#include "lightbox/core/Error.h"
#include "lightbox/core/PixelData.h"

#include <gdcmFragment.h>
#include <gdcmSequenceOfFragments.h>

#include <algorithm>
#include <cstring>

namespace lightbox::core {

namespace codecs {
[[noreturn]] void fail(const std::string& codec, const std::string& what) {
    throw Error(ErrorCode::DecodeFailed, codec + ": " + what);
}
}  // namespace codecs

namespace {

enum class Encoding { Native, Rle, Jpeg, JpegLs, Jpeg2000 };

Encoding encodingFor(const std::string& ts, const std::string& name) {
    if (ts.empty() || ts == "1.2.840.10008.1.2" || ts == "1.2.840.10008.1.2.1" || ts == "1.2.840.10008.1.2.2" ||
        ts == "1.2.840.10008.1.2.1.99")
        return Encoding::Native;
    if (ts == "1.2.840.10008.1.2.5") return Encoding::Rle;
    if (ts == "1.2.840.10008.1.2.4.50" || ts == "1.2.840.10008.1.2.4.51" || ts == "1.2.840.10008.1.2.4.57" ||
        ts == "1.2.840.10008.1.2.4.70")
        return Encoding::Jpeg;
    if (ts == "1.2.840.10008.1.2.4.80" || ts == "1.2.840.10008.1.2.4.81") return Encoding::JpegLs;
    if (ts == "1.2.840.10008.1.2.4.90" || ts == "1.2.840.10008.1.2.4.91") return Encoding::Jpeg2000;
    throw Error(ErrorCode::UnsupportedTransferSyntax,
                name + ": transfer syntax " + transferSyntaxName(ts) + " (" + ts + ") is not supported");
}

struct FragmentView {
    const std::uint8_t* data;
    std::size_t size;
};

bool startsFrame(const FragmentView& f, Encoding e) {
    if (f.size < 2) return false;
    const std::uint8_t* p = f.data;
    switch (e) {
        case Encoding::Jpeg:
        case Encoding::JpegLs: return p[0] == 0xFF && p[1] == 0xD8;
        case Encoding::Jpeg2000:
            return (p[0] == 0xFF && p[1] == 0x4F) ||
                   (f.size >= 8 && p[0] == 0 && p[1] == 0 && p[2] == 0 && p[3] == 0x0C && p[4] == 0x6A && p[5] == 0x50);
        default: return true;
    }
}

std::int32_t normalise(std::uint32_t v, int shift, std::uint32_t mask, std::uint32_t signBit, bool isSigned) {
    v = (v >> shift) & mask;
    if (isSigned && (v & signBit)) return static_cast<std::int32_t>(v | ~mask);
    return static_cast<std::int32_t>(v);
}

}  // namespace

struct PixelDecoder::Impl {
    DicomFile file;
    std::string name;
    PixelDescription desc;
    Encoding encoding = Encoding::Native;
    std::string tsUid;
    // Native: the whole value. Encapsulated: fragments grouped per frame.
    const std::uint8_t* nativeData = nullptr;
    std::size_t nativeSize = 0;
    std::vector<std::vector<FragmentView>> frames;

    void indexFrames(const gdcm::SequenceOfFragments& sf);
    codecs::RawFrame rawFrame(int index) const;
    codecs::RawFrame nativeFrame(int index) const;
    Frame toFrame(codecs::RawFrame raw) const;
};

void PixelDecoder::Impl::indexFrames(const gdcm::SequenceOfFragments& sf) {
    std::vector<FragmentView> all;
    std::vector<std::size_t> offsets;  // offset of each fragment's item tag from the first fragment
    std::size_t offset = 0;
    for (std::size_t i = 0; i < sf.GetNumberOfFragments(); ++i) {
        const gdcm::Fragment& f = sf.GetFragment(static_cast<unsigned int>(i));
        const gdcm::ByteValue* bv = f.GetByteValue();
        FragmentView view{bv ? reinterpret_cast<const std::uint8_t*>(bv->GetPointer()) : nullptr,
                          bv ? std::size_t(bv->GetLength()) : std::size_t(0)};
        all.push_back(view);
        offsets.push_back(offset);
        offset += 8 + view.size;
    }
    const std::size_t n = std::size_t(desc.numberOfFrames);
    if (all.empty()) throw Error(ErrorCode::NoPixelData, name + ": encapsulated Pixel Data has no fragments");

    // 1. Single frame: every fragment belongs to it.
    if (n == 1) {
        frames.push_back(all);
        return;
    }
    // 2. A Basic Offset Table with one entry per frame.
    const gdcm::BasicOffsetTable& bot = sf.GetTable();
    if (const gdcm::ByteValue* table = bot.GetByteValue(); table && table->GetLength() == 4 * n) {
        std::vector<std::uint32_t> starts(n);
        std::memcpy(starts.data(), table->GetPointer(), 4 * n);
        bool valid = starts[0] == 0 && std::is_sorted(starts.begin(), starts.end());
        if (valid) {
            frames.assign(n, {});
            for (std::size_t i = 0, frame = 0; i < all.size(); ++i) {
                while (frame + 1 < n && offsets[i] >= starts[frame + 1]) ++frame;
                frames[frame].push_back(all[i]);
            }
            if (std::none_of(frames.begin(), frames.end(), [](auto& f) { return f.empty(); })) return;
            frames.clear();
        }
    }
    // 3. One fragment per frame.
    if (all.size() == n) {
        for (auto& f : all) frames.push_back({f});
        return;
    }
    // 4. No usable table: a new frame starts at each fragment opening with the
    //    codec's start-of-image marker (SOI / SOC / JP2 signature).
    if (encoding != Encoding::Rle) {
        for (auto& f : all) {
            if (frames.empty() || startsFrame(f, encoding)) frames.push_back({f});
            else frames.back().push_back(f);
        }
        if (frames.size() >= n) {
            frames.resize(n);
            return;
        }
    }
    throw Error(ErrorCode::Malformed, name + ": " + std::to_string(all.size()) + " fragments cannot be mapped to " +
                                          std::to_string(n) + " frames");
}

PixelDecoder::PixelDecoder(DicomFile file) : impl_(std::make_unique<Impl>()) {
    Impl& m = *impl_;
    m.name = file.path().string();
    m.file = std::move(file);
    if (m.file.extent() == DicomFile::Extent::HeaderOnly)
        throw Error(ErrorCode::InvalidArgument, m.name + ": opened header-only; pixel data not read");
    const gdcm::DataElement* pixel = DatasetAccess::element(m.file, tags::PixelData);
    if (!pixel) {
        if (m.file.has(tags::FloatPixelData) || m.file.has(tags::DoubleFloatPixelData))
            throw Error(ErrorCode::UnsupportedPixelFormat, m.name + ": float pixel data is not supported");
        throw Error(ErrorCode::NoPixelData, m.name + ": no Pixel Data (7FE0,0010) - not an image");
    }
    m.desc = PixelDescription::from(m.file, m.name);
    m.tsUid = m.file.transferSyntaxUid();
    if (const gdcm::SequenceOfFragments* sf = pixel->GetSequenceOfFragments()) {
        m.encoding = encodingFor(m.tsUid, m.name);
        if (m.encoding == Encoding::Native) m.encoding = Encoding::Jpeg;  // mislabelled: try the markers
        m.indexFrames(*sf);
        return;
    }
    const gdcm::ByteValue* bv = pixel->GetByteValue();
    if (!bv || bv->GetLength() == 0) throw Error(ErrorCode::NoPixelData, m.name + ": Pixel Data is empty");
    Encoding declared = encodingFor(m.tsUid, m.name);
    if (declared != Encoding::Native)
        throw Error(ErrorCode::Malformed, m.name + ": " + transferSyntaxName(m.tsUid) + " requires encapsulated Pixel Data");
    m.encoding = Encoding::Native;
    m.nativeData = reinterpret_cast<const std::uint8_t*>(bv->GetPointer());
    m.nativeSize = bv->GetLength();
    // Frames the value actually holds: a truncated file keeps its complete frames.
    const std::size_t frameBits = m.desc.samplesPerFrame() * std::size_t(m.desc.bitsAllocated) /
                                  (m.desc.photometric == Photometric::YbrFull422 ? 3 : 1) *
                                  (m.desc.photometric == Photometric::YbrFull422 ? 2 : 1);
    const std::size_t available = m.nativeSize * 8 / frameBits;
    if (available == 0)
        throw Error(ErrorCode::Malformed, m.name + ": Pixel Data holds " + std::to_string(m.nativeSize) +
                                              " bytes, less than one " + std::to_string(m.desc.columns) + " x " +
                                              std::to_string(m.desc.rows) + " frame");
    if (available < std::size_t(m.desc.numberOfFrames)) m.desc.numberOfFrames = int(available);
}

PixelDecoder::~PixelDecoder() = default;
PixelDecoder::PixelDecoder(PixelDecoder&&) noexcept = default;
PixelDecoder& PixelDecoder::operator=(PixelDecoder&&) noexcept = default;

const PixelDescription& PixelDecoder::description() const { return impl_->desc; }
int PixelDecoder::frameCount() const { return impl_->desc.numberOfFrames; }
bool PixelDecoder::isLossyCompressed() const {
    const std::string& ts = impl_->tsUid;
    return ts == "1.2.840.10008.1.2.4.50" || ts == "1.2.840.10008.1.2.4.51" || ts == "1.2.840.10008.1.2.4.81" ||
           ts == "1.2.840.10008.1.2.4.91";
}

codecs::RawFrame PixelDecoder::Impl::nativeFrame(int index) const {
    const PixelDescription& d = desc;
    codecs::RawFrame raw;
    raw.photometric = d.photometric;
    raw.planar = d.planarConfiguration == 1 && d.samplesPerPixel == 3;
    const std::size_t samples = d.samplesPerFrame();
    if (d.bitsAllocated == 1) {
        raw.bytesPerSample = 1;
        raw.data.resize(samples);
        const std::size_t firstBit = std::size_t(index) * samples;
        for (std::size_t i = 0; i < samples; ++i) {
            std::size_t bit = firstBit + i;
            raw.data[i] = (nativeData[bit / 8] >> (bit % 8)) & 1u;
        }
        return raw;
    }
    raw.bytesPerSample = d.bitsAllocated / 8;
    if (d.photometric == Photometric::YbrFull422) {
        // Two luminance samples share one Cb and Cr: Y1 Y2 Cb Cr -> full YBR.
        const std::size_t bps = std::size_t(raw.bytesPerSample);
        const std::size_t frameBytes = d.pixelsPerFrame() * 2 * bps;
        const std::uint8_t* src = nativeData + std::size_t(index) * frameBytes;
        raw.data.resize(samples * bps);
        raw.planar = false;
        raw.photometric = Photometric::YbrFull;
        for (std::size_t p = 0; p + 1 < d.pixelsPerFrame() + 1; p += 2) {
            const std::uint8_t* group = src + p * 2 * bps;
            for (std::size_t k = 0; k < 2 && p + k < d.pixelsPerFrame(); ++k) {
                std::uint8_t* dst = raw.data.data() + (p + k) * 3 * bps;
                std::memcpy(dst, group + k * bps, bps);
                std::memcpy(dst + bps, group + 2 * bps, bps);
                std::memcpy(dst + 2 * bps, group + 3 * bps, bps);
            }
        }
        return raw;
    }
    const std::size_t frameBytes = samples * std::size_t(raw.bytesPerSample);
    const std::uint8_t* src = nativeData + std::size_t(index) * frameBytes;
    raw.data.assign(src, src + frameBytes);
    return raw;
}

codecs::RawFrame PixelDecoder::Impl::rawFrame(int index) const {
    if (encoding == Encoding::Native) return nativeFrame(index);
    const auto& parts = frames[std::size_t(index)];
    std::vector<std::uint8_t> encoded;
    std::size_t total = 0;
    for (auto& f : parts) total += f.size;
    encoded.reserve(total);
    for (auto& f : parts)
        if (f.data) encoded.insert(encoded.end(), f.data, f.data + f.size);
    switch (encoding) {
        case Encoding::Rle: return codecs::decodeRle(encoded, desc);
        case Encoding::Jpeg: return codecs::decodeJpeg(encoded, desc, tsUid);
        case Encoding::JpegLs: return codecs::decodeJpegLs(encoded, desc);
        case Encoding::Jpeg2000: return codecs::decodeJpeg2000(encoded, desc);
        case Encoding::Native: break;
    }
    return {};
}

Frame PixelDecoder::Impl::toFrame(codecs::RawFrame raw) const {
    const PixelDescription& d = desc;
    Frame frame;
    frame.rows = d.rows;
    frame.columns = d.columns;
    frame.samplesPerPixel = d.samplesPerPixel;
    frame.photometric = raw.photometric;
    const std::size_t samples = d.samplesPerFrame();
    const std::size_t bps = std::size_t(raw.bytesPerSample);
    if (raw.data.size() < samples * bps)
        throw Error(ErrorCode::DecodeFailed, name + ": decoded frame is shorter than Rows x Columns");
    frame.values.resize(samples);

    const int bitsStored = d.bitsAllocated == 1 ? 1 : d.bitsStored;
    const int shift = d.bitsAllocated == 1 ? 0 : std::max(0, d.highBit + 1 - d.bitsStored);
    const std::uint32_t mask = bitsStored >= 32 ? 0xFFFFFFFFu : ((1u << bitsStored) - 1u);
    const std::uint32_t signBit = 1u << (bitsStored - 1);
    const bool isSigned = d.isSigned && d.bitsAllocated != 1;
    const std::size_t pixels = d.pixelsPerFrame();
    const int spp = d.samplesPerPixel;
    for (std::size_t i = 0; i < samples; ++i) {
        // Destination i = pixel*spp + sample; planar source = sample*pixels + pixel.
        std::size_t src = raw.planar ? (i % std::size_t(spp)) * pixels + i / std::size_t(spp) : i;
        std::uint32_t v = 0;
        switch (bps) {
            case 1: v = raw.data[src]; break;
            case 2: { std::uint16_t s; std::memcpy(&s, &raw.data[src * 2], 2); v = s; break; }
            default: std::memcpy(&v, &raw.data[src * 4], 4); break;
        }
        frame.values[i] = normalise(v, shift, mask, signBit, isSigned);
    }
    return frame;
}

Frame PixelDecoder::decode(int index) const {
    if (index < 0 || index >= frameCount())
        throw Error(ErrorCode::InvalidArgument, impl_->name + ": frame " + std::to_string(index + 1) +
                                                    " requested, the image has " + std::to_string(frameCount()));
    try {
        codecs::RawFrame raw;
        detail::runGuarded(impl_->name, "codec failure", [&] { raw = impl_->rawFrame(index); });
        return impl_->toFrame(std::move(raw));
    } catch (const Error& e) {
        if (e.code() == ErrorCode::DecodeFailed && e.what() && std::string(e.what()).find(impl_->name) != 0)
            throw Error(ErrorCode::DecodeFailed, impl_->name + ": frame " + std::to_string(index + 1) + ": " + e.what());
        throw;
    } catch (const std::bad_alloc&) {
        throw Error(ErrorCode::TooLarge, impl_->name + ": out of memory decoding frame " + std::to_string(index + 1));
    }
}

template <typename T>
static void narrowInto(const PixelDecoder& decoder, const void* nativeData, bool fastNative, int index, T* out) {
    const PixelDescription& d = decoder.description();
    if (d.samplesPerPixel != 1 || d.bitsStored > 16)
        throw Error(ErrorCode::UnsupportedPixelFormat, "decodeInto needs 1 sample of at most 16 bits");
    if (fastNative) {
        // Native 16-bit: mask and sign-extend straight from the file's bytes.
        const std::size_t n = d.pixelsPerFrame();
        const auto* src = static_cast<const std::uint16_t*>(nativeData) + std::size_t(index) * n;
        const int shift = std::max(0, d.highBit + 1 - d.bitsStored);
        const std::uint32_t mask = (1u << d.bitsStored) - 1u;
        const std::uint32_t signBit = 1u << (d.bitsStored - 1);
        if (shift == 0 && d.bitsStored == 16) {
            std::memcpy(out, src, n * 2);
            return;
        }
        for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<T>(normalise(src[i], shift, mask, signBit, d.isSigned));
        return;
    }
    Frame f = decoder.decode(index);
    for (std::size_t i = 0; i < f.values.size(); ++i) out[i] = static_cast<T>(f.values[i]);
}

void PixelDecoder::decodeInto(int index, std::int16_t* out) const {
    bool fast = impl_->encoding == Encoding::Native && impl_->desc.bitsAllocated == 16 && impl_->desc.isSigned;
    if (index < 0 || index >= frameCount()) (void)decode(index);  // throws the range error
    narrowInto(*this, impl_->nativeData, fast, index, out);
}

void PixelDecoder::decodeInto(int index, std::uint16_t* out) const {
    bool fast = impl_->encoding == Encoding::Native && impl_->desc.bitsAllocated == 16 && !impl_->desc.isSigned;
    if (index < 0 || index >= frameCount()) (void)decode(index);
    narrowInto(*this, impl_->nativeData, fast, index, out);
}

}  // namespace lightbox::core
