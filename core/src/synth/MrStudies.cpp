// MR items: a brain of nested ellipsoids with T2- and T1-like signal values,
// 16-bit unsigned samples without rescale, axial and sagittal planes.

#include "synth/SynthItems.h"
#include "synth/VolumeSeries.h"

#include <algorithm>

namespace lightbox::core::synth {
namespace {

constexpr Tag ScanningSequence{0x0018, 0x0020};
constexpr Tag SequenceVariant{0x0018, 0x0021};
constexpr Tag ScanOptions{0x0018, 0x0022};
constexpr Tag MRAcquisitionType{0x0018, 0x0023};
constexpr Tag SequenceName{0x0018, 0x0024};
constexpr Tag AngioFlag{0x0018, 0x0025};
constexpr Tag RepetitionTime{0x0018, 0x0080};
constexpr Tag EchoTime{0x0018, 0x0081};
constexpr Tag NumberOfAverages{0x0018, 0x0083};
constexpr Tag ImagingFrequency{0x0018, 0x0084};
constexpr Tag ImagedNucleus{0x0018, 0x0085};
constexpr Tag EchoNumbers{0x0018, 0x0086};
constexpr Tag MagneticFieldStrength{0x0018, 0x0087};
constexpr Tag NumberOfPhaseEncodingSteps{0x0018, 0x0089};
constexpr Tag EchoTrainLength{0x0018, 0x0091};
constexpr Tag PercentSampling{0x0018, 0x0093};
constexpr Tag PercentPhaseFieldOfView{0x0018, 0x0094};
constexpr Tag PixelBandwidth{0x0018, 0x0095};
constexpr Tag ReceiveCoilName{0x0018, 0x1250};
constexpr Tag TransmitCoilName{0x0018, 0x1251};
constexpr Tag AcquisitionMatrix{0x0018, 0x1310};
constexpr Tag InPlanePhaseEncodingDirection{0x0018, 0x1312};
constexpr Tag FlipAngle{0x0018, 0x1314};

// Signal per tissue: T2-weighted (CSF bright) or T1-weighted (fat bright, CSF dark).
Phantom brainPhantom(bool t2) {
    struct Signal { double fat, bone, csf, grey, white, eye, lesion; };
    const Signal s = t2 ? Signal{900, 60, 1800, 1000, 700, 1700, 1500} : Signal{1400, 50, 250, 650, 900, 300, 500};
    Phantom p(t2 ? "brain-t2" : "brain-t1", 0.0);
    p.add(PhantomShape::ellipsoid("scalp", {0, 0, 0}, {82, 102, 97}, s.fat));
    p.add(PhantomShape::ellipsoid("skull", {0, 0, 0}, {77, 97, 92}, s.bone));
    p.add(PhantomShape::ellipsoid("csf", {0, 0, 0}, {72, 92, 87}, s.csf));
    p.add(PhantomShape::ellipsoid("greyMatter", {0, 0, 0}, {70, 90, 85}, s.grey));
    p.add(PhantomShape::ellipsoid("whiteMatter", {0, 5, 15}, {55, 72, 55}, s.white));
    p.add(PhantomShape::ellipsoid("rightVentricle", {-10, -5, 15}, {6, 25, 12}, s.csf));
    p.add(PhantomShape::ellipsoid("leftVentricle", {10, -5, 15}, {6, 25, 12}, s.csf));
    p.add(PhantomShape::sphere("rightEye", {-32, -80, -35}, 11, s.eye));
    p.add(PhantomShape::sphere("leftEye", {32, -80, -35}, 11, s.eye));
    p.add(PhantomShape::sphere("plaque", {25, 10, 30}, 6, s.lesion));
    return p;
}

struct MrProtocol {
    bool t2 = true;
    double tr = 0, te = 0, flip = 90;
    int echoTrain = 1;
};

void mrAttributes(DatasetBuilder& ds, const MrProtocol& protocol, int matrix, double spacingBetweenSlices) {
    const auto m = std::uint16_t(matrix);
    ds.text(ScanningSequence, "CS", "SE")
        .text(SequenceVariant, "CS", protocol.echoTrain > 1 ? "SK" : "NONE")
        .empty(ScanOptions, "CS")
        .text(MRAcquisitionType, "CS", "2D")
        .text(SequenceName, "SH", protocol.t2 ? "*tse2d1_15" : "*se2d1")
        .text(AngioFlag, "CS", "N")
        .text(RepetitionTime, "DS", formatDs(protocol.tr))
        .text(EchoTime, "DS", formatDs(protocol.te))
        .text(NumberOfAverages, "DS", "1")
        .text(ImagingFrequency, "DS", "63.676")
        .text(ImagedNucleus, "SH", "1H")
        .text(EchoNumbers, "IS", "1")
        .text(MagneticFieldStrength, "DS", "1.5")
        .text(tags::SpacingBetweenSlices, "DS", formatDs(spacingBetweenSlices))
        .text(NumberOfPhaseEncodingSteps, "IS", std::to_string(matrix))
        .text(EchoTrainLength, "IS", std::to_string(protocol.echoTrain))
        .text(PercentSampling, "DS", "100")
        .text(PercentPhaseFieldOfView, "DS", "100")
        .text(PixelBandwidth, "DS", "130")
        .text(ReceiveCoilName, "SH", "HEAD 16")
        .text(TransmitCoilName, "SH", "BODY")
        .usValues(AcquisitionMatrix, {0, m, m, 0})
        .text(InPlanePhaseEncodingDirection, "CS", "ROW")
        .text(FlipAngle, "DS", formatDs(protocol.flip));
}

}  // namespace

void writeBrainMr(SynthContext& context, const PatientSpec& patient, const StudySpec& study, int firstSeries,
                  int slices, int matrix, bool withSagittal) {
    static const Phantom t2 = brainPhantom(true);
    static const Phantom t1 = brainPhantom(false);
    const std::string forUid = frameOfReferenceUid(study.key + "/mr");

    {  // Axial T2 TSE: 5 mm slices with a 1 mm gap, inferior to superior.
        constexpr double thickness = 5.0, spacing = 6.0, fov = 230.0;
        VolumeSeriesSpec spec;
        spec.series = {"MR", firstSeries, "AX T2 TSE", "BRAIN", "", "HFS", "BRAIN ROUTINE", sop::MrImage, study.time};
        spec.grid = VolumeGrid::centred(matrix, matrix, fov / matrix, {1, 0, 0}, {0, 1, 0},
                                        {0, 0, -(slices - 1) / 2.0 * spacing});
        spec.grid.slices = slices;
        spec.grid.sliceStep = {0, 0, spacing};
        spec.grid.sliceThickness = thickness;
        spec.phantom = &t2;
        spec.frameOfReferenceUid = forUid;
        spec.bitsStored = 16;
        spec.noiseSigma = 12.0;
        spec.windows = {{900, 1800, "T2 BRAIN"}};
        spec.imageType = "ORIGINAL\\PRIMARY\\OTHER";
        spec.modalityAttributes = [matrix](DatasetBuilder& ds, int) {
            mrAttributes(ds, {true, 4000, 98, 150, 15}, matrix, spacing);
        };
        writeVolumeSeries(context, patient, study, spec);
    }
    if (!withSagittal) return;
    {  // Sagittal T1 SE: 4 mm slices, 0.8 mm gap, right to left.
        constexpr double thickness = 4.0, spacing = 4.8, fov = 240.0;
        const int count = std::clamp(slices, 1, 19);
        VolumeSeriesSpec spec;
        spec.series = {"MR", firstSeries + 1, "SAG T1 SE", "BRAIN", "", "HFS", "BRAIN ROUTINE", sop::MrImage,
                       study.time};
        spec.grid = VolumeGrid::centred(matrix, matrix, fov / matrix, {0, 1, 0}, {0, 0, -1},
                                        {-(count - 1) / 2.0 * spacing, 0, 0});
        spec.grid.slices = count;
        spec.grid.sliceStep = {spacing, 0, 0};
        spec.grid.sliceThickness = thickness;
        spec.phantom = &t1;
        spec.frameOfReferenceUid = forUid;
        spec.bitsStored = 16;
        spec.noiseSigma = 10.0;
        spec.windows = {{750, 1500, "T1 BRAIN"}};
        spec.imageType = "ORIGINAL\\PRIMARY\\OTHER";
        spec.modalityAttributes = [matrix](DatasetBuilder& ds, int) {
            mrAttributes(ds, {false, 550, 12, 90, 1}, matrix, spacing);
        };
        writeVolumeSeries(context, patient, study, spec);
    }
}

void writeMrBrain(SynthContext& context) {
    const PatientSpec patient{"LBX-MR-002", "MÜLLER^ANNA", "19790822", "F", 1.68, 61.0};
    const StudySpec study{"mr-brain", "mr-brain", "20260912", "101500", "MR", "brain",
                          "MRT SCHÄDEL NATIV", "LBXA2609124", "MR26-0815", "HAUSARZT^HELGA"};
    writeBrainMr(context, patient, study, 1, std::clamp(context.options().slices, 1, 24),
                 std::min(context.options().matrix, 256), true);
}

}  // namespace lightbox::core::synth
