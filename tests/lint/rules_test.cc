// Each lint rule on cases beyond the documented examples: what it must find
// and, as important, what it must leave alone.

#include <gtest/gtest.h>

#include "tests/lint/lint_harness.h"

namespace slipway::test {
namespace {

#define EXPECT_RULE(text, rule, n)                                        \
  do {                                                                    \
    auto linted_ = lint_text(text);                                       \
    EXPECT_EQ(linted_->count(rule), n) << linted_->summary() << "\n" << (text); \
  } while (0)

std::string step(const std::string& image, const std::string& run, const std::string& extra = "") {
  return one_step("    image \"" + image + "\"\n    run " + run + "\n" + extra);
}

TEST(MutableImageTag, TagsDigestsAndRunTimeTags) {
  EXPECT_RULE(step("alpine", "[\"true\"]"), "mutable-image-tag", 1u);
  EXPECT_RULE(step("alpine:latest", "[\"true\"]"), "mutable-image-tag", 1u);
  EXPECT_RULE(step("ghcr.io/acme/app:stable", "[\"true\"]"), "mutable-image-tag", 1u);
  EXPECT_RULE(step("registry.example.com:5000/app", "[\"true\"]"), "mutable-image-tag", 1u);
  EXPECT_RULE(step("alpine:3.20", "[\"true\"]"), "mutable-image-tag", 0u);
  EXPECT_RULE(step("alpine@sha256:0123abcd", "[\"true\"]"), "mutable-image-tag", 0u);
  EXPECT_RULE(step("registry.example.com:5000/app:1.2.3", "[\"true\"]"), "mutable-image-tag", 0u);
  EXPECT_RULE(step("ghcr.io/acme/app:${git.sha}", "[\"true\"]"), "mutable-image-tag", 0u);
}

TEST(MutableImageTag, ParamDefaultsAndServices) {
  EXPECT_RULE("param base: string = \"node:lts\"\n" + one_step("    image base\n    run [\"true\"]"),
              "mutable-image-tag", 1u);
  EXPECT_RULE("param base: string = \"node:20.15.0\"\n" + one_step("    image base\n    run [\"true\"]"),
              "mutable-image-tag", 0u);
  EXPECT_RULE(step("alpine:3.20", "[\"true\"]", "    service db { image \"postgres\" }"), "mutable-image-tag", 1u);
}

TEST(MutableImageTag, ReportedOnceInATemplateCalledTwice) {
  auto linted = lint_text(R"(template t(x: string) {
  image "alpine"
  run ["echo", x]
}
workflow ci {
  step a = t(x: "a")
  step b = t(x: "b")
})");
  ASSERT_EQ(linted->count("mutable-image-tag"), 1u) << linted->summary();
  EXPECT_EQ(linted->findings[0].primary.begin.line, 2u);
}

const char* kDeployPipeline = R"(pipeline deploy(target: string) {
  step roll {
    image "alpine:3.20"
    run ["./roll.sh", target]
    TIMEOUT
  }
  step smoke {
    image "alpine:3.20"
    run ["./smoke.sh", target]
    timeout 1m
  }
}
)";

std::string deploy_case(const std::string& timeout, const std::string& chain) {
  std::string text = kDeployPipeline;
  text.replace(text.find("TIMEOUT"), 7, timeout);
  return text + "workflow release {\n  on push branches [\"main\"]\n  " + chain + "\n}\n";
}

TEST(DeployWithoutTimeout, DeployingInstances) {
  EXPECT_RULE(deploy_case("", "deploy(target: \"qa\") environment \"qa\""), "deploy-without-timeout", 1u);
  EXPECT_RULE(deploy_case("", "deploy(target: \"qa\") as qa manual"), "deploy-without-timeout", 1u);
  EXPECT_RULE(deploy_case("timeout 5m", "deploy(target: \"qa\") environment \"qa\""), "deploy-without-timeout", 0u);
  // No environment, no gate, no deploy command: a build, not a deploy.
  EXPECT_RULE(deploy_case("", "deploy(target: \"qa\")"), "deploy-without-timeout", 0u);
}

