import { Router } from 'express';
import type { CoreDeps } from '../../core/shared/deps';
import { erasePerson, exportPersonalData } from '../../core/people/personal-data.service';
import { actorOf } from './auth';
import { refParam } from './params';

/**
 * R9 (GDPR): GET /people/:ref/personal-data exports (admins, or the person: `me`),
 * DELETE /people/:ref/personal-data erases (admins).
 */
export function privacyRoutes(deps: CoreDeps): Router {
  const r = Router();
  const who = (ref: string, actorPerson: number | null) => (ref === 'me' && actorPerson !== null ? actorPerson : ref);
  r.get('/people/:ref/personal-data', async (req, res) => {
    const actor = actorOf(req);
    const data = await exportPersonalData(deps, actor, who(refParam(req, 'ref'), actor.personId));
    res.attachment(`personal-data-${data.personId}.json`).json(data);
  });
  r.delete('/people/:ref/personal-data', async (req, res) => {
    res.json(await erasePerson(deps, actorOf(req), refParam(req, 'ref')));
  });
  return r;
}
