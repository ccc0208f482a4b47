import type { NodeAPI, Node, NodeDef, NodeMessage, NodeMessageInFlow } from 'node-red';
import { HrError, toHrError, explainError } from '../../lib/errors';
import type { HrStore } from '../../lib/store';
import {
  getAt,
  ownerKindOf,
  readSource,
  resolvedValues,
  survivableFields,
  type SurvivableField,
} from '../../lib/survive';
import { parsePayload } from '../../lib/vendors/ats/boundary';
import { EmployeeUpdatedEvent } from '../../lib/vendors/hris/changes';
import { createShell } from '../common/shell';
import { storeFrom } from '../common/storeRef';
import { dictionaryFrom } from '../common/dictionaryRef';
import { SecretPolicy } from '../../lib/privacy/policy';
import { survive } from '../../lib/goldenRecord';
import { rememberForwarded, surviveHrisChange, withoutEchoes } from './twoWay';

interface SurvivorshipDef extends NodeDef {
  store: string;
  dictionary: string;
}

const guidOf = (msg: NodeMessageInFlow): unknown => (msg as { person?: { guid?: unknown } }).person?.guid;
const isHrisChange = (payload: unknown) =>
  Boolean(payload && typeof payload === 'object' && (payload as { type?: unknown }).type === 'employee.updated');

export = (RED: NodeAPI) => {
  function HrSurvivorship(this: Node, def: SurvivorshipDef) {
    RED.nodes.createNode(this, def);
    const shell = createShell(RED, this);
    const counts = { changed: 0, conflicts: 0, toAts: 0, echoes: 0 };
    const actor = `hr-survivorship:${this.id}`;

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
      (err: unknown) => shell.status('error', 'common.status.failed', { reason: explainError(RED._, toHrError(err)) }),
    );
    const showCounts = (warn: boolean) => shell.status(warn ? 'warn' : 'ok', 'hr-survivorship.status.counts', counts);

    /** An HRIS change: one ATS update per candidate to tell, and what was held or came back as our own. */
    async function fromHris(msg: NodeMessageInFlow): Promise<[NodeMessage[], NodeMessage | null]> {
      const event = parsePayload(EmployeeUpdatedEvent, msg.payload, 'msg.payload (employee.updated)');
      const store = await acquire();
      const updates: NodeMessage[] = [];
      const outcomes = [];
      for (const employee of event.employees) {
        const outcome = await surviveHrisChange(store, event, employee, fields, actor);
        outcomes.push(outcome);
        for (const update of outcome.atsUpdates) {
          updates.push({
            topic: `${update.ats.system}/atsUpdate`,
            operation: 'atsUpdate',
            payload: update.values,
            person: { guid: outcome.guid },
            sourceIds: update.ats,
            event: { source: event.system, eventId: event.eventId },
            changes: outcome.changes,
          } as NodeMessage);
        }
      }
      // Nothing left for a writer to finish: the change is done here (else the trigger emits it again at its next start).
      if (updates.length === 0)
        await store.markEvent(event.system, event.eventId, 'done', 'survivorship: nothing to write to the ATS');
      counts.changed += outcomes.filter((o) => o.changes.length).length;
      counts.toAts += updates.length;
      counts.echoes += outcomes.reduce((n, o) => n + o.echoes.length, 0);
      const troubled = outcomes.filter((o) => o.conflicts.length || o.held.length);
      counts.conflicts += troubled.reduce((n, o) => n + o.conflicts.length + o.held.length, 0);
      showCounts(troubled.length > 0);
      const review = troubled.length
        ? ({
            ...msg,
            conflicts: troubled.flatMap((o) => o.conflicts),
            held: troubled.flatMap((o) => o.held.map((h) => ({ ...h, employeeId: o.employeeId }))),
          } as NodeMessage)
        : null;
      return [updates, review];
    }

    shell.onInput(async (msg) => {
      if (isHrisChange(msg.payload)) return fromHris(msg);
      const source = readSource(msg.payload, { errorCode: 'survivorship.payload_invalid' });
      if (!source.system || !ownerKindOf(source.system)) {
        throw new HrError(
          'survivorship.source_unknown',
          `msg.payload.system ${source.system ? `"${source.system}" is not an ATS, HRIS or check provider` : 'is missing'}; survivorship needs to know which system sent the values.`,
          { field: 'system' },
        );
      }
      const store = await acquire();
      let guid = guidOf(msg) ?? source.personGuid;
      // An ATS's candidate update names the candidate only; the identity graph knows whose it is.
      if (!guid && source.kind === 'candidateUpdated')
        guid = await store.findByExternalId(source.links[0]!.system, source.links[0]!.externalId);
      if (typeof guid !== 'string' || !guid) {
        throw new HrError(
          'survivorship.guid_missing',
          "msg.person.guid is missing: wire the dedupe node's new or merge output into survivorship.",
          { field: 'person.guid' },
        );
      }
      const { values, echoes } = await withoutEchoes(
        store,
        guid,
        source.system,
        source.values,
        fields,
        source.eventId,
        actor,
      );
      const outcome = await survive(store, {
        guid,
        offer: { system: source.system, at: source.at ?? new Date(), values },
        eventId: source.eventId,
        fields,
        actor,
      });
      if (outcome.dropped) return null;
      const person = await store.getPerson(guid);
      const byPath = new Map(fields.map((f) => [f.path, f]));
      // What the flow now sends on to the other side, remembered so that side's report of it is known as ours.
      const taken = outcome.changes
        .map((c) => byPath.get(c.field)!)
        .map((field) => ({ field, value: getAt(outcome.record, field.recordPath)! }));
      await rememberForwarded(
        store,
        guid,
        taken,
        person?.links ?? [],
        ownerKindOf(source.system) === 'hris' ? 'ats' : 'hris',
      );

      counts.changed += outcome.changes.length ? 1 : 0;
      counts.conflicts += outcome.conflicts.length;
      counts.echoes += echoes.length;
      showCounts(outcome.conflicts.length > 0);
      const resolved = msg as NodeMessage & Record<string, unknown>;
      resolved.payload = resolvedValues(source.values, outcome.record, fields);
      resolved.changes = outcome.changes;
      resolved.kept = outcome.kept;
      if (echoes.length) resolved.echoes = echoes;
      const conflicts = outcome.conflicts.length ? { ...resolved, conflicts: outcome.conflicts } : null;
      return [resolved, conflicts];
    });
  }

  RED.nodes.registerType('hr-survivorship', HrSurvivorship);
};
