#pragma once
// The one error family of nbhd. Every message names the file/layer/column involved and what the user
// can do next; the CLI prints what() on one line and exits 2.
#include <stdexcept>
#include <string>

namespace nbhd {

// The setting a user can give to mend an error, when it is one that a front end offers. The library's message
// says in words what is wrong and what to give ("name the key field"); each front end adds its own way of
// giving it: the CLI appends its flag (app/cli_needs.cpp: "(--key)"), the viewer can point at its dialog
// field. So library code never names a CLI flag.
enum class Need {
  None,
  Layer,          // which layer of a boundary file
  AssetLayer,     // which layer of an asset file
  Key,            // the boundary field that holds the area codes
  Name,           // the field that holds the area names
  CategoryField,  // the asset field that holds the categories
  SourceCrs,      // the CRS a file was made in (it declares none, or one that does not fit)
  WorkingCrs,     // the projected CRS to work in
  OnDuplicate,    // keep the first of rows with the same key instead of stopping
  Overwrite,      // permission to replace an existing output file
  Column,         // the column a statistic reads
  Weight,         // the weight column of a weighted mean
  Breaks,         // the class breaks of a manual classification
  Denominator,    // the count that per-1,000 figures divide by
  Assets,         // a points file given as boundaries belongs with the assets
  ImageSize,      // the image size in pixels
  Paper,          // the paper size
  Dpi,            // the resolution on paper
  Box,            // the map's box in the working CRS
  Focus,          // the areas the map shows
  Rule,           // how a column is converted through a lookup that is not one-to-one
  Method,         // the classification method
  Sheet,          // which sheet of a workbook holds the table
  HeaderRow,      // which line of a table file is its header
  Encoding,       // the text encoding of a table file that is not UTF-8
};

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
  Error(const std::string& what, Need need) : std::runtime_error(what), need_(need) {}
  // The setting that mends this error, or Need::None.
  Need need() const { return need_; }

 private:
  Need need_ = Need::None;
};

// Raised when a long operation is cancelled through its progress callback.
class Cancelled : public Error {
 public:
  Cancelled() : Error("cancelled") {}
};

// Bad command-line usage (unknown option, missing argument). The CLI adds "see --help".
class UsageError : public Error {
 public:
  using Error::Error;
};

}  // namespace nbhd
