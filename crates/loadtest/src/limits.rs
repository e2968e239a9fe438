//! The tool's own file-descriptor limit: one per socket. Raised to what the
//! run needs (root may raise the hard limit too), else to the hard limit.

use rlimit::Resource;

/// Descriptors beyond the sockets: stdio, the runtime, HTTP clients.
const SPARE: u64 = 256;

/// Makes room for `sockets` open sockets; returns the soft limit now.
pub fn raise_nofile(sockets: u64) -> anyhow::Result<u64> {
    let want = sockets + SPARE;
    let (soft, hard) = Resource::NOFILE.get()?;
    if soft >= want {
        return Ok(soft);
    }
    if Resource::NOFILE.set(want, want.max(hard)).is_ok() {
        return Ok(want);
    }
    let raised = rlimit::increase_nofile_limit(want)?;
    if raised < want {
        eprintln!(
            "warning: only {raised} file descriptors (hard limit {hard}) for {sockets} sockets; \
             run as root or raise `ulimit -Hn`"
        );
    }
    Ok(raised)
}
