#include "render/export/pdf_pages.hpp"

// qpdf 11 asks its users to say they no longer use its old PointerHolder (4: not at all).
#define POINTERHOLDER_TRANSITION 4
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include <exception>
#include <memory>

#include "base/error.hpp"

namespace nbhd {

namespace fs = std::filesystem;

namespace {

std::unique_ptr<QPDF> open_pdf(const fs::path& p) {
  auto q = std::make_unique<QPDF>();
  q->setSuppressWarnings(true);
  try {
    q->processFile(p.c_str());
  } catch (const std::exception& e) {
    throw Error("cannot read the PDF part " + p.string() + ": " + e.what());
  }
  return q;
}

void write_pdf(QPDF& doc, const fs::path& out) {
  try {
    QPDFWriter w(doc, out.c_str());
    w.setDecodeLevel(qpdf_dl_none);  // streams pass through as they were compressed
    w.setDeterministicID(true);
    w.write();
  } catch (const std::exception& e) {
    throw Error("cannot write " + out.string() + ": " + e.what() + "; check the free disk space");
  }
}

}  // namespace

void merge_pdfs(const std::vector<fs::path>& parts, const fs::path& out) {
  if (parts.empty()) throw Error("cannot write " + out.string() + ": no pages to join");
  // Copied pages read their streams from the source documents when the output is written, so every part
  // stays open until then.
  std::vector<std::unique_ptr<QPDF>> docs;
  docs.push_back(open_pdf(parts[0]));
  QPDFPageDocumentHelper pages(*docs[0]);
  for (size_t i = 1; i < parts.size(); ++i) {
    docs.push_back(open_pdf(parts[i]));
    try {
      for (auto& page : QPDFPageDocumentHelper(*docs.back()).getAllPages()) pages.addPage(page, false);
    } catch (const std::exception& e) {
      throw Error("cannot read the PDF part " + parts[i].string() + ": " + e.what());
    }
  }
  write_pdf(*docs[0], out);
}

void underlay_pdf_pages(const fs::path& file, const std::vector<std::optional<std::string>>& under) {
  fs::path tmp = file;
  tmp += ".under";
  {
    auto doc = open_pdf(file);
    auto pages = QPDFPageDocumentHelper(*doc).getAllPages();
    if (pages.size() != under.size())
      throw Error("cannot put content under the pages of " + file.string() + ": it has " +
                  std::to_string(pages.size()) + " pages, not " + std::to_string(under.size()));
    for (size_t i = 0; i < pages.size(); ++i) {
      if (!under[i]) continue;
      QPDFObjectHandle s = QPDFObjectHandle::newStream(doc.get());
      s.replaceStreamData(*under[i], QPDFObjectHandle::newName("/FlateDecode"), QPDFObjectHandle::newNull());
      pages[i].addPageContents(s, true);
    }
    write_pdf(*doc, tmp);
  }
  std::error_code ec;
  fs::rename(tmp, file, ec);
  if (ec) throw Error("cannot write " + file.string() + ": " + ec.message());
}

}  // namespace nbhd
