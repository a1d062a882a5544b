#pragma once
// DICOM attribute tags used by Lightbox, named as in PS3.6.

#include <compare>
#include <cstdint>
#include <string>

namespace lightbox::core {

struct Tag {
    std::uint16_t group = 0;
    std::uint16_t element = 0;

    constexpr Tag() = default;
    constexpr Tag(std::uint16_t g, std::uint16_t e) : group(g), element(e) {}
    constexpr auto operator<=>(const Tag&) const = default;
    constexpr bool isPrivate() const { return (group & 1u) != 0; }
    std::string toString() const;  // "(0028,0010)"
};

namespace tags {
// File meta
inline constexpr Tag TransferSyntaxUID{0x0002, 0x0010};
inline constexpr Tag MediaStorageSOPClassUID{0x0002, 0x0002};
// Patient / study / series / instance
inline constexpr Tag SpecificCharacterSet{0x0008, 0x0005};
inline constexpr Tag ImageType{0x0008, 0x0008};
inline constexpr Tag SOPClassUID{0x0008, 0x0016};
inline constexpr Tag SOPInstanceUID{0x0008, 0x0018};
inline constexpr Tag StudyDate{0x0008, 0x0020};
inline constexpr Tag SeriesDate{0x0008, 0x0021};
inline constexpr Tag StudyTime{0x0008, 0x0030};
inline constexpr Tag AccessionNumber{0x0008, 0x0050};
inline constexpr Tag Modality{0x0008, 0x0060};
inline constexpr Tag Manufacturer{0x0008, 0x0070};
inline constexpr Tag InstitutionName{0x0008, 0x0080};
inline constexpr Tag ReferringPhysicianName{0x0008, 0x0090};
inline constexpr Tag StudyDescription{0x0008, 0x1030};
inline constexpr Tag SeriesDescription{0x0008, 0x103E};
inline constexpr Tag PatientName{0x0010, 0x0010};
inline constexpr Tag PatientID{0x0010, 0x0020};
inline constexpr Tag PatientBirthDate{0x0010, 0x0030};
inline constexpr Tag PatientSex{0x0010, 0x0040};
inline constexpr Tag BodyPartExamined{0x0018, 0x0015};
inline constexpr Tag SliceThickness{0x0018, 0x0050};
inline constexpr Tag SpacingBetweenSlices{0x0018, 0x0088};
inline constexpr Tag GantryDetectorTilt{0x0018, 0x1120};
inline constexpr Tag ImagerPixelSpacing{0x0018, 0x1164};
inline constexpr Tag EstimatedRadiographicMagnificationFactor{0x0018, 0x1114};
inline constexpr Tag ViewPosition{0x0018, 0x5101};
inline constexpr Tag StudyInstanceUID{0x0020, 0x000D};
inline constexpr Tag SeriesInstanceUID{0x0020, 0x000E};
inline constexpr Tag StudyID{0x0020, 0x0010};
inline constexpr Tag SeriesNumber{0x0020, 0x0011};
inline constexpr Tag InstanceNumber{0x0020, 0x0013};
inline constexpr Tag ImagePositionPatient{0x0020, 0x0032};
inline constexpr Tag ImageOrientationPatient{0x0020, 0x0037};
inline constexpr Tag FrameOfReferenceUID{0x0020, 0x0052};
inline constexpr Tag Laterality{0x0020, 0x0060};
inline constexpr Tag ImageLaterality{0x0020, 0x0062};
inline constexpr Tag SliceLocation{0x0020, 0x1041};
// Image pixel module
inline constexpr Tag SamplesPerPixel{0x0028, 0x0002};
inline constexpr Tag PhotometricInterpretation{0x0028, 0x0004};
inline constexpr Tag PlanarConfiguration{0x0028, 0x0006};
inline constexpr Tag NumberOfFrames{0x0028, 0x0008};
inline constexpr Tag Rows{0x0028, 0x0010};
inline constexpr Tag Columns{0x0028, 0x0011};
inline constexpr Tag PixelSpacing{0x0028, 0x0030};
inline constexpr Tag BitsAllocated{0x0028, 0x0100};
inline constexpr Tag BitsStored{0x0028, 0x0101};
inline constexpr Tag HighBit{0x0028, 0x0102};
inline constexpr Tag PixelRepresentation{0x0028, 0x0103};
inline constexpr Tag WindowCenter{0x0028, 0x1050};
inline constexpr Tag WindowWidth{0x0028, 0x1051};
inline constexpr Tag RescaleIntercept{0x0028, 0x1052};
inline constexpr Tag RescaleSlope{0x0028, 0x1053};
inline constexpr Tag RescaleType{0x0028, 0x1054};
inline constexpr Tag WindowCenterWidthExplanation{0x0028, 0x1055};
inline constexpr Tag VOILUTFunction{0x0028, 0x1056};
inline constexpr Tag RedPaletteColorLookupTableDescriptor{0x0028, 0x1101};
inline constexpr Tag GreenPaletteColorLookupTableDescriptor{0x0028, 0x1102};
inline constexpr Tag BluePaletteColorLookupTableDescriptor{0x0028, 0x1103};
inline constexpr Tag RedPaletteColorLookupTableData{0x0028, 0x1201};
inline constexpr Tag GreenPaletteColorLookupTableData{0x0028, 0x1202};
inline constexpr Tag BluePaletteColorLookupTableData{0x0028, 0x1203};
inline constexpr Tag SegmentedRedPaletteColorLookupTableData{0x0028, 0x1221};
inline constexpr Tag SegmentedGreenPaletteColorLookupTableData{0x0028, 0x1222};
inline constexpr Tag SegmentedBluePaletteColorLookupTableData{0x0028, 0x1223};
inline constexpr Tag ModalityLUTSequence{0x0028, 0x3000};
inline constexpr Tag LUTDescriptor{0x0028, 0x3002};
inline constexpr Tag LUTExplanation{0x0028, 0x3003};
inline constexpr Tag ModalityLUTType{0x0028, 0x3004};
inline constexpr Tag LUTData{0x0028, 0x3006};
inline constexpr Tag VOILUTSequence{0x0028, 0x3010};
inline constexpr Tag PresentationLUTSequence{0x2050, 0x0010};
inline constexpr Tag PresentationLUTShape{0x2050, 0x0020};
inline constexpr Tag PixelData{0x7FE0, 0x0010};
inline constexpr Tag FloatPixelData{0x7FE0, 0x0008};
inline constexpr Tag DoubleFloatPixelData{0x7FE0, 0x0009};
// Enhanced multi-frame functional groups
inline constexpr Tag SharedFunctionalGroupsSequence{0x5200, 0x9229};
inline constexpr Tag PerFrameFunctionalGroupsSequence{0x5200, 0x9230};
inline constexpr Tag PixelMeasuresSequence{0x0028, 0x9110};
inline constexpr Tag PlanePositionSequence{0x0020, 0x9113};
inline constexpr Tag PlaneOrientationSequence{0x0020, 0x9116};
inline constexpr Tag FrameVOILUTSequence{0x0028, 0x9132};
inline constexpr Tag PixelValueTransformationSequence{0x0028, 0x9145};
inline constexpr Tag FrameContentSequence{0x0020, 0x9111};
inline constexpr Tag InStackPositionNumber{0x0020, 0x9057};
inline constexpr Tag DimensionIndexValues{0x0020, 0x9157};
// DICOMDIR
inline constexpr Tag DirectoryRecordSequence{0x0004, 0x1220};
inline constexpr Tag DirectoryRecordType{0x0004, 0x1430};
inline constexpr Tag ReferencedFileID{0x0004, 0x1500};
inline constexpr Tag ReferencedSOPInstanceUIDInFile{0x0004, 0x1511};
inline constexpr Tag ReferencedTransferSyntaxUIDInFile{0x0004, 0x1512};
}  // namespace tags

}  // namespace lightbox::core
