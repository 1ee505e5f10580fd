// Addresses and networks (CIDR) as configured by an operator, matched against a peer's address.
import { BlockList, isIP } from 'node:net';

/**
 * A matcher for the given entries, each an address or a network in CIDR notation. A bad entry
 * throws naming it (the caller names the variable). IPv4 peers on a dual-stack socket
 * (::ffff:a.b.c.d) match as IPv4.
 */
export function networkMatcher(entries: readonly string[]): (address: string) => boolean {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address);
    const max = family === 6 ? 128 : 32;
    const prefix = bits === undefined ? max : /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
    if (family === 0 || extra !== undefined || !(prefix >= 0 && prefix <= max)) {
      throw new Error(`"${entry}" is not an IP address or a network (CIDR, e.g. 192.0.2.0/24)`);
    }
    list.addSubnet(address, prefix, family === 6 ? 'ipv6' : 'ipv4');
  }
  return (peer) => {
    const plain = peer.startsWith('::ffff:') && isIP(peer.slice(7)) === 4 ? peer.slice(7) : peer;
    const family = isIP(plain);
    return family !== 0 && list.check(plain, family === 6 ? 'ipv6' : 'ipv4');
  };
}
