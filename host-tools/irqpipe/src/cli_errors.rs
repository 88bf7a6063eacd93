//! Mapping of every error the library reports to its exit code
//! ([`crate::exit`]), next to the message the user sees.

use crate::bitfile::BitError;
use crate::exit;

/// A failure on its way out of `main`: a message and an exit code.
#[derive(Debug)]
pub struct CliError {
    pub code: u8,
    pub message: String,
}

impl CliError {
    pub fn new(code: u8, message: impl Into<String>) -> CliError {
        CliError {
            code,
            message: message.into(),
        }
    }

    /// A failure whose messages were already printed: only the code is left.
    pub fn reported(code: u8) -> CliError {
        CliError::new(code, "")
    }
}

pub fn bit_exit_code(e: &BitError) -> u8 {
    match e {
        BitError::Truncated { .. } => exit::BIT_TRUNCATED,
        _ => exit::BIT_CORRUPT,
    }
}

impl From<BitError> for CliError {
    fn from(e: BitError) -> Self {
        CliError::new(bit_exit_code(&e), e.to_string())
    }
}

impl From<crate::fpga::LoadError> for CliError {
    fn from(e: crate::fpga::LoadError) -> Self {
        CliError::new(e.exit_code(), e.to_string())
    }
}

impl From<crate::defmt_log::LogError> for CliError {
    fn from(e: crate::defmt_log::LogError) -> Self {
        let code = match e {
            crate::defmt_log::LogError::Empty => exit::LOG_EMPTY,
            _ => exit::LOG_DECODE,
        };
        CliError::new(code, e.to_string())
    }
}

impl From<crate::regs::UnknownName> for CliError {
    fn from(e: crate::regs::UnknownName) -> Self {
        CliError::new(exit::UNKNOWN_REGISTER, e.to_string())
    }
}

impl From<crate::regs::Refusal> for CliError {
    fn from(e: crate::regs::Refusal) -> Self {
        // A value that is not a number nor a name is a command-line mistake;
        // every other refusal is about the register.
        let code = match e {
            crate::regs::Refusal::BadValue { .. } => exit::USAGE,
            _ => exit::REG_ACCESS,
        };
        CliError::new(code, e.to_string())
    }
}

impl From<crate::mmio::MapError> for CliError {
    fn from(e: crate::mmio::MapError) -> Self {
        let code = match e {
            crate::mmio::MapError::Permission { .. } => exit::PERMISSION,
            _ => exit::IO,
        };
        CliError::new(code, e.to_string())
    }
}

impl From<regmap_gen::Error> for CliError {
    fn from(e: regmap_gen::Error) -> Self {
        let code = match e {
            regmap_gen::Error::Io { ref source, .. }
                if source.kind() == std::io::ErrorKind::PermissionDenied =>
            {
                exit::PERMISSION
            }
            regmap_gen::Error::Io { .. } => exit::IO,
            _ => exit::GEN_FAILED,
        };
        CliError::new(code, e.to_string())
    }
}

/// An I/O error on `path`, with permission problems told apart.
pub fn io(path: &std::path::Path, e: std::io::Error) -> CliError {
    let code = if e.kind() == std::io::ErrorKind::PermissionDenied {
        exit::PERMISSION
    } else {
        exit::IO
    };
    CliError::new(code, format!("{}: {e}", path.display()))
}
