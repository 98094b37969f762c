// The shell function GitLab CI and Wercker steps use to wait for a
// service's port (backends/common/service_wait.h), run for real.

#include <gtest/gtest.h>

#include "backends/common/service_wait.h"
#include "tests/support/test_support.h"

namespace slipway::test {
namespace {

std::string sh_word(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

TEST(ServiceWait, BusyboxNcWithoutZeroIoModeStillSeesAnOpenPort) {
  // Debian's busybox nc has no `-z`: the function must fall back to a
  // plain connect, or it would wait five minutes and fail.
  if (run_shell("docker image inspect slipway-test/busybox:1 >/dev/null 2>&1").exit_code != 0)
    GTEST_SKIP() << "no Docker engine or no test image slipway-test/busybox:1 (scripts/test-images.sh)";
  std::string script = backends::wait_tcp_function() +
                       "\nnc -ll -p 5432 -e echo hi &\n"
                       "slipway_wait_tcp 127.0.0.1 5432 && echo ready\n";
  auto r = run_shell("timeout 60 docker run --rm --network none slipway-test/busybox:1 sh -c " + sh_word(script));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "ready\n") << r.err;
}

TEST(ServiceWait, BashProbeSeesAnOpenPort) {
  if (run_shell("command -v bash && command -v python3").exit_code != 0) GTEST_SKIP() << "needs bash and python3";
  std::string script = backends::wait_tcp_function() +
                       "\npython3 -c 'import socket,time; s=socket.socket(); s.bind((\"127.0.0.1\", 0)); s.listen(); "
                       "print(s.getsockname()[1], flush=True); time.sleep(20)' > port.txt &\n"
                       "while [ ! -s port.txt ]; do sleep 0.1; done\n"
                       "slipway_wait_tcp 127.0.0.1 \"$(cat port.txt)\" && echo ready\nkill $!\n";
  std::string dir = make_temp_dir("slipway-wait");
  auto r = run_shell("cd " + sh_word(dir) + " && timeout 60 sh -c " + sh_word(script));
  EXPECT_EQ(r.out, "ready\n") << r.err;
  run_shell("rm -rf " + sh_word(dir));
}

}  // namespace
}  // namespace slipway::test
