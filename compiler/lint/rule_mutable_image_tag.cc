// mutable-image-tag: an image with no tag, or a tag that moves (`latest`).

#include <algorithm>
#include <array>

#include "compiler/lint/rules.h"

namespace slipway::lint {
namespace {

const RuleInfo kInfo{
    "mutable-image-tag", Severity::Warning, "an image has no tag, or a tag that moves such as `latest`",
    "A moving tag means two runs of the same commit may run different images: builds stop being "
    "reproducible, and a broken or compromised upstream push reaches the pipeline unnoticed. Pin a "
    "version tag or a digest (`@sha256:...`)."};

constexpr std::array<std::string_view, 8> kMovingTags = {"latest", "stable", "edge", "nightly",
                                                        "main", "master", "lts", "current"};
constexpr char kDynamic = '\x01';  // stands for a value known only at run time

class MutableImageTag : public Rule {
 public:
  MutableImageTag() : Rule(kInfo) {}

  void begin_workflow(const ir::Workflow& workflow, LintContext&) override { workflow_ = &workflow; }

  void visit_step(const StepView& view, LintContext& ctx) override {
    check(view.step().image, view.step().provenance.decl, ctx);
  }

  void visit_service(const ir::Service& service, const StepView&, LintContext& ctx) override {
    check(service.image, service.span, ctx);
  }

 private:
  /// The image text with params replaced by their literal defaults and any
  /// other reference by kDynamic.
  std::string image_text(const ir::Value& image) const {
    std::string out;
    for (const auto& part : image.parts) {
      if (!part.ref) { out += part.text; continue; }
      const ir::Param* param = part.ref->kind == ir::Ref::Kind::Param && workflow_ ? workflow_->find_param(part.ref->name) : nullptr;
      if (param && param->default_value && param->default_value->is_literal()) out += param->default_value->literal_text();
      else out += kDynamic;
    }
    return out;
  }

  void check(const ir::Value& image, Span fallback, LintContext& ctx) {
    std::string text = image_text(image);
    if (text.empty() || text.find('@') != std::string::npos) return;  // a digest pins the image
    size_t slash = text.rfind('/');
    std::string_view last = std::string_view(text).substr(slash == std::string::npos ? 0 : slash + 1);
    if (last.find(kDynamic) != std::string_view::npos) return;  // the tag is computed at run time
    Span at = image.span.valid() ? image.span : fallback;
    size_t colon = last.find(':');
    if (colon == std::string_view::npos) {
      if (text.find(kDynamic) != std::string::npos) text = value_text(image);
      report(ctx, at, "image `" + text + "` has no tag, so it means `" + text + ":latest`")
          .label("pulls whatever `latest` is when the step runs")
          .with_help("pin a version, e.g. `" + std::string(last) + ":1.2.3`, or a digest `" + std::string(last) +
                     "@sha256:...`");
      return;
    }
    std::string_view tag = last.substr(colon + 1);
    if (std::find(kMovingTags.begin(), kMovingTags.end(), tag) == kMovingTags.end()) return;
    if (text.find(kDynamic) != std::string::npos) text = value_text(image);
    report(ctx, at, "image `" + text + "` uses the moving tag `" + std::string(tag) + "`")
        .label("may be a different image on every run")
        .with_help("pin a version tag, or a digest `" + std::string(last.substr(0, colon)) + "@sha256:...`");
  }

  const ir::Workflow* workflow_ = nullptr;
};

}  // namespace

std::unique_ptr<Rule> make_mutable_image_tag() { return std::make_unique<MutableImageTag>(); }

}  // namespace slipway::lint
