//! Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, and GB18030/GBK as Excel on
//! Chinese Windows saves it. A file that is none of these is refused with the byte offset.

use encoding_rs::{DecoderResult, Encoding, GB18030};

use crate::lang::Msg;

#[derive(Debug, PartialEq, Eq)]
pub struct DecodeError {
    pub offset: usize,
    pub message: Msg,
}

pub fn decode(bytes: &[u8]) -> Result<String, DecodeError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        if encoding != encoding_rs::UTF_8 && !(bytes.len() - bom_len).is_multiple_of(2) {
            return Err(odd_length(bytes.len()));
        }
        return strict(encoding, &bytes[bom_len..], bom_len);
    }
    let utf8 = std::str::from_utf8(bytes);
    if let Some(encoding) = utf16_without_bom(bytes, utf8.is_ok()) {
        if !bytes.len().is_multiple_of(2) {
            return Err(odd_length(bytes.len()));
        }
        if let Ok(text) = strict(encoding, bytes, 0) {
            return Ok(text);
        }
    }
    let utf8_error = match utf8 {
        Ok(text) => return Ok(text.to_string()),
        Err(e) => e,
    };
    // A file that is plainly UTF-8 up to a broken byte is damaged UTF-8, not GB18030:
    // decoding it as GB18030 would turn its Chinese into other, wrong characters.
    let valid = &bytes[..utf8_error.valid_up_to()];
    let utf8_chars = valid.iter().filter(|b| **b >= 0xC0).count();
    if utf8_chars >= 2 {
        let offset = utf8_error.valid_up_to();
        return Err(DecodeError {
            offset,
            message: msg!(
                "broken UTF-8 at byte {offset}; expected UTF-8 or GB18030 text (save the file again as UTF-8)",
                "第 {offset} 字节处的 UTF-8 编码已损坏；应为 UTF-8 或 GB18030 文本（请重新另存为 UTF-8）"
            ),
        });
    }
    strict(GB18030, bytes, 0)
}

/// UTF-16 saved without a BOM: NUL bytes (the high half of every ASCII character) on one
/// side of each pair, and many of them. A stray NUL in a UTF-8 or GB18030 file is not that.
fn utf16_without_bom(bytes: &[u8], valid_utf8: bool) -> Option<&'static Encoding> {
    let zeros = bytes.iter().filter(|b| **b == 0).count();
    let share = if valid_utf8 { 4 } else { 10 };
    if zeros < 2 || zeros * share < bytes.len() {
        return None;
    }
    let odd = bytes.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    let even = zeros - odd;
    if odd * 10 >= zeros * 9 {
        Some(encoding_rs::UTF_16LE)
    } else if even * 10 >= zeros * 9 {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

fn odd_length(len: usize) -> DecodeError {
    DecodeError {
        offset: len.saturating_sub(1),
        message: msg!(
            "the file is UTF-16 text with an odd number of bytes ({len}): it was cut short, its last byte is half a character; expected the whole file (save it again)",
            "文件是 UTF-16 文本，但字节数为奇数（{len}）：文件不完整，最后一个字节只是半个字符；请重新保存完整的文件"
        ),
    }
}

/// Decodes without replacement characters: the first malformed sequence is an error.
fn strict(
    encoding: &'static Encoding,
    bytes: &[u8],
    skipped: usize,
) -> Result<String, DecodeError> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len() * 3 + 16);
    let mut text = String::with_capacity(capacity);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut text, true);
    match result {
        DecoderResult::InputEmpty => Ok(text),
        DecoderResult::Malformed(bad, _) => {
            let offset = skipped + read.saturating_sub(bad as usize);
            let name = encoding.name();
            Err(DecodeError {
                offset,
                message: msg!(
                    "bytes at offset {offset} are not valid {name}; expected UTF-8 or GB18030 text",
                    "第 {offset} 字节处不是有效的 {name} 编码；应为 UTF-8 或 GB18030 文本"
                ),
            })
        }
        DecoderResult::OutputFull => Err(DecodeError {
            offset: skipped + read,
            message: msg!("the file could not be decoded in full", "文件未能完整解码"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_utf8_with_and_without_bom() {
        assert_eq!(decode("代码,名称".as_bytes()).unwrap(), "代码,名称");
        let mut with_bom = vec![0xEF, 0xBB, 0xBF];
        with_bom.extend_from_slice("代码".as_bytes());
        assert_eq!(decode(&with_bom).unwrap(), "代码");
    }

    #[test]
    fn reads_gb18030_and_utf16() {
        let (gbk, _, _) = GB18030.encode("石家庄市,长安区");
        assert_eq!(decode(&gbk).unwrap(), "石家庄市,长安区");
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in "代码".encode_utf16() {
            utf16.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&utf16).unwrap(), "代码");
    }

    #[test]
    fn reads_utf16_without_a_bom() {
        let mut le = Vec::new();
        let mut be = Vec::new();
        for unit in "period,单位\n2023-B1,东区".encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
            be.extend_from_slice(&unit.to_be_bytes());
        }
        assert_eq!(decode(&le).unwrap(), "period,单位\n2023-B1,东区");
        assert_eq!(decode(&be).unwrap(), "period,单位\n2023-B1,东区");
    }

    #[test]
    fn refuses_broken_utf8_with_its_offset() {
        let mut bytes = "代码,名称\n".as_bytes().to_vec();
        bytes.push(0xE4);
        bytes.push(0x41);
        let err = decode(&bytes).unwrap_err();
        assert_eq!(err.offset, "代码,名称\n".len());
    }

    #[test]
    fn a_nul_in_a_utf8_cell_stays_utf8() {
        let text = "period,unit,lectures\n2023-B1,东区,1\u{0}2\n2023-B1,西区,3\n";
        assert_eq!(decode(text.as_bytes()).unwrap(), text);
    }

    #[test]
    fn odd_length_utf16_is_refused_clearly() {
        let mut le = Vec::new();
        for unit in "period,unit\n".encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
        }
        le.push(b'x');
        let err = decode(&le).unwrap_err();
        assert!(
            err.message.en.contains("odd number of bytes"),
            "{}",
            err.message
        );
        let mut with_bom = vec![0xFF, 0xFE];
        with_bom.extend_from_slice(&le);
        assert!(
            decode(&with_bom)
                .unwrap_err()
                .message
                .en
                .contains("odd number")
        );
    }

    #[test]
    fn refuses_bytes_that_are_no_known_encoding() {
        let err = decode(&[b'a', b',', 0xFF, 0xFF, b'\n']).unwrap_err();
        assert_eq!(err.offset, 2);
    }
}
