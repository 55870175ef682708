#include "calendar/office_hours.h"

namespace dvc::calendar {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// "07:30", or "07:30:15" when the seconds matter, so ToString() round-trips.
std::string Format(TimeOfDay t) {
  std::string s = t.ToHhMm();
  if (t.second != 0) s += (t.second < 10 ? ":0" : ":") + std::to_string(t.second);
  return s;
}

}  // namespace

OfficeHours OfficeHours::Default() {
  return OfficeHours({{{7, 30, 0}, {11, 30, 0}}, {{13, 30, 0}, {17, 0, 0}}});
}

Result<OfficeHours> OfficeHours::Create(std::vector<OfficeSession> sessions) {
  if (sessions.empty()) return Status::InvalidInput("office hours need at least one session");
  for (size_t i = 0; i < sessions.size(); ++i) {
    const OfficeSession& s = sessions[i];
    const std::string name = s.open.ToHhMm() + "-" + s.close.ToHhMm();
    if (!(s.open < s.close)) {
      return Status::InvalidInput("office session " + name + " does not open before it closes");
    }
    if (i > 0 && s.open < sessions[i - 1].close) {
      return Status::InvalidInput("office session " + name + " overlaps or comes before " +
                                  sessions[i - 1].open.ToHhMm() + "-" +
                                  sessions[i - 1].close.ToHhMm() + "; list sessions in order");
    }
  }
  return OfficeHours(std::move(sessions));
}

Result<OfficeHours> OfficeHours::Parse(std::string_view spec) {
  std::vector<OfficeSession> sessions;
  while (true) {
    const size_t comma = spec.find(',');
    const std::string_view part = Trim(spec.substr(0, comma));
    const size_t dash = part.find('-');
    if (dash == std::string_view::npos) {
      return Status::InvalidInput("office hours \"" + std::string(part.substr(0, 40)) +
                                  "\": expected HH:MM-HH:MM");
    }
    Result<TimeOfDay> open = TimeOfDay::Parse(Trim(part.substr(0, dash)));
    if (!open.ok()) return open.status().WithContext("office hours");
    Result<TimeOfDay> close = TimeOfDay::Parse(Trim(part.substr(dash + 1)));
    if (!close.ok()) return close.status().WithContext("office hours");
    sessions.push_back(OfficeSession{*open, *close});
    if (comma == std::string_view::npos) break;
    spec.remove_prefix(comma + 1);
  }
  return Create(std::move(sessions));
}

bool OfficeHours::IsOpenAt(TimeOfDay t) const {
  for (const OfficeSession& s : sessions_) {
    if (s.open <= t && t < s.close) return true;
  }
  return false;
}

std::string OfficeHours::ToString() const {
  std::string out;
  for (const OfficeSession& s : sessions_) {
    if (!out.empty()) out += ',';
    out += Format(s.open) + "-" + Format(s.close);
  }
  return out;
}

}  // namespace dvc::calendar
