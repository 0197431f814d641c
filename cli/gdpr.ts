import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { Actor } from '../core/shared/actor';
import type { CoreDeps } from '../core/shared/deps';
import { erasePerson, exportPersonalData } from '../core/people/personal-data.service';

export const GDPR_USAGE = `  gdpr export <e-mail|phone|id> [--out FILE]
                                          everything stored about a person, as JSON (R9)
  gdpr erase <e-mail|phone|id> --yes      anonymise a person for good: name, contacts, platform ids, tokens`;

/** `npx helpdesk gdpr export|erase ...`: the same use cases as the REST API, as the operator. */
export async function gdprCommand(deps: CoreDeps, operator: Actor, args: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string' }, yes: { type: 'boolean', default: false } } });
  const [action, who] = positionals;
  if (!who || (action !== 'export' && action !== 'erase')) {
    err(`usage:\n${GDPR_USAGE}\n`);
    return 2;
  }
  if (action === 'export') {
    const data = JSON.stringify(await exportPersonalData(deps, operator, who), null, 2) + '\n';
    if (values.out) {
      fs.writeFileSync(values.out, data, { mode: 0o600 });
      out(`personal data written to ${values.out}\n`);
    } else out(data);
    return 0;
  }
  if (!values.yes) {
    err('erasure cannot be undone: add --yes to confirm\n');
    return 2;
  }
  const r = await erasePerson(deps, operator, who);
  out(`person ${r.personId} erased (now "${r.name}")\n`);
  return 0;
}
