import type { Definition, RecordType } from '../definitions';
import { activity } from './activity';
import { highlight } from './highlight';
import { partner } from './partner';
import { publication } from './publication';
import { reach } from './reach';
import { student } from './student';

/** Every record kind of a quarter report, each declared once in its own file. */
export const DEFINITIONS: Record<RecordType, Definition> = {
	activity,
	student,
	partner,
	publication,
	reach,
	highlight
};
