// An office's opening hours on a working day: one or more sessions, e.g. the
// usual commune one-stop office day 07:30–11:30 and 13:30–17:00. The same
// sessions apply to every working day, make-up Saturdays included. Hours are
// configuration in the programs; this is the validated value they produce.
//
// Thread-safety: an immutable value.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "calendar/local_time.h"
#include "core/status.h"

namespace dvc::calendar {

// [open, close): the office receives dossiers from `open` up to, not
// including, `close`.
struct OfficeSession {
  TimeOfDay open;
  TimeOfDay close;

  friend bool operator==(const OfficeSession&, const OfficeSession&) = default;
};

class OfficeHours {
 public:
  // 07:30–11:30 and 13:30–17:00 (the common schedule of commune offices).
  static OfficeHours Default();

  // Errors: kInvalidInput if there is no session, a session does not open
  // before it closes, or sessions are out of order or overlap.
  static Result<OfficeHours> Create(std::vector<OfficeSession> sessions);

  // Parses the configuration form "07:30-11:30,13:30-17:00" (spaces allowed
  // around separators). Errors: kInvalidInput, as Create, or a bad time.
  static Result<OfficeHours> Parse(std::string_view spec);

  // Never empty; sorted; non-overlapping.
  const std::vector<OfficeSession>& sessions() const { return sessions_; }

  // True if `t` falls inside a session.
  bool IsOpenAt(TimeOfDay t) const;

  // "07:30-11:30,13:30-17:00", seconds shown only when not zero
  // (round-trips through Parse).
  std::string ToString() const;

 private:
  explicit OfficeHours(std::vector<OfficeSession> sessions) : sessions_(std::move(sessions)) {}
  std::vector<OfficeSession> sessions_;
};

}  // namespace dvc::calendar
