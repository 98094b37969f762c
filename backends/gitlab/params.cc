#include "backends/gitlab/params.h"

#include "backends/gitlab/values.h"

namespace slipway::backends::gitlab {

std::vector<ParamVariable> param_variables(Lowering& lowering) {
  std::vector<ParamVariable> out;
  for (const auto& p : lowering.workflow.params) {
    auto var = lowering.param_vars.find(p.name);
    if (var == lowering.param_vars.end()) continue;
    ParamVariable v;
    v.name = var->second;
    v.description = "Slipway param `" + p.name + "` (" + ir::type_name(p.type) + ")";
    if (!p.default_value) {
      v.description += "; it has no default: set it when you run the pipeline";
    } else if (auto text = literal_text(*p.default_value)) {
      v.value = *text;
      v.expand = text->find('$') == std::string::npos;
    } else {
      ExpandedText expanded = expanded_text(*p.default_value, lowering);
      if (expanded.literal_dollar) {
        lowering.error(DiagCode::E0548, p.span, "the default of param `" + p.name +
                                                    "` mixes a literal `$` with other values")
            .label("GitLab would read the `$` as a variable reference")
            .with_help("drop the `$` from the default");
      }
      v.value = expanded.text;
    }
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace slipway::backends::gitlab
