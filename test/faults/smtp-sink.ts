// The relay of the mail-outage fault run: an SMTP server on loopback (smtp-server) that refuses
// every message with a temporary error while `refusing` is on (a relay's outage), then accepts
// them at a relay's pace. It records every attempt that reached it, refused or accepted, by the
// Message-ID it carried. The refusal is a 451 to the message's data, not a 421 at connect: the
// data carries the Message-ID, so the run can tell which messages the outage refused.
import { SMTPServer } from 'smtp-server';

export type SinkAttempt = { messageId: string; subject: string };

export type MailSink = {
  url: string;
  /** While true, every message is answered 451 (try again later). */
  refusing: boolean;
  accepted: SinkAttempt[];
  refused: SinkAttempt[];
  /** Messages received whole and not yet answered: a sender killed now has sent them and will never hear so. */
  inHand: Set<SinkAttempt>;
  close(): Promise<void>;
};

/** One header of a raw message, unfolded (folding inserts a line break before whitespace). */
function header(raw: string, name: string): string {
  const end = raw.search(/\r?\n\r?\n/);
  const lines = (end === -1 ? raw : raw.slice(0, end)).replace(/\r?\n(?=[ \t])/g, '').split(/\r?\n/);
  const line = lines.find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : '';
}

/**
 * Starts the sink. Each accepted message is answered `delayMs` after its data ends (a relay
 * writing it to its queue): the worker is then still sending when it is killed, as against a real
 * relay. A message is recorded as accepted once that time has passed, whether or not the sender
 * is still there to hear the 250: a relay that has queued a message delivers it, which is how a
 * killed worker's last sends become duplicates.
 */
export async function startMailSink(options: { delayMs: number }): Promise<MailSink> {
  const sink: MailSink = { url: '', refusing: true, accepted: [], refused: [], inHand: new Set(), close: async () => {} };
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false, closeTimeout: 1_000,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const attempt = { messageId: header(raw, 'Message-ID'), subject: header(raw, 'Subject') };
        if (sink.refusing) {
          sink.refused.push(attempt);
          return callback(Object.assign(new Error('try again later'), { responseCode: 451 }));
        }
        sink.inHand.add(attempt);
        setTimeout(() => {
          sink.inHand.delete(attempt);
          sink.accepted.push(attempt);
          callback();
        }, options.delayMs);
      });
    },
  });
  // A killed sender resets its connections; that is the point of the run, not an error of the sink.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.server.address();
  sink.url = `smtp://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}
