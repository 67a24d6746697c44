/**
 * Which IP addresses a download may connect to: public unicast only. Private, loopback,
 * link-local (the cloud metadata address 169.254.169.254), unique-local, multicast, reserved and
 * documentation ranges are not, in IPv4 and IPv6 alike, and an IPv6 address that carries an IPv4
 * one (IPv4-mapped `::ffff:a.b.c.d`, NAT64 `64:ff9b::/96`, 6to4 `2002::/16`) is judged by the
 * IPv4 address it reaches. Pure and runtime-free: the Worker checks IP literals with it, the
 * Node transport every address DNS returns.
 */

/** What an address is, as far as a download cares. */
export type AddressKind = 'public' | 'loopback' | 'private' | 'link-local' | 'reserved' | 'invalid';

/** Denied IPv4 ranges: [first octets as a 32-bit number, prefix length, kind]. */
const IPV4_DENIED: readonly (readonly [number, number, AddressKind])[] = [
	[ipv4Number([0, 0, 0, 0]), 8, 'reserved'], // "this network"
	[ipv4Number([10, 0, 0, 0]), 8, 'private'],
	[ipv4Number([100, 64, 0, 0]), 10, 'private'], // carrier-grade NAT
	[ipv4Number([127, 0, 0, 0]), 8, 'loopback'],
	[ipv4Number([169, 254, 0, 0]), 16, 'link-local'], // cloud metadata lives here
	[ipv4Number([172, 16, 0, 0]), 12, 'private'],
	[ipv4Number([192, 0, 0, 0]), 24, 'reserved'], // IETF protocol assignments
	[ipv4Number([192, 0, 2, 0]), 24, 'reserved'], // documentation
	[ipv4Number([192, 88, 99, 0]), 24, 'reserved'], // 6to4 relay anycast
	[ipv4Number([192, 168, 0, 0]), 16, 'private'],
	[ipv4Number([198, 18, 0, 0]), 15, 'reserved'], // benchmarking
	[ipv4Number([198, 51, 100, 0]), 24, 'reserved'],
	[ipv4Number([203, 0, 113, 0]), 24, 'reserved'],
	[ipv4Number([224, 0, 0, 0]), 4, 'reserved'], // multicast
	[ipv4Number([240, 0, 0, 0]), 4, 'reserved'], // reserved, broadcast
];

function ipv4Number(octets: readonly number[]): number {
	return (((octets[0] ?? 0) << 24) | ((octets[1] ?? 0) << 16) | ((octets[2] ?? 0) << 8) | (octets[3] ?? 0)) >>> 0;
}

/** The four octets of a dotted-quad IPv4 address, or undefined. */
function parseIpv4(text: string): number[] | undefined {
	const parts = text.split('.');
	if (parts.length !== 4) return undefined;
	const octets = parts.map((part) => (/^\d{1,3}$/.test(part) ? Number(part) : Number.NaN));
	return octets.every((octet) => octet >= 0 && octet <= 255) ? octets : undefined;
}

/** The sixteen bytes of an IPv6 address (zone id dropped, embedded IPv4 tail allowed), or undefined. */
function parseIpv6(text: string): number[] | undefined {
	const address = text.replace(/%.*$/, '');
	if (!/^[0-9a-f:.]+$/i.test(address)) return undefined;
	const halves = address.split('::');
	if (halves.length > 2) return undefined;
	const groups = (half: string | undefined): number[] | undefined => {
		if (!half) return [];
		const out: number[] = [];
		const parts = half.split(':');
		for (const [index, part] of parts.entries()) {
			if (index === parts.length - 1 && part.includes('.')) {
				const v4 = parseIpv4(part);
				if (!v4) return undefined;
				out.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
			} else if (/^[0-9a-f]{1,4}$/i.test(part)) out.push(Number.parseInt(part, 16));
			else return undefined;
		}
		return out;
	};
	const head = groups(halves[0]);
	const tail = groups(halves[1]);
	if (!head || !tail) return undefined;
	const missing = 8 - head.length - tail.length;
	if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
	const all = [...head, ...new Array<number>(missing).fill(0), ...tail];
	return all.flatMap((group) => [group >> 8, group & 0xff]);
}

