/** Rows of one kind of personal data, as stored (ids, texts, dates), for the GDPR export (R9). */
export type PersonalRows = Array<Record<string, unknown>>;

export interface ErasureTarget {
  personId: number;
  /** What the person is called from now on, wherever their name was written. */
  replacementName: string;
  /** Their former name, e-mail, phone and platform ids: removed from free-text traces too. */
  former: { name: string; email: string | null; phone: string | null; slackUserId: string | null; aadObjectId: string | null };
  at: Date;
}

/**
 * Where personal data lives, beyond the people table: the adapter knows every table. `collect`
 * reads it all for an export; `erase` anonymises the person and deletes what only served to reach
 * them (contacts, preferences, queued messages), keeping the tickets and the audit trail the company
 * must keep, under the replacement name.
 */
export interface PrivacyRepository {
  collect(personId: number, former: ErasureTarget['former']): Promise<Record<string, PersonalRows>>;
  erase(target: ErasureTarget): Promise<Record<string, number>>;
}
