// The column metadata table (column,label,unit,source,year,higher_is) and --label: what each accessor
// gives, the shipped docs/metadata tables against the shared files' headers, and the exact messages
// for bad tables.
#include <gtest/gtest.h>

#include <fstream>

#include "base/error.hpp"
#include "geo/tables/column_metadata.hpp"
#include "geo/tables/table_io.hpp"
#include "support/test_data.hpp"

namespace nbhd {
namespace {

TEST(ColumnMetadata, LabelsUnitsSourcesAndDirection) {
  ColumnLabels m =
      metadata_from_table(parse_csv("Column,Label,Unit,Source,Year,Higher_is,notes\n"
                                    "IMD_score,IMD 2025 score,score,MHCLG,2025,Worse,any text\n"
                                    "IMD_decile,IMD decile,,MHCLG,2025,better,\n"
                                    "\"Left Behind Area?\",Left-behind area,,,,,\n",
                                    "meta.csv"));
  EXPECT_EQ(m.label("IMD_score"), "IMD 2025 score");
  EXPECT_EQ(m.title("IMD_score"), "IMD 2025 score (score)");
  EXPECT_EQ(m.source_line("IMD_score"), "Source: MHCLG, 2025");
  EXPECT_EQ(m.direction("IMD_score"), "Higher is worse");
  EXPECT_EQ(m.title("IMD_decile"), "IMD decile");
  EXPECT_EQ(m.direction("IMD_decile"), "Higher is better");
  EXPECT_EQ(m.label("Left Behind Area?"), "Left-behind area");
  EXPECT_EQ(m.source_line("Left Behind Area?"), "");
  EXPECT_EQ(m.direction("Left Behind Area?"), "");
  // A column without a row keeps its name.
  EXPECT_EQ(m.label("Income_score"), "Income_score");
  EXPECT_EQ(m.title("Income_score"), "Income_score");
  // --label over the table's label; the table's unit stays.
  add_label(m, "IMD_score=Deprivation score=2025");
  EXPECT_EQ(m.title("IMD_score"), "Deprivation score=2025 (score)");
  add_label(m, "Income_score=Income");
  EXPECT_EQ(m.label("Income_score"), "Income");
}

TEST(ColumnMetadata, BadTablesAndLabelsSayWhatToGive) {
  auto message = [](const std::string& csv) {
    try {
      metadata_from_table(parse_csv(csv, "meta.csv"));
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message("name,label\nIMD_score,IMD\n"),
            "meta.csv has no 'column' column; a metadata table has the header "
            "column,label,unit,source,year,higher_is (only 'column' is required)");
  EXPECT_EQ(message("column,label\nIMD_score,IMD\n,Blank\n"),
            "meta.csv row 3 has no column name; fill in 'column' or delete the row");
  EXPECT_EQ(message("column,label\nIMD_score,IMD\nIMD_score,Again\n"),
            "meta.csv row 3 repeats column 'IMD_score'; give each column one row");
  EXPECT_EQ(message("column,higher_is\nIMD_score,higher\n"),
            "meta.csv row 2: higher_is must be worse, better or blank, not 'higher'");
  for (const char* bad : {"IMD_score", "=IMD", "IMD_score="}) {
    ColumnLabels m;
    try {
      add_label(m, bad);
      ADD_FAILURE() << bad;
    } catch (const Error& e) {
      EXPECT_EQ(std::string(e.what()),
                "bad label '" + std::string(bad) + "': give COLUMN=Label, e.g. 'IMD_score=IMD 2025 score'");
    }
  }
}

// The tables in docs/metadata name every data column of the shared files they describe, and only those.
TEST(ColumnMetadata, ShippedTablesCoverTheSharedFilesColumns) {
  for (const char* name : {"imd2025_lsoa21.csv", "cni2023_lsoa21.csv"}) {
    std::string rel = std::string("england/") + name;
    if (test::shared_data().empty() || !std::filesystem::exists(test::shared_data() / rel))
      GTEST_SKIP() << "shared data not found (" << rel << ")";
    ColumnLabels m =
        read_metadata((std::filesystem::path(NBHD_SOURCE_DIR) / "docs/metadata" / name).string());
    std::ifstream in(test::shared_data() / rel);
    std::string header;
    std::getline(in, header);
    Table head = parse_csv(header + "\n", name);
    size_t data_columns = 0;
    for (const auto& c : head.cols()) {
      if (c.name == "lsoa21_code" || c.name == "lsoa21_name") continue;
      ++data_columns;
      const ColumnMeta* meta = m.find(c.name);
      ASSERT_NE(meta, nullptr) << name << ": no row for " << c.name;
      EXPECT_NE(meta->label, "") << c.name;
      EXPECT_NE(m.source_line(c.name), "") << c.name;
    }
    EXPECT_EQ(m.columns.size(), data_columns) << name << " has rows for columns the file does not have";
  }
}

}  // namespace
}  // namespace nbhd
