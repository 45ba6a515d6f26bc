//! Which addresses the relay may connect to: the globally reachable ones of the IANA IPv4 and
//! IPv6 Special-Purpose Address Registries (RFC 6890 and its updates), with the IPv4 address
//! that an IPv6 translation or tunnelling prefix carries decoded and checked again, so that
//! `[64:ff9b::7f00:1]` (NAT64 of 127.0.0.1) is as private as `127.0.0.1`.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Whether the relay may connect to `address` without `--allow-private`: a globally reachable
/// unicast address.
///
/// Refused (IPv4): `0.0.0.0/8`, `10.0.0.0/8`, `100.64.0.0/10` (shared), `127.0.0.0/8`,
/// `169.254.0.0/16`, `172.16.0.0/12`, `192.0.0.0/24` (but `.9` and `.10`), `192.0.2.0/24`,
/// `192.88.99.0/24` (6to4 relays), `192.168.0.0/16`, `198.18.0.0/15`, `198.51.100.0/24`,
/// `203.0.113.0/24`, `224.0.0.0/4` (multicast), `240.0.0.0/4` and the broadcast address.
///
/// IPv6: an IPv4-mapped address (`::ffff:a.b.c.d`) is judged as its IPv4 address; an address
/// of a prefix that embeds one — NAT64 `64:ff9b::/96` and `64:ff9b:1::/48` (RFC 6052, 8215),
/// 6to4 `2002::/16` (RFC 3056), IPv4-compatible `::/96`, Teredo `2001::/32` (RFC 4380, both
/// the server's and the client's address) — is refused when the embedded address is. Then only
/// the global unicast block `2000::/3` is allowed (which leaves out `::1`, `::`, `fc00::/7`,
/// `fe80::/10`, multicast, `100::/64` and the rest), less `2001::/23` (IETF protocol
/// assignments, Teredo among them, but for its globally reachable entries), `2001:db8::/32` and
/// `3fff::/20` (documentation). The well-known NAT64 prefix `64:ff9b::/96` is the one block
/// outside `2000::/3` that is globally reachable: an IPv6-only network reaches public IPv4
/// hosts through it.
pub fn is_public(address: IpAddr) -> bool {
    match address {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => is_public_v6(v6),
    }
}

/// `address` is in `prefix/length`.
fn in_v4(address: Ipv4Addr, prefix: [u8; 4], length: u32) -> bool {
    let mask = u32::MAX.checked_shl(32 - length).unwrap_or(0);
    u32::from(address) & mask == u32::from(Ipv4Addr::from(prefix)) & mask
}

fn is_public_v4(address: Ipv4Addr) -> bool {
    // The IPv4 Special-Purpose Address Registry entries that are not globally reachable.
    const NOT_GLOBAL: [([u8; 4], u32); 15] = [
        ([0, 0, 0, 0], 8),
        ([10, 0, 0, 0], 8),
        ([100, 64, 0, 0], 10),
        ([127, 0, 0, 0], 8),
        ([169, 254, 0, 0], 16),
        ([172, 16, 0, 0], 12),
        ([192, 0, 0, 0], 24),
        ([192, 0, 2, 0], 24),
        ([192, 88, 99, 0], 24),
        ([192, 168, 0, 0], 16),
        ([198, 18, 0, 0], 15),
        ([198, 51, 100, 0], 24),
        ([203, 0, 113, 0], 24),
        ([224, 0, 0, 0], 4),
        ([240, 0, 0, 0], 4),
    ];
    // 192.0.0.9 (PCP anycast) and 192.0.0.10 (TURN anycast) are globally reachable.
    if address == Ipv4Addr::new(192, 0, 0, 9) || address == Ipv4Addr::new(192, 0, 0, 10) {
        return true;
    }
    !NOT_GLOBAL
        .iter()
        .any(|&(prefix, length)| in_v4(address, prefix, length))
}

/// `address` is in `prefix/length`.
fn in_v6(address: Ipv6Addr, prefix: [u16; 8], length: u32) -> bool {
    let mask = u128::MAX.checked_shl(128 - length).unwrap_or(0);
    u128::from(address) & mask == u128::from(Ipv6Addr::from(prefix)) & mask
}

