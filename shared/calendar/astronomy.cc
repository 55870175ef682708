#include "calendar/astronomy.h"

#include <array>
#include <cmath>
#include <numbers>

namespace dvc::calendar::astronomy {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;
constexpr double kJdUnixEpoch = 2440587.5;  // JD of 1970-01-01T00:00Z
constexpr double kJ2000 = 2451545.0;

double SinDeg(double degrees) { return std::sin(degrees * kDeg); }

// Reduces an angle to [0, 360).
double Normalize(double degrees) {
  double r = std::fmod(degrees, 360.0);
  return r < 0 ? r + 360.0 : r;
}

// ---------------------------------------------------------------- ΔT ----
// Espenak & Meeus (2006) polynomial blocks: for years in [from, to), with
// t = year − origin, ΔT = Σ c[i]·t^i. The blocks from 2050 on are quadratic
// in u = (year − 1820)/100 and are handled separately below.
struct DeltaTBlock {
  double from;
  double to;
  double origin;
  std::array<double, 8> c;
};

constexpr std::array<DeltaTBlock, 8> kDeltaTBlocks = {{
    {1800,
     1860,
     1800,
     {13.72, -0.332447, 0.0068612, 0.0041116, -0.00037436, 0.0000121272, -0.0000001699,
      0.000000000875}},
    {1860, 1900, 1860, {7.62, 0.5737, -0.251754, 0.01680668, -0.0004473624, 1.0 / 233174.0, 0, 0}},
    {1900, 1920, 1900, {-2.79, 1.494119, -0.0598939, 0.0061966, -0.000197, 0, 0, 0}},
    {1920, 1941, 1920, {21.20, 0.84493, -0.076100, 0.0020936, 0, 0, 0, 0}},
    {1941, 1961, 1950, {29.07, 0.407, -1.0 / 233.0, 1.0 / 2547.0, 0, 0, 0, 0}},
    {1961, 1986, 1975, {45.45, 1.067, -1.0 / 260.0, -1.0 / 718.0, 0, 0, 0, 0}},
    {1986, 2005, 2000, {63.86, 0.3345, -0.060374, 0.0017275, 0.000651814, 0.00002373599, 0, 0}},
    {2005, 2050, 2000, {62.92, 0.32217, 0.005589, 0, 0, 0, 0, 0}},
}};

// ------------------------------------------------------- new moon ------
// Meeus ch. 49, table of periodic terms for the new moon. Each term is
// coefficient × E^e_power × sin(a·M + b·M' + c·F + d·Ω), with M the Sun's
// mean anomaly, M' the Moon's, F its argument of latitude, Ω its node.
struct NewMoonTerm {
  double coefficient;
  int e_power;
  int m;
  int m_prime;
  int f;
  int omega;
};

constexpr std::array<NewMoonTerm, 25> kNewMoonTerms = {{
    {-0.40720, 0, 0, 1, 0, 0}, {0.17241, 1, 1, 0, 0, 0},    {0.01608, 0, 0, 2, 0, 0},
    {0.01039, 0, 0, 0, 2, 0},  {0.00739, 1, -1, 1, 0, 0},   {-0.00514, 1, 1, 1, 0, 0},
    {0.00208, 2, 2, 0, 0, 0},  {-0.00111, 0, 0, 1, -2, 0},  {-0.00057, 0, 0, 1, 2, 0},
    {0.00056, 1, 1, 2, 0, 0},  {-0.00042, 0, 0, 3, 0, 0},   {0.00042, 1, 1, 0, 2, 0},
    {0.00038, 1, 1, 0, -2, 0}, {-0.00024, 1, -1, 2, 0, 0},  {-0.00017, 0, 0, 0, 0, 1},
    {-0.00007, 0, 2, 1, 0, 0}, {0.00004, 0, 0, 2, -2, 0},   {0.00004, 0, 3, 0, 0, 0},
    {0.00003, 0, 1, 1, -2, 0}, {0.00003, 0, 0, 2, 2, 0},    {-0.00003, 0, 1, 1, 2, 0},
    {0.00003, 0, -1, 1, 2, 0}, {-0.00002, 0, -1, 1, -2, 0}, {-0.00002, 0, 1, 3, 0, 0},
    {0.00002, 0, 0, 4, 0, 0},
}};

// Meeus ch. 49, the fourteen additional corrections for all phases:
// coefficient × sin(a0 + a1·k) (the first also has −0.009173·T²).
struct PlanetaryTerm {
  double coefficient;
  double a0;
  double a1;
};

constexpr std::array<PlanetaryTerm, 14> kPlanetaryTerms = {{
    {0.000325, 299.77, 0.107408},
    {0.000165, 251.88, 0.016321},
    {0.000164, 251.83, 26.651886},
    {0.000126, 349.42, 36.412478},
    {0.000110, 84.66, 18.206239},
    {0.000062, 141.74, 53.303771},
    {0.000060, 207.14, 2.453732},
    {0.000056, 154.84, 7.306860},
    {0.000047, 34.52, 27.261239},
    {0.000042, 207.19, 0.121824},
    {0.000040, 291.34, 1.844379},
    {0.000037, 161.72, 24.198154},
    {0.000035, 239.56, 25.513099},
    {0.000023, 331.55, 3.592518},
}};

}  // namespace

