#include "core/json_reader.h"

#include <cmath>
#include <optional>
#include <set>

namespace dvc::core {
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

// Finds the first place where arrays/objects nest deeper than `max_depth`,
// before nlohmann (and any recursive pass over the DOM) sees the text. Linear
// and stack-free.
std::optional<size_t> FindTooDeep(std::string_view text, int max_depth) {
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
      if (++depth > max_depth) return i;
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

// nlohmann's what() without its "[json.exception.out_of_range.406] " tag.
std::string WithoutExceptionTag(const std::string& what) {
  const size_t close = what.find("] ");
  if (what.rfind("[json.", 0) == 0 && close != std::string::npos) return what.substr(close + 2);
  return what;
}

const json& NullJson() {
  static const json kNull;
  return kNull;
}

}  // namespace

Result<json> ParseJsonText(std::string_view text, std::string_view file_name, int max_depth) {
  std::string file(file_name);
  if (auto deep = FindTooDeep(text, max_depth)) {
    return Status::InvalidInput(file + ": " + LineColumn(text, *deep) + ": nested more than " +
                                std::to_string(max_depth) + " levels deep");
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
  } catch (const std::exception& e) {  // out_of_range: a number too large for a double
    return Status::InvalidInput(file + ": " + WithoutExceptionTag(e.what()));
  }
  if (finder.duplicate()) return Status::InvalidInput(file + ": " + *finder.duplicate());
  return parsed;
}

std::string_view JsonTypeName(const json& value) {
  switch (value.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::object:
      return "an object";
    case json::value_t::array:
      return "an array";
    case json::value_t::string:
      return "a string";
    case json::value_t::boolean:
      return "a boolean";
    case json::value_t::number_float:
      return "a fractional number";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
      return "a number";
    case json::value_t::binary:
      return "binary data";
    case json::value_t::discarded:
      break;
  }
  return "nothing";
}

JsonNode::JsonNode(const json& value, const std::string& file, std::string path)
    : value_(&value), file_(&file), path_(std::move(path)) {}

Status JsonNode::Fail(std::string_view what) const {
  std::string prefix = file_->empty() ? path_ : *file_ + ": " + path_;
  return Status::InvalidInput(prefix + ": " + std::string(what));
}

std::string JsonNode::ChildPath(std::string_view key) const {
  std::string p = path_;
  AppendKey(key, &p);
  return p;
}

Status JsonNode::ExpectObject(std::span<const std::string_view> allowed) const {
  if (!value_->is_object()) {
    return Fail("expected an object, found " + std::string(JsonTypeName(*value_)));
  }
  for (auto it = value_->begin(); it != value_->end(); ++it) {
    bool known = false;
    for (std::string_view a : allowed) known = known || a == it.key();
    if (known) continue;
    std::string list;
    for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
    return JsonNode(it.value(), *file_, ChildPath(it.key()))
        .Fail("unknown key (expected one of: " + list + ")");
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

std::string Expected(std::string_view what, const json& found) {
  return "expected " + std::string(what) + ", found " + std::string(JsonTypeName(found));
}

}  // namespace

Status JsonNode::ReadString(std::string_view key, std::string* out, Need need) const {
  if (auto s = Absent(*this, key, need)) return *s;
  JsonNode c = Child(key);
  if (!c.value().is_string()) return c.Fail(Expected("a string", c.value()));
  *out = c.value().get<std::string>();
  return Status::Ok();
}

Status JsonNode::ReadBool(std::string_view key, bool* out, Need need) const {
  if (auto s = Absent(*this, key, need)) return *s;
  JsonNode c = Child(key);
  if (!c.value().is_boolean()) return c.Fail(Expected("true or false", c.value()));
  *out = c.value().get<bool>();
  return Status::Ok();
}

Status JsonNode::ReadInt(std::string_view key, int64_t* out, Need need, int64_t min,
                         int64_t max) const {
  if (auto s = Absent(*this, key, need)) return *s;
  JsonNode c = Child(key);
  const json& v = c.value();
  auto out_of_range = [&] {
    return c.Fail("expected a whole number from " + std::to_string(min) + " to " +
                  std::to_string(max));
  };
  std::optional<int64_t> n;
  if (v.is_number_integer() && !v.is_number_unsigned()) n = v.get<int64_t>();
  if (v.is_number_unsigned()) {
    // Beyond int64 is still a whole number, just out of every allowed range.
    if (v.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) return out_of_range();
    n = static_cast<int64_t>(v.get<uint64_t>());
  }
  if (!n) return c.Fail(Expected("a whole number", v));
  if (*n < min || *n > max) return out_of_range();
  *out = *n;
  return Status::Ok();
}

Status JsonNode::ReadNumber(std::string_view key, double* out, Need need) const {
  if (auto s = Absent(*this, key, need)) return *s;
  JsonNode c = Child(key);
  if (!c.value().is_number()) return c.Fail(Expected("a number", c.value()));
  double d = c.value().get<double>();
  if (!std::isfinite(d)) return c.Fail("expected a finite number");
  *out = d;
  return Status::Ok();
}

Status JsonNode::ForEach(std::string_view key, Need need,
                         const std::function<Status(const JsonNode&, size_t)>& fn) const {
  if (auto s = Absent(*this, key, need)) return *s;
  JsonNode c = Child(key);
  if (!c.value().is_array()) return c.Fail(Expected("an array", c.value()));
  size_t i = 0;
  for (const json& e : c.value()) {
    DVC_RETURN_IF_ERROR(fn(JsonNode(e, *file_, c.path() + "[" + std::to_string(i) + "]"), i));
    ++i;
  }
  return Status::Ok();
}

Status JsonNode::ForEachMember(
    std::string_view key, Need need,
    const std::function<Status(const JsonNode&, const std::string&)>& fn) const {
  if (auto s = Absent(*this, key, need)) return *s;
  JsonNode c = Child(key);
  if (!c.value().is_object()) return c.Fail(Expected("an object", c.value()));
  for (auto it = c.value().begin(); it != c.value().end(); ++it) {
    DVC_RETURN_IF_ERROR(fn(JsonNode(it.value(), *file_, c.ChildPath(it.key())), it.key()));
  }
  return Status::Ok();
}

}  // namespace dvc::core