/// The IPv4 addresses an IPv6 address of a translation or tunnelling prefix carries.
fn embedded_v4(address: Ipv6Addr) -> Vec<Ipv4Addr> {
    let bits = u128::from(address);
    let low32 = Ipv4Addr::from((bits & 0xffff_ffff) as u32);
    if in_v6(address, [0x64, 0xff9b, 0, 0, 0, 0, 0, 0], 96)
        || in_v6(address, [0, 0, 0, 0, 0, 0, 0, 0], 96)
    {
        // NAT64 well-known prefix and IPv4-compatible: the last 32 bits.
        return vec![low32];
    }
    if in_v6(address, [0x64, 0xff9b, 1, 0, 0, 0, 0, 0], 48) {
        // Local-use NAT64: the prefix length is the network's choice (RFC 6052 §2.2), so each
        // place an IPv4 address can sit is decoded; bits 64..71 (the "u" octet) are skipped.
        let octets = address.octets();
        let at = |indexes: [usize; 4]| Ipv4Addr::from(indexes.map(|index| octets[index]));
        return vec![
            at([6, 7, 9, 10]),   // /48
            at([7, 9, 10, 11]),  // /56
            at([9, 10, 11, 12]), // /64
            low32,               // /96
        ];
    }
    if in_v6(address, [0x2002, 0, 0, 0, 0, 0, 0, 0], 16) {
        // 6to4: 2002:AABB:CCDD::/48 carries AA.BB.CC.DD.
        return vec![Ipv4Addr::from(((bits >> 80) & 0xffff_ffff) as u32)];
    }
    if in_v6(address, [0x2001, 0, 0, 0, 0, 0, 0, 0], 32) {
        // Teredo: the server's address in bits 32..63, the client's inverted in the last 32.
        let server = Ipv4Addr::from(((bits >> 64) & 0xffff_ffff) as u32);
        let client = Ipv4Addr::from(!((bits & 0xffff_ffff) as u32));
        return vec![server, client];
    }
    Vec::new()
}

