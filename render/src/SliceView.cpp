#include "lightbox/render/SliceView.h"

#include "GrayscaleSliceProp.h"

#include <vtkActor2D.h>
#include <vtkCellArray.h>
#include <vtkCoordinate.h>
#include <vtkCornerAnnotation.h>
#include <vtkNew.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper2D.h>
#include <vtkPropCollection.h>
#include <vtkProperty2D.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>
#include <vtkRenderWindow.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>
#include <vtkTextRenderer.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>
#include <vector>

#include <vtkAutoInit.h>

// Object factories (this file may be the only one of render linked in).
VTK_MODULE_INIT(vtkRenderingOpenGL2);
VTK_MODULE_INIT(vtkRenderingFreeType);

namespace lightbox::render {

namespace {

// Overlays in a yellow that no grayscale pixel has, so tests can find them.
constexpr double kOverlayColour[3] = {1.0, 0.86, 0.35};

std::string formatNumber(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

// Corner text: the largest font that keeps every line clear of the
// orientation letter (and, at the bottom, the scale bar) in the middle of its
// edge; at the smallest font, lines that still reach it are cut with "...".
constexpr int kLargestCornerFont = 15;
constexpr int kSmallestCornerFont = 10;
constexpr int kCornerInset = 5;  // vtkCornerAnnotation's distance from the viewport's edges
constexpr int kCornerGap = 8;    // clear space between corner text and what is in the middle

std::vector<std::string> splitLines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = text.find('\n', start);
        lines.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return lines;
}

int textWidth(vtkTextProperty* property, const std::string& text, int dpi) {
    vtkTextRenderer* renderer = vtkTextRenderer::GetInstance();
    int box[4] = {0, 0, 0, 0};
    if (text.empty() || !renderer || !renderer->GetBoundingBox(property, text, box, dpi)) return 0;
    return box[1] - box[0] + 1;
}

// The longest start of `line` (whole UTF-8 characters) that fits in `width`
// pixels with "..." after it.
std::string elide(vtkTextProperty* property, const std::string& line, int width, int dpi) {
    if (textWidth(property, line, dpi) <= width) return line;
    std::vector<std::size_t> cuts;  // character boundaries
    for (std::size_t i = 1; i < line.size(); ++i)
        if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) cuts.push_back(i);
    std::size_t lo = 0, hi = cuts.size();  // the answer is cuts[k - 1] for the largest fitting k (0: nothing)
    while (lo < hi) {
        const std::size_t mid = (lo + hi + 1) / 2;
        if (textWidth(property, line.substr(0, cuts[mid - 1]) + "...", dpi) <= width) lo = mid;
        else hi = mid - 1;
    }
    return lo == 0 ? std::string("...") : line.substr(0, cuts[lo - 1]) + "...";
}

std::array<double, 2> rotateScreenToImage(std::array<double, 2> c, const ViewTransform& t) {
    if (t.flipHorizontal) c[0] = -c[0];
    if (t.flipVertical) c[1] = -c[1];
    const int turns = ((t.quarterTurns % 4) + 4) % 4;
    for (int k = 0; k < turns; ++k) c = {-c[1], c[0]};
    return {c[0], -c[1]};  // image: x right, y down
}

std::array<double, 2> rotateImageToScreen(std::array<double, 2> img, const ViewTransform& t) {
    std::array<double, 2> c{img[0], -img[1]};
    const int turns = ((t.quarterTurns % 4) + 4) % 4;
    for (int k = 0; k < turns; ++k) c = {c[1], -c[0]};
    if (t.flipVertical) c[1] = -c[1];
    if (t.flipHorizontal) c[0] = -c[0];
    return c;
}

}  // namespace

std::string orientationLetters(const Vec3& direction) {
    static const char* positive = "LPH";  // LPS: +x left, +y posterior, +z head
    static const char* negative = "RAF";
    std::array<int, 3> order{0, 1, 2};
    std::sort(order.begin(), order.end(),
              [&](int a, int b) { return std::abs(direction[std::size_t(a)]) > std::abs(direction[std::size_t(b)]); });
    std::string out;
    for (int axis : order) {
        const double c = direction[std::size_t(axis)];
        if (std::abs(c) < 0.25) continue;  // about 15 degrees off an axis still reads as that axis
        out += c > 0 ? positive[axis] : negative[axis];
    }
    return out;
}