TEST(DeployWithoutTimeout, DeployCommands) {
  EXPECT_RULE(one_step("    image \"alpine/helm:3.15.2\"\n    run \"helm upgrade --install app ./chart\""),
              "deploy-without-timeout", 1u);
  EXPECT_RULE(one_step("    image \"google/cloud-sdk:482.0.0-slim\"\n    run [\"gcloud\", \"run\", \"deploy\", \"app\"]"),
              "deploy-without-timeout", 1u);
  EXPECT_RULE(one_step("    image \"alpine:3.20\"\n    run \"./scripts/deploy-app.sh\""), "deploy-without-timeout", 1u);
  EXPECT_RULE(one_step("    image \"bitnami/kubectl:1.30.2\"\n    run [\"kubectl\", \"get\", \"pods\"]"),
              "deploy-without-timeout", 0u);
  EXPECT_RULE(one_step("    image \"alpine:3.20\"\n    run [\"true\"]\n    manual"), "deploy-without-timeout", 1u);
}

std::string prod(const std::string& triggers, const std::string& modifiers, const std::string& env = "production") {
  return std::string(R"(pipeline deploy {
  step roll {
    image "alpine:3.20"
    run ["true"]
    timeout 5m
  }
}
pipeline build {
  step compile {
    image "golang:1.22.5"
    run ["go", "build"]
  }
}
workflow release {
)") + triggers + "\n  build -> deploy as target environment \"" + env + "\" " + modifiers + "\n}\n";
}

TEST(UngatedProduction, GatesConditionsAndTriggers) {
  EXPECT_RULE(prod("on push", ""), "ungated-production", 1u);
  EXPECT_RULE(prod("", ""), "ungated-production", 1u);
  EXPECT_RULE(prod("on push", "manual"), "ungated-production", 0u);
  EXPECT_RULE(prod("on push", "when git.branch == \"main\""), "ungated-production", 0u);
  EXPECT_RULE(prod("on push", "when git.tag matches \"v*\" || git.branch == \"main\""), "ungated-production", 0u);
  EXPECT_RULE(prod("on push", "when git.branch == \"main\" || true"), "ungated-production", 1u);
  EXPECT_RULE(prod("on push", "when !(git.branch == \"dev\")"), "ungated-production", 1u);
  EXPECT_RULE(prod("on push branches [\"main\"]", ""), "ungated-production", 0u);
  EXPECT_RULE(prod("on push tags [\"v*\"]", ""), "ungated-production", 0u);
  EXPECT_RULE(prod("on push branches [\"*\"]", ""), "ungated-production", 1u);
  EXPECT_RULE(prod("on push branches [\"main\"]\n  on manual", ""), "ungated-production", 1u);
}

TEST(UngatedProduction, ProductionNames) {
  EXPECT_RULE(prod("on push", "", "eu-prod"), "ungated-production", 1u);
  EXPECT_RULE(prod("on push", "", "LIVE"), "ungated-production", 1u);
  EXPECT_RULE(prod("on push", "", "staging"), "ungated-production", 0u);
  EXPECT_RULE(prod("on push", "", "product-demo"), "ungated-production", 0u);
}

TEST(UngatedProduction, AGateUpstreamStopsTheRun) {
  auto text = prod("on push", "");
  text.replace(text.find("build -> deploy"), 15, "build manual -> deploy");
  EXPECT_RULE(text, "ungated-production", 0u);
}

TEST(DuplicateStep, CopiesButNotInstancesOrHooks) {
  EXPECT_RULE(R"(workflow ci {
  step a {
    image "golang:1.22.5"
    run ["go", "test"]
    env { X = "1" }
  }
  step b {
    image "golang:1.22.5"
    run ["go", "test"]
    env { X = "2" }
  }
})", "duplicate-step", 0u);
  EXPECT_RULE(R"(pipeline p {
  step a {
    image "golang:1.22.5"
    run ["go", "test"]
  }
}
workflow ci {
  p as one
  p as two
})", "duplicate-step", 0u);
  EXPECT_RULE(R"(template notify() {
  image "curlimages/curl:8.8.0"
  run ["curl", "-fsS", "https://chat.example.com/hook"]
}
workflow ci {
  step a {
    image "alpine:3.20"
    run ["./a.sh"]
    on_failure n = notify()
  }
  step b {
    image "alpine:3.20"
    run ["./b.sh"]
    on_failure n = notify()
  }
})", "duplicate-step", 0u);
}

