// Helpers shared by the catalog tests (header only, not part of the library).
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "catalog/catalog.h"
#include "catalog/reference_data.h"
#include "catalog/units.h"

namespace dvc::catalog::testing {

inline std::string SourceDir() { return DVC_SOURCE_DIR; }
inline std::string TestData(const std::string& name) {
  return SourceDir() + "/shared/catalog/testdata/" + name;
}

inline const ReferenceData& Reference() {
  static const ReferenceData kData = [] {
    Result<ReferenceData> r = LoadReferenceData(SourceDir() + "/assets/reference");
    if (!r.ok()) {
      ADD_FAILURE() << r.status().message();
      return ReferenceData();
    }
    return std::move(r).value();
  }();
  return kData;
}

inline const Catalog& Fixture() {
  static const Catalog kCatalog = [] {
    Result<Catalog> c = LoadCatalog(TestData("catalog"));
    if (!c.ok()) {
      ADD_FAILURE() << c.status().message();
      std::abort();
    }
    return std::move(c).value();
  }();
  return kCatalog;
}

inline const UnitTable& FixtureUnits() {
  static const UnitTable kUnits = [] {
    Result<UnitTable> u = LoadUnits(TestData("units.csv"));
    if (!u.ok()) {
      ADD_FAILURE() << u.status().message();
      std::abort();
    }
    return std::move(u).value();
  }();
  return kUnits;
}

inline calendar::Date D(int y, int m, int d) { return calendar::Date::Ymd(y, m, d); }

}  // namespace dvc::catalog::testing
