#include "lightbox/render/VolumeView.h"

#include "lightbox/core/Error.h"

#include <vtkCamera.h>
#include <vtkColorTransferFunction.h>
#include <vtkFloatArray.h>
#include <vtkGPUVolumeRayCastMapper.h>
#include <vtkImageData.h>
#include <vtkMatrix4x4.h>
#include <vtkNew.h>
#include <vtkPiecewiseFunction.h>
#include <vtkPointData.h>
#include <vtkRenderer.h>
#include <vtkShortArray.h>
#include <vtkVolume.h>
#include <vtkVolumeProperty.h>

#include <vtkAutoInit.h>

// Object factories (this file may be the only one of render linked in).
VTK_MODULE_INIT(vtkRenderingOpenGL2);
VTK_MODULE_INIT(vtkRenderingVolumeOpenGL2);

namespace lightbox::render {

VrPreset parseVrPreset(const std::string& text) {
    if (text == "bone") return VrPreset::Bone;
    if (text == "soft" || text == "soft-tissue" || text == "softtissue") return VrPreset::SoftTissue;
    if (text == "angio") return VrPreset::Angio;
    if (text == "mip") return VrPreset::Mip;
    throw core::Error(core::ErrorCode::InvalidArgument, "unknown volume rendering preset '" + text +
                                                            "' (bone, soft-tissue, angio, mip)");
}

std::string vrPresetName(VrPreset preset) {
    switch (preset) {
        case VrPreset::Bone: return "bone";
        case VrPreset::SoftTissue: return "soft-tissue";
        case VrPreset::Angio: return "angio";
        case VrPreset::Mip: return "mip";
    }
    return "?";
}

struct VolumeView::Impl {
    const core::Volume& volume;
    vtkNew<vtkRenderer> renderer;
    vtkNew<vtkImageData> image;
    vtkNew<vtkGPUVolumeRayCastMapper> mapper;
    vtkNew<vtkVolume> actor;
    vtkNew<vtkVolumeProperty> property;
    vtkNew<vtkColorTransferFunction> colour;
    vtkNew<vtkPiecewiseFunction> opacity;

