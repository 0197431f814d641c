import { TEST_DATABASES } from '../../support/db';
import { expectError, useWorld, Who } from '../../support/fixtures';
import { addExternalRef, listExternalRefs, removeExternalRef } from '../../../core/tickets/external-refs.service';
import { getTicket } from '../../../core/tickets/get-ticket.service';
import { ticketHistory } from '../../../core/tickets/ticket-history.service';

describe.each(TEST_DATABASES)('R6 external references (%s)', (dbName) => {
  const world = useWorld(dbName);
  let tech: Who;
  let rita: Who;

  beforeEach(async () => {
    const w = world();
    const support = await w.service('support');
    await w.routeCategory('software', support);
    tech = await w.technician([support], 'Thomas Tech');
    rita = await w.employee('Rita Requester');
  });

  const file = () => world().ticket(rita.actor, { category: 'software', title: 'Licence Adobe' });

  it('adds, lists and removes references to a vendor case, a JIRA issue and a GLPI ticket', async () => {
    const w = world();
    const t = await file();
    const jira = await addExternalRef(w.deps, tech.actor, t.id, { system: 'JIRA', key: 'OPS-42', url: 'https://jira.example.test/browse/OPS-42' });
    const glpi = await addExternalRef(w.deps, tech.actor, t.id, { system: 'GLPI', key: '12345' });
    expect(jira).toMatchObject({ ticketId: t.id, system: 'JIRA', key: 'OPS-42', url: 'https://jira.example.test/browse/OPS-42', createdAt: w.clock.now() });
    expect(glpi).toMatchObject({ system: 'GLPI', key: '12345', url: null });

    const listed = await listExternalRefs(w.deps, tech.actor, t.id);
    expect(listed.map((r) => [r.id, r.system, r.key, r.url])).toEqual([
      [jira.id, 'JIRA', 'OPS-42', 'https://jira.example.test/browse/OPS-42'],
      [glpi.id, 'GLPI', '12345', null],
    ]);
    expect((await getTicket(w.deps, tech.actor, t.id)).externalRefs!.map((r) => r.key)).toEqual(['OPS-42', '12345']);

    await removeExternalRef(w.deps, tech.actor, t.id, jira.id);
    expect((await listExternalRefs(w.deps, tech.actor, t.id)).map((r) => r.key)).toEqual(['12345']);
    await expectError(removeExternalRef(w.deps, tech.actor, t.id, jira.id), 'external_ref_not_found');

    const actions = (await ticketHistory(w.deps, tech.actor, t.id)).map((e) => e.action);
    expect(actions).toEqual(['created', 'external_ref_added', 'external_ref_added', 'external_ref_removed']);
    const removed = (await ticketHistory(w.deps, tech.actor, t.id)).pop()!;
    expect(removed.before).toMatchObject({ id: jira.id, system: 'JIRA', key: 'OPS-42' });
  });

  it('the same reference twice is refused (system compared without case): external_ref_exists', async () => {
    const w = world();
    const t = await file();
    await addExternalRef(w.deps, tech.actor, t.id, { system: 'JIRA', key: 'OPS-42' });
    const err = await expectError(addExternalRef(w.deps, tech.actor, t.id, { system: 'jira', key: 'OPS-42' }), 'external_ref_exists');
    expect(err.kind).toBe('conflict');
    await expectError(addExternalRef(w.deps, tech.actor, t.id, { system: 'JIRA', key: 'OPS-42' }), 'external_ref_exists');
    // The same key on another ticket, or another key, is fine.
    const other = await file();
    await addExternalRef(w.deps, tech.actor, other.id, { system: 'JIRA', key: 'OPS-42' });
    await addExternalRef(w.deps, tech.actor, t.id, { system: 'JIRA', key: 'OPS-43' });
    expect((await listExternalRefs(w.deps, tech.actor, t.id)).map((r) => r.key)).toEqual(['OPS-42', 'OPS-43']);
  });

  it('a reference from another ticket cannot be removed through this one', async () => {
    const w = world();
    const [a, b] = [await file(), await file()];
    const ref = await addExternalRef(w.deps, tech.actor, a.id, { system: 'Vendor', key: 'CASE-1' });
    await expectError(removeExternalRef(w.deps, tech.actor, b.id, ref.id), 'external_ref_not_found');
    expect(await listExternalRefs(w.deps, tech.actor, a.id)).toHaveLength(1);
  });

  it('validation: bad system name or non-http URL', async () => {
    const w = world();
    const t = await file();
    const e1 = await expectError(addExternalRef(w.deps, tech.actor, t.id, { system: 'JIRA<script>', key: 'X' }), 'validation_failed');
    expect(e1.details?.map((d) => d.path)).toEqual(['system']);
    const e2 = await expectError(addExternalRef(w.deps, tech.actor, t.id, { system: 'JIRA', key: 'X', url: 'javascript:alert(1)' }), 'validation_failed');
    expect(e2.details?.map((d) => d.path)).toEqual(['url']);
    expect(await listExternalRefs(w.deps, tech.actor, t.id)).toEqual([]);
  });

  it('R9 references are staff work and stay with staff: the requester can neither add nor read them', async () => {
    const w = world();
    const t = await file();
    await expectError(addExternalRef(w.deps, rita.actor, t.id, { system: 'JIRA', key: 'OPS-1' }), 'forbidden');
    await addExternalRef(w.deps, tech.actor, t.id, { system: 'Vendor', key: 'CASE-9' });
    expect((await getTicket(w.deps, rita.actor, t.id)).externalRefs).toEqual([]);
    expect((await ticketHistory(w.deps, rita.actor, t.id)).map((e) => e.action)).toEqual(['created']);
    // Whatever getTicket and the history hide must not come back through the list.
    expect(await listExternalRefs(w.deps, rita.actor, t.id)).toEqual([]);
  });
});
