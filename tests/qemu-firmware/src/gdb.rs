//! A minimal GDB remote-serial-protocol client for QEMU's gdbstub: what
//! the Linux comparison steps with, and how the RTT test reads guest memory
//! as a debug probe would.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// A minimal GDB remote-serial-protocol client (all-stop, one CPU).
pub struct Gdb {
    s: TcpStream,
    buf: Vec<u8>,
}

impl Gdb {
    pub fn connect(port: u16) -> Result<Gdb, String> {
        let start = Instant::now();
        loop {
            match TcpStream::connect(("127.0.0.1", port)) {
                Ok(s) => {
                    // Without NODELAY every tiny packet waits for a delayed ACK.
                    s.set_nodelay(true).map_err(|e| e.to_string())?;
                    s.set_read_timeout(Some(Duration::from_secs(60))).map_err(|e| e.to_string())?;
                    return Ok(Gdb { s, buf: Vec::new() });
                }
                Err(e) if start.elapsed() > Duration::from_secs(30) => return Err(format!("gdbstub: {e}")),
                Err(_) => std::thread::sleep(Duration::from_millis(100)),
            }
        }
    }

    fn fill(&mut self) -> Result<(), String> {
        let mut b = [0u8; 65536];
        let n = self.s.read(&mut b).map_err(|e| format!("gdbstub read: {e}"))?;
        if n == 0 {
            return Err("gdbstub closed".into());
        }
        self.buf.extend_from_slice(&b[..n]);
        Ok(())
    }

    pub fn packet(&mut self) -> Result<String, String> {
        loop {
            if let Some(i) = self.buf.iter().position(|&c| c == b'$') {
                if let Some(j) = self.buf[i..].iter().position(|&c| c == b'#').map(|j| i + j) {
                    if self.buf.len() >= j + 3 {
                        let data = String::from_utf8_lossy(&self.buf[i + 1..j]).into_owned();
                        self.buf.drain(..j + 3);
                        self.s.write_all(b"+").map_err(|e| e.to_string())?;
                        return Ok(data);
                    }
                }
            }
            self.fill()?;
        }
    }

    pub fn send(&mut self, p: &str) -> Result<(), String> {
        let cs = p.bytes().fold(0u8, |a, b| a.wrapping_add(b));
        self.s.write_all(format!("${p}#{cs:02x}").as_bytes()).map_err(|e| e.to_string())?;
        loop {
            if self.buf.is_empty() {
                self.fill()?;
            }
            match self.buf.remove(0) {
                b'+' => return Ok(()),
                b'-' => return Err(format!("gdbstub refused {p}")),
                _ => {}
            }
        }
    }

    pub fn cmd(&mut self, p: &str) -> Result<String, String> {
        self.send(p)?;
        self.packet()
    }

    /// x0..x30, sp, pc from the `g` packet.
    pub fn reg(&mut self, n: usize) -> Result<u64, String> {
        let g = self.cmd("g")?;
        let h = g.get(n * 16..n * 16 + 16).ok_or("short g packet")?;
        let mut v = 0u64;
        for i in (0..8).rev() {
            v = v << 8 | u64::from_str_radix(&h[i * 2..i * 2 + 2], 16).map_err(|e| e.to_string())?;
        }
        Ok(v)
    }

    pub fn word(&mut self, addr: u64) -> Result<u32, String> {
        let m = self.cmd(&format!("m{addr:x},4"))?;
        let b = (0..4).map(|i| u8::from_str_radix(&m[i * 2..i * 2 + 2], 16)).collect::<Result<Vec<_>, _>>();
        let b = b.map_err(|_| format!("cannot read {addr:#x}: {m}"))?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// Stops the guest (the protocol's interrupt byte) and waits for the
    /// stop reply.
    pub fn interrupt(&mut self) -> Result<String, String> {
        self.s.write_all(&[3]).map_err(|e| e.to_string())?;
        self.packet()
    }

    /// Lets the guest run on; the stop reply comes with the next interrupt.
    pub fn resume(&mut self) -> Result<(), String> {
        self.send("c")
    }

    /// `len` bytes of guest memory at `addr` (virtual, as the CPU sees it).
    pub fn read(&mut self, addr: u64, len: usize) -> Result<Vec<u8>, String> {
        let mut out = Vec::with_capacity(len);
        while out.len() < len {
            let a = addr + out.len() as u64;
            let n = (len - out.len()).min(1024);
            let m = self.cmd(&format!("m{a:x},{n:x}"))?;
            if m.len() != 2 * n {
                return Err(format!("cannot read {a:#x}: {m}"));
            }
            for i in 0..n {
                out.push(u8::from_str_radix(&m[2 * i..2 * i + 2], 16).map_err(|_| format!("bad reply {m}"))?);
            }
        }
        Ok(out)
    }
}