function classifyIpv4(octets: readonly number[]): AddressKind {
	const value = ipv4Number(octets);
	for (const [base, prefix, kind] of IPV4_DENIED) {
		const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
		if ((value & mask) >>> 0 === base) return kind;
	}
	return 'public';
}

function classifyIpv6(bytes: readonly number[]): AddressKind {
	const at = (index: number): number => bytes[index] ?? 0;
	const zeroUpTo = (end: number): boolean => bytes.slice(0, end).every((byte) => byte === 0);
	if (zeroUpTo(15)) return at(15) === 1 ? 'loopback' : 'reserved'; // ::1, ::
	// IPv4-mapped ::ffff:a.b.c.d: the connection goes to the IPv4 address.
	if (zeroUpTo(10) && at(10) === 0xff && at(11) === 0xff) return classifyIpv4(bytes.slice(12));
	// Deprecated IPv4-compatible ::a.b.c.d.
	if (zeroUpTo(12)) return 'reserved';
	// NAT64 64:ff9b::/96 reaches the embedded IPv4 address; 64:ff9b:1::/48 is local use.
	if (at(0) === 0x00 && at(1) === 0x64 && at(2) === 0xff && at(3) === 0x9b) {
		return bytes.slice(4, 12).every((byte) => byte === 0) ? classifyIpv4(bytes.slice(12)) : 'private';
	}
	if ((at(0) & 0xfe) === 0xfc) return 'private'; // fc00::/7 unique-local
	if (at(0) === 0xfe && (at(1) & 0xc0) === 0x80) return 'link-local'; // fe80::/10
	if (at(0) === 0xfe && (at(1) & 0xc0) === 0xc0) return 'private'; // fec0::/10 site-local
	// 6to4 2002:AABB:CCDD::/48 reaches the embedded IPv4 address.
	if (at(0) === 0x20 && at(1) === 0x02) return classifyIpv4(bytes.slice(2, 6));
	// 2001::/23 (Teredo among them) and 2001:db8::/32 (documentation).
	if (at(0) === 0x20 && at(1) === 0x01 && (at(2) < 0x02 || (at(2) === 0x0d && at(3) === 0xb8))) return 'reserved';
	// Global unicast is 2000::/3; everything else (multicast ff00::/8 included) is not public.
	return (at(0) & 0xe0) === 0x20 ? 'public' : 'reserved';
}

/** Whether `text` is an IP address literal (IPv6 with or without brackets). */
export function isIpLiteral(text: string): boolean {
	const bare = text.replace(/^\[(.*)\]$/, '$1');
	return parseIpv4(bare) !== undefined || (bare.includes(':') && parseIpv6(bare) !== undefined);
}

/** What `address` (IPv4 dotted quad, or IPv6 with or without brackets) is; `invalid` when neither. */
export function classifyAddress(address: string): AddressKind {
	const bare = address.replace(/^\[(.*)\]$/, '$1');
	const v4 = parseIpv4(bare);
	if (v4) return classifyIpv4(v4);
	const v6 = bare.includes(':') ? parseIpv6(bare) : undefined;
	return v6 ? classifyIpv6(v6) : 'invalid';
}

/**
 * Whether a download may connect to `address`: a public one, or a loopback one when `loopback`
 * is allowed (only for the configured API origin when that origin is itself loopback).
 */
export function addressAllowed(address: string, allow: { loopback: boolean }): boolean {
	const kind = classifyAddress(address);
	return kind === 'public' || (allow.loopback && kind === 'loopback');
}

/** Whether a host name or literal is loopback by itself: `localhost`, 127.0.0.0/8, `::1`. */
export function isLoopbackHost(hostname: string): boolean {
	const host = hostname.toLowerCase().replace(/\.$/, '');
	return host === 'localhost' || host.endsWith('.localhost') || classifyAddress(host) === 'loopback';
}
