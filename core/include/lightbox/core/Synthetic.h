#pragma once
// Synthetic patients written as real DICOM Part 10 files, with a truth.json
// that says exactly what is in them, so tests, demos and benchmarks need no
// committed binary data and can check measurements against known answers.
//
// Everything is deterministic: the same options give byte-identical files
// (UIDs from uidFromName(), a fixed-seed noise generator, fixed dates).
//
// Folder layout under the output folder:
//   <PatientID>/<StudyDate>_<Modality>_<short>/<SeriesNumber>/IM0001.dcm ...
//   truth.json
//
// Items (SynthOptions::only selects one; empty writes them all):
//   ct-current     LBX-CT-001 "PHANTOM^CHEST"  CT chest 20261120, `slices` x 2.5 mm, matrix `matrix`
//   ct-prior       LBX-CT-001                  CT chest 20251118: same phantom, patient lying differently
//   ct-head-tilt   LBX-CT-001                  CT head 20260704, gantry tilt 15 degrees (sheared stack)
//   mr-brain       LBX-MR-002 "MÜLLER^ANNA"    MR brain axial T2 and sagittal T1
//   cr-current     LBX-CR-003                  CR chest PA + lateral 20261002
//   cr-prior       LBX-CR-003                  CR chest PA + lateral 20240915
//   dx-calibration LBX-DX-004                  DX right knee AP with calibration square, disc and beads
//   mg-current     LBX-MG-005 "GARCÍA^SOFÍA"   MG screening RCC LCC RMLO LMLO 20260510
//   mg-prior       LBX-MG-005                  MG screening, the same four views 20240502
//   mixed          LBX-MIX-006                 five small studies: CT 2026, CR 2025, MR 2024, DX 2023, CT 2021
//
// truth.json (all lengths in mm, patient coordinates in DICOM LPS: +x to the
// patient's left, +y posterior, +z head):
// {
//   "generator": "lightbox synthetic patients", "version": 1,
//   "options": {"slices": N, "matrix": M, "only": ""},
//   "items": ["ct-current", ...],                       what this run wrote
//   "coordinates", "pixelConvention": text              the conventions below, for a human reader
//   "patients": [{
//     "patientId", "patientName" (UTF-8), "birthDate", "sex", "folder" (relative to the output folder),
//     "studies": [{
//       "item": "ct-current", "studyInstanceUid", "studyDate", "studyTime", "studyId",
//       "accessionNumber", "description", "modality", "folder",
//       "series": [{
//         "seriesInstanceUid", "seriesNumber", "modality", "description", "bodyPart",
//         "sopClassUid", "folder", "images" (count),
//         "instances": [{"file", "instanceNumber", "sopInstanceUid",
//                        projection images also: "viewPosition", "imageLaterality",
//                        "patientOrientation", "rows", "columns"}],
//         cross-sectional (CT, MR):
//         "frameOfReferenceUid",
//         "geometry": {"rows", "columns", "slices", "pixelSpacing": [row spacing, column spacing],
//                      "imageOrientationPatient": [6], "firstImagePosition": [3] (IPP of instance 1),
//                      "sliceStep": [3] (IPP(k+1) - IPP(k)), "sliceThickness",
//                      "gantryTilt", "tableStep" (head CTs only: degrees, mm along z)},
//         "rescale": {"slope", "intercept", "type"} (CT), "windows": [{"center", "width", "explanation"}],
//         "bits": {"allocated", "stored"}, "photometric", "noiseSigma" (in value units; the noise
//         is bounded at +-3.46 sigma), "background" (value outside every object),
//         "frameFromPhantom": [16] row-major 4x4 from phantom coordinates to this series' frame
//                      (identity except for the prior CT, where it is priorFromCurrent),
//         "objects": [{"name", "shape": "sphere"|"ellipsoid"|"ellipticCylinderZ", "center": [3],
//                      "radius" | "semiAxes": [3] | "semiAxes": [2] (cylinders: in x and y, infinite in z),
//                      "value" (HU for CT, signal for MR)}]       centres in THIS series' frame of
//                      reference, semi-axes along the phantom's axes (rotate them by frameFromPhantom);
//                      later objects overwrite earlier ones where they overlap.
//         projection (CR, DX, MG): "imagerPixelSpacing": [row, col], "photometric", "bits",
//                      "windows", "voiLutFunction" (MG: "SIGMOID"),
//                      per instance also: CR "nodule": {"centerPixel", "radiusMm"}; MG "viewCode" (SCT),
//                      left breast "mass": {"centerPixel", "radiusMm"} (smaller in the prior),
//                      right breast "calcifications": {"centersPixel": [...], "diameterMm"},
//         DX only: "estimatedRadiographicMagnificationFactor" (written as (0018,1114)), "calibration": {
//                      "pixelSpacingAtPatientPlane": [row, col] (imager spacing / magnification),
//                      "square": {"outerSizeMm", "barWidthMm", "centerPixel": [col,row],
//                                 "outerCornersPixel": [[col,row] x4: top-left, top-right, bottom-right, bottom-left]},
//                      "disc": {"diameterMm", "centerPixel": [col,row], "radiusPixels"},
//                      "beads": {"distanceMm", "diameterMm", "centersPixel": [[col,row],[col,row]]}}
//       }]
//     }]
//   }],
//   "chestPhantom": {                                   present when ct-current or ct-prior was written
//     "objects": [...] (as above, in the current CT's frame = phantom coordinates),
//     "priorFromCurrent": [16] row-major 4x4: p_prior = M * [p_current, 1],
//     "currentFrameOfReferenceUid", "priorFrameOfReferenceUid",
//     "lesion": {"name": "lesion", "radiusCurrentMm", "radiusPriorMm", "centerCurrent": [3], "centerPrior": [3], "hu"}
//   }
// }

#include <filesystem>
#include <string>
#include <vector>

namespace lightbox::core {

struct SynthOptions {
    int slices = 60;    // axial CT slices of the chest studies (2.5 mm apart)
    int matrix = 256;   // CT rows and columns (field of view ~384 mm whatever the matrix)
    std::string only;   // one item name (see above); empty: every item
    unsigned threads = 0;  // slices written in parallel; 0 = twice the cores (at least 4)
};

// The item names `only` accepts, in the order they are written.
std::vector<std::string> syntheticItemNames();

// Writes the selected synthetic patients under `out` (created if needed) and
// `out`/truth.json; returns the truth.json text. Throws Error (InvalidArgument
// for bad options or an unknown item, Io for write failures).
std::string writeSyntheticPatients(const std::filesystem::path& out, const SynthOptions& options);

}  // namespace lightbox::core