fn is_public_v6(address: Ipv6Addr) -> bool {
    if let Some(v4) = address.to_ipv4_mapped() {
        return is_public_v4(v4);
    }
    if !embedded_v4(address).into_iter().all(is_public_v4) {
        return false;
    }
    if in_v6(address, [0x64, 0xff9b, 0, 0, 0, 0, 0, 0], 96) {
        return true;
    }
    // Globally reachable entries inside 2001::/23: 2001:1::1, 2001:1::2, 2001:1::3 (anycast),
    // 2001:3::/32 (AMT), 2001:4:112::/48 (AS112), 2001:20::/28 (ORCHIDv2).
    let global_in_2001 = (1..=3)
        .any(|last| address == Ipv6Addr::new(0x2001, 1, 0, 0, 0, 0, 0, last))
        || in_v6(address, [0x2001, 3, 0, 0, 0, 0, 0, 0], 32)
        || in_v6(address, [0x2001, 4, 0x112, 0, 0, 0, 0, 0], 48)
        || in_v6(address, [0x2001, 0x20, 0, 0, 0, 0, 0, 0], 28);
    in_v6(address, [0x2000, 0, 0, 0, 0, 0, 0, 0], 3)
        && (global_in_2001 || !in_v6(address, [0x2001, 0, 0, 0, 0, 0, 0, 0], 23))
        && !in_v6(address, [0x2001, 0xdb8, 0, 0, 0, 0, 0, 0], 32)
        && !in_v6(address, [0x3fff, 0, 0, 0, 0, 0, 0, 0], 20)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn public(text: &str) -> bool {
        is_public(text.parse().expect("an address"))
    }

    /// Asserts that the first address of each pair is refused and the second allowed.
    fn refused_beside(pairs: &[(&str, &str)]) {
        for (refused, allowed) in pairs {
            assert!(!public(refused), "{refused} must be refused");
            assert!(public(allowed), "{allowed} must be allowed");
        }
    }

    #[test]
    fn ordinary_public_addresses_are_allowed() {
        for address in ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "2a00:1450::1"] {
            assert!(public(address), "{address}");
        }
    }

    #[test]
    fn this_network_0_0_0_0_8_is_refused() {
        refused_beside(&[("0.0.0.0", "1.0.0.1"), ("0.255.255.255", "1.0.0.0")]);
    }

    #[test]
    fn private_10_8_is_refused() {
        refused_beside(&[
            ("10.0.0.1", "11.0.0.1"),
            ("10.255.255.255", "9.255.255.255"),
        ]);
    }

    #[test]
    fn shared_address_space_100_64_10_is_refused() {
        refused_beside(&[
            ("100.64.0.1", "100.63.255.255"),
            ("100.127.255.255", "100.128.0.0"),
        ]);
    }

    #[test]
    fn loopback_127_8_is_refused() {
        refused_beside(&[
            ("127.0.0.1", "128.0.0.1"),
            ("127.255.255.254", "126.255.255.255"),
        ]);
    }

    #[test]
    fn link_local_169_254_16_is_refused_cloud_metadata_included() {
        refused_beside(&[
            ("169.254.169.254", "169.253.0.1"),
            ("169.254.0.1", "169.255.0.1"),
        ]);
    }

    #[test]
    fn private_172_16_12_is_refused() {
        refused_beside(&[
            ("172.16.0.1", "172.15.255.255"),
            ("172.31.255.255", "172.32.0.0"),
        ]);
    }

    #[test]
    fn ietf_protocol_assignments_192_0_0_24_are_refused_but_the_two_anycast_addresses() {
        refused_beside(&[("192.0.0.1", "192.0.0.9"), ("192.0.0.170", "192.0.0.10")]);
    }

    #[test]
    fn documentation_ranges_are_refused() {
        refused_beside(&[
            ("192.0.2.1", "192.0.3.1"),
            ("198.51.100.7", "198.51.101.7"),
            ("203.0.113.9", "203.0.114.9"),
        ]);
    }

    #[test]
    fn the_6to4_relay_anycast_192_88_99_24_is_refused() {
        refused_beside(&[("192.88.99.1", "192.88.98.1")]);
    }

    #[test]
    fn private_192_168_16_is_refused() {
        refused_beside(&[("192.168.1.1", "192.169.0.1")]);
    }

    #[test]
    fn benchmarking_198_18_15_is_refused() {
        refused_beside(&[
            ("198.18.0.1", "198.17.255.255"),
            ("198.19.255.255", "198.20.0.0"),
        ]);
    }

    #[test]
    fn multicast_reserved_and_broadcast_are_refused() {
        refused_beside(&[
            ("224.0.0.1", "223.255.255.255"),
            ("239.255.255.250", "223.1.1.1"),
            ("240.0.0.1", "223.0.0.1"),
            ("255.255.255.255", "223.255.255.254"),
        ]);
    }

    #[test]
    fn ipv6_loopback_unspecified_and_ipv4_compatible_are_refused() {
        for address in ["::1", "::", "::127.0.0.1", "::8.8.8.8", "::a00:1"] {
            assert!(!public(address), "{address}");
        }
    }

    #[test]
    fn ipv4_mapped_addresses_are_judged_as_their_ipv4_address() {
        refused_beside(&[
            ("::ffff:127.0.0.1", "::ffff:8.8.8.8"),
            ("::ffff:10.0.0.1", "::ffff:1.1.1.1"),
        ]);
    }

    #[test]
    fn nat64_well_known_prefix_carries_its_ipv4_address() {
        refused_beside(&[
            ("64:ff9b::7f00:1", "64:ff9b::808:808"),
            ("64:ff9b::a9fe:a9fe", "64:ff9b::101:101"),
        ]);
    }

    #[test]
    fn nat64_local_use_prefix_is_refused_wherever_the_ipv4_address_sits() {
        for address in [
            "64:ff9b:1::7f00:1",
            "64:ff9b:1:7f00:1::",
            "64:ff9b:1::808:808",
        ] {
            assert!(!public(address), "{address}");
        }
    }

    #[test]
    fn sixto4_carries_its_ipv4_address() {
        refused_beside(&[
            ("2002:7f00:1::", "2002:808:808::1"),
            ("2002:c0a8:101::1", "2002:101:101::"),
        ]);
    }

    #[test]
    fn teredo_is_refused_and_its_embedded_addresses_decoded() {
        // Server 127.0.0.1, client 8.8.8.8 (inverted: f7f7:f7f7); and server 8.8.8.8, client
        // 127.0.0.1 (inverted: 80ff:fffe); and an all-public one: the whole block is refused.
        for address in [
            "2001:0:7f00:1::f7f7:f7f7",
            "2001:0:808:808::80ff:fffe",
            "2001:0:808:808::f7f7:f7f7",
        ] {
            assert!(!public(address), "{address}");
        }
        assert_eq!(
            embedded_v4("2001:0:808:808::80ff:fffe".parse().expect("an address")),
            [Ipv4Addr::new(8, 8, 8, 8), Ipv4Addr::new(127, 0, 0, 1)]
        );
    }

    #[test]
    fn ietf_protocol_assignments_2001_23_are_refused_but_their_global_entries() {
        refused_beside(&[
            ("2001:2::1", "2001:3::1"),
            ("2001:10::1", "2001:20::1"),
            ("2001:1::4", "2001:1::1"),
        ]);
    }

    #[test]
    fn ipv6_documentation_ranges_are_refused() {
        refused_beside(&[("2001:db8::1", "2001:db9::1"), ("3fff::1", "3ffe::1")]);
    }

    #[test]
    fn unique_local_link_local_multicast_and_discard_are_refused() {
        for address in [
            "fc00::1",
            "fd12:3456::1",
            "fe80::1",
            "ff02::1",
            "100::1",
            "4000::1",
        ] {
            assert!(!public(address), "{address}");
        }
    }
}
