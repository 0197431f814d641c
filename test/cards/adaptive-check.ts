/**
 * Parses a card with the adaptivecards library (its Node build: the lib/ entry point needs a DOM)
 * and returns every parse event and validation failure, as text.
 */
import type * as ACTypes from 'adaptivecards';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof ACTypes;

export function adaptiveProblems(json: Record<string, unknown>): string[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(json, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    problems.push(`parse: ${AC.ValidationEvent[e.event]}: ${e.message}`);
  }
  for (const e of card.validateProperties().validationEvents) problems.push(`validate: ${AC.ValidationEvent[e.event]}: ${e.message}`);
  if (json.version !== '1.5') problems.push(`version: ${String(json.version)}, not 1.5`);
  return problems;
}

/** Every Action.Execute of a card, show cards included. */
export function executeActions(node: unknown, found: Array<Record<string, any>> = []): Array<Record<string, any>> { // eslint-disable-line @typescript-eslint/no-explicit-any
  if (Array.isArray(node)) node.forEach((n) => executeActions(n, found));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.type === 'Action.Execute') found.push(o);
    Object.values(o).forEach((v) => executeActions(v, found));
  }
  return found;
}