TEST(CurlPipeShell, Forms) {
  EXPECT_RULE(step("alpine:3.20", "\"wget -qO- https://x.example.com/i | sudo bash -s -- --yes\""), "curl-pipe-shell", 1u);
  EXPECT_RULE(step("alpine:3.20", "\"sh -c \\\"$(curl -fsSL https://x.example.com/i)\\\"\""), "curl-pipe-shell", 1u);
  EXPECT_RULE(step("alpine:3.20", "\"bash <(curl -s https://x.example.com/i)\""), "curl-pipe-shell", 1u);
  EXPECT_RULE(step("alpine:3.20", "[\"sh\", \"-c\", \"curl -s https://x.example.com/i | python3\"]"), "curl-pipe-shell", 1u);
  EXPECT_RULE(step("alpine:3.20", "\"curl -fsSL https://x.example.com/a.tgz | tar xz\""), "curl-pipe-shell", 0u);
  EXPECT_RULE(step("alpine:3.20", "\"curl -fsSLo i.sh https://x.example.com/i && sh i.sh\""), "curl-pipe-shell", 0u);
}

TEST(DockerSocket, SocketAndDind) {
  EXPECT_RULE(step("docker:26.1.4-cli", "\"docker run -v /var/run/docker.sock:/var/run/docker.sock alpine:3.20 true\""),
              "docker-socket", 1u);
  EXPECT_RULE(step("docker:26.1.4-cli", "[\"docker\", \"info\"]", "    service docker { image \"docker:26.1.4-dind\" }"),
              "docker-socket", 1u);
  EXPECT_RULE(step("docker:26.1.4-dind", "[\"dockerd\"]"), "docker-socket", 1u);
  EXPECT_RULE(step("docker:26.1.4-cli", "[\"docker\", \"info\"]", "    env { DOCKER_HOST = \"tcp://builder:2376\" }"),
              "docker-socket", 0u);
}

TEST(RetryNonIdempotent, PublishersOnlyWithRetry) {
  EXPECT_RULE(step("node:20.15.0", "\"npm publish\"", "    retry 1"), "retry-non-idempotent", 1u);
  EXPECT_RULE(step("node:20.15.0", "\"npm publish\""), "retry-non-idempotent", 0u);
  EXPECT_RULE(step("node:20.15.0", "\"npm test\"", "    retry 3"), "retry-non-idempotent", 0u);
  EXPECT_RULE(step("docker:26.1.4-cli", "\"docker push ghcr.io/acme/app:1\"", "    retry 2"), "retry-non-idempotent", 0u);
  EXPECT_RULE(step("curlimages/curl:8.8.0", "[\"curl\", \"-X\", \"POST\", \"https://x.example.com\"]", "    retry 2"),
              "retry-non-idempotent", 1u);
  EXPECT_RULE(step("alpine/helm:3.15.2", "\"helm install app ./chart\"", "    retry 1\n    timeout 5m"), "retry-non-idempotent", 1u);
  EXPECT_RULE(step("alpine/helm:3.15.2", "\"helm upgrade --install app ./chart\"", "    retry 1\n    timeout 5m"),
              "retry-non-idempotent", 0u);
}

