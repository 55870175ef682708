#include "app/form_session.h"

#include <algorithm>

namespace dvc::kiosk {

bool IsStaffAttachmentMessage(catalog::MessageId id) {
  return id == catalog::MessageId::kRequiredAttachment ||
         id == catalog::MessageId::kAttachmentTooFew;
}

void FormSession::Touch(const std::string& field_id) {
  if (touched_.insert(field_id).second) ++revision_;
}

void FormSession::SetValue(const std::string& field_id, nlohmann::json value) {
  ++revision_;
  if (value.is_null() || (value.is_string() && value.get_ref<const std::string&>().empty())) {
    answers_.erase(field_id);
    return;
  }
  answers_[field_id] = std::move(value);
}

std::string FormSession::TextOf(const std::string& field_id) const {
  auto it = answers_.find(field_id);
  if (it == answers_.end()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number()) return it->dump();
  return "";
}

std::string FormSession::AddressPart(const std::string& field_id, const char* part) const {
  auto it = answers_.find(field_id);
  if (it == answers_.end() || !it->is_object()) return "";
  auto p = it->find(part);
  return p != it->end() && p->is_string() ? p->get<std::string>() : "";
}

void FormSession::SetAddressPart(const std::string& field_id, const char* part, std::string value) {
  ++revision_;
  nlohmann::json address = nlohmann::json::object();
  auto it = answers_.find(field_id);
  if (it != answers_.end() && it->is_object()) address = *it;
  if (value.empty()) {
    address.erase(part);
  } else {
    address[part] = std::move(value);
  }
  if (address.empty()) {
    answers_.erase(field_id);
  } else {
    answers_[field_id] = std::move(address);
  }
}

const FormSession::Derived& FormSession::Derive(const catalog::ValidationContext& ctx) const {
  if (derived_ && derived_->revision == revision_ && derived_->today == ctx.today) return *derived_;
  Derived d;
  d.revision = revision_;
  d.today = ctx.today;
  const catalog::Form& f = form();
  const std::vector<std::optional<bool>> visible = catalog::EvaluateVisibility(f, answers_, ctx);
  d.fields_of_page.resize(f.pages.size());
  for (size_t page = 0; page < f.pages.size(); ++page) {
    for (const std::string& id : f.pages[page].field_ids) {
      for (size_t i = 0; i < f.fields.size(); ++i) {
        // A field whose visibility cannot be decided yet stays hidden until
        // the answer it depends on is fixed.
        if (f.fields[i].id == id && visible[i].value_or(false)) {
          d.fields_of_page[page].push_back(&f.fields[i]);
        }
      }
    }
    if (!d.fields_of_page[page].empty()) d.pages.push_back(page);
  }
  for (const catalog::Field& field : f.fields) {
    if (!Touched(field.id)) continue;
    auto it = answers_.find(field.id);
    const catalog::FieldCheck check =
        catalog::ValidateField(field, it == answers_.end() ? nlohmann::json() : *it, ctx);
    if (!check.ok() && !IsStaffAttachmentMessage(check.error->id)) {
      d.messages.emplace(field.id, check.error->text);
    }
  }
  derived_ = std::move(d);
  return *derived_;
}

std::vector<const catalog::Field*> FormSession::ShownFields(
    size_t page, const catalog::ValidationContext& ctx) const {
  const Derived& d = Derive(ctx);
  return page < d.fields_of_page.size() ? d.fields_of_page[page]
                                        : std::vector<const catalog::Field*>{};
}

std::vector<size_t> FormSession::ShownPages(const catalog::ValidationContext& ctx) const {
  return Derive(ctx).pages;
}

std::optional<catalog::Text> FormSession::MessageFor(const catalog::Field& field,
                                                     const catalog::ValidationContext& ctx) const {
  const Derived& d = Derive(ctx);
  auto it = d.messages.find(field.id);
  if (it == d.messages.end()) return std::nullopt;
  return it->second;
}

bool FormSession::CheckPage(size_t page, const catalog::ValidationContext& ctx) {
  const std::vector<const catalog::Field*> fields = ShownFields(page, ctx);
  for (const catalog::Field* field : fields) Touch(field->id);
  const Derived& d = Derive(ctx);  // once, with every field of the page touched
  return std::none_of(fields.begin(), fields.end(),
                      [&](const catalog::Field* field) { return d.messages.count(field->id) > 0; });
}

catalog::ValidationResult FormSession::Finish(const catalog::ValidationContext& ctx) const {
  const catalog::Form& f = form();
  const std::vector<std::optional<bool>> visible = catalog::EvaluateVisibility(f, answers_, ctx);
  nlohmann::json submitted = nlohmann::json::object();
  for (size_t i = 0; i < f.fields.size(); ++i) {
    const catalog::Field& field = f.fields[i];
    if (field.type == catalog::FieldType::kAttachment) continue;
    if (visible[i] == false) continue;  // hidden: an answer left from an earlier choice
    auto it = answers_.find(field.id);
    if (it != answers_.end()) submitted[field.id] = *it;
  }
  catalog::ValidationResult result = catalog::ValidateAnswers(f, submitted, ctx);
  std::erase_if(result.errors,
                [](const catalog::FieldMessage& m) { return IsStaffAttachmentMessage(m.id); });
  return result;
}

}  // namespace dvc::kiosk
