import nodemailer from 'nodemailer';

export interface MailConfig {
	/** e.g. smtp://gebruiker:wachtwoord@mail.example.nl:587 or smtps://...:465 */
	url: string;
	from: string;
}

/** SMTP settings from SMTP_URL and MAIL_FROM; null when no SMTP server is configured. */
export function mailConfig(env: NodeJS.ProcessEnv = process.env): MailConfig | null {
	const url = env.SMTP_URL?.trim();
	if (!url) return null;
	return { url, from: env.MAIL_FROM?.trim() || 'Jaarbeeld <noreply@localhost>' };
}

export interface Mail {
	to: string;
	subject: string;
	text: string;
}

export async function sendMail(config: MailConfig, mail: Mail): Promise<void> {
	// Short timeouts: the management form waits for this.
	const transport = nodemailer.createTransport({
		url: config.url,
		connectionTimeout: 10_000,
		greetingTimeout: 10_000,
		socketTimeout: 20_000
	});
	try {
		await transport.sendMail({ from: config.from, ...mail });
	} finally {
		transport.close();
	}
}
