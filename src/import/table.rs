//! A table read from a file as the other tools write it: CSV or TSV in
//! UTF-8 (with or without a byte-order mark), UTF-16 (Excel's "Unicode
//! text") or GBK/GB18030 (Excel and WPS on Chinese systems), or the first
//! sheet of an xlsx workbook. Every cell is text; the fields module reads
//! meaning into it.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use super::error::{ImportError, Place};

/// Rows of cells under a header row, each row knowing where it was read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
    /// Whether places are spreadsheet cells (`D5`) rather than text lines.
    pub sheet: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The line (CSV) or row (sheet) it starts on; the header is 1.
    pub line: usize,
    pub cells: Vec<String>,
}

impl Table {
    /// Where `column` of `row` is, for a message.
    pub fn place(&self, row: &Row, column: usize) -> Place {
        let header = self.headers.get(column).cloned().unwrap_or_default();
        if self.sheet {
            Place::Cell {
                row: row.line,
                letter: letter(column),
                column: header,
            }
        } else {
            Place::Line {
                line: row.line,
                column: header,
            }
        }
    }
}

/// A sheet's column letter: 0 → A, 25 → Z, 26 → AA.
fn letter(mut column: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (column % 26) as u8);
        if column < 26 {
            break;
        }
        column = column / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The text encodings a table may come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// GBK is read as GB18030, its superset, so that any GBK file reads.
    Gb18030,
}

impl Encoding {
    /// `utf-8`, `utf8`, `gbk`, `gb2312`, `gb18030`, `cp936`, any case.
    pub fn named(name: &str) -> Result<Encoding, ImportError> {
        match name.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "utf-8" | "utf8" => Ok(Encoding::Utf8),
            "gbk" | "gb2312" | "gb18030" | "cp936" => Ok(Encoding::Gb18030),
            _ => Err(ImportError::UnknownEncoding(name.to_string())),
        }
    }
}

/// The file's text: by its byte-order mark, else UTF-8 if it is, else
/// GB18030 if that reads it without a fault; `asked` overrides the guess.
pub fn decode(bytes: &[u8], asked: Option<Encoding>) -> Result<String, ImportError> {
    // A NUL byte is in no text these tools write in UTF-8 or GBK (UTF-16
    // has its byte-order mark): a picture or a program, said as such.
    let head = &bytes[..bytes.len().min(8192)];
    if encoding_rs::Encoding::for_bom(bytes).is_none() && head.contains(&0) {
        return Err(ImportError::Binary);
    }
    let text = match asked {
        Some(Encoding::Utf8) => {
            let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            String::from_utf8(bytes.to_vec()).map_err(|_| ImportError::Encoding)?
        }
        Some(Encoding::Gb18030) => gb18030(bytes)?,
        None => {
            if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
                let (text, _, faulty) = encoding.decode(bytes);
                if faulty {
                    return Err(ImportError::Encoding);
                }
                text.into_owned()
            } else {
                match std::str::from_utf8(bytes) {
                    Ok(text) => text.to_string(),
                    Err(_) => gb18030(bytes)?,
                }
            }
        }
    };
    if looks_binary(&text) {
        return Err(ImportError::Binary);
    }
    Ok(text)
}

fn gb18030(bytes: &[u8]) -> Result<String, ImportError> {
    let (text, faulty) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if faulty {
        return Err(ImportError::Encoding);
    }
    Ok(text.into_owned())
}

/// Text no spreadsheet or tool writes: NUL bytes, or control characters
/// in more than one character in a hundred of its start.
fn looks_binary(text: &str) -> bool {
    let head: Vec<char> = text.chars().take(8192).collect();
    let controls = head
        .iter()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        .count();
    head.contains(&'\0') || controls * 100 > head.len()
}

/// Comma or tab: whichever the header line holds more of.
pub fn separator(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or_default();
    if header.matches('\t').count() > header.matches(',').count() {
        b'\t'
    } else {
        b','
    }
}

