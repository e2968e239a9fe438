//! Accepting connections: HTTP/1.1 with a header-read timeout, a cap on
//! open connections, the peer address on every request, WebSocket
//! upgrades, and a graceful stop. Use [`serve`] instead of `axum::serve`,
//! which sets no timer (so no header-read timeout: a client that stalls its
//! request head would hold its socket forever) and no cap.
//!
//! - **Header-read timeout** (`--header-read-timeout`, ≤ 30 s): a request
//!   head must arrive whole within it. hyper starts that clock whenever a
//!   connection waits for a head, so it is also the **idle keep-alive
//!   timeout**: a kept-alive connection that sends no next request within
//!   it is closed.
//! - **Connection cap** (`--max-connections`): at most that many
//!   connections are open at once, upgraded feed sockets included (the
//!   permit lives in the connection's I/O, which the upgrade takes over).
//!   At the cap the instance stops accepting; new connections wait in the
//!   kernel's backlog until one closes.
//! - HTTP/1.1 only: browsers speak HTTP/2 only over TLS, which the load
//!   balancer or CDN in front terminates; cleartext HTTP/2 would bring its
//!   own idle-connection rules for no client.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;
use tower::ServiceExt;

/// How the instance takes connections.
#[derive(Debug, Clone, Copy)]
pub struct ConnectionLimits {
    /// Connections open at once, at most.
    pub max_connections: usize,
    /// How long a request head may take to arrive, and how long a
    /// kept-alive connection may wait idle for its next request.
    pub header_read_timeout: Duration,
}

/// Longest header-read timeout allowed: a stalled head is closed within it.
pub const MAX_HEADER_READ_TIMEOUT: Duration = Duration::from_secs(30);

impl Default for ConnectionLimits {
    fn default() -> Self {
        Self {
            max_connections: 10_000,
            header_read_timeout: Duration::from_secs(15),
        }
    }
}

/// Serves `router` on `listener` until `stop` completes; then stops
/// accepting, lets every connection finish its request in flight (idle
/// ones close at once) and returns when all have. Upgraded sockets are not
/// waited for (see `crate::drain`).
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: ConnectionLimits,
    stop: impl Future<Output = ()>,
) {
    let permits = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let stopping = CancellationToken::new();
    let connections = TaskTracker::new();
    let mut stop = std::pin::pin!(stop);
    loop {
        let permit = tokio::select! {
            permit = Arc::clone(&permits).acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break, // never closed
            },
            () = &mut stop => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    accept_failed(&e).await;
                    continue;
                }
            },
            () = &mut stop => break,
        };
        let _ = stream.set_nodelay(true);
        let io = CountedIo::new(stream, permit);
        connections.spawn(serve_connection(
            io,
            peer,
            router.clone(),
            limits,
            stopping.clone(),
        ));
    }
    stopping.cancel();
    connections.close();
    connections.wait().await;
}

/// Serves one connection until it closes, or until `stopping`, when it
/// finishes its request in flight first.
async fn serve_connection(
    io: CountedIo,
    peer: SocketAddr,
    router: Router,
    limits: ConnectionLimits,
    stopping: CancellationToken,
) {
    let service = router.map_request(move |request: http::Request<Incoming>| {
        let mut request = request.map(Body::new);
        request.extensions_mut().insert(ConnectInfo(peer));
        request
    });
    let connection = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout)
        .serve_connection(TokioIo::new(io), TowerToHyperService::new(service))
        .with_upgrades();
    let mut connection = std::pin::pin!(connection);
    let mut stopping = std::pin::pin!(stopping.cancelled_owned());
    let mut graceful = false;
    loop {
        tokio::select! {
            served = connection.as_mut() => {
                if let Err(e) = served {
                    tracing::debug!(%peer, error = %e, "connection ended with an error");
                }
                return;
            }
            () = &mut stopping, if !graceful => {
                graceful = true;
                connection.as_mut().graceful_shutdown();
            }
        }
    }
}

/// Errors of one incoming connection (reset before it was accepted) are
/// its own; others (out of file descriptors) would repeat at once, so the
/// loop waits a moment before accepting again.
async fn accept_failed(e: &io::Error) {
    use io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset};
    if matches!(
        e.kind(),
        ConnectionAborted | ConnectionRefused | ConnectionReset
    ) {
        return;
    }
    tracing::error!(error = %e, "accepting a connection failed; retrying in 1 s");
    tokio::time::sleep(Duration::from_secs(1)).await;
}

/// A TCP stream holding one of the instance's connection permits for as
/// long as it is open, through an upgrade to a WebSocket too; counted in
/// the `chorus_http_connections` gauge meanwhile.
struct CountedIo {
    stream: TcpStream,
    _permit: OwnedSemaphorePermit,
}

impl CountedIo {
    fn new(stream: TcpStream, permit: OwnedSemaphorePermit) -> Self {
        metrics::gauge!("chorus_http_connections").increment(1.0);
        Self {
            stream,
            _permit: permit,
        }
    }
}

impl Drop for CountedIo {
    fn drop(&mut self) {
        metrics::gauge!("chorus_http_connections").decrement(1.0);
    }
}

impl AsyncRead for CountedIo {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for CountedIo {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().stream).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().stream).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_shutdown(cx)
    }
}
