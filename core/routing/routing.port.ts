import type { Absence, RoutingRule, ServiceRouting } from './routing.entity';

export interface RoutingRepository {
  settings(serviceId: number): Promise<ServiceRouting | null>;
  allSettings(): Promise<ServiceRouting[]>;
  saveSettings(s: ServiceRouting, at: Date): Promise<void>;
  /** Services with a calendar of their own (one small query: every SLA computation reads it). */
  serviceCalendars(): Promise<Array<{ serviceId: number; calendar: unknown }>>;
  /**
   * Adds one to the service's round-robin counter and returns the new value. The increment is a single
   * UPDATE, so concurrent creations are serialised by the row lock and never read the same value.
   */
  nextTurn(serviceId: number, at: Date): Promise<number>;
  rules(): Promise<RoutingRule[]>;
  insertRule(r: Omit<RoutingRule, 'id'>, at: Date): Promise<number>;
  deleteRule(id: number): Promise<boolean>;
  /** People among `personIds` absent at `at`. */
  absentAt(personIds: number[], at: Date): Promise<number[]>;
  absences(personId: number, from: Date): Promise<Absence[]>;
  insertAbsence(a: Omit<Absence, 'id'>, at: Date): Promise<number>;
  deleteAbsence(id: number): Promise<boolean>;
  /** Open tickets (new, assigned, in progress, pending) assigned to each person; absent keys are 0. */
  openLoad(personIds: number[]): Promise<Map<number, number>>;
  /** Tickets in `assigned` whose latest assignment is at or before `before`, in the given services. */
  unaccepted(serviceIds: number[], before: Date, limit: number): Promise<Array<{ id: number; serviceId: number; assignedAt: Date }>>;
}
