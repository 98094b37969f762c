#pragma once
// Helpers for tests against the real Docker engine: a connected client (or a
// skip with the reason), the built binary run with extra environment, in the
// foreground or the background (to interrupt it or inspect its containers).

#include <memory>
#include <string>
#include <vector>

#include "runtime/engine/engine_client.h"
#include "tests/support/test_support.h"

namespace slipway::runtime::test {

inline constexpr const char* kTestImage = "slipway-test/busybox:1";

/// The engine client, or nullptr with `why` set (no engine, or no test image).
engine::EngineClient* test_engine(std::string& why);

#define SLIPWAY_REQUIRE_ENGINE()                                                             \
  std::string engine_skip_reason;                                                            \
  engine::EngineClient* engine = ::slipway::runtime::test::test_engine(engine_skip_reason);  \
  if (!engine) GTEST_SKIP() << engine_skip_reason;                                           \
  (void)engine

/// A temp directory (not a git repository) holding `name` with `text`.
std::string write_workflow(const std::string& text, const std::string& name = "ci.slip");

/// Runs `slipway ARGS` with `env` (NAME=VALUE entries) added, NO_COLOR set.
slipway::test::CommandResult run_slipway_env(const std::vector<std::string>& env, const std::vector<std::string>& args);

/// `slipway` started in the background; stdout/stderr go to files.
class BackgroundSlipway {
 public:
  BackgroundSlipway(const std::vector<std::string>& env, const std::vector<std::string>& args);
  ~BackgroundSlipway();
  void signal(int sig);
  /// Waits up to `seconds`; the exit code, or -1 on time-out (then killed).
  int wait(double seconds);
  std::string out() const;
  std::string err() const;
  int pid() const { return pid_; }

 private:
  int pid_ = -1;
  std::string dir_;
  bool reaped_ = false;
};

/// Every engine object carrying `label` (containers, volumes, networks), as "kind name" lines.
std::vector<std::string> labelled_objects(engine::EngineClient& client, const std::string& label);

}  // namespace slipway::runtime::test
