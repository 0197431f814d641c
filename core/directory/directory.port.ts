import type { Role } from '../shared/actor';

/**
 * One account as the directory (Entra ID through Graph) gives it. In a delta, a field left
 * undefined was not sent (unchanged); null means the directory cleared it.
 */
export interface DirectoryUser {
  objectId: string;
  /** Deleted from the directory (`@removed` in a delta). */
  removed?: boolean;
  displayName?: string | null;
  mail?: string | null;
  userPrincipalName?: string | null;
  department?: string | null;
  jobTitle?: string | null;
  mobilePhone?: string | null;
  preferredLanguage?: string | null;
  accountEnabled?: boolean | null;
}

/** The directory itself: made real by adapters/graph (client credentials, paging, 429). */
export interface DirectoryPort {
  /** Every page of `/users/delta` from `deltaLink` (null: a full first run) and the link for next time. */
  usersDelta(deltaLink: string | null): Promise<{ users: DirectoryUser[]; deltaLink: string }>;
  /** The manager's object id, null when the account has none. */
  managerOf(objectId: string): Promise<string | null>;
  /** A group by object id or display name; null when the directory has no such group. */
  findGroup(ref: string): Promise<{ id: string; displayName: string } | null>;
  /** Object ids of the group's user members (every page). */
  groupMembers(groupId: string): Promise<string[]>;
}

export interface DirectoryEntry {
  objectId: string;
  personId: number;
  upn: string | null;
  jobTitle: string | null;
  mobile: string | null;
  managerObjectId: string | null;
  enabled: boolean;
}

/** An admin's mapping: members of this group are technicians of a service, managers or admins. */
export interface GroupMap {
  id: number;
  groupRef: string;
  role: Exclude<Role, 'employee'>;
  serviceId: number | null;
}

export interface DirectoryRepository {
  entries(objectIds: string[]): Promise<DirectoryEntry[]>;
  save(e: DirectoryEntry, at: Date): Promise<void>;
  /** The person's manager as a person id, through the directory's manager link. */
  managerOf(personId: number): Promise<number | null>;
  maps(): Promise<GroupMap[]>;
  addMap(m: Omit<GroupMap, 'id'>, at: Date): Promise<number>;
  removeMap(id: number): Promise<boolean>;
  members(mapId: number): Promise<number[]>;
  addMember(mapId: number, personId: number): Promise<void>;
  removeMember(mapId: number, personId: number): Promise<void>;
  /** Mapped groups the person is in, as the last sync saw them. */
  mapsOf(personId: number): Promise<GroupMap[]>;
}
