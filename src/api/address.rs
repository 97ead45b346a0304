//! Which address a request comes from, for the per-address rate limit.
//!
//! That is the socket's peer, unless the peer is one of the configured trusted proxies: then it
//! is the rightmost hop of `X-Forwarded-For` that is not a trusted proxy. Each proxy appends the
//! address it was connected from, so the hops right of the first untrusted one were written by
//! our proxies, and everything left of it by whoever sent the request, who may write anything.
//! Where the chain ends or breaks (no header, a hop that is not an address) the nearest trusted
//! hop counts: a client can then share its proxy's allowance, never make itself a fresh one.

use axum::http::HeaderMap;
use ipnet::IpNet;
use std::net::{IpAddr, Ipv6Addr, SocketAddr};

/// The proxies whose `X-Forwarded-For` is believed; none by default.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(pub Vec<IpNet>);

impl TrustedProxies {
    fn contains(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// The address `peer`'s request counts as coming from.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let mut client = peer.to_canonical();
        if !self.contains(client) {
            return client;
        }
        // Several header lines are one list, in order (RFC 9110 §5.3).
        let hops = headers.get_all("x-forwarded-for").iter().flat_map(|v| v.to_str().unwrap_or("").split(','));
        for hop in hops.collect::<Vec<_>>().into_iter().rev() {
            let Some(hop) = parse_hop(hop) else { break };
            client = hop;
            if !self.contains(client) {
                break;
            }
        }
        client
    }
}

/// A hop as proxies write it: `192.0.2.1`, `2001:db8::1`, or with a port, `192.0.2.1:4711`,
/// `[2001:db8::1]:4711`.
fn parse_hop(hop: &str) -> Option<IpAddr> {
    let hop = hop.trim();
    hop.parse::<IpAddr>().or_else(|_| hop.parse::<SocketAddr>().map(|s| s.ip())).ok().map(|ip| ip.to_canonical())
}

/// What the per-address limit counts under: an IPv4 address, or an IPv6 address's /64, since
/// one host is commonly given a whole /64 and could otherwise use a fresh address per request.
pub fn limit_key(ip: IpAddr) -> IpAddr {
    match ip.to_canonical() {
        IpAddr::V6(v6) => IpAddr::V6(Ipv6Addr::from(v6.to_bits() & u128::MAX << 64)),
        v4 => v4,
    }
}

/// `--trusted-proxies`' items: an address (`10.0.0.7`) or a network (`10.0.0.0/8`).
pub fn parse_proxy(s: &str) -> Result<IpNet, String> {
    s.parse::<IpNet>()
        .or_else(|_| s.parse::<IpAddr>().map(IpNet::from))
        .map_err(|_| format!("{s:?} is not an IP address or network (e.g. 10.0.0.7 or 10.0.0.0/8)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proxies(nets: &[&str]) -> TrustedProxies {
        TrustedProxies(nets.iter().map(|n| parse_proxy(n).unwrap()).collect())
    }

    fn forwarded(lines: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for line in lines {
            headers.append("x-forwarded-for", line.parse().unwrap());
        }
        headers
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn the_header_counts_only_from_a_trusted_proxy() {
        let headers = forwarded(&["203.0.113.9"]);
        assert_eq!(TrustedProxies::default().client(ip("198.51.100.1"), &headers), ip("198.51.100.1"));
        assert_eq!(proxies(&["10.0.0.0/8"]).client(ip("198.51.100.1"), &headers), ip("198.51.100.1"));
        assert_eq!(proxies(&["10.0.0.0/8"]).client(ip("10.1.2.3"), &headers), ip("203.0.113.9"));
    }

    #[test]
    fn the_rightmost_untrusted_hop_is_the_client() {
        let trusted = proxies(&["10.0.0.0/8", "192.168.1.1"]);
        // The client wrote the first two hops itself; our two proxies wrote the rest.
        let headers = forwarded(&["1.1.1.1, 2.2.2.2", "203.0.113.9, 192.168.1.1"]);
        assert_eq!(trusted.client(ip("10.0.0.2"), &headers), ip("203.0.113.9"));
        let headers = forwarded(&["1.1.1.1,203.0.113.9:4711, 10.9.9.9"]);
        assert_eq!(trusted.client(ip("10.0.0.2"), &headers), ip("203.0.113.9"), "a port is dropped");
        let headers = forwarded(&["[2001:db8::7]:4711"]);
        assert_eq!(trusted.client(ip("10.0.0.2"), &headers), ip("2001:db8::7"));
    }

    #[test]
    fn where_the_chain_ends_or_breaks_the_nearest_trusted_hop_counts() {
        let trusted = proxies(&["10.0.0.0/8"]);
        assert_eq!(trusted.client(ip("10.0.0.2"), &HeaderMap::new()), ip("10.0.0.2"));
        assert_eq!(trusted.client(ip("10.0.0.2"), &forwarded(&["10.0.0.5"])), ip("10.0.0.5"));
        assert_eq!(trusted.client(ip("10.0.0.2"), &forwarded(&["1.1.1.1, unknown, 10.0.0.5"])), ip("10.0.0.5"));
        assert_eq!(trusted.client(ip("10.0.0.2"), &forwarded(&["1.1.1.1, "])), ip("10.0.0.2"));
    }

    #[test]
    fn ipv4_mapped_peers_are_ipv4() {
        let trusted = proxies(&["127.0.0.1"]);
        assert_eq!(trusted.client(ip("::ffff:127.0.0.1"), &forwarded(&["203.0.113.9"])), ip("203.0.113.9"));
    }

    #[test]
    fn an_ipv6_client_counts_by_its_64() {
        assert_eq!(limit_key(ip("2001:db8:1:2:aaaa:bbbb:cccc:dddd")), ip("2001:db8:1:2::"));
        assert_eq!(limit_key(ip("::ffff:192.0.2.1")), ip("192.0.2.1"));
        assert_eq!(limit_key(ip("192.0.2.1")), ip("192.0.2.1"));
    }

    #[test]
    fn proxies_are_addresses_or_networks() {
        assert_eq!(parse_proxy("10.0.0.7").unwrap().to_string(), "10.0.0.7/32");
        assert_eq!(parse_proxy("fd00::/8").unwrap().to_string(), "fd00::/8");
        assert!(parse_proxy("proxy.local").is_err());
    }
}
