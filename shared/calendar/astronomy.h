// The few astronomical quantities the lunisolar calendar needs, from Jean
// Meeus, "Astronomical Algorithms" (2nd ed., 1998):
//   - instants of new moon: chapter 49, with all its periodic and
//     additional corrections (error about 20 s over several centuries);
//   - the Sun's apparent longitude: chapter 25, "low accuracy" method
//     (about 0.01°, i.e. some 15 minutes of time at a solar term);
//   - ΔT = TT − UT: the Espenak–Meeus polynomials (NASA, 2006), which
//     extend the tables of chapter 10 (a minute or so, at most).
// Times are Julian Days: JDE in Terrestrial Time (what the theories give),
// JD in Universal Time (what clocks show).
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>

namespace dvc::calendar::astronomy {

// ΔT = TT − UT in seconds for a decimal year (e.g. 2025.5). Valid 1800–2300;
// the calendar only uses 1899–2200.
double DeltaTSeconds(double decimal_year);

// JDE (TT) of the new moon with lunation number `k`; k = 0 is the new moon
// of 2000-01-06 and k grows by one per synodic month (Meeus eq. 49.1–49.3).
double NewMoonJde(int64_t k);

// The Sun's apparent geocentric longitude in degrees [0, 360) at `jde` (TT),
// referred to the true equinox of date (Meeus ch. 25, low accuracy).
double SunApparentLongitude(double jde);

// JD (UT) ↔ TT, using ΔT.
double UtToTt(double jd_ut);
double TtToUt(double jde);

// The Julian Day (UT) of local midnight that starts day `day_number` (days
// since 1970-01-01) in a zone `utc_offset_hours` east of Greenwich.
double JdOfLocalMidnight(int64_t day_number, double utc_offset_hours);

// The local day number that contains the instant `jd_ut`.
int64_t LocalDayNumberOfJd(double jd_ut, double utc_offset_hours);

}  // namespace dvc::calendar::astronomy
