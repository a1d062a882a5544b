// LBX-MIX-006: one patient with five small studies of different modalities
// and years - what a study list, a prior search and a hanging protocol see
// for a patient with a history. The images reuse the writers of the other
// items at reduced size.

#include "synth/SynthItems.h"

#include <algorithm>

namespace lightbox::core::synth {

void writeMixed(SynthContext& context) {
    // A name with a Japanese ideographic group: ISO_IR 192 carries it as UTF-8.
    const PatientSpec patient{"LBX-MIX-006", "NAKAMURA^HARUTO=中村^陽翔", "19500923", "M", 1.70, 68.0};
    const int slices = std::clamp(context.options().slices, 1, 8);
    constexpr int matrix = 128;

    const StudySpec ct2026{"mixed", "mixed/ct-2026", "20260314", "104500", "CT", "chest",
                           "CT THORAX FOLLOW-UP", "LBXM2603141", "CT26-0314", "FAMILY^FRANK"};
    const Phantom chest = chestPhantom(10.0);
    writeChestCt(context, patient, ct2026, 2, chest, RigidTransform(), {0, 0, 0}, "mixed/ct-2026", slices, matrix);

    const StudySpec cr2025{"mixed", "mixed/cr-2025", "20250620", "160000", "CR", "chest",
                           "XR CHEST 1 VIEW", "LBXM2506202", "CR25-0620", "FAMILY^FRANK"};
    writeChestCr(context, patient, cr2025, false, false, 2);

    const StudySpec mr2024{"mixed", "mixed/mr-2024", "20240211", "073000", "MR", "brain",
                           "MR BRAIN WITHOUT CONTRAST", "LBXM2402113", "MR24-0211", "NEURO^NINA"};
    writeBrainMr(context, patient, mr2024, 1, slices, matrix, false);

    const StudySpec dx2023{"mixed", "mixed/dx-2023", "20230905", "141500", "DX", "knee",
                           "XR KNEE RIGHT 1 VIEW", "LBXM2309054", "DX23-0905", "ORTHO^OLIVER"};
    writeKneeDx(context, patient, dx2023, 4);

    const StudySpec ct2021{"mixed", "mixed/ct-2021", "20210108", "023000", "CT", "head",
                           "CT HEAD WITHOUT CONTRAST", "LBXM2101085", "CT21-0108", "EMERGENCY^DESK"};
    writeHeadCt(context, patient, ct2021, 2, slices, matrix, 0.0);
}

}  // namespace lightbox::core::synth
