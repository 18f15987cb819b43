/** A fault the operator must fix before the app can run; its message is the one line they see. */
export class StartupError extends Error {
	constructor(message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'StartupError';
	}
}
