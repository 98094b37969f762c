// Secret flow and shell safety: the checks users rely on to keep
// credentials out of logs and scripts free of injected text.

#include <gtest/gtest.h>

#include "tests/support/test_support.h"

namespace slipway::test {
namespace {

TEST(SecretFlow, TemplateArgumentIntoRunPointsAtTemplateLineAndCallSite) {
  auto c = compile_text(R"(secret key
template deploy(token: secret) {
  image "alpine:3.20"
  run "deploy --token=${token}"
}
pipeline p {
  step d = deploy(token: key)
}
workflow w { p }
)");
  auto errors = c->errors();
  ASSERT_EQ(errors.size(), 1u) << c->codes();
  const Diagnostic& d = errors[0];
  EXPECT_EQ(d.code, DiagCode::E0301);
  EXPECT_EQ(d.primary.begin.line, 4u);  // the template's run line
  bool call_site = false;
  for (const auto& label : d.secondary) call_site |= label.span.begin.line == 7;
  EXPECT_TRUE(call_site) << "no label at the call site";
}

TEST(SecretFlow, SecretIntoPlainTemplateParameterIsRejectedAtTheArgument) {
  auto c = compile_text(R"(secret key
template t(token: string) {
  image "alpine:3.20"
  env { TOKEN = token }
}
pipeline p { step d = t(token: key) }
workflow w { p }
)");
  auto errors = c->errors();
  ASSERT_EQ(errors.size(), 1u) << c->codes();
  EXPECT_EQ(errors[0].code, DiagCode::E0302);
  EXPECT_EQ(errors[0].primary.begin.line, 6u);
}

TEST(SecretFlow, LaunderingThroughPipelineArgumentAndInterpolationIsCaught) {
  auto c = compile_text(R"(secret key
pipeline p(auth: secret) {
  step d {
    image "alpine:3.20"
    run ["curl", "-H", "Authorization: Bearer ${auth}"]
  }
}
workflow w { p(auth: key) }
)");
  EXPECT_TRUE(c->has(DiagCode::E0301)) << c->codes();
}

TEST(SecretFlow, SecretInEnvAndFileIsAllowed) {
  auto c = compile_text(R"(secret key
secret cfg: file
pipeline p {
  step d {
    image "alpine:3.20"
    run "deploy"
    env { TOKEN = key }
    files { "/run/secrets/cfg.json" = cfg }
  }
}
workflow w { p }
)");
  EXPECT_EQ(c->errors().size(), 0u) << c->codes();
  const auto& step = c->program.workflows.at(0).instances.at(0).steps.at(0);
  ASSERT_EQ(step.env.size(), 1u);
  EXPECT_TRUE(step.env[0].secret);
  ASSERT_EQ(step.files.size(), 1u);
  EXPECT_TRUE(step.files[0].secret);
}

TEST(ShellSafety, InterpolationInScriptBecomesAnEnvVar) {
  auto c = compile_text(R"(
pipeline p {
  step a {
    image "alpine:3.20"
    run "echo hi"
    outputs { tag: string }
  }
  step b {
    image "alpine:3.20"
    run "docker push app:${a.tag} && echo ${git.sha}"
  }
}
workflow w { p }
)");
  ASSERT_EQ(c->errors().size(), 0u) << c->codes();
  const auto& b = c->program.workflows.at(0).instances.at(0).steps.at(1);
  EXPECT_EQ(b.script, "docker push app:${SLIPWAY_A_TAG} && echo ${SLIPWAY_GIT_SHA}");
  ASSERT_EQ(b.env.size(), 2u);
  EXPECT_EQ(b.env[0].name, "SLIPWAY_A_TAG");
  ASSERT_EQ(b.env[0].value.parts.size(), 1u);
  ASSERT_TRUE(b.env[0].value.parts[0].ref.has_value());
  EXPECT_EQ(b.env[0].value.parts[0].ref->step, "p.a");
  EXPECT_EQ(b.env[1].name, "SLIPWAY_GIT_SHA");
}

TEST(ShellSafety, LiteralTemplateArgumentsAreNotSplicedIntoScripts) {
  auto c = compile_text(R"SLIP(
template say(message: string) {
  image "alpine:3.20"
  run "echo ${message}"
}
pipeline p { step s = say(message: "$(rm -rf /)") }
workflow w { p }
)SLIP");
  ASSERT_EQ(c->errors().size(), 0u) << c->codes();
  const auto& s = c->program.workflows.at(0).instances.at(0).steps.at(0);
  EXPECT_EQ(s.script, "echo ${SLIPWAY_MESSAGE}");
  EXPECT_EQ(s.script.find("rm -rf"), std::string::npos);
  ASSERT_EQ(s.env.size(), 1u);
  EXPECT_EQ(s.env[0].value.literal_text(), "$(rm -rf /)");
}

TEST(ShellSafety, ReservedEnvPrefixIsRejected) {
  auto c = compile_text(R"(
pipeline p { step s { image "alpine:3.20" run "true" env { SLIPWAY_X = "1" } } }
workflow w { p }
)");
  EXPECT_TRUE(c->has(DiagCode::E0207)) << c->codes();
}

}  // namespace
}  // namespace slipway::test