/// Reads delimited text: quoted fields may hold separators, quotes and line
/// breaks, as Excel writes them. Wholly empty rows are left out.
pub fn delimited(text: &str, separator: u8) -> Result<Table, ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator)
        .from_reader(text.as_bytes());
    let mut table = Table::default();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| ImportError::NotFormat {
            format: if separator == b'\t' { "TSV" } else { "CSV" },
            why: e.to_string(),
        })?;
        let line = record.position().map_or(i + 1, |p| p.line() as usize);
        let cells: Vec<String> = record
            .iter()
            .map(|c| crate::text::unguarded(c.trim()).to_string())
            .collect();
        if i == 0 {
            table.headers = cells;
        } else if cells.iter().any(|c| !c.is_empty()) {
            table.rows.push(Row { line, cells });
        }
    }
    if table.headers.iter().all(String::is_empty) {
        return Err(ImportError::Empty);
    }
    Ok(table)
}

/// The first sheet of an xlsx workbook, or the one named. Dates come as
/// `YYYY-MM-DD` (or with a time), numbers as written, formulas as their
/// cached values.
pub fn xlsx(bytes: &[u8], sheet: Option<&str>) -> Result<Table, ImportError> {
    let not = |e: calamine::XlsxError| ImportError::NotFormat {
        format: "xlsx",
        why: e.to_string(),
    };
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(not)?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(asked) => names
            .iter()
            .find(|n| n.trim() == asked.trim())
            .cloned()
            .ok_or_else(|| ImportError::NoSheet {
                name: asked.to_string(),
                sheets: names.join(", "),
            })?,
        None => names.first().cloned().ok_or(ImportError::Empty)?,
    };
    let range = book.worksheet_range(&name).map_err(not)?;
    let first_row = range.start().map_or(0, |(r, _)| r as usize);
    let first_col = range.start().map_or(0, |(_, c)| c as usize);
    let mut table = Table {
        sheet: true,
        ..Table::default()
    };
    for (i, cells) in range.rows().enumerate() {
        // Columns left of the range are empty; keep letters true.
        let mut row = vec![String::new(); first_col];
        row.extend(cells.iter().map(cell_text));
        if i == 0 {
            table.headers = row;
        } else if row.iter().any(|c| !c.is_empty()) {
            table.rows.push(Row {
                line: first_row + i + 1,
                cells: row,
            });
        }
    }
    if table.headers.iter().all(String::is_empty) {
        return Err(ImportError::Empty);
    }
    Ok(table)
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) if d.is_datetime() => {
            let (y, m, day, h, min, _, _) = d.to_ymd_hms_milli();
            if (h, min) == (0, 0) {
                format!("{y:04}-{m:02}-{day:02}")
            } else {
                format!("{y:04}-{m:02}-{day:02} {h:02}:{min:02}")
            }
        }
        Data::DateTime(d) => d.as_f64().to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_run_past_z() {
        assert_eq!(letter(0), "A");
        assert_eq!(letter(25), "Z");
        assert_eq!(letter(26), "AA");
        assert_eq!(letter(27), "AB");
        assert_eq!(letter(701), "ZZ");
        assert_eq!(letter(702), "AAA");
    }

    #[test]
    fn gbk_utf8_and_bom_all_read() {
        let (gbk, _, _) = encoding_rs::GBK.encode("任务,负责人\n发布会,市场部\n");
        assert_eq!(decode(&gbk, None).unwrap(), "任务,负责人\n发布会,市场部\n");
        let bom = "\u{feff}任务\n".as_bytes();
        assert_eq!(decode(bom, None).unwrap(), "任务\n");
        assert_eq!(decode("任务\n".as_bytes(), None).unwrap(), "任务\n");
        assert_eq!(decode(b"\x00\x01\x02PNG", None), Err(ImportError::Binary));
        // Not valid GBK either, but a NUL says it is no text at all.
        let noise = [0x89u8, 0xd3, 0x00, 0x17, 0xfe, 0x81, 0x30, 0x00, 0xe4];
        assert_eq!(decode(&noise, None), Err(ImportError::Binary));
        assert_eq!(
            decode(&noise[3..], Some(Encoding::Utf8)),
            Err(ImportError::Binary)
        );
    }

    #[test]
    fn quoted_fields_keep_commas_and_line_breaks() {
        let table = delimited("title,note\n\"a, b\",\"one\ntwo\"\n\n,\nc,d\n", b',').unwrap();
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.rows[0].cells, vec!["a, b", "one\ntwo"]);
        assert_eq!(table.rows[1].line, 6);
    }
}
