#pragma once
// The synthetic patients, item by item (see Synthetic.h for the list), and
// the parameterised study writers the items share - the mixed patient reuses
// them with smaller images.

#include "synth/Phantom.h"
#include "synth/SynthContext.h"

namespace lightbox::core::synth {

// --- CT (CtStudies.cpp) --------------------------------------------------
// The chest phantom in its own (= the current CT's) coordinates.
Phantom chestPhantom(double lesionRadiusMm);
// Axial chest CT of `slices` x 2.5 mm, `matrix` pixels over ~384 mm, centred
// on `centre` in the series' frame; phantomFromFrame maps the frame to the phantom.
void writeChestCt(SynthContext& context, const PatientSpec& patient, const StudySpec& study, int seriesNumber,
                  const Phantom& phantom, const RigidTransform& phantomFromFrame, const Vec3& centre,
                  const std::string& frameOfReferenceKey, int slices, int matrix);
// Head CT of `slices` x 5 mm; with a tilt the image planes lean and the
// positions step along z (a sheared stack, as tilted-gantry scanners write).
void writeHeadCt(SynthContext& context, const PatientSpec& patient, const StudySpec& study, int seriesNumber,
                 int slices, int matrix, double tiltDegrees);

// truth.json's "chestPhantom" entry.
nlohmann::json chestPhantomTruth();

void writeCtCurrent(SynthContext& context);
void writeCtPrior(SynthContext& context);
void writeCtHeadTilt(SynthContext& context);

// --- MR (MrStudies.cpp) --------------------------------------------------
// Axial T2 (series `firstSeries`) and, if `withSagittal`, a sagittal T1.
void writeBrainMr(SynthContext& context, const PatientSpec& patient, const StudySpec& study, int firstSeries,
                  int slices, int matrix, bool withSagittal);
void writeMrBrain(SynthContext& context);

// --- Radiography (CrStudies.cpp, DxStudies.cpp, MgStudies.cpp) -------------
// Chest PA (and lateral) as CR; `scale` 1 = 880 x 1072 pixels at 0.4 mm.
void writeChestCr(SynthContext& context, const PatientSpec& patient, const StudySpec& study, bool prior,
                  bool withLateral, int scaleDivisor);
void writeCrCurrent(SynthContext& context);
void writeCrPrior(SynthContext& context);

// Knee AP as DX For Presentation with the calibration objects beside it.
void writeKneeDx(SynthContext& context, const PatientSpec& patient, const StudySpec& study, int scaleDivisor);
void writeDxCalibration(SynthContext& context);

void writeMgCurrent(SynthContext& context);
void writeMgPrior(SynthContext& context);

// --- LBX-MIX-006 (MixedPatient.cpp) -----------------------------------------
void writeMixed(SynthContext& context);

}  // namespace lightbox::core::synth
