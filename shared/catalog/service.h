// A procedure (thủ tục / dịch vụ công) of the catalog, as loaded from
// services/<id>.json. Thread-safety: value type, immutable once loaded.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog/bilingual.h"
#include "catalog/form.h"

namespace dvc::catalog {

enum class Origin { kRoadmap, kAddition };
enum class OnlineLabel { kToanTrinh, kMotPhan, kTrucTiep };

struct RoadmapEntry {
  std::string table;  // "2012", "2013", "2014", "2015" or "2020"
  int level = 3;
};

struct RequiredDocument {
  Text name;
  int64_t copies = 1;
  bool original = false;
};

struct Fee {
  int64_t amount_vnd = 0;
  std::optional<Text> note;
};

struct Target {
  int level = 4;
  int year = 2020;
};

struct Service {
  std::string id;
  std::optional<std::string> national_code;
  Origin origin = Origin::kRoadmap;
  Text name;
  std::string field;  // id of a catalog field (lĩnh vực)
  std::string lead_agency;
  std::vector<std::string> co_agencies;
  std::vector<RoadmapEntry> roadmap;
  int current_level = 3;
  std::optional<Target> target;
  OnlineLabel online_label = OnlineLabel::kMotPhan;
  std::vector<RequiredDocument> documents;
  Fee fee;
  int64_t processing_days = 0;
  std::optional<Text> collect_at;
  std::vector<std::string> example_values;
  Form form;
};

}  // namespace dvc::catalog