double DeltaTSeconds(double y) {
  for (const DeltaTBlock& b : kDeltaTBlocks) {
    if (y >= b.from && y < b.to) {
      const double t = y - b.origin;
      double sum = 0;
      for (auto it = b.c.rbegin(); it != b.c.rend(); ++it) sum = sum * t + *it;  // Horner
      return sum;
    }
  }
  const double u = (y - 1820.0) / 100.0;
  if (y >= 2050 && y < 2150) return -20.0 + 32.0 * u * u - 0.5628 * (2150.0 - y);
  // After 2150 (and, as a rough fallback, before 1800): the long-term parabola.
  return -20.0 + 32.0 * u * u;
}

double NewMoonJde(int64_t k_int) {
  const double k = static_cast<double>(k_int);
  const double t = k / 1236.85;
  const double t2 = t * t;
  const double t3 = t2 * t;
  const double t4 = t3 * t;
  double jde =
      2451550.09766 + 29.530588861 * k + 0.00015437 * t2 - 0.000000150 * t3 + 0.00000000073 * t4;
  const double e = 1.0 - 0.002516 * t - 0.0000074 * t2;
  const double m = 2.5534 + 29.10535670 * k - 0.0000014 * t2 - 0.00000011 * t3;
  const double m_prime =
      201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4;
  const double f =
      160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4;
  const double omega = 124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3;
  // Reduce the large arguments before combining them, to keep precision.
  const double mr = Normalize(m);
  const double mpr = Normalize(m_prime);
  const double fr = Normalize(f);
  const double or_ = Normalize(omega);
  const std::array<double, 3> e_pow = {1.0, e, e * e};
  for (const NewMoonTerm& term : kNewMoonTerms) {
    const double arg = term.m * mr + term.m_prime * mpr + term.f * fr + term.omega * or_;
    jde += term.coefficient * e_pow[term.e_power] * SinDeg(arg);
  }
  for (size_t i = 0; i < kPlanetaryTerms.size(); ++i) {
    const PlanetaryTerm& p = kPlanetaryTerms[i];
    double arg = p.a0 + p.a1 * k;
    if (i == 0) arg -= 0.009173 * t2;
    jde += p.coefficient * SinDeg(Normalize(arg));
  }
  return jde;
}

double SunApparentLongitude(double jde) {
  const double t = (jde - kJ2000) / 36525.0;
  const double l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t * t;            // mean longitude
  const double m = Normalize(357.52911 + 35999.05029 * t - 0.0001537 * t * t);  // mean anomaly
  const double c = (1.914602 - 0.004817 * t - 0.000014 * t * t) * SinDeg(m) +
                   (0.019993 - 0.000101 * t) * SinDeg(2 * m) + 0.000289 * SinDeg(3 * m);
  const double true_longitude = l0 + c;
  const double omega = 125.04 - 1934.136 * t;
  // Nutation in longitude and aberration, the low-accuracy way (eq. 25.8).
  return Normalize(true_longitude - 0.00569 - 0.00478 * SinDeg(omega));
}

double UtToTt(double jd_ut) {
  const double year = 2000.0 + (jd_ut - kJ2000) / 365.25;
  return jd_ut + DeltaTSeconds(year) / 86400.0;
}

double TtToUt(double jde) {
  const double year = 2000.0 + (jde - kJ2000) / 365.25;
  return jde - DeltaTSeconds(year) / 86400.0;
}

double JdOfLocalMidnight(int64_t day_number, double utc_offset_hours) {
  return static_cast<double>(day_number) + kJdUnixEpoch - utc_offset_hours / 24.0;
}

int64_t LocalDayNumberOfJd(double jd_ut, double utc_offset_hours) {
  return static_cast<int64_t>(std::floor(jd_ut - kJdUnixEpoch + utc_offset_hours / 24.0));
}

}  // namespace dvc::calendar::astronomy
