import type { Client } from 'openapi-fetch';
import type { paths } from './schema.gen';

/**
 * A ticket's whole life through the client generated from GET /api/v1/openapi.json: every call,
 * path, query, body and answer field below is checked by the TypeScript compiler against the
 * generated types (the test compiles this file with them before running it). Returns every answer
 * so the test can hold each to the document's response schemas.
 */
export interface Tokens {
  admin: string;
  employee: string;
  theo: string;
  tina: string;
}
export type Answer = { operation: string; status: number; body: unknown };

export async function walkTicketLife(client: Client<paths>, t: Tokens): Promise<{ answers: Answer[]; number: number; audit: string[]; refusedCode: string }> {
  const answers: Answer[] = [];
  const as = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
  const keep = <R extends { response: Response; data?: unknown; error?: unknown }>(operation: string, r: R): R => {
    answers.push({ operation, status: r.response.status, body: r.data ?? r.error });
    if (!r.response.ok) throw new Error(`${operation}: ${r.response.status} ${JSON.stringify(r.error)}`);
    return r;
  };

  const service = keep('postServices', await client.POST('/services', { ...as(t.admin), body: { name: 'Poste de travail', slug: 'poste' } })).data!;
  for (const person of ['theo@example.test', 'tina@example.test']) {
    keep('postRoles', await client.POST('/roles', { ...as(t.admin), body: { person, role: 'technician', service: service.slug } }));
  }

  // The employee files; the same Idempotency-Key again answers the first ticket.
  const body = { title: 'Imprimante du 2e étage en panne', description: 'Bourrage sans papier coincé', urgency: 'high' as const };
  const created = keep('postTickets', await client.POST('/tickets', { ...as(t.employee), headers: { ...as(t.employee).headers, 'idempotency-key': 'walk-1' }, body })).data!;
  const again = keep('postTickets', await client.POST('/tickets', { ...as(t.employee), headers: { ...as(t.employee).headers, 'idempotency-key': 'walk-1' }, body })).data!;
  if (again.number !== created.number) throw new Error('the Idempotency-Key filed twice');
  const number = created.number;

  // Staff route it to the service; Théo finds it in the queue and claims it; Tina is refused.
  keep('postTicketsTransferByNumber', await client.POST('/tickets/{number}/transfer', { ...as(t.admin), params: { path: { number } }, body: { service: 'poste' } }));
  const queue = keep('listTickets', await client.GET('/tickets', { ...as(t.theo), params: { query: { service: 'poste', status: 'new', sort: 'priority' } } })).data!;
  if (!queue.items.some((i) => i.number === number)) throw new Error('not in the queue');
  keep('postTicketsClaimByNumber', await client.POST('/tickets/{number}/claim', { ...as(t.theo), params: { path: { number } } }));
  const refused = await client.POST('/tickets/{number}/claim', { ...as(t.tina), params: { path: { number } } });
  answers.push({ operation: 'postTicketsClaimByNumber', status: refused.response.status, body: refused.error });
  const refusedCode = refused.error?.error.code ?? 'none';

  // Work: impact, a note, a public reply, a link and a reference, pending, then resolved.
  keep('updateTicketsByNumber', await client.PATCH('/tickets/{number}', { ...as(t.theo), params: { path: { number } }, body: { impact: 'high' } }));
  keep('postTicketsCommentsByNumber', await client.POST('/tickets/{number}/comments', { ...as(t.theo), params: { path: { number } }, body: { body: 'Rouleau usé', internal: true } }));
  keep('postTicketsCommentsByNumber', await client.POST('/tickets/{number}/comments', { ...as(t.theo), params: { path: { number } }, body: { body: 'Je passe à 14h.' } }));
  const other = keep('postTickets', await client.POST('/tickets', { ...as(t.employee), body: { title: 'Bourrage au 3e aussi' } })).data!;
  keep('postTicketsLinksByNumber', await client.POST('/tickets/{number}/links', { ...as(t.theo), params: { path: { number } }, body: { type: 'related_to', ticket: other.number } }));
  keep('postTicketsExternalRefsByNumber', await client.POST('/tickets/{number}/external-refs', { ...as(t.theo), params: { path: { number } }, body: { system: 'Vendor', key: 'RMA-55' } }));
  keep('postTicketsStatusByNumber', await client.POST('/tickets/{number}/status', { ...as(t.theo), params: { path: { number } }, body: { status: 'in_progress' } }));
  keep('postTicketsStatusByNumber', await client.POST('/tickets/{number}/status', { ...as(t.theo), params: { path: { number } }, body: { status: 'pending', comment: 'Pièce commandée' } }));
  keep('postTicketsStatusByNumber', await client.POST('/tickets/{number}/status', { ...as(t.theo), params: { path: { number } }, body: { status: 'in_progress' } }));
  keep('postTicketsStatusByNumber', await client.POST('/tickets/{number}/status', { ...as(t.theo), params: { path: { number } }, body: { status: 'resolved', resolution: 'Rouleau d’entraînement changé' } }));

  // The employee reads it (no internal note), reopens, it is resolved again and closed.
  const seen = keep('getTicketsByNumber', await client.GET('/tickets/{number}', { ...as(t.employee), params: { path: { number } } })).data!;
  if (seen.status !== 'resolved' || seen.resolution !== 'Rouleau d’entraînement changé') throw new Error(`employee sees ${seen.status}`);
  const comments = keep('listTicketsCommentsByNumber', await client.GET('/tickets/{number}/comments', { ...as(t.employee), params: { path: { number } } })).data!;
  if (comments.items.some((c) => c.internal)) throw new Error('an internal note reached the requester');
  keep('postTicketsReopenByNumber', await client.POST('/tickets/{number}/reopen', { ...as(t.employee), params: { path: { number } }, body: { comment: 'Le bourrage est revenu' } }));
  keep('postTicketsStatusByNumber', await client.POST('/tickets/{number}/status', { ...as(t.theo), params: { path: { number } }, body: { status: 'resolved', resolution: 'Capot remonté' } }));
  const closed = keep('postTicketsStatusByNumber', await client.POST('/tickets/{number}/status', { ...as(t.theo), params: { path: { number } }, body: { status: 'closed' } })).data!;
  if (closed.status !== 'closed') throw new Error(`not closed: ${closed.status}`);

  keep('listTicketsLinksByNumber', await client.GET('/tickets/{number}/links', { ...as(t.theo), params: { path: { number } } }));
  keep('listTicketsExternalRefsByNumber', await client.GET('/tickets/{number}/external-refs', { ...as(t.theo), params: { path: { number } } }));
  const history = keep('listTicketsAuditByNumber', await client.GET('/tickets/{number}/audit', { ...as(t.admin), params: { path: { number } } })).data!;
  return { answers, number, audit: history.items.map((e) => e.action), refusedCode };
}
