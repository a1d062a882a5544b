#pragma once
// 3-D volume rendering of a core::Volume (vtkGPUVolumeRayCastMapper) with CT
// presets. The voxels are shared with the volume, not copied; the patient
// geometry (direction cosines, shear of a tilted gantry) goes into the
// volume's matrix, so the 3-D view and the MPR planes agree.

#include "lightbox/core/Volume.h"

#include <memory>
#include <string>

class vtkRenderer;

namespace lightbox::render {

enum class VrPreset { Bone, SoftTissue, Angio, Mip };
VrPreset parseVrPreset(const std::string& text);  // bone | soft | soft-tissue | angio | mip
std::string vrPresetName(VrPreset preset);

class VolumeView {
public:
    // `volume` must outlive the view.
    explicit VolumeView(const core::Volume& volume);
    ~VolumeView();
    VolumeView(const VolumeView&) = delete;
    VolumeView& operator=(const VolumeView&) = delete;

    vtkRenderer* renderer() const;
    void setPreset(VrPreset preset);
    VrPreset preset() const { return preset_; }
    // Anterior view, head up, the whole volume in view.
    void resetCamera();
    void rotate(double azimuthDegrees, double elevationDegrees);

private:
    struct Impl;
    std::unique_ptr<Impl> d_;
    VrPreset preset_ = VrPreset::Bone;
};

}  // namespace lightbox::render
