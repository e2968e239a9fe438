//! Who the client is, behind proxies. With no trusted proxy (the default)
//! the TCP peer is the client. When the peer is a trusted proxy (Varnish,
//! a load balancer: `--trusted-proxies CIDR,…`), the client is the
//! rightmost `X-Forwarded-For` address that is not itself trusted: each
//! proxy appends the address it received the request from, so everything
//! left of the last untrusted hop may have been written by the client and
//! is ignored.
//!
//! [`client_addr`] is the outermost layer: it puts a [`ClientAddr`] on
//! every request, which the request's log span, the per-IP limits and the
//! log-in limiter read. [`ClientKey`] is what per-address limits count by:
//! an IPv4 address, or an IPv6 client's /64 (one subscriber's whole
//! allocation: counting per address would give them 2^64 tries).

use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::str::FromStr;
use std::sync::Arc;

use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use ipnet::IpNet;

/// The proxies whose `X-Forwarded-For` is believed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Arc<[IpNet]>);

impl TrustedProxies {
    /// None: the peer address is the client.
    pub fn none() -> Self {
        Self::default()
    }

    fn trusts(&self, address: IpAddr) -> bool {
        self.0.iter().any(|net| net.contains(&address))
    }

    /// The client of a request from `peer` that carried `forwarded_for`
    /// (every `X-Forwarded-For` header's addresses, in order).
    pub fn client(&self, peer: IpAddr, forwarded_for: &[&str]) -> IpAddr {
        let peer = peer.to_canonical();
        if !self.trusts(peer) {
            return peer;
        }
        let mut client = peer;
        for hop in forwarded_for
            .iter()
            .rev()
            .flat_map(|header| header.rsplit(','))
        {
            match parse_hop(hop) {
                Some(address) if self.trusts(address) => client = address,
                Some(address) => return address,
                // A hop that is no address: nothing left of it can be
                // believed; the last trusted hop is the best we know.
                None => return client,
            }
        }
        client
    }
}

impl FromStr for TrustedProxies {
    type Err = String;

    /// `CIDR[,CIDR…]`; a bare address means just that address; empty or
    /// `none` means none.
    fn from_str(list: &str) -> Result<Self, String> {
        let list = list.trim();
        if list.is_empty() || list.eq_ignore_ascii_case("none") {
            return Ok(Self::none());
        }
        let nets = list
            .split(',')
            .map(|item| {
                let item = item.trim();
                item.parse::<IpNet>()
                    .or_else(|_| item.parse::<IpAddr>().map(IpNet::from))
                    .map(|net| net.trunc())
                    .map_err(|_| {
                        format!("{item:?} is not an address or CIDR block (e.g. 10.0.0.0/8, ::1)")
                    })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self(nets.into()))
    }
}

/// One `X-Forwarded-For` entry: an address, possibly with a port
/// (`1.2.3.4:5678`, `[2001:db8::1]:443`), as some proxies write it.
fn parse_hop(hop: &str) -> Option<IpAddr> {
    let hop = hop.trim();
    hop.parse::<IpAddr>()
        .ok()
        .or_else(|| hop.parse::<SocketAddr>().ok().map(|s| s.ip()))
        .map(|ip| ip.to_canonical())
}

/// The client's address, as the trusted proxies tell it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddr(pub IpAddr);

impl ClientAddr {
    /// What per-address limits count this client by.
    pub fn key(self) -> ClientKey {
        ClientKey::of(self.0)
    }
}

impl std::fmt::Display for ClientAddr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// A client as rate limits see it: an IPv4 address, or an IPv6 /64.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClientKey {
    V4(std::net::Ipv4Addr),
    V6Prefix(u64),
}

impl ClientKey {
    pub fn of(address: IpAddr) -> Self {
        match address.to_canonical() {
            IpAddr::V4(v4) => Self::V4(v4),
            IpAddr::V6(v6) => Self::V6Prefix((u128::from(v6) >> 64) as u64),
        }
    }
}

impl std::fmt::Display for ClientKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::V4(v4) => v4.fmt(f),
            Self::V6Prefix(prefix) => {
                write!(f, "{}/64", Ipv6Addr::from(u128::from(*prefix) << 64))
            }
        }
    }
}

