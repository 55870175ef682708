#include "ussd/ussd_layout.h"

#include <algorithm>

#include "text/gsm7.h"
#include "text/gsm7_safe.h"

namespace dvc::gateway {

namespace {

// Every menu text, for making the safe copy.
constexpr std::string UssdMenu::*kAllTexts[] = {
    &UssdMenu::main,
    &UssdMenu::lookup_prompt,
    &UssdMenu::lookup_found,
    &UssdMenu::lookup_appointment,
    &UssdMenu::code_mistyped,
    &UssdMenu::code_malformed,
    &UssdMenu::not_found,
    &UssdMenu::too_many_lookups,
    &UssdMenu::fields_title,
    &UssdMenu::services_title,
    &UssdMenu::nav_more,
    &UssdMenu::nav_last,
    &UssdMenu::detail_documents,
    &UssdMenu::detail_copies,
    &UssdMenu::detail_original,
    &UssdMenu::detail_fee,
    &UssdMenu::detail_fee_amount,
    &UssdMenu::detail_fee_free,
    &UssdMenu::detail_days,
    &UssdMenu::detail_days_same_day,
    &UssdMenu::detail_agency,
    &UssdMenu::hours,
    &UssdMenu::no_catalog,
    &UssdMenu::no_services,
    &UssdMenu::invalid_choice,
    &UssdMenu::session_expired,
    &UssdMenu::input_too_long,
    &UssdMenu::invalid_input,
    &UssdMenu::unavailable,
};

// "1234567" → "1.234.567" (Vietnamese thousands separator).
std::string GroupThousands(int64_t value) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  std::string out;
  const size_t lead = digits.size() % 3;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && (i % 3) == lead % 3) out += '.';
    out += digits[i];
  }
  return value < 0 ? "-" + out : out;
}

bool Fits(const std::string& text, size_t budget) { return SafeSeptets(text) <= budget; }

// Pages of a numbered list: `title`, up to kMaxItemsPerPage "k. label" lines
// and the navigation line, each page within `budget`.
std::vector<UssdPage> ListPages(const std::string& title, const std::vector<std::string>& labels,
                                const UssdMenu& safe, size_t budget) {
  std::vector<UssdPage> pages;
  size_t next = 0;
  while (next < labels.size()) {
    UssdPage page;
    page.first = next;
    std::string body = title;
    while (next < labels.size() && page.count < kMaxItemsPerPage) {
      const bool last = next + 1 == labels.size();
      const std::string& nav = last ? safe.nav_last : safe.nav_more;
      const std::string number = std::to_string(page.count + 1) + ". ";
      std::string line = number + CutToSeptets(labels[next], kMaxLabelSeptets);
      if (!Fits(body + "\n" + line + "\n" + nav, budget)) {
        if (page.count > 0) break;
        // Alone on its page and still too long: shorten it to what is left.
        const size_t used = SafeSeptets(body + "\n" + number + "\n" + nav);
        line = number + CutToSeptets(labels[next], budget > used + 3 ? budget - used : 3);
      }
      body += "\n" + line;
      ++page.count;
      ++next;
    }
    page.more = next < labels.size();
    page.text = CutToSeptets(body + "\n" + (page.more ? safe.nav_more : safe.nav_last), budget);
    pages.push_back(std::move(page));
  }
  if (pages.empty()) {
    UssdPage page;
    page.text = CutToSeptets(title + "\n" + safe.no_services + "\n" + safe.nav_last, budget);
    pages.push_back(std::move(page));
  }
  return pages;
}

// Pages of running text (lines of `safe_lines`), cut at spaces, each within
// `budget` with its navigation line.
std::vector<UssdPage> TextPages(const std::vector<std::string>& safe_lines, const UssdMenu& safe,
                                size_t budget) {
  const std::string& longest_nav =
      SafeSeptets(safe.nav_more) >= SafeSeptets(safe.nav_last) ? safe.nav_more : safe.nav_last;
  const size_t room =
      budget > SafeSeptets(longest_nav) + 1 ? budget - SafeSeptets(longest_nav) - 1 : 1;
  std::vector<std::string> bodies;
  std::string body;
  for (const std::string& line : safe_lines) {
    bool line_start = true;
    size_t pos = 0;
    while (pos < line.size()) {
      const size_t space = std::min(line.find(' ', pos), line.size());
      std::string word = line.substr(pos, space - pos);
      pos = space + 1;
      if (word.empty()) continue;
      // A list dash stays with the word after it (no "-" alone at a page's end).
      if (word == "-" && pos < line.size()) {
        const size_t next_space = std::min(line.find(' ', pos), line.size());
        word += " " + line.substr(pos, next_space - pos);
        pos = next_space + 1;
      }
      if (SafeSeptets(word) > room) word = CutToSeptets(word, room);
      const std::string sep = body.empty() ? "" : (line_start ? "\n" : " ");
      if (!body.empty() && SafeSeptets(body + sep + word) > room) {
        bodies.push_back(std::move(body));
        body = word;
      } else {
        body += sep + word;
      }
      line_start = false;
    }
  }
  if (!body.empty() || bodies.empty()) bodies.push_back(std::move(body));
  std::vector<UssdPage> pages;
  for (size_t i = 0; i < bodies.size(); ++i) {
    UssdPage page;
    page.more = i + 1 < bodies.size();
    page.text = bodies[i] + "\n" + (page.more ? safe.nav_more : safe.nav_last);
    pages.push_back(std::move(page));
  }
  return pages;
}

