#include "app/cli_needs.hpp"

namespace nbhd::cli {

namespace {

const char* flag_of(Need need) {
  switch (need) {
    case Need::None:
      return nullptr;
    case Need::Layer:
      return "--layer";
    case Need::AssetLayer:
      return "--asset-layer";
    case Need::Key:
      return "--key";
    case Need::Name:
      return "--name";
    case Need::CategoryField:
      return "--category-field";
    case Need::SourceCrs:
      return "--assume-crs";
    case Need::WorkingCrs:
      return "--crs";
    case Need::OnDuplicate:
      return "--on-duplicate first";
    case Need::Overwrite:
      return "--force";
    case Need::Column:
      return "--column";
    case Need::Weight:
      return "--weight";
    case Need::Breaks:
      return "--breaks";
    case Need::Denominator:
      return "--per";
    case Need::Assets:
      return "--assets";
    case Need::ImageSize:
      return "--width/--height";
    case Need::Paper:
      return "--paper, or --width/--height";
    case Need::Dpi:
      return "--dpi";
    case Need::Box:
      return "--bbox";
    case Need::Focus:
      return "--focus";
    case Need::Rule:
      return "--rule";
    case Need::Method:
      return "--method";
    case Need::Sheet:
      return "--sheet, or TABLE:SHEET:KEY";
    case Need::HeaderRow:
      return "--header-row";
    case Need::Encoding:
      return "--encoding";
  }
  return nullptr;
}

}  // namespace

std::string flag_hint(Need need) {
  const char* flag = flag_of(need);
  return flag ? std::string(" (") + flag + ")" : std::string();
}

}  // namespace nbhd::cli
