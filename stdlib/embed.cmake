# Writes a C++ file holding every std/*.slip as a raw string, sorted by name
# so the output is deterministic. Invoked by stdlib/CMakeLists.txt.
file(GLOB files RELATIVE ${DIR} ${DIR}/*.slip)
list(SORT files)
set(body "// Generated from stdlib/std/*.slip; do not edit.\n#include \"stdlib/embedded.h\"\n\nnamespace slipway {\n\nconst std::vector<EmbeddedModule>& embedded_stdlib() {\n  static const std::vector<EmbeddedModule> modules = {\n")
foreach(f ${files})
  file(READ ${DIR}/${f} content)
  string(REGEX REPLACE "\\.slip$" "" name ${f})
  string(APPEND body "    {\"std/${name}\", R\"SLIPWAY_EMBED(${content})SLIPWAY_EMBED\"},\n")
endforeach()
string(APPEND body "  };\n  return modules;\n}\n\n}  // namespace slipway\n")
file(WRITE ${OUT}.tmp "${body}")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
