import { log } from '../log';
import { mailConfig, sendMail } from '../mail/smtp';
import { RESET_LINK_HOURS } from './password-links';

/** 'sent', 'failed', or 'off' when no SMTP server is configured (the link is only shown). */
export type MailOutcome = 'sent' | 'failed' | 'off';

/** E-mails a password link to the user when SMTP_URL is set; never throws. */
export async function mailPasswordLink(
	user: { name: string; email: string },
	link: string,
	env: NodeJS.ProcessEnv = process.env
): Promise<MailOutcome> {
	const config = mailConfig(env);
	if (!config) return 'off';
	try {
		await sendMail(config, {
			to: user.email,
			subject: 'Stel je wachtwoord in voor Jaarbeeld',
			text: [
				`Beste ${user.name},`,
				'',
				'Met deze link stel je een (nieuw) wachtwoord in voor Jaarbeeld:',
				link,
				'',
				`De link werkt één keer en is ${RESET_LINK_HOURS} uur geldig.`,
				'Heb je hier niet om gevraagd? Dan kun je dit bericht negeren.'
			].join('\n')
		});
		return 'sent';
	} catch (error) {
		log.warn({ msg: 'password link mail failed', err: error as Error });
		return 'failed';
	}
}
