// A tiny SMTP server for delivery tests (smtp-server on loopback): it keeps every message it
// accepts, and can be told to refuse (a relay's outage) or to refuse for good (5xx).
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

export type Received = { from: string; to: string[]; raw: string; messageId: string; subject: string; headers: Map<string, unknown>; text: string; html: string };

export type Sink = {
  port: number;
  url: string;
  received: Received[];
  /** null: accept; a code: answer every message with it (421 a temporary outage, 550 a refusal). */
  refuseWith: number | null;
  close: () => Promise<void>;
};

export async function startSink(): Promise<Sink> {
  const sink = { received: [] as Received[], refuseWith: null as number | null } as Sink;
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        if (sink.refuseWith !== null) return callback(Object.assign(new Error(sink.refuseWith >= 500 ? 'mailbox unavailable' : 'try again later'), { responseCode: sink.refuseWith }));
        const raw = Buffer.concat(chunks);
        const parsed = await simpleParser(raw);
        sink.received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address), raw: raw.toString('utf8'),
          messageId: parsed.messageId ?? '', subject: parsed.subject ?? '', headers: parsed.headers, text: parsed.text ?? '', html: parsed.html || '',
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.server.address();
  sink.port = typeof address === 'object' && address ? address.port : 0;
  sink.url = `smtp://127.0.0.1:${sink.port}`;
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}
