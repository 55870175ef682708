#include "catalog/messages.h"

#include <string>

namespace dvc::catalog {
namespace {

struct Template {
  std::string_view vi;
  std::string_view en;
};

// Indexed by MessageId: the enum and this table come from the same list.
constexpr Template kTemplates[] = {
#define DVC_CATALOG_MESSAGE_ROW(id, vi, en) {vi, en},
    DVC_CATALOG_MESSAGES(DVC_CATALOG_MESSAGE_ROW)
#undef DVC_CATALOG_MESSAGE_ROW
};

std::string Fill(std::string_view tmpl, Language lang, const Text& label,
                 std::initializer_list<MessageArg> args) {
  std::string out;
  size_t i = 0;
  while (i < tmpl.size()) {
    if (tmpl[i] == '{') {
      size_t close = tmpl.find('}', i);
      if (close != std::string_view::npos) {
        std::string_view name = tmpl.substr(i, close - i + 1);
        const std::string* value = nullptr;
        if (name == "{label}") value = &label.In(lang);
        for (const MessageArg& a : args) {
          if (a.first == name) value = &a.second.In(lang);
        }
        if (value != nullptr) {
          out += *value;
          i = close + 1;
          continue;
        }
      }
    }
    out.push_back(tmpl[i]);
    ++i;
  }
  return out;
}

}  // namespace

Text FormatMessage(MessageId id, const Text& label, std::initializer_list<MessageArg> args) {
  const Template& t = kTemplates[static_cast<size_t>(id)];
  return Text{Fill(t.vi, Language::kVi, label, args), Fill(t.en, Language::kEn, label, args)};
}

}  // namespace dvc::catalog
