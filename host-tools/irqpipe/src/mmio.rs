//! A shared memory mapping used as the register [`Bus`]: `/dev/mem` at the
//! router's physical base, a UIO device's map 0, or an ordinary file that
//! stands in for the router in tests. Accesses are single volatile 32-bit
//! loads and stores, as the AXI4-Lite slave expects.

use std::fmt;
use std::fs::OpenOptions;
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};

use crate::regs::Bus;

#[derive(Debug)]
pub enum MapError {
    Permission {
        path: PathBuf,
    },
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A file (or UIO map) smaller than the router's register space.
    TooSmall {
        path: PathBuf,
        size: u64,
        needed: u64,
    },
}

impl fmt::Display for MapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MapError::Permission { path } => write!(
                f,
                "permission denied opening {} (needs root, or CAP_SYS_RAWIO for /dev/mem; UIO devices need read/write access)",
                path.display()
            ),
            MapError::Io { path, source } => write!(f, "{}: {source}", path.display()),
            MapError::TooSmall { path, size, needed } => write!(
                f,
                "{} maps {size:#x} bytes but the router's registers span {needed:#x}",
                path.display()
            ),
        }
    }
}

impl std::error::Error for MapError {}

/// A mapped register window.
pub struct Mapping {
    ptr: *mut u8,
    len: usize,
}

impl Mapping {
    /// Maps `len` bytes of `path` from `file_offset` (page-aligned), for
    /// reading and, if `writable`, writing. A regular file shorter than the
    /// window is refused (a device node has no meaningful size).
    pub fn open(
        path: &Path,
        file_offset: u64,
        len: u64,
        writable: bool,
    ) -> Result<Mapping, MapError> {
        let io = |source: std::io::Error| {
            if source.kind() == std::io::ErrorKind::PermissionDenied {
                MapError::Permission {
                    path: path.to_path_buf(),
                }
            } else {
                MapError::Io {
                    path: path.to_path_buf(),
                    source,
                }
            }
        };
        let file = OpenOptions::new()
            .read(true)
            .write(writable)
            .open(path)
            .map_err(io)?;
        let meta = file.metadata().map_err(io)?;
        if meta.is_file() && meta.len() < file_offset + len {
            return Err(MapError::TooSmall {
                path: path.to_path_buf(),
                size: meta.len().saturating_sub(file_offset),
                needed: len,
            });
        }
        let prot = libc::PROT_READ | if writable { libc::PROT_WRITE } else { 0 };
        // SAFETY: a fresh shared mapping of an fd we own; the pointer is only
        // used through volatile accesses within `len`.
        let ptr = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                len as usize,
                prot,
                libc::MAP_SHARED,
                file.as_raw_fd(),
                file_offset as libc::off_t,
            )
        };
        if ptr == libc::MAP_FAILED {
            return Err(io(std::io::Error::last_os_error()));
        }
        Ok(Mapping {
            ptr: ptr.cast(),
            len: len as usize,
        })
    }
}

impl Bus for Mapping {
    fn read32(&mut self, offset: u64) -> u32 {
        let off = offset as usize;
        assert!(
            off % 4 == 0 && off + 4 <= self.len,
            "register offset {offset:#x} outside the mapping"
        );
        // SAFETY: in bounds and aligned (checked above).
        unsafe { self.ptr.add(off).cast::<u32>().read_volatile() }
    }

    fn write32(&mut self, offset: u64, value: u32) {
        let off = offset as usize;
        assert!(
            off % 4 == 0 && off + 4 <= self.len,
            "register offset {offset:#x} outside the mapping"
        );
        // SAFETY: in bounds and aligned (checked above).
        unsafe { self.ptr.add(off).cast::<u32>().write_volatile(value) }
    }
}

impl Drop for Mapping {
    fn drop(&mut self) {
        // SAFETY: unmapping exactly what `open` mapped.
        unsafe {
            libc::munmap(self.ptr.cast(), self.len);
        }
    }
}
