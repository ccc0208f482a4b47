import type { NodeAPI, Node, NodeDef, NodeMessage, NodeMessageInFlow } from 'node-red';
import { HrError, toHrError } from '../../lib/errors';
import type { HrStore } from '../../lib/store';
import { ownerKindOf, readSource, resolvedValues, survivableFields, type SurvivableField } from '../../lib/survive';
import { createShell } from '../shared/shell';
import { storeFrom } from '../shared/storeRef';
import { dictionaryFrom } from '../shared/dictionaryRef';
import { SecretPolicy } from '../../lib/privacy/policy';
import { survive } from './goldenRecord';

interface SurvivorshipDef extends NodeDef {
  store: string;
  dictionary: string;
}

const guidOf = (msg: NodeMessageInFlow): unknown => (msg as { person?: { guid?: unknown } }).person?.guid;

export = (RED: NodeAPI) => {
  function HrSurvivorship(this: Node, def: SurvivorshipDef) {
    RED.nodes.createNode(this, def);
    const shell = createShell(RED, this);
    const counts = { changed: 0, conflicts: 0 };

    let acquire: () => Promise<HrStore>;
    let fields: SurvivableField[];
    try {
      const storeNode = storeFrom(RED, def.store);
      acquire = () => storeNode.acquire();
      const dictionary = dictionaryFrom(RED, def.dictionary);
      shell.usePolicy(SecretPolicy.of(dictionary));
      fields = survivableFields(dictionary);
    } catch (err) {
      shell.refuse(toHrError(err));
      shell.onInput(async () => null);
      return;
    }
    acquire().then(
      () => shell.status('idle', 'hr-survivorship.status.ready'),
      (err: unknown) => shell.status('error', 'common.status.failed', { code: toHrError(err).code }),
    );

    shell.onInput(async (msg) => {
      const source = readSource(msg.payload, { errorCode: 'survivorship.payload_invalid' });
      if (!source.system || !ownerKindOf(source.system)) {
        throw new HrError('survivorship.source_unknown', `msg.payload.system ${source.system ? `"${source.system}" is not an ATS, HRIS or check provider` : 'is missing'}; survivorship needs to know which system sent the values.`, { field: 'system' });
      }
      const guid = guidOf(msg) ?? source.personGuid;
      if (typeof guid !== 'string' || !guid) {
        throw new HrError('survivorship.guid_missing', 'msg.person.guid is missing: wire the dedupe node\'s new or merge output into survivorship.', { field: 'person.guid' });
      }
      const store = await acquire();
      const outcome = await survive(store, {
        guid,
        offer: { system: source.system, at: source.at ?? new Date(), values: source.values },
        eventId: source.eventId,
        fields,
        actor: `hr-survivorship:${this.id}`,
      });
      if (outcome.dropped) return null;

      counts.changed += outcome.changes.length ? 1 : 0;
      counts.conflicts += outcome.conflicts.length;
      shell.status(outcome.conflicts.length ? 'warn' : 'ok', 'hr-survivorship.status.counts', counts);
      const resolved = msg as NodeMessage & Record<string, unknown>;
      resolved.payload = resolvedValues(source.values, outcome.record, fields);
      resolved.changes = outcome.changes;
      resolved.kept = outcome.kept;
      const conflicts = outcome.conflicts.length ? { ...resolved, conflicts: outcome.conflicts } : null;
      return [resolved, conflicts];
    });
  }

  RED.nodes.registerType('hr-survivorship', HrSurvivorship);
};
