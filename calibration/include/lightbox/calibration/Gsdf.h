#pragma once
// The DICOM Grayscale Standard Display Function (PS3.14): luminance of a JND
// index and its inverse.
//
// PS3.14 gives L(j) as a rational polynomial in ln j and j(L) as a separate
// polynomial in log10 L. The two are not exact inverses (up to 0.09 JND near
// j = 1023), so jndIndex() refines the polynomial with Newton steps on L(j)
// so that luminance(jndIndex(L)) == L. jndIndexUnrefined() keeps the plain
// polynomial, because tools and tables built on it (DCMTK's dcmdspfn,
// j(350) = 653.115) must be reproducible.

namespace lightbox::calibration::gsdf {

inline constexpr double kMinJnd = 1.0;
inline constexpr double kMaxJnd = 1023.0;

// L(j) in cd/m2. Defined for 1 <= j <= 1023; evaluated (extrapolated) outside.
double luminance(double jnd);

// j(L) refined so that luminance(jndIndex(L)) == L to rounding. Throws
// core::Error(InvalidArgument) for L <= 0 or not finite.
double jndIndex(double luminance);

// j(L) from the plain inverse polynomial of PS3.14.
double jndIndexUnrefined(double luminance);

// GSDF contrast of one JND at luminance L: 2 (L(j+1/2) - L(j-1/2)) / (L(j+1/2) + L(j-1/2))
// with j = jndIndex(L) - the same dL/L form as a measured interval.
double contrastPerJnd(double luminance);

}  // namespace lightbox::calibration::gsdf