struct SliceView::Impl {
    vtkNew<vtkRenderer> renderer;
    vtkNew<GrayscaleSliceProp> prop;
    vtkNew<vtkCornerAnnotation> corners;
    std::array<vtkSmartPointer<vtkTextActor>, 4> letters;  // left, right, top, bottom
    vtkNew<vtkActor2D> scaleBar;
    vtkNew<vtkPolyData> scaleBarLine;
    vtkNew<vtkTextActor> scaleBarLabel;
    OverlayInfo info;
    std::array<std::string, 4> text;  // UL, UR, LL, LR
    std::optional<Vec3> crosshair;
    vtkNew<vtkActor2D> crosshairActor;
    vtkNew<vtkPolyData> crosshairLines;
    // Props hidden while only the image layer renders, with their visibility.
    std::vector<std::pair<vtkProp*, bool>> hiddenForLayers;
    // Measures corner text; the inputs of the last fit (it runs again only when they change).
    vtkNew<vtkTextProperty> measure;
    std::string fittedFor;

    Impl() {
        renderer->SetBackground(0, 0, 0);
        renderer->SetBackgroundAlpha(1.0);  // opaque black around the image, however the frame is composed
        renderer->AddViewProp(prop);
        // The annotation fits its font to its corners alone and knows nothing of
        // our edge letters: a large scale factor makes it use the maximum, which
        // fitCornerText() sets.
        corners->SetMaximumFontSize(kLargestCornerFont);
        corners->SetMinimumFontSize(kSmallestCornerFont - 1);
        corners->SetLinearFontScaleFactor(1000.0);
        corners->SetNonlinearFontScaleFactor(1.0);
        corners->GetTextProperty()->SetColor(kOverlayColour[0], kOverlayColour[1], kOverlayColour[2]);
        corners->GetTextProperty()->SetFontFamilyToArial();
        corners->GetTextProperty()->ShadowOn();
        renderer->AddViewProp(corners);
        for (auto& letter : letters) {
            letter = vtkSmartPointer<vtkTextActor>::New();
            vtkTextProperty* tp = letter->GetTextProperty();
            tp->SetFontSize(16);
            tp->BoldOn();
            tp->ShadowOn();
            tp->SetColor(kOverlayColour[0], kOverlayColour[1], kOverlayColour[2]);
            letter->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
            renderer->AddViewProp(letter);
        }
        letters[0]->GetTextProperty()->SetJustificationToLeft();
        letters[0]->GetTextProperty()->SetVerticalJustificationToCentered();
        letters[0]->SetPosition(0.01, 0.5);
        letters[1]->GetTextProperty()->SetJustificationToRight();
        letters[1]->GetTextProperty()->SetVerticalJustificationToCentered();
        letters[1]->SetPosition(0.99, 0.5);
        letters[2]->GetTextProperty()->SetJustificationToCentered();
        letters[2]->GetTextProperty()->SetVerticalJustificationToTop();
        letters[2]->SetPosition(0.5, 0.99);
        letters[3]->GetTextProperty()->SetJustificationToCentered();
        letters[3]->GetTextProperty()->SetVerticalJustificationToBottom();
        letters[3]->SetPosition(0.5, 0.01);

        vtkNew<vtkPolyDataMapper2D> mapper;
        mapper->SetInputData(scaleBarLine);
        scaleBar->SetMapper(mapper);
        scaleBar->GetProperty()->SetColor(kOverlayColour[0], kOverlayColour[1], kOverlayColour[2]);
        scaleBar->GetProperty()->SetLineWidth(2);
        renderer->AddViewProp(scaleBar);
        vtkNew<vtkPolyDataMapper2D> crosshairMapper;
        crosshairMapper->SetInputData(crosshairLines);
        crosshairActor->SetMapper(crosshairMapper);
        crosshairActor->GetProperty()->SetColor(0.3, 0.8, 1.0);
        crosshairActor->GetProperty()->SetLineWidth(1);
        crosshairActor->SetVisibility(false);
        renderer->AddViewProp(crosshairActor);
        scaleBarLabel->GetTextProperty()->SetFontSize(12);
        scaleBarLabel->GetTextProperty()->SetColor(kOverlayColour[0], kOverlayColour[1], kOverlayColour[2]);
        scaleBarLabel->GetTextProperty()->SetJustificationToCentered();
        renderer->AddViewProp(scaleBarLabel);
    }
};

SliceView::SliceView() : d_(std::make_unique<Impl>()) { setOverlaysVisible(false); }
SliceView::~SliceView() = default;

vtkRenderer* SliceView::renderer() const { return d_->renderer; }

void SliceView::setImage(const SliceImage& image) { setImage(SliceImage(image)); }

