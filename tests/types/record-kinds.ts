// Compile-time checks (run by `npm run check`): a record kind that writes a column its table does
// not have, or a value of the wrong type, must not compile. If one of these lines compiles,
// svelte-check fails on the unused @ts-expect-error.
import type { Prepared } from '../../src/lib/server/records/definitions';

export const misspelled: Prepared<'highlights'> = {
	// @ts-expect-error 'titel' is not a column of highlights
	row: { title: 'Trots', titel: 'Trots' }
};

export const wrongType: Prepared<'activities'> = {
	row: {
		date: '2024-01-05',
		title: 'Bijeenkomst',
		kind: 'workshop',
		// @ts-expect-error a count is a number, not text
		participants_total: '20'
	}
};

export const unknownKind: Prepared<'activities'> = {
	row: {
		date: '2024-01-05',
		title: 'Bijeenkomst',
		// @ts-expect-error the kinds of activity are a fixed list
		kind: 'feest'
	}
};
