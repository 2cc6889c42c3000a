// Package xlsxread reads the cells of an .xlsx workbook that came from outside (a returned
// ledger, a catalog, a table in a plan), as Excel would show them, or refuses the workbook with
// an Error that says in Chinese what is wrong and what to do. It is the riskiest code of the
// project: every byte it reads was written by someone else, by hand, by a program, or to do harm.
//
// # What it reads
//
// Open takes the package (an io.ReaderAt and its size, as archive/zip does) and reads the sheet
// list, the shared strings and, when a sheet asks for it, the number formats. Workbook.Sheet
// reads one worksheet's cells: their raw values as Excel stores them (a number as written in
// the XML, text from the shared-string table or inline, rich-text runs joined, phonetic runs
// left out, Excel's _xHHHH_ escapes decoded), which cells hold formulas, and which hold a
// boolean, a date (a number shown through a date format, or an ISO date) or an error value.
//
// It reads them as Excel shows them, where that differs from what is stored. A cell under a
// merged cell that does not start there is not shown by Excel, so it is not read: its value
// and formula are dropped and Sheet.Kind says KindCovered (LibreOffice and programs keep values
// there; Excel keeps only the top-left one when it merges). A value whose number format prints
// other text, or nothing, in its place (";;;", a format that is only text such as "已完成", a
// section that prints a literal, such as the empty zero section of "0;-0;;@") is read as stored
// but marked KindMasked, with Sheet.Shown saying what Excel shows: the caller decides, and
// ingest refuses such a value cell rather than take either a number nobody saw or a text nobody
// typed. Workbook.Date1904 says whether date serial numbers count from 1904.
//
// Nothing else is read: no drawings, comments, charts, pivot caches, external links or VBA.
// The workbook may be Transitional or Strict OOXML (ISO/IEC 29500 Strict names its parts and
// namespaces differently; Workbook.Strict says which), and may sit anywhere in the package
// (the root relationships say where).
//
// # What it refuses, and why
//
// A part is read by the XML 1.0 rules with the namespaces resolved, not by matching names: an
// element counts only in the SpreadsheetML namespace, so a <x99:v> is not a value. Markup
// Compatibility (ECMA-376 Part 3) is applied as Excel applies it: elements of a namespace
// declared mc:Ignorable are dropped with their content, mc:AlternateContent takes its first
// mc:Choice whose namespaces Excel understands or else its mc:Fallback, and an mc:MustUnderstand
// of a namespace Excel does not know refuses the part. Comments, processing instructions and
// CDATA are parsed, never searched for markup. What Excel would not open is refused, never
// guessed at: markup that is not well formed (ErrMalformed), characters XML 1.0 forbids
// (ErrForbiddenChar), a DTD (OPC forbids one: it is also how entity bombs and external entities
// get in), an encoding other than UTF-8, an unknown Markup Compatibility attribute
// (ErrUnsupported), rows and cells out of order (ErrMalformed), a row or column number no sheet
// can have, such as <row r="0"/> or a cell written in another row (ErrBadRef). A cell whose shared-string
// index is out of range is not a refusal: it reads as empty and is listed by Sheet.Problems, so
// the caller can say which cell to retype. An old .xls, an encrypted workbook and a zip without a
// workbook are refused at Open.
//
// # Budgets
//
// Limits bound what one workbook may cost whatever it claims: the file's size, each part and
// all parts inflated (each inflated at most once, into a buffer of its declared size, which
// archive/zip enforces), the shared strings, the rows with content, the columns read, the cells
// kept, the sheets parsed, the sheets and relationships listed, the depth and attributes of the
// XML. A limit reached is ErrTooLarge with a hint naming it; the context ends a read that takes
// too long (ErrTimeout). Estimate says, from the zip directory alone, how much memory reading a
// file can take, so callers reading many files at once can reserve it first.
//
// # Cost
//
// Only the parts a ledger needs are inflated: the package and workbook relationships, the
// workbook, the shared strings, the styles once a number's format matters, and the sheets asked
// for. Memory is taken per file, not per cell: the parts are inflated one after another into one
// buffer; the shared strings, and each sheet's values, are read into one buffer made into one
// string that every value is a piece of; a sheet's rows share one slice. What is read is copied
// out of a part as it is scanned, so one part's bytes at a time are held. bench -reader measures
// it beside excelize and beside inflating alone.
//
// The package imports the standard library only. Its tests compare it with excelize cell for
// cell, on a corpus of real workbooks (testdata/corpus, from Excel, WPS, LibreOffice, Numbers,
// Google Sheets and libraries) and on any sheet XML the fuzzer makes that excelize reads as
// Excel does (FuzzSheetXML).
package xlsxread