TEST(ScriptIgnoresErrors, WholeScriptOnly) {
  EXPECT_RULE(step("alpine:3.20", "\"make lint && make test || exit 0\""), "script-ignores-errors", 1u);
  EXPECT_RULE(step("alpine:3.20", "\"{ make lint; make test; } || :\""), "script-ignores-errors", 1u);
  EXPECT_RULE(step("alpine:3.20", "\"\"\"\n      (\n        make lint\n        make test\n      ) || true\n    \"\"\""),
              "script-ignores-errors", 1u);
  EXPECT_RULE(step("alpine:3.20", "\"\"\"\n      rm -f out.txt || true\n      make test\n    \"\"\""), "script-ignores-errors", 0u);
  EXPECT_RULE(step("alpine:3.20", "\"make test; make clean || true\""), "script-ignores-errors", 0u);
}

TEST(ScriptIgnoresErrors, SetPlusE) {
  EXPECT_RULE(step("alpine:3.20", "\"set +e\\nmake test\""), "script-ignores-errors", 1u);
  EXPECT_RULE(step("alpine:3.20", "\"set -eu +o errexit\\nmake test\""), "script-ignores-errors", 1u);
  EXPECT_RULE(step("alpine:3.20", "\"set +e\\nmake test\\nstatus=$?\\nset -e\\n./report.sh \\\"$status\\\"\""),
              "script-ignores-errors", 0u);
}

TEST(XtraceWithSecrets, OnlyWithSecrets) {
  std::string secret = "secret token\nsecret key: file\n";
  EXPECT_RULE(one_step("    image \"alpine:3.20\"\n    run \"set -x; ./go.sh\"\n    env { T = token }\n    files { \"/k\" = key }", secret),
              "xtrace-with-secrets", 1u);
  EXPECT_RULE(one_step("    image \"alpine:3.20\"\n    run \"set -o xtrace; ./go.sh\"\n    files { \"/k\" = key }\n    env { T = token }", secret),
              "xtrace-with-secrets", 1u);
  EXPECT_RULE(one_step("    image \"alpine:3.20\"\n    run [\"bash\", \"-x\", \"go.sh\"]\n    env { T = token }\n    files { \"/k\" = key }", secret),
              "xtrace-with-secrets", 1u);
  EXPECT_RULE(one_step("    image \"alpine:3.20\"\n    entrypoint [\"sh\", \"-xc\"]\n    run \"./go.sh\"\n    env { T = token }\n    files { \"/k\" = key }", secret),
              "xtrace-with-secrets", 1u);
  EXPECT_RULE(one_step("    image \"alpine:3.20\"\n    run \"set -euo pipefail; ./go.sh\"\n    env { T = token }\n    files { \"/k\" = key }", secret),
              "xtrace-with-secrets", 0u);
  EXPECT_RULE(step("alpine:3.20", "\"set -x; ./go.sh\""), "xtrace-with-secrets", 0u);
}

TEST(TlsVerifyDisabled, FlagsAndEnv) {
  EXPECT_RULE(step("curlimages/curl:8.8.0", "[\"curl\", \"--insecure\", \"https://x\"]"), "tls-verify-disabled", 1u);
  EXPECT_RULE(step("curlimages/curl:8.8.0", "[\"curl\", \"-fsSL\", \"-K\", \"cfg\", \"https://x\"]"), "tls-verify-disabled", 0u);
  EXPECT_RULE(step("alpine:3.20", "\"wget --no-check-certificate https://x\""), "tls-verify-disabled", 1u);
  EXPECT_RULE(step("alpine/git:2.43.0", "\"git -c http.sslVerify=false clone https://x\""), "tls-verify-disabled", 1u);
  EXPECT_RULE(step("alpine/git:2.43.0", "\"git config --global http.sslVerify false\""), "tls-verify-disabled", 1u);
  EXPECT_RULE(step("node:20.15.0", "\"export NODE_TLS_REJECT_UNAUTHORIZED=0\\nnpm ci\""), "tls-verify-disabled", 1u);
  EXPECT_RULE(step("node:20.15.0", "\"npm ci\"", "    env { NODE_TLS_REJECT_UNAUTHORIZED = \"1\" }"), "tls-verify-disabled", 0u);
  EXPECT_RULE(step("bitnami/kubectl:1.30.2", "[\"kubectl\", \"--insecure-skip-tls-verify\", \"get\", \"pods\"]"),
              "tls-verify-disabled", 1u);
}

