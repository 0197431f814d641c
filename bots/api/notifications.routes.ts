import { Router } from 'express';
import type { CoreDeps } from '../../core/shared/deps';
import { getPreferences, setPreferences } from '../../core/notifications/manage-preferences.service';
import { addShift, getIntake, listShifts, removeShift, setIntake } from '../../core/notifications/manage-intake.service';
import { getOutboxEntry, listOutbox, retryOutbox } from '../../core/notifications/outbox-admin.service';
import { actorOf } from './auth';
import { idParam, query, refParam } from './params';

/**
 * Notifications (issue 5, R4 R12):
 * GET/PUT /me/notifications, GET/PUT /people/{p}/notifications (admins): channels, rhythm, quiet hours;
 * GET/PUT /services/{s}/intake: mailing list and on-call delay; GET/POST /services/{s}/oncall,
 * DELETE /services/{s}/oncall/{id}: the rota; GET /outbox, GET /outbox/{id}, POST /outbox/retry (admins).
 */
export function notificationRoutes(deps: CoreDeps): Router {
  const r = Router();
  r.get('/me/notifications', async (req, res) => {
    res.json(await getPreferences(deps, actorOf(req)));
  });
  r.put('/me/notifications', async (req, res) => {
    res.json(await setPreferences(deps, actorOf(req), req.body));
  });
  r.get('/people/:person/notifications', async (req, res) => {
    res.json(await getPreferences(deps, actorOf(req), refParam(req, 'person')));
  });
  r.put('/people/:person/notifications', async (req, res) => {
    res.json(await setPreferences(deps, actorOf(req), req.body, refParam(req, 'person')));
  });
  r.get('/services/:service/intake', async (req, res) => {
    res.json(await getIntake(deps, actorOf(req), refParam(req, 'service')));
  });
  r.put('/services/:service/intake', async (req, res) => {
    res.json(await setIntake(deps, actorOf(req), refParam(req, 'service'), req.body));
  });
  r.get('/services/:service/oncall', async (req, res) => {
    res.json({ shifts: await listShifts(deps, actorOf(req), refParam(req, 'service')) });
  });
  r.post('/services/:service/oncall', async (req, res) => {
    res.status(201).json(await addShift(deps, actorOf(req), refParam(req, 'service'), req.body));
  });
  r.delete('/services/:service/oncall/:id', async (req, res) => {
    await removeShift(deps, actorOf(req), refParam(req, 'service'), idParam(req, 'id', 'not_found'));
    res.status(204).end();
  });
  r.get('/outbox', async (req, res) => {
    res.json(await listOutbox(deps, actorOf(req), query(req)));
  });
  r.post('/outbox/retry', async (req, res) => {
    res.json(await retryOutbox(deps, actorOf(req), req.body));
  });
  r.get('/outbox/:id', async (req, res) => {
    res.json(await getOutboxEntry(deps, actorOf(req), idParam(req, 'id', 'not_found')));
  });
  return r;
}
