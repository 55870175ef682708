// UssdLayout: every browse screen of the USSD menu laid out once per catalog
// version — the list of fields (lĩnh vực), each field's services, each
// service's detail (documents, fee, working days, agency) and the office
// hours — as GSM-7 pages without diacritics, paginated so that each page
// plus the one-line "invalid choice" notice fits one USSD screen (160
// septets, kUssdScreenSeptets).
//
// Lists number their items 1..8 on each page (9 and 0 are navigation);
// texts are cut at word boundaries. A label longer than kMaxLabelSeptets is
// shortened with "..." in lists (the detail shows it in full).
//
// Thread-safety: immutable once built; share it freely (shared_ptr).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "ussd/ussd_menu.h"

namespace dvc::gateway {

inline constexpr size_t kMaxItemsPerPage = 8;
inline constexpr size_t kMaxLabelSeptets = 64;

// One screen of a list or text: GSM-7-safe text (navigation line included);
// for a list, the items [first, first + count) of the list.
struct UssdPage {
  std::string text;
  size_t first = 0;
  size_t count = 0;
  bool more = false;  // a next page exists
};

struct UssdFieldScreens {
  std::vector<size_t> services;  // indices into catalog.services(), in list order
  std::vector<UssdPage> pages;
};

class UssdLayout {
 public:
  // Lays out `catalog` (nullptr: no catalog published; the browse screens
  // then say so) with `menu`'s words. Never fails: labels that cannot fit
  // are shortened.
  static std::shared_ptr<const UssdLayout> Build(const UssdMenu& menu,
                                                 std::shared_ptr<const catalog::Catalog> catalog);

  const UssdMenu& menu() const { return menu_; }
  // The catalog version laid out ("" for none).
  const std::string& version() const { return version_; }
  bool has_catalog() const { return catalog_ != nullptr; }

  // GSM-7-safe fixed texts.
  const std::string& Safe(std::string UssdMenu::*text) const;

  const std::vector<UssdPage>& field_pages() const { return field_pages_; }
  // Fields listed (only those with services), in catalog order; their screens.
  const std::vector<UssdFieldScreens>& fields() const { return fields_; }
  // Detail pages of catalog.services()[i].
  const std::vector<UssdPage>& detail(size_t service_index) const {
    return details_[service_index];
  }
  const std::vector<UssdPage>& hours_pages() const { return hours_pages_; }

  // Room left on a page for its content: one screen minus the notice line.
  size_t page_budget() const { return budget_; }

 private:
  UssdLayout() = default;
  UssdMenu menu_;
  UssdMenu safe_;  // the same texts made GSM-7 safe
  std::shared_ptr<const catalog::Catalog> catalog_;
  std::string version_;
  size_t budget_ = kUssdScreenSeptets;
  std::vector<UssdPage> field_pages_;
  std::vector<UssdFieldScreens> fields_;
  std::vector<std::vector<UssdPage>> details_;
  std::vector<UssdPage> hours_pages_;
};

// Septets of GSM-7-safe text (as ToGsm7Safe returns).
size_t SafeSeptets(std::string_view safe);
// `safe` cut (at a character boundary) to at most `max` septets, ending in
// "..." when cut.
std::string CutToSeptets(std::string_view safe, size_t max);

}  // namespace dvc::gateway
