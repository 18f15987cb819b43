/** Today's date in the Netherlands as 'YYYY-MM-DD'; JAARBEELD_TODAY overrides it for tests and demos. */
export function today(): string {
	const override = process.env.JAARBEELD_TODAY;
	if (override && /^\d{4}-\d{2}-\d{2}$/.test(override)) return override;
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
}
