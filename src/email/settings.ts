// What the email channel needs to know, decided once at start (config + the active policy).
export type EmailSettings = {
  /** The address mail is accepted for, and the From of everything Accord sends. */
  supportAddress: string;
  /** The display name on outgoing mail (the vendor's name). */
  fromName: string;
  /** The right-hand side of every Message-ID Accord makes: threading recognises its own ids by it. */
  domain: string;
  /** Larger messages are refused (SMTP 552) and recorded without their body. */
  maxMessageBytes: number;
  /** At most `count` automatic replies (receipts) to one address per `windowMinutes`: a loop breaker. */
  autoReplyLimit: { count: number; windowMinutes: number };
  /**
   * More than this many messages from one address within an hour (counted from the stored inbound
   * mail, held ones too, not those whose From failed DMARC) is a mail loop suspected: the messages
   * past it are held (mail-loop.ts).
   */
  mailLoopLimit: number;
  /** Other addresses that are Accord's own (queue addresses): mail from them is never processed. */
  ownAddresses: string[];
  /** Where the desk answers (config.baseUrl): the links a message carries (`payload.links`) are paths under it. */
  baseUrl: string;
};

export const DEFAULT_MAX_MESSAGE_BYTES = 25 * 1024 * 1024;
/** Zendesk's: mail from one address past 20 in an hour is suspended as a mail loop. */
export const DEFAULT_MAIL_LOOP_LIMIT = 20;

/** Settings for an address; the domain of the address names the Message-IDs. */
export function emailSettingsFor(supportAddress: string, fromName = 'Support', extra: Partial<EmailSettings> = {}): EmailSettings {
  const address = supportAddress.toLowerCase();
  return {
    supportAddress: address,
    fromName,
    domain: address.split('@')[1] ?? 'accord.localhost',
    maxMessageBytes: DEFAULT_MAX_MESSAGE_BYTES,
    autoReplyLimit: { count: 5, windowMinutes: 60 },
    mailLoopLimit: DEFAULT_MAIL_LOOP_LIMIT,
    ownAddresses: [],
    baseUrl: 'http://localhost:3000',
    ...extra,
  };
}