void SliceView::setImage(SliceImage&& image) {
    image_ = std::move(image);
    // The prop reads the values from here (no second copy of the slice).
    d_->prop->setSlice(image_.plane.width, image_.plane.height, &image_.values);
}

void SliceView::setChain(const DisplayChain& chain) { d_->prop->setChain(chain); }
const DisplayChain& SliceView::chain() const { return d_->prop->chain(); }
void SliceView::setWindow(double center, double width) { d_->prop->setWindow(center, width); }
void SliceView::setCalibration(const CalibrationTable& table) { d_->prop->setCalibration(table); }
int SliceView::sliceUploads() const { return d_->prop->sliceUploads(); }

double SliceView::zoom() const { return d_->prop->transform().zoom; }
void SliceView::setZoom(double zoom) {
    ViewTransform t = d_->prop->transform();
    t.zoom = std::clamp(zoom, 0.01, 100.0);
    d_->prop->setTransform(t);
}
void SliceView::pan(double dx, double dy) {
    ViewTransform t = d_->prop->transform();
    t.panX += dx;
    t.panY += dy;
    d_->prop->setTransform(t);
}
void SliceView::setPan(double x, double y) {
    ViewTransform t = d_->prop->transform();
    t.panX = x;
    t.panY = y;
    d_->prop->setTransform(t);
}
std::array<double, 2> SliceView::panOffset() const {
    const ViewTransform& t = d_->prop->transform();
    return {t.panX, t.panY};
}
void SliceView::rotateQuarterTurns(int turns) {
    ViewTransform t = d_->prop->transform();
    t.quarterTurns = (((t.quarterTurns + turns) % 4) + 4) % 4;
    d_->prop->setTransform(t);
}
void SliceView::flipHorizontal() {
    ViewTransform t = d_->prop->transform();
    t.flipHorizontal = !t.flipHorizontal;
    d_->prop->setTransform(t);
}
void SliceView::flipVertical() {
    ViewTransform t = d_->prop->transform();
    t.flipVertical = !t.flipVertical;
    d_->prop->setTransform(t);
}
void SliceView::resetTransform() { d_->prop->setTransform(ViewTransform{}); }

double SliceView::fitZoom(int vw, int vh) const {
    int w = image_.plane.width, h = image_.plane.height;
    if (d_->prop->transform().quarterTurns % 2) std::swap(w, h);
    if (w <= 0 || h <= 0) return 1.0;
    return std::min(double(vw) / w, double(vh) / h);
}

Vec3 SliceView::screenToPatient(double x, double y, int vw, int vh) const {
    const ViewTransform& t = d_->prop->transform();
    double halfW = image_.plane.width * t.zoom / 2, halfH = image_.plane.height * t.zoom / 2;
    if (t.quarterTurns % 2) std::swap(halfW, halfH);
    const double cx = x - vw / 2.0 - t.panX, cy = -(y - vh / 2.0 - t.panY);
    const auto img = rotateScreenToImage({cx / (2 * halfW), cy / (2 * halfH)}, t);
    const double i = (img[0] + 0.5) * image_.plane.width - 0.5, j = (img[1] + 0.5) * image_.plane.height - 0.5;
    return image_.plane.pixelToPatient(i, j);
}

std::array<double, 2> SliceView::patientToScreen(const Vec3& p, int vw, int vh) const {
    const ViewTransform& t = d_->prop->transform();
    double halfW = image_.plane.width * t.zoom / 2, halfH = image_.plane.height * t.zoom / 2;
    if (t.quarterTurns % 2) std::swap(halfW, halfH);
    const auto ij = image_.plane.patientToPixel(p);
    const auto c = rotateImageToScreen(
        {(ij[0] + 0.5) / image_.plane.width - 0.5, (ij[1] + 0.5) / image_.plane.height - 0.5}, t);
    return {c[0] * 2 * halfW + vw / 2.0 + t.panX, -c[1] * 2 * halfH + vh / 2.0 + t.panY};
}

Vec3 SliceView::screenRight() const {
    const auto img = rotateScreenToImage({1, 0}, d_->prop->transform());
    return image_.plane.right * img[0] + image_.plane.down * img[1];
}

Vec3 SliceView::screenDown() const {
    const auto img = rotateScreenToImage({0, -1}, d_->prop->transform());
    return image_.plane.right * img[0] + image_.plane.down * img[1];
}

