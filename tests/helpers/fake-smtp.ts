import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One received e-mail: the raw message (lines joined with \n) and its decoded parts. */
export interface ReceivedMail {
	raw: string;
	to: string[];
	from: string;
	subject: string;
	text: string;
}

export interface TestSmtp {
	url: string;
	/** Raw messages as received (quoted-printable and all), lines joined with \n. */
	messages: string[];
	/** The same messages, parsed. */
	mails: ReceivedMail[];
	/** Stops listening (connections are refused) until `start` is called again on the same port. */
	stop: () => Promise<void>;
	start: () => Promise<void>;
	/** While true the server answers every message with a temporary failure (451). */
	refuse: (on: boolean) => void;
	/** Resolves once at least `n` mails have arrived. */
	waitFor: (n: number, timeoutMs?: number) => Promise<ReceivedMail[]>;
	close: () => Promise<void>;
}

/**
 * A real SMTP server (the smtp-server package) on 127.0.0.1 for tests: it speaks the protocol
 * nodemailer speaks to a real one (EHLO, MAIL FROM, RCPT TO, DATA, dot-stuffing) and keeps every
 * message it accepts. No TLS, no authentication.
 */
export async function startFakeSmtp(): Promise<TestSmtp> {
	const messages: string[] = [];
	const mails: ReceivedMail[] = [];
	const waiters: (() => void)[] = [];
	let refusing = false;
	const make = () =>
		new SMTPServer({
			secure: false,
			disabledCommands: ['STARTTLS', 'AUTH'],
			logger: false,
			onMailFrom(_address, _session, callback) {
				if (refusing) {
					const error = new Error('Tijdelijk niet beschikbaar') as Error & { responseCode: number };
					error.responseCode = 451;
					return callback(error);
				}
				callback();
			},
			onData(stream, session, callback) {
				const chunks: Buffer[] = [];
				stream.on('data', (c: Buffer) => chunks.push(c));
				stream.on('end', async () => {
					const raw = Buffer.concat(chunks).toString('utf8').replace(/\r\n/g, '\n');
					const parsed = await simpleParser(raw);
					messages.push(raw);
					mails.push({
						raw,
						to: session.envelope.rcptTo.map((r) => r.address),
						from:
							typeof session.envelope.mailFrom === 'object' && session.envelope.mailFrom
								? session.envelope.mailFrom.address
								: '',
						subject: parsed.subject ?? '',
						text: parsed.text ?? ''
					});
					for (const w of waiters.splice(0)) w();
					callback();
				});
			}
		});
	let server = make();
	let port = 0;
	const listen = () =>
		new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(port, '127.0.0.1', () => {
				const address = server.server.address();
				port = typeof address === 'object' && address ? address.port : port;
				resolve();
			});
		});
	await listen();
	const stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
	return {
		url: `smtp://127.0.0.1:${port}`,
		messages,
		mails,
		stop,
		start: async () => {
			server = make();
			await listen();
		},
		refuse: (on) => {
			refusing = on;
		},
		waitFor: (n, timeoutMs = 20_000) =>
			new Promise((resolve, reject) => {
				const timer = setTimeout(
					() => reject(new Error(`Na ${timeoutMs} ms ${mails.length} van ${n} e-mails ontvangen.`)),
					timeoutMs
				);
				const check = () => {
					if (mails.length >= n) {
						clearTimeout(timer);
						resolve(mails);
					} else waiters.push(check);
				};
				check();
			}),
		close: stop
	};
}
