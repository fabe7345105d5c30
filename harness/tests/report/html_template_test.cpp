#include "report/html_template.hpp"

#include <gtest/gtest.h>
#include <stdexcept>

#include "report/report_assets.hpp"

namespace wsh::report {
namespace {

TEST(FillTemplate, ReplacesEverySlot) {
  EXPECT_EQ(fill_template("<b>{{A}}</b>{{B}}{{A}}", {{"A", "1"}, {"B", "2"}}), "<b>1</b>21");
}

TEST(FillTemplate, DoesNotExpandSlotsInsideValues) {
  EXPECT_EQ(fill_template("{{A}}", {{"A", "{{B}}"}, {"B", "no"}}), "{{B}}");
}

TEST(FillTemplate, ThrowsOnASlotWithoutValue) { EXPECT_THROW(fill_template("{{MISSING}}", {}), std::logic_error); }

TEST(ReportAssets, AreEmbeddedFromTheReportsDirectory) {
  EXPECT_NE(report_asset("index.html").find("{{DATA}}"), std::string_view::npos);
  EXPECT_NE(report_asset("result.html").find("{{BODY}}"), std::string_view::npos);
  EXPECT_NE(report_asset("report.css").find(".v-FAIL"), std::string_view::npos);
  EXPECT_NE(report_asset("index.js").find("wsh-data"), std::string_view::npos);
  EXPECT_THROW(report_asset("nope.css"), std::out_of_range);
}

TEST(ReportAssets, IndexScriptCannotEndItsOwnBlock) {
  // index.js is inlined into <script>; a literal "</script" would cut it.
  EXPECT_EQ(report_asset("index.js").find("</script"), std::string_view::npos);
  EXPECT_EQ(report_asset("report.css").find("</style"), std::string_view::npos);
}

}  // namespace
}  // namespace wsh::report
