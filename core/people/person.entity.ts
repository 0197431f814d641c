import type { Role } from '../shared/actor';
import type { Locale } from '../i18n/catalogue';

/** One person across channels: the same employee on Teams, Slack, e-mail and phone. */
export interface Person {
  id: number;
  email: string | null;
  displayName: string;
  phone: string | null;
  locale: Locale | null;
  role: Role;
  aadObjectId: string | null;
  slackUserId: string | null;
  department: string | null;
  active: boolean;
  createdAt: Date;
}
export type NewPerson = Omit<Person, 'id' | 'createdAt'>;
export type PersonPatch = Partial<Omit<Person, 'id' | 'createdAt'>>;

export interface Service {
  id: number;
  slug: string;
  name: string;
  leadId: number | null;
  memberIds: number[];
}

export interface Category {
  id: number;
  slug: string;
  nameFr: string;
  nameEn: string;
  defaultServiceId: number | null;
}

/** How an outside reference to a person is written: e-mail, phone, or a platform id. */
export type PersonLookup =
  | { by: 'id'; value: number }
  | { by: 'email'; value: string }
  | { by: 'phone'; value: string }
  | { by: 'slackUserId'; value: string }
  | { by: 'aadObjectId'; value: string };