/// The middleware: sets [`ClientAddr`] from the peer (inserted by
/// `crate::http::connections`) and `X-Forwarded-For`.
pub async fn client_addr(
    State(proxies): State<TrustedProxies>,
    mut request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::from([0, 0, 0, 0]), |info| info.0.ip());
    let forwarded: Vec<&str> = request
        .headers()
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .collect();
    let client = ClientAddr(proxies.client(peer, &forwarded));
    request.extensions_mut().insert(client);
    next.run(request).await
}

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut http::request::Parts,
        _: &S,
    ) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<ClientAddr>()
            .copied()
            .unwrap_or(ClientAddr(IpAddr::from([0, 0, 0, 0]))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn proxies(list: &str) -> TrustedProxies {
        list.parse().unwrap()
    }

    #[test]
    fn without_trusted_proxies_the_peer_is_the_client_whatever_it_forwards() {
        let none = TrustedProxies::none();
        assert_eq!(none.client(ip("127.0.0.1"), &["9.9.9.9"]), ip("127.0.0.1"));
        let lan = proxies("10.0.0.0/8");
        assert_eq!(
            lan.client(ip("203.0.113.7"), &["9.9.9.9"]),
            ip("203.0.113.7"),
            "a peer outside the trusted blocks speaks for itself"
        );
    }

    #[test]
    fn behind_trusted_proxies_the_rightmost_untrusted_hop_is_the_client() {
        let trusted = proxies("127.0.0.1/32, 10.0.0.0/8");
        // The client forged a first hop; Varnish appended the real one.
        assert_eq!(
            trusted.client(ip("127.0.0.1"), &["6.6.6.6, 198.51.100.2"]),
            ip("198.51.100.2")
        );
        // Two proxies: a load balancer (10.1.2.3) behind the CDN.
        assert_eq!(
            trusted.client(ip("127.0.0.1"), &["198.51.100.2", "10.1.2.3"]),
            ip("198.51.100.2")
        );
        // Only trusted hops: the leftmost of them.
        assert_eq!(
            trusted.client(ip("127.0.0.1"), &["10.9.9.9"]),
            ip("10.9.9.9")
        );
        // No header at all: the proxy itself.
        assert_eq!(trusted.client(ip("127.0.0.1"), &[]), ip("127.0.0.1"));
        // Garbage stops the walk at the last trusted hop.
        assert_eq!(
            trusted.client(ip("127.0.0.1"), &["1.2.3.4, nonsense, 10.0.0.5"]),
            ip("10.0.0.5")
        );
        // Ports and IPv4-mapped IPv6 are understood.
        assert_eq!(
            trusted.client(ip("::ffff:127.0.0.1"), &["[2001:db8::1]:443"]),
            ip("2001:db8::1")
        );
        assert_eq!(
            trusted.client(ip("127.0.0.1"), &["192.0.2.1:5060"]),
            ip("192.0.2.1")
        );
    }

    #[test]
    fn ipv6_clients_are_keyed_by_their_slash_64() {
        let a = ClientKey::of(ip("2001:db8:1:2:aaaa::1"));
        let b = ClientKey::of(ip("2001:db8:1:2:ffff:ffff:ffff:ffff"));
        let other = ClientKey::of(ip("2001:db8:1:3::1"));
        assert_eq!(a, b);
        assert_ne!(a, other);
        assert_eq!(a.to_string(), "2001:db8:1:2::/64");
        assert_eq!(
            ClientKey::of(ip("::ffff:192.0.2.7")),
            ClientKey::of(ip("192.0.2.7"))
        );
    }

    #[test]
    fn the_setting_parses_blocks_and_addresses_and_refuses_nonsense() {
        assert_eq!(proxies(""), TrustedProxies::none());
        assert_eq!(proxies("none"), TrustedProxies::none());
        let list = proxies("127.0.0.1, 10.0.0.0/8,::1,fd00::/8");
        assert!(list.trusts(ip("127.0.0.1")));
        assert!(list.trusts(ip("10.200.0.1")));
        assert!(list.trusts(ip("::1")));
        assert!(list.trusts(ip("fd12::1")));
        assert!(!list.trusts(ip("127.0.0.2")));
        let error = "10.0.0.0/33".parse::<TrustedProxies>().unwrap_err();
        assert!(error.contains("10.0.0.0/33"), "{error}");
        assert!("varnish".parse::<TrustedProxies>().is_err());
    }
}
