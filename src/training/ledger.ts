// The training-hours ledger's rules: pure, no I/O, no clock reads. Amounts are whole minutes.
//
// - A grant's hours can be used on the dates of its validity (both ends included).
// - A session on date D is charged to the grants valid on D, the one expiring first first
//   (use it or lose it; ties: the one granted first), taking only what each still holds.
// - The balance on D is what the grants valid on D still hold.
// - A session beyond the balance is refused unless a manager overrides; the part beyond is
//   charged to the grant valid on D that runs longest, which goes below zero: the overdraft
//   shows in the balance for as long as that grant is valid, and is never hidden.
// - Charges are fixed when a session is recorded: a grant added later never re-charges it.

export interface GrantLot {
  id: string;
  /** 'YYYY-MM-DD', inclusive. */
  validFrom: string;
  validUntil: string;
  /** What the grant still holds; below zero after an overridden session. */
  remainingMinutes: number;
}

export interface SessionCharge {
  /** Minutes taken from each grant; one entry per grant. */
  charges: Array<{ grantId: string; minutes: number }>;
  /** The balance on the session's date before it. */
  balanceMinutes: number;
  /** How far beyond that balance the session goes (0 when it fits). */
  overdraftMinutes: number;
}

// ISO dates compare as text.
export function isValidOn(lot: Pick<GrantLot, 'validFrom' | 'validUntil'>, date: string): boolean {
  return lot.validFrom <= date && date <= lot.validUntil;
}

/** Minutes the grants valid on `date` still hold (negative when overdrawn). */
export function balanceOn(lots: readonly GrantLot[], date: string): number {
  return lots.filter((lot) => isValidOn(lot, date)).reduce((sum, lot) => sum + lot.remainingMinutes, 0);
}

/**
 * How a session of `minutes` on `date` is charged. When it goes beyond the balance the caller
 * decides (refuse, or record it with a manager's reason); with no grant valid on `date` there is
 * nothing to charge it to, and `charges` is empty.
 * @example
 * chargeSession([{ id: 'g', validFrom: '2026-01-01', validUntil: '2026-12-31', remainingMinutes: 120 }], '2026-05-04', 90)
 * // { charges: [{ grantId: 'g', minutes: 90 }], balanceMinutes: 120, overdraftMinutes: 0 }
 */
export function chargeSession(lots: readonly GrantLot[], date: string, minutes: number): SessionCharge {
  const valid = lots
    .map((lot, order) => ({ lot, order }))
    .filter(({ lot }) => isValidOn(lot, date))
    .sort((a, b) => a.lot.validUntil.localeCompare(b.lot.validUntil) || a.lot.validFrom.localeCompare(b.lot.validFrom) || a.order - b.order)
    .map(({ lot }) => lot);
  const balanceMinutes = valid.reduce((sum, lot) => sum + lot.remainingMinutes, 0);
  const taken = new Map<string, number>();
  let left = minutes;
  for (const lot of valid) {
    if (left === 0) break;
    const take = Math.min(left, Math.max(0, lot.remainingMinutes));
    if (take > 0) taken.set(lot.id, take);
    left -= take;
  }
  // Beyond what the grants hold: charged to the grant valid longest, which goes below zero.
  const longest = valid.at(-1);
  if (left > 0 && longest) taken.set(longest.id, (taken.get(longest.id) ?? 0) + left);
  return {
    charges: [...taken].map(([grantId, m]) => ({ grantId, minutes: m })),
    balanceMinutes,
    overdraftMinutes: Math.max(0, minutes - Math.max(0, balanceMinutes)),
  };
}

/** Hours as the API shows them. */
export function hoursOf(minutes: number): number {
  return minutes / 60;
}