    explicit Impl(const core::Volume& v) : volume(v) {}
};

VolumeView::VolumeView(const core::Volume& volume) : d_(std::make_unique<Impl>(volume)) {
    if (volume.columns <= 0 || volume.rows <= 0 || volume.slices <= 0)
        throw core::Error(core::ErrorCode::InvalidArgument, "empty volume");
    vtkImageData* image = d_->image;
    image->SetDimensions(volume.columns, volume.rows, volume.slices);
    image->SetSpacing(volume.spacing[0], volume.spacing[1], volume.spacing[2]);
    image->SetOrigin(0, 0, 0);
    const vtkIdType count = vtkIdType(volume.voxelsPerSlice()) * volume.slices;
    // Share the voxels (save = 1: VTK never frees them).
    if (volume.isFloat) {
        vtkNew<vtkFloatArray> scalars;
        scalars->SetArray(const_cast<float*>(volume.floatVoxels.data()), count, 1);
        image->GetPointData()->SetScalars(scalars);
    } else {
        vtkNew<vtkShortArray> scalars;
        scalars->SetArray(const_cast<std::int16_t*>(volume.int16Voxels.data()), count, 1);
        image->GetPointData()->SetScalars(scalars);
    }
    d_->mapper->SetInputData(image);
    d_->mapper->SetAutoAdjustSampleDistances(0);
    d_->mapper->SetSampleDistance(float(std::min({volume.spacing[0], volume.spacing[1], volume.spacing[2]})));
    // Voxel index space (with spacing) -> patient: the axes as columns, shear
    // included, then the origin.
    vtkNew<vtkMatrix4x4> m;
    for (int r = 0; r < 3; ++r) {
        m->SetElement(r, 0, volume.axisX[std::size_t(r)]);
        m->SetElement(r, 1, volume.axisY[std::size_t(r)]);
        m->SetElement(r, 2, volume.axisZ[std::size_t(r)]);
        m->SetElement(r, 3, volume.origin[std::size_t(r)]);
    }
    d_->actor->SetUserMatrix(m);
    d_->actor->SetMapper(d_->mapper);
    d_->property->SetColor(d_->colour);
    d_->property->SetScalarOpacity(d_->opacity);
    d_->property->SetInterpolationTypeToLinear();
    d_->actor->SetProperty(d_->property);
    d_->renderer->AddVolume(d_->actor);
    d_->renderer->SetBackground(0, 0, 0);
    setPreset(VrPreset::Bone);
    resetCamera();
}

VolumeView::~VolumeView() = default;

vtkRenderer* VolumeView::renderer() const { return d_->renderer; }

void VolumeView::setPreset(VrPreset preset) {
    preset_ = preset;
    vtkColorTransferFunction* c = d_->colour;
    vtkPiecewiseFunction* o = d_->opacity;
    c->RemoveAllPoints();
    o->RemoveAllPoints();
    d_->property->ShadeOff();
    d_->mapper->SetBlendModeToComposite();
    switch (preset) {
        case VrPreset::Bone:
            c->AddRGBPoint(-1000, 0, 0, 0);
            c->AddRGBPoint(150, 0.6, 0.35, 0.2);
            c->AddRGBPoint(400, 0.95, 0.85, 0.7);
            c->AddRGBPoint(1500, 1, 1, 0.95);
            o->AddPoint(-1000, 0);
            o->AddPoint(150, 0);
            o->AddPoint(300, 0.3);
            o->AddPoint(1000, 0.85);
            d_->property->ShadeOn();
            break;
        case VrPreset::SoftTissue:
            c->AddRGBPoint(-1000, 0, 0, 0);
            c->AddRGBPoint(-200, 0.55, 0.25, 0.15);
            c->AddRGBPoint(50, 0.9, 0.6, 0.45);
            c->AddRGBPoint(400, 1, 0.95, 0.85);
            o->AddPoint(-1000, 0);
            o->AddPoint(-300, 0);
            o->AddPoint(-100, 0.05);
            o->AddPoint(60, 0.15);
            o->AddPoint(400, 0.6);
            d_->property->ShadeOn();
            break;
        case VrPreset::Angio:
            c->AddRGBPoint(-1000, 0, 0, 0);
            c->AddRGBPoint(120, 0.7, 0.1, 0.05);
            c->AddRGBPoint(300, 1, 0.6, 0.4);
            c->AddRGBPoint(1200, 1, 1, 1);
            o->AddPoint(-1000, 0);
            o->AddPoint(120, 0);
            o->AddPoint(200, 0.4);
            o->AddPoint(600, 0.8);
            d_->property->ShadeOn();
            break;
        case VrPreset::Mip:
            c->AddRGBPoint(-1000, 0, 0, 0);
            c->AddRGBPoint(1500, 1, 1, 1);
            o->AddPoint(-1000, 0);
            o->AddPoint(1500, 1);
            d_->mapper->SetBlendModeToMaximumIntensity();
            break;
    }
}

void VolumeView::resetCamera() {
    vtkCamera* camera = d_->renderer->GetActiveCamera();
    double bounds[6];
    d_->actor->GetBounds(bounds);
    const double centre[3] = {(bounds[0] + bounds[1]) / 2, (bounds[2] + bounds[3]) / 2, (bounds[4] + bounds[5]) / 2};
    camera->SetFocalPoint(centre);
    camera->SetPosition(centre[0], centre[1] - 1000, centre[2]);  // anterior (LPS: -y)
    camera->SetViewUp(0, 0, 1);                                   // head up
    d_->renderer->ResetCamera(bounds);
}

void VolumeView::rotate(double azimuthDegrees, double elevationDegrees) {
    vtkCamera* camera = d_->renderer->GetActiveCamera();
    camera->Azimuth(azimuthDegrees);
    camera->Elevation(elevationDegrees);
    camera->OrthogonalizeViewUp();
    d_->renderer->ResetCameraClippingRange();
}

}  // namespace lightbox::render