void SliceView::setOverlaysVisible(bool visible) {
    overlaysVisible_ = visible;
    d_->corners->SetVisibility(visible);
    for (auto& letter : d_->letters) letter->SetVisibility(visible);
    d_->scaleBar->SetVisibility(visible);
    d_->scaleBarLabel->SetVisibility(visible);
}

void SliceView::setLayers(Layers layers) {
    auto* renderer = d_->renderer.Get();
    if (layers == Layers::All) {
        for (const auto& [prop, visible] : d_->hiddenForLayers) prop->SetVisibility(visible);
        d_->hiddenForLayers.clear();
        d_->prop->SetVisibility(true);
        d_->prop->setEncodePValue(false);
        renderer->SetBackgroundAlpha(1.0);
        return;
    }
    if (layers == Layers::ImagePValues) {
        if (d_->hiddenForLayers.empty()) {
            vtkPropCollection* props = renderer->GetViewProps();
            props->InitTraversal();
            while (vtkProp* prop = props->GetNextProp()) {
                if (prop == d_->prop.Get()) continue;
                d_->hiddenForLayers.emplace_back(prop, prop->GetVisibility() != 0);
                prop->SetVisibility(false);
            }
        }
        d_->prop->SetVisibility(true);
        d_->prop->setEncodePValue(true);
        renderer->SetBackgroundAlpha(1.0);
        return;
    }
    for (const auto& [prop, visible] : d_->hiddenForLayers) prop->SetVisibility(visible);
    d_->hiddenForLayers.clear();
    d_->prop->SetVisibility(false);
    d_->prop->setEncodePValue(false);
    renderer->SetBackgroundAlpha(0.0);
}

void SliceView::setOverlayInfo(const OverlayInfo& info) { d_->info = info; }
const OverlayInfo& SliceView::overlayInfo() const { return d_->info; }

std::array<std::string, 4> SliceView::cornerText() const { return d_->text; }

void SliceView::setCrosshair(std::optional<Vec3> point) {
    d_->crosshair = point;
    d_->crosshairActor->SetVisibility(point.has_value());
}

void SliceView::updateOverlays(int vw, int vh) {
    if (d_->crosshair) {
        // Display coordinates run bottom up; leave a gap around the point.
        const auto s = patientToScreen(*d_->crosshair, vw, vh);
        const double x = s[0], y = vh - s[1], gap = 12;
        vtkNew<vtkPoints> points;
        vtkNew<vtkCellArray> lines;
        const double segments[4][4] = {{0, y, x - gap, y}, {x + gap, y, double(vw), y},
                                       {x, 0, x, y - gap}, {x, y + gap, x, double(vh)}};
        for (const auto& seg : segments) {
            const vtkIdType a = points->InsertNextPoint(seg[0], seg[1], 0);
            const vtkIdType b = points->InsertNextPoint(seg[2], seg[3], 0);
            const vtkIdType ids[2] = {a, b};
            lines->InsertNextCell(2, ids);
        }
        d_->crosshairLines->SetPoints(points);
        d_->crosshairLines->SetLines(lines);
    }
    if (!overlaysVisible_) return;
    const OverlayInfo& info = d_->info;
    auto line = [](std::string& s, const std::string& part) {
        if (part.empty()) return;
        if (!s.empty()) s += "\n";
        s += part;
    };
    std::array<std::string, 4> text;
    line(text[0], info.patientName);
    line(text[0], info.patientId);
    line(text[0], info.studyDate);
    line(text[0], info.studyDescription);
    line(text[1], info.seriesNumber ? "Se " + std::to_string(info.seriesNumber) + "  " + info.seriesDescription
                                    : info.seriesDescription);
    line(text[1], info.modality);
    line(text[1], info.imageLabel);
    line(text[2], info.syncLabel);
    const DisplayChain& chain = d_->prop->chain();
    if (chain.voiLut) line(text[2], "VOI LUT");
    else line(text[2], "W " + formatNumber(chain.window.width, 0) + "  L " + formatNumber(chain.window.center, 0));
    line(text[2], "Zoom " + formatNumber(zoom(), 2));
    const SlicePlane& plane = image_.plane;
    const double along = core::dot(plane.centre, plane.normal);
    line(text[3], "Pos " + formatNumber(along, 1) + " mm");
    if (image_.slabSamples > 1) {
        line(text[3], "Thk " + formatNumber(image_.slabStepMm * (image_.slabSamples - 1), 1) + " mm");
    } else {
        line(text[3], "Px " + formatNumber(plane.spacing, 2) + " mm");
    }
    d_->text = text;

    const Vec3 right = screenRight(), down = screenDown();
    d_->letters[0]->SetInput(orientationLetters(right * -1.0).c_str());
    d_->letters[1]->SetInput(orientationLetters(right).c_str());
    d_->letters[2]->SetInput(orientationLetters(down * -1.0).c_str());
    d_->letters[3]->SetInput(orientationLetters(down).c_str());

    // Scale bar: the longest round length up to a quarter of the width.
    const double mmPerPixel = plane.spacing / std::max(zoom(), 1e-9);
    double lengthMm = 0;
    for (double candidate : {1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0})
        if (candidate / mmPerPixel <= vw / 4.0) lengthMm = candidate;
    vtkNew<vtkPoints> points;
    vtkNew<vtkCellArray> lines;
    double barHalfWidth = 0;
    if (lengthMm > 0) {
        const double px = lengthMm / mmPerPixel;
        const double x0 = vw / 2.0 - px / 2, x1 = vw / 2.0 + px / 2, y = 34;
        points->InsertNextPoint(x0, y + 5, 0);
        points->InsertNextPoint(x0, y, 0);
        points->InsertNextPoint(x1, y, 0);
        points->InsertNextPoint(x1, y + 5, 0);
        const vtkIdType ids[4] = {0, 1, 2, 3};
        lines->InsertNextCell(4, ids);
        d_->scaleBarLabel->SetInput((formatNumber(lengthMm, 0) + " mm").c_str());
        d_->scaleBarLabel->SetDisplayPosition(int(vw / 2), int(y + 6));
        barHalfWidth = px / 2;
    } else {
        d_->scaleBarLabel->SetInput("");
    }
    d_->scaleBarLine->SetPoints(points);
    d_->scaleBarLine->SetLines(lines);
    fitCornerText(vw, vh, barHalfWidth);
}

