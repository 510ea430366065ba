//! How much countyboard reads. Each limit is far above what a campaign's files hold (a
//! county's report is a few kilobytes, the national problem list a few megabytes) and far
//! below what would exhaust a machine; going over one is a finding naming the file and line.

/// An input table or workbook file (the national ledgers are a few MB).
pub const FILE_BYTES: u64 = 16 << 20;
/// All the files of a project together (the national project is about 25 MB). A row read
/// takes some twenty times its size in memory until the build is done: this keeps a build
/// of any input within about 2 GB.
pub const TOTAL_BYTES: u64 = 96 << 20;
/// A Markdown write-up, commentary or guide (a write-up is a few KB; this is 85,000 Chinese
/// characters). The HTML sanitiser slows down more than linearly on some long texts (a run of
/// `&`): a write-up of this size takes under a second whatever it holds.
pub const MARKDOWN_BYTES: u64 = 256 << 10;
/// `campaign.toml` and a template.
pub const SETTINGS_BYTES: u64 = 1 << 20;
/// What a workbook may unpack to (a national workbook unpacks to about 10 MB).
pub const UNPACKED_BYTES: u64 = 128 << 20;
/// Cells with content in one workbook, all sheets together.
pub const CELLS: usize = 2_000_000;
/// A sheet's extent, from A1 to its farthest cell (rows × columns): 100,000 rows of 40
/// columns fit.
pub const SHEET_AREA: usize = 4_000_000;
/// Columns of a CSV table.
pub const COLUMNS: usize = 1_000;
/// Characters in one cell.
pub const CELL_CHARS: usize = 10_000;
/// Depth of nested blocks (quotes, lists, HTML elements) in Markdown.
pub const NESTING: usize = 64;
/// Front matter of a write-up, and the depth of its nested `[` and `{`.
pub const FRONT_MATTER_BYTES: usize = 64 << 10;
pub const FRONT_MATTER_NESTING: usize = 16;

/// `32 MB`: a size as users read it.
pub fn megabytes(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{} MB", bytes >> 20)
    } else {
        format!("{} KB", bytes.div_ceil(1 << 10))
    }
}
