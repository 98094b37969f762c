// Whole Concourse jobs run by the plan runner of concourse_harness: the
// artifacts, build-local vars, parallel branches and hooks of a generated
// pipeline working together, not one task at a time.

#include <gtest/gtest.h>

#include <filesystem>

#include "tests/backends/backend_harness.h"
#include "tests/backends/concourse_harness.h"

namespace slipway::test {
namespace {

namespace fs = std::filesystem;

YAML::Node job_named(const YAML::Node& doc, const std::string& name) {
  for (const auto& job : doc["jobs"])
    if (job["name"].as<std::string>() == name) return job;
  return YAML::Node();
}

bool has_test_image() {
  return run_shell("docker image inspect slipway-test/busybox:1 >/dev/null 2>&1").exit_code == 0;
}

TEST(ConcourseJob, LocalDemoBuildRunsToSuccessWithItsValuesAndFiles) {
  if (!has_test_image())
    GTEST_SKIP() << "no Docker engine or no test image slipway-test/busybox:1 (scripts/test-images.sh); "
                    "the test step runs its service in Docker";
  TargetRun compiled = run_target("concourse", source_dir() + "/examples/local-demo/local-demo.slip");
  ASSERT_EQ(compiled.output.files.size(), 1u);
  YAML::Node job = job_named(YAML::Load(compiled.output.files[0].content), "build");
  ASSERT_TRUE(job);

  std::string dir = make_temp_dir("slipway-concourse-job");
  fs::create_directories(dir + "/source/examples/local-demo");
  fs::copy_file(source_dir() + "/examples/local-demo/README.md", dir + "/source/examples/local-demo/README.md");
  write_file(dir + "/source/go.mod", "module demo\n");
  JobRun run = run_job(job, {{"api_token", "t0ken"}}, dir);

  ASSERT_TRUE(run.succeeded) << run.problem << [&] {
    std::string why;
    for (const auto& [name, r] : run.tasks)
      if (r.exit_code != 0) why += "\n" + name + ": " + r.err;
    return why;
  }();
  EXPECT_EQ(run.order, (std::vector<std::string>{"slipway-build-id", "version", "lint", "test", "package", "summary"}));
  std::string id = run.vars[".:slipway-build-id"];
  ASSERT_FALSE(id.empty());
  EXPECT_EQ(run.vars[".:build-version-version"], "1.4+" + id);
  EXPECT_EQ(run.vars[".:build-version-count"], "2") << "the files of the checkout";
  EXPECT_NE(run.tasks["lint"].out.find("checking 2 files"), std::string::npos) << run.tasks["lint"].out;
  EXPECT_EQ(run.vars[".:build-test-passed"], "3") << "the step reached its service";
  EXPECT_NE(run.tasks["package"].out.find("after 3 passing tests"), std::string::npos);
  EXPECT_EQ(read_file(dir + "/source/dist/app.txt"), "demo 1.4+" + id + "\n") << "files travel in the source artifact";
  EXPECT_EQ(run.tasks["summary"].out, "built dist/app.txt for 1.4+" + id + " on main\n");
  fs::remove_all(dir);
}

TEST(ConcourseJob, AFailedStepRunsItsHooksAndFailsTheJob) {
  auto out = compile_target_text("concourse", R"(
workflow ci {
  step build {
    image "alpine:3.20"
    run "echo started > marker; exit 3"
    on_failure report {
      image "alpine:3.20"
      run "echo \"reporting after $(cat marker)\""
    }
    always cleanup {
      image "alpine:3.20"
      run "rm marker && echo cleaned"
    }
  }
  step after {
    image "alpine:3.20"
    run ["echo", "never"]
    needs [build]
  }
}
)");
  ASSERT_EQ(out.files.size(), 1u);
  YAML::Node doc = YAML::Load(out.files[0].content);
  std::string dir = make_temp_dir("slipway-concourse-job");
  fs::create_directories(dir + "/source");
  JobRun run = run_job(doc["jobs"][0], {}, dir);
  EXPECT_FALSE(run.succeeded);
  EXPECT_TRUE(run.problem.empty()) << run.problem;
  EXPECT_EQ(run.order, (std::vector<std::string>{"build", "build.report", "build.cleanup"}));
  EXPECT_EQ(run.tasks["build.report"].out, "reporting after started\n");
  EXPECT_EQ(run.tasks["build.cleanup"].out, "cleaned\n");
  EXPECT_FALSE(fs::exists(dir + "/source/marker"));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace slipway::test
