#pragma once
// Writes a cross-sectional series (CT, MR): one file per slice, each pixel the
// phantom's value at the pixel centre plus deterministic noise, with Frame of
// Reference, Image Plane, Image Pixel, Modality LUT (rescale) and VOI LUT
// modules. Slices are computed and written in parallel; the files do not
// depend on the thread count because each slice has its own noise seed.

#include "synth/Phantom.h"
#include "synth/SynthContext.h"

#include <functional>
#include <string>
#include <vector>

namespace lightbox::core::synth {

struct VolumeGrid {
    int rows = 0;
    int columns = 0;
    int slices = 0;
    double rowSpacing = 1.0;     // PixelSpacing[0]: between rows (along the column direction)
    double columnSpacing = 1.0;  // PixelSpacing[1]: between columns (along the row direction)
    Vec3 rowDirection{1, 0, 0};
    Vec3 columnDirection{0, 1, 0};
    Vec3 firstPosition{0, 0, 0};  // ImagePositionPatient of slice 0 (instance 1)
    Vec3 sliceStep{0, 0, 1};      // IPP(k+1) - IPP(k)
    double sliceThickness = 1.0;

    Vec3 position(int slice) const { return firstPosition + sliceStep * double(slice); }
    Vec3 pixelCentre(int slice, double column, double row) const {
        return position(slice) + rowDirection * (column * columnSpacing) + columnDirection * (row * rowSpacing);
    }
    // A grid of `columns` x `rows` pixels whose centre pixel lies at `centre`
    // on slice 0 (the image plane through `centre`).
    static VolumeGrid centred(int rows, int columns, double spacing, const Vec3& rowDirection,
                              const Vec3& columnDirection, const Vec3& centre);
    nlohmann::json toJson() const;
};

struct DisplayWindow {
    double center = 0.0;
    double width = 1.0;
    std::string explanation;
};

struct VolumeSeriesSpec {
    SeriesSpec series;
    VolumeGrid grid;
    const Phantom* phantom = nullptr;
    RigidTransform phantomFromFrame;  // this series' patient coordinates -> phantom coordinates
    std::string frameOfReferenceUid;
    // Stored value = round((value + noise - intercept) / slope), clamped to BitsStored.
    double rescaleSlope = 1.0;
    double rescaleIntercept = 0.0;
    std::string rescaleType;          // empty: no Rescale attributes (MR)
    int bitsStored = 12;
    double noiseSigma = 0.0;
    std::vector<DisplayWindow> windows;
    std::string imageType;            // e.g. "ORIGINAL\PRIMARY\AXIAL"
    // The modality's own image module (CT Image, MR Image) and anything else
    // per slice; called once per slice, possibly from several threads.
    std::function<void(DatasetBuilder&, int slice)> modalityAttributes;
};

// A Frame of Reference UID derived from a name.
std::string frameOfReferenceUid(const std::string& key);

// Writes the series and fills its truth entry (returned for additions; valid
// until the next truth entry is added).
nlohmann::json& writeVolumeSeries(SynthContext& context, const PatientSpec& patient, const StudySpec& study,
                                  const VolumeSeriesSpec& spec);

// VOI LUT attributes: one value per window, '\'-separated.
void setWindows(DatasetBuilder& ds, const std::vector<DisplayWindow>& windows);
nlohmann::json windowsJson(const std::vector<DisplayWindow>& windows);

}  // namespace lightbox::core::synth
