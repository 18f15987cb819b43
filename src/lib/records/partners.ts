// One definition of an activity's partner organisations, followed by the form, the import and the
// template's instructions: any organisation of the shared register (the quarter's partners are the
// usual ones). The form therefore offers the quarter's partners and every organisation the
// activity already holds as checkboxes, and a search in the register for any other one, so saving
// an activity never drops an organisation the form did not show.

/** The checkboxes of an activity form: the quarter's partners, then the activity's other ones. */
export function partnerChoices(
	quarterPartners: readonly string[],
	held: readonly string[]
): string[] {
	const seen = new Set<string>();
	const choices: string[] = [];
	for (const name of [...quarterPartners, ...held]) {
		const key = name.trim();
		if (key === '' || seen.has(key)) continue;
		seen.add(key);
		choices.push(key);
	}
	return choices;
}

/** The names of one field value: checkboxes (several values) and 'a; b' text both split on ';'. */
export function splitNames(value: unknown): string[] {
	const all = Array.isArray(value) ? value : [value ?? ''];
	return all
		.flatMap((v) => String(v ?? '').split(';'))
		.map((s) => s.trim())
		.filter((s) => s.length > 0);
}
