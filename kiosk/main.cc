// The commune kiosk program: init → loop → shutdown.
//
//   kiosk [--config FILE] [--data-dir DIR] [--windowed] [--headless]
//         [--size WxH] [--screenshot FILE.png] [--script FILE]
//         [--idle-timeout-s N] [--idle-warning-s N] [--set-staff-pin < PIN]
//   kiosk --enroll CODE --gateway URL [--config FILE] [--data-dir DIR]
//
// Exit codes: 0 success, 1 a script step failed (or enrolment failed), 2 bad
// flags or start-up error.
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <iostream>
#include <string>
#include <string_view>

#include "app/app.h"
#include "app/kiosk_staff_desk.h"
#include "app/outbox_desk.h"
#include "app/staff_pin_setup.h"
#include "config/kiosk_config.h"
#include "outbox/enrolment_store.h"
#include "outbox/sync_queue.h"
#include "platform/platform.h"
#include "screens/screens.h"
#include "script/script_player.h"
#include "sync/catalog_updates.h"
#include "sync/enrol_command.h"
#include "sync/sync_setup.h"
#include "sync/sync_worker.h"

namespace dvc::kiosk {
namespace {

struct Flags {
  std::string config_path;
  std::string data_dir;
  bool windowed = false;
  bool headless = false;
  int width = 1920;
  int height = 1080;
  std::string screenshot;
  std::string script;
  int64_t idle_timeout_s = 0;  // 0: from the config
  int64_t idle_warning_s = 0;
  bool set_staff_pin = false;
  std::string enroll_code;
  std::string gateway;
};

// One table: flag name, whether it takes a value, what it sets.
struct FlagSpec {
  std::string_view name;
  bool has_value;
  std::string_view help;
  std::function<bool(Flags&, std::string_view)> apply;
};

bool ParseInt(std::string_view text, int64_t lo, int64_t hi, int64_t* out) {
  if (text.empty() || text.size() > 9) return false;
  int64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  if (v < lo || v > hi) return false;
  *out = v;
  return true;
}

const std::vector<FlagSpec>& FlagTable() {
  static const std::vector<FlagSpec> table = {
      {"--config", true, "TOML configuration file (default: built-in defaults)",
       [](Flags& f, std::string_view v) {
         f.config_path = v;
         return true;
       }},
      {"--data-dir", true, "directory for kiosk.db, kiosk.key and receipts (overrides the config)",
       [](Flags& f, std::string_view v) {
         f.data_dir = v;
         return true;
       }},
      {"--windowed", false, "a window instead of full screen",
       [](Flags& f, std::string_view) {
         f.windowed = true;
         return true;
       }},
      {"--headless", false, "no display: SDL dummy video driver and software renderer",
       [](Flags& f, std::string_view) {
         f.headless = true;
         return true;
       }},
      {"--size", true, "screen size WxH (default 1920x1080)",
       [](Flags& f, std::string_view v) {
         const size_t x = v.find('x');
         int64_t w = 0, h = 0;
         if (x == std::string_view::npos || !ParseInt(v.substr(0, x), 320, 8192, &w) ||
             !ParseInt(v.substr(x + 1), 240, 8192, &h)) {
           return false;
         }
         f.width = static_cast<int>(w);
         f.height = static_cast<int>(h);
         return true;
       }},
      {"--screenshot", true, "write the first frame as PNG and exit",
       [](Flags& f, std::string_view v) {
         f.screenshot = v;
         return true;
       }},
      {"--script", true, "play a test script (docs/kiosk-script.md) and exit",
       [](Flags& f, std::string_view v) {
         f.script = v;
         return true;
       }},
      {"--idle-timeout-s", true, "seconds of quiet before the idle warning (tests: 1..3600)",
       [](Flags& f, std::string_view v) { return ParseInt(v, 1, 3600, &f.idle_timeout_s); }},
      {"--idle-warning-s", true, "seconds of the idle countdown (tests: 1..600)",
       [](Flags& f, std::string_view v) { return ParseInt(v, 1, 600, &f.idle_warning_s); }},
      {"--set-staff-pin", false, "read the staff PIN from standard input, store it and exit",
       [](Flags& f, std::string_view) {
         f.set_staff_pin = true;
         return true;
       }},
      {"--enroll", true, "enrol with the province gateway using this one-time code, then exit",
       [](Flags& f, std::string_view v) {
         f.enroll_code = v;
         return !v.empty();
       }},
      {"--gateway", true, "the province gateway's URL, with --enroll (https://...)",
       [](Flags& f, std::string_view v) {
         f.gateway = v;
         return !v.empty();
       }},
  };
  return table;
}

void PrintUsage() {
  std::fprintf(stderr, "usage: kiosk [flags]\n");
  for (const FlagSpec& spec : FlagTable()) {
    std::fprintf(stderr, "  %-18s %s %s\n", std::string(spec.name).c_str(),
                 spec.has_value ? "VALUE" : "     ", std::string(spec.help).c_str());
  }
}

Result<Flags> ParseFlags(int argc, char** argv) {
  Flags flags;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const FlagSpec* spec = nullptr;
    for (const FlagSpec& s : FlagTable()) {
      if (s.name == arg) spec = &s;
    }
    if (!spec) return Status::InvalidInput("unknown flag " + std::string(arg));
    std::string_view value;
    if (spec->has_value) {
      if (i + 1 >= argc) return Status::InvalidInput(std::string(arg) + " needs a value");
      value = argv[++i];
    }
    if (!spec->apply(flags, value)) {
      return Status::InvalidInput(std::string(arg) + ": bad value \"" + std::string(value) + "\"");
    }
  }
  return flags;
}

int Main(int argc, char** argv) {
  Result<Flags> flags = ParseFlags(argc, argv);
  if (!flags.ok()) {
    std::fprintf(stderr, "kiosk: %s\n", flags.status().message().c_str());
    PrintUsage();
    return 2;
  }
  Result<KioskConfig> config = LoadKioskConfig(flags->config_path);
  if (!config.ok()) {
    std::fprintf(stderr, "kiosk: %s\n", config.status().message().c_str());
    return 2;
  }
  if (!flags->data_dir.empty()) {
    if (Status s = ApplyOverride(*config, "data_dir", flags->data_dir); !s.ok()) {
      std::fprintf(stderr, "kiosk: %s\n", s.message().c_str());
      return 2;
    }
  }
  if (!flags->enroll_code.empty() || !flags->gateway.empty()) {
    if (flags->enroll_code.empty() || flags->gateway.empty()) {
      std::fprintf(stderr, "kiosk: --enroll and --gateway go together\n");
      return 2;
    }
    return RunEnrolCommand(*config, flags->enroll_code, flags->gateway, stdout, stderr);
  }
  if (flags->set_staff_pin) {
    if (Status set = SetStaffPinFromInput(*config, std::cin); !set.ok()) {
      std::fprintf(stderr, "kiosk: %s\n", set.message().c_str());
      return 2;
    }
    std::printf("kiosk: staff PIN set in %s\n", config->DatabasePath().c_str());
    return 0;
  }
  // Enrolled: the province's commune, issuer number and newest signed catalog.
  Result<KioskStartRecord> start = ReadKioskStart(config->data_dir);
  if (!start.ok()) {
    std::fprintf(stderr, "kiosk: %s\n", start.status().message().c_str());
    return 2;
  }
  const std::optional<Enrolment>& enrolment = start->enrolment;
  const std::string ui_catalog_dir = config->catalog_dir;  // the UI strings sit beside it
  if (enrolment.has_value()) {
    if (std::string problems = AdoptEnrolment(*config, *enrolment); !problems.empty()) {
      std::fprintf(stderr, "kiosk: skipped catalogs: %s\n", problems.c_str());
    }
  }
  CorrectedClock clock(SystemUnixMs, start->clock_offset_ms);
  auto unix_now = [&clock] { return clock.NowSeconds(); };
  Result<std::unique_ptr<KioskData>> data = LoadKioskData(*config);
  if (!data.ok()) {
    std::fprintf(stderr, "kiosk: %s\n", data.status().message().c_str());
    return 2;
  }
  std::unique_ptr<ScriptPlayer> player;
  if (!flags->script.empty()) {
    Result<std::vector<ScriptStep>> steps = LoadScript(flags->script);
    if (!steps.ok()) {
      std::fprintf(stderr, "kiosk: %s\n", steps.status().message().c_str());
      return 2;
    }
    player = std::make_unique<ScriptPlayer>(std::move(*steps), flags->script);
  }
  Result<UiStrings> strings = LoadUiStrings(UiStringsPathBeside(ui_catalog_dir));
  if (!strings.ok()) {
    std::fprintf(stderr, "kiosk: %s\n", strings.status().message().c_str());
    return 2;
  }
  Result<std::unique_ptr<OutboxDesk>> desk = OutboxDesk::Open(*config, **data, unix_now);
  if (!desk.ok()) {
    std::fprintf(stderr, "kiosk: %s\n", desk.status().message().c_str());
    return 2;
  }
  // Settings saved in staff mode override the file: the staff desk applies
  // them as it opens, before the idle times are read below.
  Result<std::unique_ptr<KioskStaffDesk>> staff_desk =
      KioskStaffDesk::Open(*config, **desk, unix_now);
  if (!staff_desk.ok()) {
    std::fprintf(stderr, "kiosk: %s\n", staff_desk.status().message().c_str());
    return 2;
  }
  // The flags shorten the idle times for tests, under the config's rule.
  const int64_t idle_timeout_s =
      flags->idle_timeout_s > 0 ? flags->idle_timeout_s : config->idle_timeout_s;
  const int64_t idle_warning_s =
      flags->idle_warning_s > 0 ? flags->idle_warning_s : config->idle_warning_s;
  if (idle_warning_s >= idle_timeout_s) {
    std::fprintf(stderr,
                 "kiosk: the idle warning (%lld s) must be shorter than the idle timeout "
                 "(%lld s)\n",
                 static_cast<long long>(idle_warning_s), static_cast<long long>(idle_timeout_s));
    return 2;
  }

  PlatformOptions options;
  options.width = flags->width;
  options.height = flags->height;
  options.headless = flags->headless;
  options.windowed = flags->windowed;
  Result<std::unique_ptr<Platform>> platform = Platform::Create(options);
  if (!platform.ok()) {
    std::fprintf(stderr, "kiosk: %s\n", platform.status().message().c_str());
    return 2;
  }

  AppState state;
  state.data = data->get();
  state.desk = desk->get();
  state.staff_desk = staff_desk->get();
  state.textures = platform->get();
  state.strings = &*strings;
  state.settings.default_language =
      config->language == "en" ? catalog::Language::kEn : catalog::Language::kVi;
  state.settings.province_code = (*data)->catalog.header().province_code;
  state.settings.commune_name = config->commune_name;
  state.settings.sms_short_code = config->sms_short_code;
  state.idle = IdleTimer(1000 * idle_timeout_s, 1000 * idle_warning_s);
  // A gateway URL the config refuses leaves the kiosk offline; staff mode says why.
  std::unique_ptr<SyncWorker> worker;
  if (enrolment.has_value()) {
    Result<std::unique_ptr<SyncWorker>> made =
        MakeSyncWorker(*config, *enrolment, (*data)->catalog.version(), clock);
    if (made.ok()) {
      worker = std::move(*made);
    } else {
      state.sync_problem = made.status().message();
    }
  }
  state.sync = worker.get();
  if (worker) worker->Start();
  Result<calendar::LocalDateTime> now = calendar::LocalDateTime::FromUnixSeconds(unix_now());
  if (!now.ok()) {
    std::fprintf(stderr, "kiosk: the clock is wrong: %s\n", now.status().message().c_str());
    return 2;
  }
  state.today = now->date;
  state.ui = Ui{&(*platform)->fonts(), &state.registry};
  state.WipeSession();

  App app(**platform, state, DrawFrame, unix_now);
  if (!flags->screenshot.empty()) {
    app.Frame(nullptr);
    Result<RgbaImage> image = (*platform)->ReadPixels();
    Status written = image.ok() ? WriteRgbaPng(*image, flags->screenshot) : image.status();
    if (!written.ok()) {
      std::fprintf(stderr, "kiosk: %s\n", written.message().c_str());
      return 2;
    }
    return 0;
  }
  app.Run(player.get());
  if (player && player->failed()) {
    std::fprintf(stderr, "kiosk: %s\n", player->failure().c_str());
    return 1;
  }
  if (player) std::printf("kiosk: script passed (%zu steps)\n", player->steps_done());
  return 0;
}

}  // namespace
}  // namespace dvc::kiosk

int main(int argc, char** argv) { return dvc::kiosk::Main(argc, argv); }
