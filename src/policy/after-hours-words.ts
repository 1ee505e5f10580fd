// Whether an after-hours rule's own words already say where to call or write (OpenKey: "our Support
// team can be reached at 1 (877) 800-2006", "by calling 877-800-2008"), so that a page quoting
// them does not list the same channels again beside them.
import type { PolicyFile } from './schema.ts';

type Channel = Pick<PolicyFile['channels'][number], 'kind' | 'address'>;

/** Each run of a phone number in a text, as its digits ("1 (877) 800-2006": "18778002006"). */
const numbersIn = (text: string): string[] => [...text.matchAll(/\+?\d[\d\s().-]{5,}\d/g)].map((m) => m[0].replace(/\D/g, ''));

/**
 * True when `words` give the address of every one of `channels`: an email or web address as
 * written (any case), a phone number by its digits whatever the country code ("877-800-2008" is
 * "1-877-800-2008": one ends with the other, seven digits at least). A channel without an address
 * (OPS-COM: "This support is provided by email") is not given by any words; nor are no channels.
 * @example
 * wordsGiveAddresses('call 877-800-2008', [{ kind: 'phone', address: '1-877-800-2008' }]) // true
 */
export function wordsGiveAddresses(words: string, channels: readonly Channel[]): boolean {
  const numbers = numbersIn(words);
  const lower = words.toLowerCase();
  const given = (c: Channel): boolean => {
    if (!c.address) return false;
    if (c.kind !== 'phone') return lower.includes(c.address.toLowerCase());
    const digits = c.address.replace(/\D/g, '');
    return numbers.some((n) => Math.min(n.length, digits.length) >= 7 && (n.endsWith(digits) || digits.endsWith(n)));
  };
  return channels.length > 0 && channels.every(given);
}
