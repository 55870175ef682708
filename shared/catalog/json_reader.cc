#include "catalog/json_reader.h"

#include <cmath>
#include <set>

#include "text/normalize.h"

namespace dvc::catalog {
namespace {

using nlohmann::json;

// Appends an object key to a JSON path: ".key" for plain keys, ["key"] otherwise.
void AppendKey(std::string_view key, std::string* path) {
  bool plain = !key.empty();
  for (char c : key) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-';
    plain = plain && ok;
  }
  if (plain) {
    *path += '.';
    *path += key;
  } else {
    *path +=
        "[" + json(std::string(key)).dump(-1, ' ', false, json::error_handler_t::replace) + "]";
  }
}

// Finds the first place where arrays/objects nest deeper than kMaxJsonDepth,
// before nlohmann (and our recursive NFC pass) sees the text.
std::optional<size_t> FindTooDeep(std::string_view text) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') in_string = true;
    if (c == '[' || c == '{') {
      if (++depth > kMaxJsonDepth) return i;
    }
    if (c == ']' || c == '}') --depth;
  }
  return std::nullopt;
}

std::string LineColumn(std::string_view text, size_t byte) {
  size_t end = byte < text.size() ? byte : text.size();
  size_t line = 1, column = 1;
  for (size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column) + " (byte " +
         std::to_string(byte) + ")";
}

// Tracks the JSON path during parsing so a duplicate key can be named.
class DuplicateKeyFinder {
 public:
  bool OnEvent(json::parse_event_t event, const json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start:
        frames_.push_back(Frame{false, 0, {}, {}});
        break;
      case json::parse_event_t::array_start:
        frames_.push_back(Frame{true, 0, {}, {}});
        break;
      case json::parse_event_t::key: {
        if (frames_.empty() || !parsed.is_string()) break;
        Frame& top = frames_.back();
        top.key = parsed.get<std::string>();
        if (!top.keys.insert(top.key).second && !duplicate_) {
          std::string path = "$";
          for (size_t i = 0; i + 1 < frames_.size(); ++i) {
            if (frames_[i].is_array) {
              path += "[" + std::to_string(frames_[i].index) + "]";
            } else {
              AppendKey(frames_[i].key, &path);
            }
          }
          duplicate_ = path + ": duplicate key \"" + top.key + "\"";
        }
        break;
      }
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
        if (!frames_.empty()) frames_.pop_back();
        if (!frames_.empty() && frames_.back().is_array) ++frames_.back().index;
        break;
      case json::parse_event_t::value:
        if (!frames_.empty() && frames_.back().is_array) ++frames_.back().index;
        break;
    }
    return true;
  }
  const std::optional<std::string>& duplicate() const { return duplicate_; }

 private:
  struct Frame {
    bool is_array;
    size_t index;
    std::string key;
    std::set<std::string> keys;
  };
  std::vector<Frame> frames_;
  std::optional<std::string> duplicate_;
};

// Rebuilds `v` with every string and key in NFC.
json NormalizeStrings(const json& v) {
  if (v.is_string()) return text::ToNfc(v.get_ref<const std::string&>());
  if (v.is_array()) {
    json out = json::array();
    for (const json& e : v) out.push_back(NormalizeStrings(e));
    return out;
  }
  if (v.is_object()) {
    json out = json::object();
    for (auto it = v.begin(); it != v.end(); ++it)
      out[text::ToNfc(it.key())] = NormalizeStrings(it.value());
    return out;
  }
  return v;
}

const json& NullJson() {
  static const json kNull;
  return kNull;
}

}  // namespace

Result<json> ParseJsonText(std::string_view text, std::string_view file_name) {
  std::string file(file_name);
  if (auto deep = FindTooDeep(text)) {
    return Status::InvalidInput(file + ": " + LineColumn(text, *deep) + ": nested more than " +
                                std::to_string(kMaxJsonDepth) + " levels deep");
  }
  DuplicateKeyFinder finder;
  json parsed;
  try {
    parsed = json::parse(
        text.begin(), text.end(),
        [&finder](int, json::parse_event_t event, json& value) {
          return finder.OnEvent(event, value);
        },
        /*allow_exceptions=*/true, /*ignore_comments=*/false);
  } catch (const json::parse_error& e) {
    // nlohmann's byte is 1-based and points just past the offending character.
    size_t byte = e.byte > 0 ? e.byte - 1 : 0;
    std::string what = e.what();
    size_t colon = what.rfind(": ");
    std::string detail = colon == std::string::npos ? what : what.substr(colon + 2);
    return Status::InvalidInput(file + ": " + LineColumn(text, byte) +
                                ": JSON syntax error: " + detail);
  } catch (const std::exception& e) {
    return Status::InvalidInput(file + ": cannot parse JSON: " + e.what());
  }
  if (finder.duplicate()) return Status::InvalidInput(file + ": " + *finder.duplicate());
  try {
    return NormalizeStrings(parsed);
  } catch (const std::exception& e) {
    return Status::Internal(file + ": " + e.what());
  }
}

JsonNode::JsonNode(const json& value, const std::string& file, std::string path)
    : value_(&value), file_(&file), path_(std::move(path)) {}

Status JsonNode::Fail(std::string_view what) const {
  return Status::InvalidInput(*file_ + ": " + path_ + ": " + std::string(what));
}

std::string JsonNode::ChildPath(std::string_view key) const {
  std::string p = path_;
  AppendKey(key, &p);
  return p;
}

