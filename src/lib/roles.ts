import type { Role } from './server/db/types';

export const ROLE_NAMES: Record<Role, string> = {
	kartrekker: 'Kartrekker',
	council: 'Programmaraad',
	management: 'Management'
};
