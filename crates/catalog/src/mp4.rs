//! Walks the boxes of an MP4 (M4A) file, streaming: every box must fit in
//! its parent (a top-level box running past the end of the file means the
//! file is cut), the track index (`moov`) and the media data (`mdat`) must
//! be there, and every sample table inside the index must hold the entries
//! it declares. The last check keeps a damaged count from reaching the
//! demuxer, which would otherwise try to allocate room for it (gigabytes,
//! aborting the process). Use it through `container::check`.

use std::io::{Read, Seek, SeekFrom};

use crate::container::{io_reason, read_at};
use crate::SkipReason;

/// Boxes that hold only other boxes, walked into.
const CONTAINERS: [&[u8; 4]; 10] = [
    b"moov", b"trak", b"mdia", b"minf", b"stbl", b"edts", b"dinf", b"mvex", b"moof", b"traf",
];
/// How deep boxes may nest before the file counts as damaged.
const MAX_DEPTH: usize = 12;

/// Checks the MP4 file read from `reader` (`len` bytes long).
pub fn check(mut reader: impl Read + Seek, len: u64) -> Result<(), SkipReason> {
    let mut found = Found::default();
    walk(&mut reader, 0, len, 0, &mut found)?;
    if !found.moov {
        return Err(SkipReason::Corrupt(
            "the MP4 track index ('moov' box) is missing".into(),
        ));
    }
    if !found.mdat {
        return Err(SkipReason::Corrupt(
            "the MP4 media data ('mdat' box) is missing".into(),
        ));
    }
    Ok(())
}

#[derive(Default)]
struct Found {
    moov: bool,
    mdat: bool,
}

/// Walks the boxes between `start` and `end` at nesting `depth`.
fn walk(
    reader: &mut (impl Read + Seek),
    start: u64,
    end: u64,
    depth: usize,
    found: &mut Found,
) -> Result<(), SkipReason> {
    if depth > MAX_DEPTH {
        return Err(SkipReason::Corrupt("MP4 boxes nest too deep".into()));
    }
    let top = depth == 0;
    let overrun = |what: String| {
        if top {
            SkipReason::Truncated(what)
        } else {
            SkipReason::Corrupt(what)
        }
    };
    let mut pos = start;
    while pos < end {
        if end - pos < 8 {
            return Err(overrun(format!(
                "the MP4 box at byte {pos} is cut off inside its header"
            )));
        }
        reader.seek(SeekFrom::Start(pos)).map_err(io_reason)?;
        let mut header = [0u8; 8];
        read_at(reader, &mut header, "an MP4 box header")?;
        let name: [u8; 4] = [header[4], header[5], header[6], header[7]];
        let shown = String::from_utf8_lossy(&name).into_owned();
        let mut header_len = 8;
        let size = match u32::from_be_bytes([header[0], header[1], header[2], header[3]]) {
            // A box running to the end of its parent.
            0 => end - pos,
            1 => {
                let mut large = [0u8; 8];
                read_at(reader, &mut large, "an MP4 box header")?;
                header_len = 16;
                u64::from_be_bytes(large)
            }
            n => u64::from(n),
        };
        if size < header_len {
            return Err(SkipReason::Corrupt(format!(
                "the MP4 box '{shown}' at byte {pos} has an impossible size ({size})"
            )));
        }
        let box_end = match pos.checked_add(size) {
            Some(box_end) if box_end <= end => box_end,
            _ => {
                return Err(overrun(format!(
                    "the MP4 box '{shown}' at byte {pos} needs {size} bytes; only {} are left",
                    end - pos
                )))
            }
        };
        let body = pos + header_len;
        if top {
            found.moov |= &name == b"moov";
            found.mdat |= &name == b"mdat";
        }
        if CONTAINERS.contains(&&name) {
            walk(reader, body, box_end, depth + 1, found)?;
        } else {
            table(reader, &name, box_end - body)?;
        }
        pos = box_end;
    }
    Ok(())
}

/// Checks that a sample table box (the reader is at its body, `body_len`
/// bytes) holds the entries it declares.
fn table(reader: &mut impl Read, name: &[u8; 4], body_len: u64) -> Result<(), SkipReason> {
    // (bytes before the count, bytes per entry)
    let (skip, entry): (usize, u64) = match name {
        b"stts" | b"ctts" | b"co64" => (4, 8),
        b"stsc" => (4, 12),
        b"stco" | b"stss" => (4, 4),
        b"stsz" => (8, 4),
        b"elst" => (4, 12),
        _ => return Ok(()),
    };
    let mut head = [0u8; 12];
    let head = &mut head[..skip + 4];
    if (head.len() as u64) > body_len {
        return Err(table_error(name, "is too short for its header"));
    }
    read_at(reader, head, "an MP4 sample table")?;
    let count = u64::from(u32::from_be_bytes([
        head[skip],
        head[skip + 1],
        head[skip + 2],
        head[skip + 3],
    ]));
    let entry = match name {
        // Version 1 edit lists have 64-bit fields.
        b"elst" if head[0] == 1 => 20,
        // One size for every sample: no table follows.
        b"stsz" if head[4..8] != [0; 4] => 0,
        _ => entry,
    };
    let room = body_len - head.len() as u64;
    if count.saturating_mul(entry) > room {
        return Err(table_error(
            name,
            &format!(
                "declares {count} entries but holds room for {}",
                room / entry.max(1)
            ),
        ));
    }
    Ok(())
}

fn table_error(name: &[u8; 4], what: &str) -> SkipReason {
    SkipReason::Corrupt(format!(
        "the MP4 sample table '{}' {what}",
        String::from_utf8_lossy(name)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn boxed(name: &[u8], body: &[u8]) -> Vec<u8> {
        let mut b = (body.len() as u32 + 8).to_be_bytes().to_vec();
        b.extend(name);
        b.extend(body);
        b
    }

    fn check_of(b: &[u8]) -> Result<(), SkipReason> {
        check(Cursor::new(b), b.len() as u64)
    }

    fn file(stts_count: u32) -> Vec<u8> {
        let mut stts = vec![0, 0, 0, 0];
        stts.extend(stts_count.to_be_bytes());
        stts.extend([0, 0, 0, 1, 0, 0, 4, 0]);
        let stbl = boxed(b"stbl", &boxed(b"stts", &stts));
        let moov = boxed(
            b"moov",
            &boxed(b"trak", &boxed(b"mdia", &boxed(b"minf", &stbl))),
        );
        let mut file = boxed(b"ftyp", b"M4A \0\0\0\0");
        file.extend(boxed(b"mdat", &[0; 100]));
        file.extend(moov);
        file
    }

    #[test]
    fn boxes_must_fit_and_hold_an_index() {
        let whole = file(1);
        assert_eq!(check_of(&whole), Ok(()));
        assert!(matches!(
            check_of(&whole[..80]),
            Err(SkipReason::Truncated(_))
        ));
        assert!(matches!(
            check_of(&whole[..124]),
            Err(SkipReason::Corrupt(_))
        ));
        let mut tiny = 4u32.to_be_bytes().to_vec();
        tiny.extend(b"ftyp");
        assert!(matches!(check_of(&tiny), Err(SkipReason::Corrupt(_))));
    }

    #[test]
    fn a_sample_table_must_hold_its_entries() {
        let damaged = check_of(&file(0x1000_0000));
        assert!(
            matches!(&damaged, Err(SkipReason::Corrupt(m)) if m.contains("'stts'")),
            "{damaged:?}"
        );
    }
}