Status JsonNode::ExpectObject(std::span<const std::string_view> allowed) const {
  if (!value_->is_object()) return Fail("expected an object");
  for (auto it = value_->begin(); it != value_->end(); ++it) {
    bool known = false;
    for (std::string_view a : allowed) known = known || a == it.key();
    if (!known) return JsonNode(it.value(), *file_, ChildPath(it.key())).Fail("unknown key");
  }
  return Status::Ok();
}

bool JsonNode::Has(std::string_view key) const {
  if (!value_->is_object()) return false;
  auto it = value_->find(key);
  return it != value_->end() && !it->is_null();
}

JsonNode JsonNode::Child(std::string_view key) const {
  if (value_->is_object()) {
    auto it = value_->find(key);
    if (it != value_->end()) return JsonNode(*it, *file_, ChildPath(key));
  }
  return JsonNode(NullJson(), *file_, ChildPath(key));
}

namespace {

// Common prologue of the Read* functions: OK-and-skip when optional and absent.
// Returns nullopt when the caller should go on reading.
std::optional<Status> Absent(const JsonNode& node, std::string_view key, Need need) {
  if (node.Has(key)) return std::nullopt;
  if (need == Need::kOptional) return Status::Ok();
  return node.Child(key).Fail("missing required value");
}

}  // namespace

Status JsonNode::ReadString(std::string_view key, std::string* out, Need need) const {
  if (auto s = Absent(*this, key, need)) return *s;
  JsonNode c = Child(key);
  if (!c.value().is_string()) return c.Fail("expected a string");
  *out = c.value().get<std::string>();
  return Status::Ok();
}

Status JsonNode::ReadBool(std::string_view key, bool* out, Need need) const {
  if (auto s = Absent(*this, key, need)) return *s;
  JsonNode c = Child(key);
  if (!c.value().is_boolean()) return c.Fail("expected true or false");
  *out = c.value().get<bool>();
  return Status::Ok();
}

Status JsonNode::ReadInt(std::string_view key, int64_t* out, Need need, int64_t min,
                         int64_t max) const {
  if (auto s = Absent(*this, key, need)) return *s;
  JsonNode c = Child(key);
  const json& v = c.value();
  std::optional<int64_t> n;
  if (v.is_number_integer() && !v.is_number_unsigned()) n = v.get<int64_t>();
  if (v.is_number_unsigned() && v.get<uint64_t>() <= static_cast<uint64_t>(INT64_MAX)) {
    n = static_cast<int64_t>(v.get<uint64_t>());
  }
  if (!n) return c.Fail("expected a whole number");
  if (*n < min || *n > max) {
    return c.Fail("expected a whole number from " + std::to_string(min) + " to " +
                  std::to_string(max));
  }
  *out = *n;
  return Status::Ok();
}

Status JsonNode::ReadNumber(std::string_view key, double* out, Need need) const {
  if (auto s = Absent(*this, key, need)) return *s;
  JsonNode c = Child(key);
  if (!c.value().is_number()) return c.Fail("expected a number");
  double d = c.value().get<double>();
  if (!std::isfinite(d)) return c.Fail("expected a finite number");
  *out = d;
  return Status::Ok();
}

Status JsonNode::ReadText(std::string_view key, Text* out, Need need) const {
  if (auto s = Absent(*this, key, need)) return *s;
  JsonNode c = Child(key);
  if (!c.value().is_object()) return c.Fail("expected {\"vi\": \"...\", \"en\": \"...\"}");
  DVC_RETURN_IF_ERROR(c.ExpectObject({"vi", "en"}));
  Text t;
  DVC_RETURN_IF_ERROR(c.ReadString("vi", &t.vi, Need::kRequired));
  DVC_RETURN_IF_ERROR(c.ReadString("en", &t.en, Need::kOptional));
  if (text::SearchKey(t.vi).empty()) return c.Child("vi").Fail("must not be empty");
  *out = std::move(t);
  return Status::Ok();
}

Status JsonNode::ReadOptionalText(std::string_view key, std::optional<Text>* out) const {
  if (!Has(key)) return Status::Ok();
  Text t;
  DVC_RETURN_IF_ERROR(ReadText(key, &t, Need::kRequired));
  *out = std::move(t);
  return Status::Ok();
}

Status JsonNode::ReadDate(std::string_view key, std::optional<calendar::Date>* out,
                          Need need) const {
  std::string s;
  bool present = Has(key);
  DVC_RETURN_IF_ERROR(ReadString(key, &s, need));
  if (!present) return Status::Ok();
  Result<calendar::Date> d = calendar::Date::ParseIso(s);
  if (!d.ok()) return Child(key).Fail("expected a real date as YYYY-MM-DD, got \"" + s + "\"");
  *out = *d;
  return Status::Ok();
}

Status JsonNode::ForEach(std::string_view key, Need need,
                         const std::function<Status(const JsonNode&, size_t)>& fn) const {
  if (auto s = Absent(*this, key, need)) return *s;
  JsonNode c = Child(key);
  if (!c.value().is_array()) return c.Fail("expected an array");
  size_t i = 0;
  for (const json& e : c.value()) {
    DVC_RETURN_IF_ERROR(fn(JsonNode(e, *file_, c.path() + "[" + std::to_string(i) + "]"), i));
    ++i;
  }
  return Status::Ok();
}

}  // namespace dvc::catalog
