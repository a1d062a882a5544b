#pragma once
// Attribute tags of the presentation state modules (PS3.6), private to core:
// the reader and the writer share them.

#include "lightbox/core/Tag.h"

namespace lightbox::core::prtags {
inline constexpr Tag ReferencedSeriesSequence{0x0008, 0x1115};
inline constexpr Tag ReferencedImageSequence{0x0008, 0x1140};
inline constexpr Tag ReferencedSOPClassUID{0x0008, 0x1150};
inline constexpr Tag ReferencedSOPInstanceUID{0x0008, 0x1155};
inline constexpr Tag ReferencedFrameNumber{0x0008, 0x1160};
inline constexpr Tag SeriesTime{0x0008, 0x0031};
inline constexpr Tag ContentDate{0x0008, 0x0023};
inline constexpr Tag ContentTime{0x0008, 0x0033};
inline constexpr Tag InstanceCreationDate{0x0008, 0x0012};
inline constexpr Tag InstanceCreationTime{0x0008, 0x0013};
inline constexpr Tag ShutterShape{0x0018, 0x1600};
inline constexpr Tag ShutterLeftVerticalEdge{0x0018, 0x1602};
inline constexpr Tag ShutterRightVerticalEdge{0x0018, 0x1604};
inline constexpr Tag ShutterUpperHorizontalEdge{0x0018, 0x1606};
inline constexpr Tag ShutterLowerHorizontalEdge{0x0018, 0x1608};
inline constexpr Tag CenterOfCircularShutter{0x0018, 0x1610};
inline constexpr Tag RadiusOfCircularShutter{0x0018, 0x1612};
inline constexpr Tag VerticesOfThePolygonalShutter{0x0018, 0x1620};
inline constexpr Tag ShutterPresentationValue{0x0018, 0x1622};
inline constexpr Tag ShutterOverlayGroup{0x0018, 0x1623};
inline constexpr Tag ShutterPresentationColorCIELabValue{0x0018, 0x1624};
inline constexpr Tag SoftcopyVOILUTSequence{0x0028, 0x3110};
inline constexpr Tag GraphicAnnotationSequence{0x0070, 0x0001};
inline constexpr Tag GraphicLayer{0x0070, 0x0002};
inline constexpr Tag BoundingBoxAnnotationUnits{0x0070, 0x0003};
inline constexpr Tag AnchorPointAnnotationUnits{0x0070, 0x0004};
inline constexpr Tag GraphicAnnotationUnits{0x0070, 0x0005};
inline constexpr Tag UnformattedTextValue{0x0070, 0x0006};
inline constexpr Tag TextObjectSequence{0x0070, 0x0008};
inline constexpr Tag GraphicObjectSequence{0x0070, 0x0009};
inline constexpr Tag BoundingBoxTopLeftHandCorner{0x0070, 0x0010};
inline constexpr Tag BoundingBoxBottomRightHandCorner{0x0070, 0x0011};
inline constexpr Tag BoundingBoxTextHorizontalJustification{0x0070, 0x0012};
inline constexpr Tag AnchorPoint{0x0070, 0x0014};
inline constexpr Tag AnchorPointVisibility{0x0070, 0x0015};
inline constexpr Tag GraphicDimensions{0x0070, 0x0020};
inline constexpr Tag NumberOfGraphicPoints{0x0070, 0x0021};
inline constexpr Tag GraphicData{0x0070, 0x0022};
inline constexpr Tag GraphicType{0x0070, 0x0023};
inline constexpr Tag GraphicFilled{0x0070, 0x0024};
inline constexpr Tag ImageHorizontalFlip{0x0070, 0x0041};
inline constexpr Tag ImageRotation{0x0070, 0x0042};
inline constexpr Tag DisplayedAreaTopLeftHandCorner{0x0070, 0x0052};
inline constexpr Tag DisplayedAreaBottomRightHandCorner{0x0070, 0x0053};
inline constexpr Tag DisplayedAreaSelectionSequence{0x0070, 0x005A};
inline constexpr Tag GraphicLayerSequence{0x0070, 0x0060};
inline constexpr Tag GraphicLayerOrder{0x0070, 0x0062};
inline constexpr Tag GraphicLayerRecommendedDisplayGrayscaleValue{0x0070, 0x0066};
inline constexpr Tag GraphicLayerDescription{0x0070, 0x0068};
inline constexpr Tag ContentLabel{0x0070, 0x0080};
inline constexpr Tag ContentDescription{0x0070, 0x0081};
inline constexpr Tag PresentationCreationDate{0x0070, 0x0082};
inline constexpr Tag PresentationCreationTime{0x0070, 0x0083};
inline constexpr Tag ContentCreatorName{0x0070, 0x0084};
inline constexpr Tag PresentationSizeMode{0x0070, 0x0100};
inline constexpr Tag PresentationPixelSpacing{0x0070, 0x0101};
inline constexpr Tag PresentationPixelAspectRatio{0x0070, 0x0102};
inline constexpr Tag PresentationPixelMagnificationRatio{0x0070, 0x0103};
inline constexpr Tag GraphicLayerRecommendedDisplayCIELabValue{0x0070, 0x0401};
// Overlay activation: (60xx,1001) Overlay Activation Layer.
inline constexpr std::uint16_t OverlayActivationLayerElement = 0x1001;
}  // namespace lightbox::core::prtags
