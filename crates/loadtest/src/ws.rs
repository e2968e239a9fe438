//! Opening one authenticated `/ws/feed` socket from a chosen loopback
//! source address: a client's ephemeral ports are per source address
//! (~28k on this kernel), so 50k sockets to one server port need several.

use std::net::{Ipv4Addr, SocketAddr, SocketAddrV4};
use std::time::Duration;

use anyhow::{bail, Context};
use tokio::net::{TcpSocket, TcpStream};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::header::{COOKIE, ORIGIN};
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::WebSocketStream;

use crate::cli::Dial;
use crate::login::origin;

pub type Socket = WebSocketStream<TcpStream>;

/// A handshake that takes longer than this failed.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(60);
/// Client read buffer: the server's messages are small, and 128 KiB (the
/// default) per socket would cost the tool 6 GiB at 50k sockets.
const READ_BUFFER: usize = 4 * 1024;

/// Opens feed sockets to one server.
pub struct Dialer {
    server: SocketAddr,
    ws_url: String,
    origin: String,
    first_source: u32,
    sources: u32,
}

impl Dialer {
    pub async fn new(base_url: &str, dial: &Dial) -> anyhow::Result<Self> {
        let base = base_url.trim_end_matches('/');
        let authority = base
            .strip_prefix("http://")
            .context("--url must be http://HOST:PORT")?;
        let server = tokio::net::lookup_host(authority)
            .await?
            .find(SocketAddr::is_ipv4)
            .with_context(|| format!("{authority} has no IPv4 address"))?;
        Ok(Self {
            server,
            ws_url: format!("ws://{authority}/ws/feed"),
            origin: origin(base),
            first_source: u32::from(dial.first_source),
            sources: u32::from(dial.source_addresses.max(1)),
        })
    }

    /// Opens socket number `index` (which picks its source address) with
    /// the session `cookie`, as a same-origin page would.
    pub async fn open(&self, index: u32, cookie: &str) -> anyhow::Result<Socket> {
        let source = Ipv4Addr::from(self.first_source + index % self.sources);
        let socket = TcpSocket::new_v4()?;
        socket
            .bind(SocketAddrV4::new(source, 0).into())
            .with_context(|| format!("cannot bind {source}"))?;
        let handshake = async {
            let stream = socket.connect(self.server).await?;
            stream.set_nodelay(true)?;
            let mut request = self.ws_url.as_str().into_client_request()?;
            request
                .headers_mut()
                .insert(COOKIE, HeaderValue::from_str(cookie)?);
            request
                .headers_mut()
                .insert(ORIGIN, HeaderValue::from_str(&self.origin)?);
            let config = WebSocketConfig::default()
                .read_buffer_size(READ_BUFFER)
                .write_buffer_size(0);
            let (socket, _) =
                tokio_tungstenite::client_async_with_config(request, stream, Some(config)).await?;
            anyhow::Ok(socket)
        };
        match tokio::time::timeout(HANDSHAKE_TIMEOUT, handshake).await {
            Ok(result) => result,
            Err(_) => bail!("handshake timed out after {HANDSHAKE_TIMEOUT:?}"),
        }
    }
}
