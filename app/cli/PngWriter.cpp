#include "PngWriter.h"

#include "lightbox/core/Error.h"

#include <png.h>

#include <cstdio>
#include <memory>
#include <vector>

namespace lightbox::cli {

void writePng(const std::filesystem::path& path, const core::DisplayImage& image,
              const std::vector<std::pair<std::string, std::string>>& text) {
    using core::Error;
    using core::ErrorCode;
    const std::filesystem::path temp = path.string() + ".part";
    std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(temp.c_str(), "wb"), &std::fclose);
    if (!file) throw Error(ErrorCode::Io, path.string() + ": cannot create file");

    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    png_infop info = png ? png_create_info_struct(png) : nullptr;
    if (!png || !info) throw Error(ErrorCode::Io, path.string() + ": libpng initialisation failed");
    std::vector<png_byte> row(std::size_t(image.width) * std::size_t(image.channels) * (image.bits == 16 ? 2 : 1));
    volatile bool ok = false;  // survives libpng's longjmp
    if (setjmp(png_jmpbuf(png)) == 0) {
        png_init_io(png, file.get());
        png_set_IHDR(png, info, png_uint_32(image.width), png_uint_32(image.height), image.bits,
                     image.channels == 3 ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
                     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
        png_set_compression_level(png, 3);
        std::vector<png_text> chunks(text.size());
        for (std::size_t i = 0; i < text.size(); ++i) {
            chunks[i].compression = PNG_TEXT_COMPRESSION_NONE;
            chunks[i].key = const_cast<png_charp>(text[i].first.c_str());
            chunks[i].text = const_cast<png_charp>(text[i].second.c_str());
            chunks[i].text_length = text[i].second.size();
        }
        if (!chunks.empty()) png_set_text(png, info, chunks.data(), int(chunks.size()));
        png_write_info(png, info);
        const std::size_t perRow = std::size_t(image.width) * std::size_t(image.channels);
        for (int y = 0; y < image.height; ++y) {
            const std::uint16_t* src = image.samples.data() + std::size_t(y) * perRow;
            for (std::size_t i = 0; i < perRow; ++i) {
                if (image.bits == 16) {  // PNG is big-endian
                    row[2 * i] = png_byte(src[i] >> 8);
                    row[2 * i + 1] = png_byte(src[i] & 0xFF);
                } else {
                    row[i] = png_byte(src[i]);
                }
            }
            png_write_row(png, row.data());
        }
        png_write_end(png, nullptr);
        ok = true;
    }
    png_destroy_write_struct(&png, &info);
    if (!ok || std::fflush(file.get()) != 0) {
        file.reset();
        std::filesystem::remove(temp);
        throw Error(ErrorCode::Io, path.string() + ": writing PNG failed (disk full?)");
    }
    file.reset();
    std::error_code ec;
    std::filesystem::rename(temp, path, ec);
    if (ec) {
        std::filesystem::remove(temp);
        throw Error(ErrorCode::Io, path.string() + ": " + ec.message());
    }
}

}  // namespace lightbox::cli