TEST(UnquotedInterpolation, WhatCanSplit) {
  std::string params = "param name: string = \"x\"\nparam n: int = 3\n";
  EXPECT_RULE(one_step("    image \"alpine:3.20\"\n    run \"echo ${name}\"", params), "unquoted-interpolation", 1u);
  EXPECT_RULE(one_step("    image \"alpine:3.20\"\n    run \"echo \\\"${name}\\\"\"", params), "unquoted-interpolation", 0u);
  EXPECT_RULE(one_step("    image \"alpine:3.20\"\n    run \"echo ${n} ${git.sha} ${build.number} ${git.branch}\"", params),
              "unquoted-interpolation", 0u);
  EXPECT_RULE(one_step("    image \"alpine:3.20\"\n    run \"X=${name}; [[ ${name} == a ]] && echo \\\"$X\\\"\"", params),
              "unquoted-interpolation", 0u);
  EXPECT_RULE(one_step("    image \"alpine:3.20\"\n    run \"\"\"\n      cat <<EOF\n      ${name}\n      EOF\n    \"\"\"", params),
              "unquoted-interpolation", 0u);
  // Reported once per value, at the unquoted use.
  auto linted = lint_text(one_step("    image \"alpine:3.20\"\n    run \"echo \\\"${name}\\\" ${name} ${name}\"", params));
  ASSERT_EQ(linted->count("unquoted-interpolation"), 1u) << linted->summary();
  EXPECT_EQ(linted->of("unquoted-interpolation")[0].primary.begin.col, 27u);
}

TEST(UnquotedInterpolation, TemplateArgumentsWithSpaces) {
  std::string text = R"(template t(dir: string) {
  image "alpine:3.20"
  run "ls ${dir}"
}
workflow ci {
  step a = t(dir: "My Documents")
  step b = t(dir: "docs")
})";
  EXPECT_RULE(text, "unquoted-interpolation", 1u);
}

TEST(InstallWithoutYes, Managers) {
  EXPECT_RULE(step("debian:12.6-slim", "\"apt-get -qy install curl\""), "install-without-yes", 0u);
  EXPECT_RULE(step("debian:12.6-slim", "\"apt-get -qq install curl\""), "install-without-yes", 0u);
  EXPECT_RULE(step("debian:12.6-slim", "\"yes | apt-get install curl\""), "install-without-yes", 0u);
  EXPECT_RULE(step("debian:12.6-slim", "\"sudo apt install curl\""), "install-without-yes", 1u);
  EXPECT_RULE(step("debian:12.6-slim", "\"DEBIAN_FRONTEND=noninteractive apt-get upgrade\""), "install-without-yes", 1u);
  EXPECT_RULE(step("fedora:40", "[\"dnf\", \"install\", \"make\"]"), "install-without-yes", 1u);
  EXPECT_RULE(step("fedora:40", "[\"dnf\", \"-y\", \"install\", \"make\"]"), "install-without-yes", 0u);
  EXPECT_RULE(step("alpine:3.20", "\"apk add --no-cache curl\""), "install-without-yes", 0u);
  EXPECT_RULE(step("debian:12.6-slim", "\"apt-get update\""), "install-without-yes", 0u);
}

TEST(CompilerWarnings, BecomeRulesByName) {
  auto linted = lint_text("param region: string = \"eu\"\n" + step("alpine:3.20", "[\"true\"]"));
  ASSERT_EQ(linted->count("unused-param"), 1u) << linted->summary();
  EXPECT_EQ(linted->of("unused-param")[0].code, DiagCode::W0101);
  EXPECT_EQ(linted->count("W0101"), 0u);
}

TEST(CompilerErrors, AreReportedAndStopTheRules) {
  auto linted = lint_text(one_step("    image \"alpine\"\n    run [\"echo\", nope]"));
  EXPECT_EQ(linted->count("E0101"), 1u) << linted->summary();
  EXPECT_EQ(linted->count("mutable-image-tag"), 0u) << "rules run only on a valid IR";
}

}  // namespace
}  // namespace slipway::test
