import { HelpdeskError } from '../shared/errors';
import type { Store } from '../shared/store.port';
import type { Person, PersonLookup } from './person.entity';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 .()-]{6,20}$/;
const SLACK = /^<?@?(U[A-Z0-9]{6,20})(\|[^>]*)?>?$/;

/** Reads how people name a person in chat or forms: an id, an e-mail, a phone number or a Slack mention. */
export function parsePersonRef(ref: string | number): PersonLookup {
  if (typeof ref === 'number') return { by: 'id', value: ref };
  const s = ref.trim();
  if (/^\d{1,9}$/.test(s)) return { by: 'id', value: Number(s) };
  if (EMAIL.test(s)) return { by: 'email', value: s.toLowerCase() };
  const slack = SLACK.exec(s);
  if (slack) return { by: 'slackUserId', value: slack[1] };
  if (PHONE.test(s)) return { by: 'phone', value: normalizePhone(s) };
  if (/^[0-9a-f-]{36}$/i.test(s)) return { by: 'aadObjectId', value: s.toLowerCase() };
  throw new HelpdeskError('person_not_found', { who: s.slice(0, 80) });
}

/** French numbers are written 06 12 34 56 78; store them as E.164 so SMS and look-ups agree. */
export function normalizePhone(s: string): string {
  const digits = s.replace(/[^0-9+]/g, '');
  if (digits.startsWith('+')) return digits;
  if (digits.startsWith('00')) return '+' + digits.slice(2);
  if (digits.startsWith('0') && digits.length === 10) return '+33' + digits.slice(1);
  return digits;
}

export async function findPerson(store: Store, ref: string | number): Promise<Person> {
  const lookup = parsePersonRef(ref);
  const p = lookup.by === 'id' ? await store.people.get(lookup.value) : await store.people.find(lookup);
  if (!p) throw new HelpdeskError('person_not_found', { who: String(ref).slice(0, 80) });
  return p;
}
