// The built-in catalog's YAML reader (catalog/catalog_yaml.h) against yaml-cpp: the same tree
// for every embedded catalog file, and a decline (not a wrong tree) outside its subset.
#include "catalog/catalog_yaml.h"

#include <yaml-cpp/yaml.h>

#include <catch2/catch.hpp>
#include <string>

#include "catalog/embedded_catalog.h"

namespace {

// Same type, scalar text, keys in order and items, recursively; `where` names the first
// difference.
bool sameTree(const YAML::Node& a, const YAML::Node& b, std::string& where) {
  if (a.Type() != b.Type()) {
    where += " (type)";
    return false;
  }
  if (a.IsScalar()) {
    if (a.Scalar() == b.Scalar()) return true;
    where += " '" + a.Scalar() + "' vs '" + b.Scalar() + "'";
    return false;
  }
  if (a.IsSequence()) {
    if (a.size() != b.size()) {
      where += " (length)";
      return false;
    }
    for (size_t i = 0; i < a.size(); ++i) {
      std::string here = where + "[" + std::to_string(i) + "]";
      if (!sameTree(a[i], b[i], here)) {
        where = here;
        return false;
      }
    }
    return true;
  }
  if (a.IsMap()) {
    if (a.size() != b.size()) {
      where += " (keys)";
      return false;
    }
    auto ia = a.begin();
    auto ib = b.begin();
    for (; ia != a.end(); ++ia, ++ib) {
      std::string here = where + "." + ia->first.Scalar();
      if (ia->first.Scalar() != ib->first.Scalar()) {
        where = here + " vs " + ib->first.Scalar();
        return false;
      }
      if (!sameTree(ia->second, ib->second, here)) {
        where = here;
        return false;
      }
    }
  }
  return true;
}

}  // namespace

TEST_CASE("catalog YAML reader: the same tree as yaml-cpp for every built-in catalog file",
          "[catalog]") {
  for (size_t i = 0; i < fe::kEmbeddedCatalogFileCount; ++i) {
    const auto& file = fe::kEmbeddedCatalogFiles[i];
    INFO(file.path);
    YAML::Node mine;
    REQUIRE(fe::readCatalogYaml(file.contents, mine));
    std::string where;
    CHECK(sameTree(mine, YAML::Load(std::string(file.contents)), where));
    INFO(where);
    CHECK(where.empty());
  }
}

TEST_CASE("catalog YAML reader: the subset's forms - and a decline outside it", "[catalog]") {
  const std::string text =
      "# comment\n"
      "top:\n"
      "  - id: a   # trailing comment\n"
      "    path: [\"x.y\", \"*.z\",\n"
      "           w]\n"
      "    flows:\n"
      "      - {from: arg0, to: return, taint: true}\n"
      "      - {from: \"a:b\", to: https://x.example/p#frag}\n"
      "  - plain text\n"
      "  -\n"
      "    nested: ~\n"
      "list:\n"
      "- one\n"
      "- \"two \\\"quoted\\\"\"\n"
      "empty:\n";
  YAML::Node mine;
  REQUIRE(fe::readCatalogYaml(text, mine));
  std::string where;
  CHECK(sameTree(mine, YAML::Load(text), where));
  INFO(where);
  for (const char* outside : {"a: |\n  block\n", "a: &x 1\nb: *x\n", "a: 'single'\n",
                              "a:\n\t- tab\n", "a: [1, 2\n", "---\na: 1\n"}) {
    INFO(outside);
    YAML::Node n;
    CHECK_FALSE(fe::readCatalogYaml(outside, n));
  }
}
