//! The inspector's Hex view: offset, hex bytes and ASCII, 16 bytes a line, like `hexdump -C`.

/// Bytes per line.
const LINE_BYTES: usize = 16;

/// `bytes` as `hexdump -C` lines: the offset (8 hex digits, counted from `first_offset`, the
/// stream offset of `bytes[0]`), 16 bytes in hex in two groups of 8, and the printable ASCII
/// characters between bars (`.` for the rest).
pub fn hex_dump(bytes: &[u8], first_offset: u64) -> String {
    let mut out = String::with_capacity(bytes.len() * 5);
    for (line, chunk) in bytes.chunks(LINE_BYTES).enumerate() {
        let offset = first_offset + (line * LINE_BYTES) as u64;
        out.push_str(&format!("{offset:08x} "));
        for column in 0..LINE_BYTES {
            if column == LINE_BYTES / 2 {
                out.push(' ');
            }
            match chunk.get(column) {
                Some(byte) => out.push_str(&format!(" {byte:02x}")),
                None => out.push_str("   "),
            }
        }
        out.push_str("  |");
        out.extend(chunk.iter().map(|&byte| {
            if byte.is_ascii_graphic() || byte == b' ' {
                char::from(byte)
            } else {
                '.'
            }
        }));
        out.push_str("|\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_show_offset_hex_and_ascii() {
        let dump = hex_dump(b"data: h\xc3\xa9\r\n\r\nid: 12345678", 0x20);
        assert_eq!(
            dump,
            "00000020  64 61 74 61 3a 20 68 c3  a9 0d 0a 0d 0a 69 64 3a  |data: h......id:|\n\
             00000030  20 31 32 33 34 35 36 37  38                       | 12345678|\n"
        );
    }

    #[test]
    fn no_bytes_is_no_lines() {
        assert_eq!(hex_dump(b"", 0), "");
    }
}
