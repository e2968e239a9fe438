//! The bytes of one file as the probe reads them: an open file read in place
//! (positioned reads, so each reader has its own position and nothing is
//! loaded whole), or bytes in memory in tests. Use [`Source::reader`] for
//! every pass over the file (tags, container check, demux, hashing).

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::os::unix::fs::FileExt;
use std::sync::Arc;

use symphonia::core::io::MediaSource;

/// One file to probe, readable from its start as many times as needed.
#[derive(Debug, Clone)]
pub enum Source {
    /// An open file; its length is taken when the source is made.
    File { file: Arc<File>, len: u64 },
    /// Bytes in memory (tests, fuzzing).
    Bytes(Arc<[u8]>),
}

impl Source {
    /// The open file `file`, as long as it is now.
    pub fn file(file: File) -> io::Result<Self> {
        let len = file.metadata()?.len();
        Ok(Self::File {
            file: Arc::new(file),
            len,
        })
    }

    pub fn bytes(bytes: impl Into<Arc<[u8]>>) -> Self {
        Self::Bytes(bytes.into())
    }

    pub fn len(&self) -> u64 {
        match self {
            Self::File { len, .. } => *len,
            Self::Bytes(bytes) => bytes.len() as u64,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A new reader at the start of the bytes, independent of any other.
    pub fn reader(&self) -> Box<dyn MediaSource> {
        match self {
            Self::File { file, len } => Box::new(FileReader {
                file: file.clone(),
                pos: 0,
                len: *len,
            }),
            Self::Bytes(bytes) => Box::new(io::Cursor::new(bytes.clone())),
        }
    }
}

/// Reads a shared file with positioned reads (`pread`), up to the length it
/// had when the source was made.
struct FileReader {
    file: Arc<File>,
    pos: u64,
    len: u64,
}

impl Read for FileReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.len.saturating_sub(self.pos);
        let want = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
        if want == 0 {
            return Ok(0);
        }
        let n = self.file.read_at(&mut buf[..want], self.pos)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl Seek for FileReader {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let target = match to {
            SeekFrom::Start(at) => Some(at),
            SeekFrom::End(delta) => self.len.checked_add_signed(delta),
            SeekFrom::Current(delta) => self.pos.checked_add_signed(delta),
        };
        let target = target
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "seek before the start"))?;
        self.pos = target;
        Ok(target)
    }
}

impl MediaSource for FileReader {
    fn is_seekable(&self) -> bool {
        true
    }

    fn byte_len(&self) -> Option<u64> {
        Some(self.len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn file_readers_are_independent_and_stop_at_the_length() {
        let mut tmp = tempfile::NamedTempFile::new().unwrap();
        tmp.write_all(b"0123456789").unwrap();
        let source = Source::file(tmp.reopen().unwrap()).unwrap();
        tmp.write_all(b"grown later").unwrap();
        let (mut a, mut b) = (source.reader(), source.reader());
        let mut two = [0; 2];
        a.read_exact(&mut two).unwrap();
        assert_eq!(&two, b"01");
        b.seek(SeekFrom::End(-3)).unwrap();
        let mut rest = Vec::new();
        b.read_to_end(&mut rest).unwrap();
        assert_eq!(rest, b"789");
        a.read_exact(&mut two).unwrap();
        assert_eq!(&two, b"23");
        assert_eq!(a.byte_len(), Some(10));
    }
}