void SliceView::fitCornerText(int vw, int vh, double barHalfWidth) {
    const std::array<std::string, 4>& text = d_->text;
    auto input = [](vtkTextActor* actor) { return std::string(actor->GetInput() ? actor->GetInput() : ""); };
    std::string key = std::to_string(vw) + "x" + std::to_string(vh) + " " + std::to_string(int(barHalfWidth)) + " " +
                      input(d_->letters[2]) + " " + input(d_->letters[3]) + " " + input(d_->scaleBarLabel);
    for (const std::string& t : text) key += "\x1f" + t;
    if (key == d_->fittedFor) return;
    d_->fittedFor = key;

    vtkRenderWindow* window = d_->renderer->GetRenderWindow();
    const int dpi = window ? window->GetDPI() : 72;
    auto halfWidth = [&](vtkTextActor* actor) { return textWidth(actor->GetTextProperty(), input(actor), dpi) / 2.0; };
    const double topMiddle = halfWidth(d_->letters[2]);
    const double bottomMiddle = std::max({halfWidth(d_->letters[3]), barHalfWidth, halfWidth(d_->scaleBarLabel)});
    // Room for a line in an upper (text[0], text[1]) and a lower (text[2], text[3]) corner.
    const int roomTop = std::max(0, int(vw / 2.0 - topMiddle) - kCornerGap - kCornerInset);
    const int roomBottom = std::max(0, int(vw / 2.0 - bottomMiddle) - kCornerGap - kCornerInset);

    vtkTextProperty* measure = d_->measure.Get();
    measure->ShallowCopy(d_->corners->GetTextProperty());
    int font = kLargestCornerFont;
    for (; font > kSmallestCornerFont; --font) {
        measure->SetFontSize(font);
        bool fits = true;
        for (std::size_t c = 0; c < 4 && fits; ++c)
            for (const std::string& line : splitLines(text[c]))
                if (textWidth(measure, line, dpi) > (c < 2 ? roomTop : roomBottom)) {
                    fits = false;
                    break;
                }
        if (fits) break;
    }
    measure->SetFontSize(font);
    d_->corners->SetMaximumFontSize(font);
    static constexpr int kAnnotationCorner[4] = {2, 3, 0, 1};  // UL, UR, LL, LR in vtkCornerAnnotation's numbering
    for (std::size_t c = 0; c < 4; ++c) {
        std::string shown;
        for (const std::string& line : splitLines(text[c])) {
            if (!shown.empty()) shown += "\n";
            shown += elide(measure, line, c < 2 ? roomTop : roomBottom, dpi);
        }
        if (text[c].empty()) shown.clear();
        d_->corners->SetText(kAnnotationCorner[c], shown.c_str());
    }
}

}  // namespace lightbox::render
