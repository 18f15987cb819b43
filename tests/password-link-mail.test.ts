import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailPasswordLink } from '../src/lib/server/users/password-link-mail';
import { startFakeSmtp } from './helpers/fake-smtp';

describe('password link by e-mail', () => {
	let smtp: Awaited<ReturnType<typeof startFakeSmtp>>;
	beforeAll(async () => {
		smtp = await startFakeSmtp();
	});
	afterAll(async () => smtp?.close());

	const user = { name: 'Kees', email: 'kees@voorbeeld.nl' };
	const link = 'https://jaarbeeld.test/wachtwoord-instellen/abcdefghijklmnopqrstuvwxyz';

	it('is not sent without SMTP_URL: the link is only shown', async () => {
		expect(await mailPasswordLink(user, link, {})).toBe('off');
		expect(smtp.messages).toEqual([]);
	});

	it('is sent to the user when SMTP_URL is set', async () => {
		const outcome = await mailPasswordLink(user, link, {
			SMTP_URL: smtp.url,
			MAIL_FROM: 'Jaarbeeld <jaarbeeld@werkplaats.test>'
		});
		expect(outcome).toBe('sent');
		expect(smtp.messages).toHaveLength(1);
		const message = smtp.messages[0];
		expect(message).toMatch(/^To: kees@voorbeeld\.nl$/m);
		expect(message).toMatch(/^From: Jaarbeeld <jaarbeeld@werkplaats\.test>$/m);
		// the body is quoted-printable (it has 'één'): undo soft line breaks and =XX escapes
		const body = Buffer.from(
			message
				.replace(/=\n/g, '')
				.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
			'latin1'
		).toString('utf8');
		expect(body).toContain(link);
		expect(body).toContain('De link werkt één keer en is 72 uur geldig.');
	});

	it('reports a failure (never throws) when the SMTP server cannot be reached', async () => {
		expect(await mailPasswordLink(user, link, { SMTP_URL: 'smtp://127.0.0.1:1' })).toBe('failed');
	});
});