std::vector<std::string> SafeLines(std::string_view text) {
  std::vector<std::string> lines;
  const std::string safe = text::ToGsm7Safe(text);
  size_t pos = 0;
  while (pos <= safe.size()) {
    const size_t end = std::min(safe.find('\n', pos), safe.size());
    lines.push_back(safe.substr(pos, end - pos));
    pos = end + 1;
  }
  return lines;
}

std::vector<std::string> DetailLines(const UssdMenu& menu, const catalog::Catalog& catalog,
                                     const catalog::Service& service) {
  std::vector<std::string> lines;
  lines.push_back(service.name.vi);
  if (!service.documents.empty()) {
    lines.push_back(menu.detail_documents);
    for (const catalog::RequiredDocument& doc : service.documents) {
      std::string copies =
          FillUssdTemplate(menu.detail_copies, {{"count", std::to_string(doc.copies)}});
      if (doc.original) copies += ", " + menu.detail_original;
      lines.push_back("- " + doc.name.vi + " (" + copies + ")");
    }
  }
  // The note, when there is one, explains the amount (per page, per copy).
  std::string fee = menu.detail_fee_free;
  if (service.fee.note) {
    fee = service.fee.note->vi;
  } else if (service.fee.amount_vnd > 0) {
    fee = FillUssdTemplate(menu.detail_fee_amount,
                           {{"amount", GroupThousands(service.fee.amount_vnd)}});
  }
  lines.push_back(FillUssdTemplate(menu.detail_fee, {{"fee", fee}}));
  lines.push_back(
      service.processing_days > 0
          ? FillUssdTemplate(menu.detail_days, {{"days", std::to_string(service.processing_days)}})
          : menu.detail_days_same_day);
  const catalog::Agency* agency = catalog.FindAgency(service.lead_agency);
  std::string where;
  if (service.collect_at) {
    where = service.collect_at->vi;
  } else if (agency != nullptr) {
    where = agency->name.vi;
  }
  if (!where.empty()) lines.push_back(FillUssdTemplate(menu.detail_agency, {{"agency", where}}));
  std::vector<std::string> safe;
  for (const std::string& line : lines) {
    for (std::string& part : SafeLines(line)) safe.push_back(std::move(part));
  }
  return safe;
}

}  // namespace

size_t SafeSeptets(std::string_view safe) {
  size_t count = 0;
  for (size_t i = 0; i < safe.size(); ++i) {
    const auto byte = static_cast<unsigned char>(safe[i]);
    if ((byte & 0xC0) == 0x80) continue;  // a continuation byte
    if (byte < 0x80) {
      const char c = safe[i];
      const bool extension = c == '^' || c == '{' || c == '}' || c == '\\' || c == '[' ||
                             c == '~' || c == ']' || c == '|' || c == '\f';
      count += extension ? 2 : 1;
    } else {
      // Non-ASCII GSM-7 characters are one septet, but the euro sign two.
      count += safe.compare(i, 3, "\xE2\x82\xAC") == 0 ? 2 : 1;
    }
  }
  return count;
}

std::string CutToSeptets(std::string_view safe, size_t max) {
  if (SafeSeptets(safe) <= max) return std::string(safe);
  if (max < 3) return std::string(std::min<size_t>(max, 3), '.');
  std::string out(safe);
  while (!out.empty() && SafeSeptets(out) + 3 > max) {
    out.pop_back();
    while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
    // A lead byte without its continuation: drop it too.
    if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out + "...";
}

const std::string& UssdLayout::Safe(std::string UssdMenu::*text) const { return safe_.*text; }

std::shared_ptr<const UssdLayout> UssdLayout::Build(
    const UssdMenu& menu, std::shared_ptr<const catalog::Catalog> catalog) {
  std::shared_ptr<UssdLayout> layout(new UssdLayout());
  layout->menu_ = menu;
  layout->safe_ = menu;
  for (auto member : kAllTexts) layout->safe_.*member = text::ToGsm7Safe(menu.*member);
  for (std::string& step : layout->safe_.next_steps) step = text::ToGsm7Safe(step);
  const UssdMenu& safe = layout->safe_;
  const size_t notice = SafeSeptets(safe.invalid_choice) + 1;
  layout->budget_ = kUssdScreenSeptets > notice + 40 ? kUssdScreenSeptets - notice : 120;
  layout->catalog_ = std::move(catalog);
  layout->hours_pages_ = TextPages(SafeLines(menu.hours), safe, layout->budget_);
  if (layout->catalog_ == nullptr) return layout;
  const catalog::Catalog& cat = *layout->catalog_;
  layout->version_ = cat.version();

  std::vector<std::string> field_labels;
  for (const catalog::CatalogField& field : cat.header().fields) {
    UssdFieldScreens screens;
    std::vector<std::string> labels;
    for (size_t i = 0; i < cat.services().size(); ++i) {
      if (cat.services()[i].field != field.id) continue;
      screens.services.push_back(i);
      labels.push_back(text::ToGsm7Safe(cat.services()[i].name.vi));
    }
    if (screens.services.empty()) continue;
    screens.pages = ListPages(safe.services_title, labels, safe, layout->budget_);
    field_labels.push_back(text::ToGsm7Safe(field.name.vi));
    layout->fields_.push_back(std::move(screens));
  }
  layout->field_pages_ = ListPages(safe.fields_title, field_labels, safe, layout->budget_);
  for (const catalog::Service& service : cat.services()) {
    layout->details_.push_back(TextPages(DetailLines(menu, cat, service), safe, layout->budget_));
  }
  return layout;
}

}  // namespace dvc::gateway
