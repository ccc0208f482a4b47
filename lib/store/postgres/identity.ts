import { randomUUID } from 'node:crypto';
import { HrError } from '../../errors';
import type { ConsentFlags, ExternalLink, JsonObject, MatchIndexEntry, NewPerson, Person, Provenance } from '../types';
import type { PgBlocking } from './blocking';
import type { PgContext } from './context';
import type { Queryable } from './driver';
import { lockLivePerson, type PersonRow } from './persons';

interface ProvenanceRow {
  field: string;
  value: string;
  source: string;
  source_time: Date;
}

/** Persons, their external links, consent and field provenance. Methods that write expect a transaction. */
export class PgIdentity {
  constructor(
    private readonly ctx: PgContext,
    private readonly blocking: PgBlocking,
    private readonly isForgottenLink: (q: Queryable, link: ExternalLink) => Promise<boolean>,
    private readonly firstForgottenLink: (
      q: Queryable,
      links: readonly ExternalLink[],
    ) => Promise<ExternalLink | undefined>,
  ) {}

  async create(q: Queryable, init: NewPerson): Promise<Person> {
    const guid = randomUUID();
    const now = this.ctx.now();
    await q.query('INSERT INTO persons (guid, record, consent, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)', [
      guid,
      this.ctx.codec.encodeRecord(init.record ?? {}),
      JSON.stringify(init.consent ?? {}),
      now,
    ]);
    for (const { system, externalId } of init.links ?? []) await this.link(q, guid, system, externalId);
    if (init.blockingKeys) await this.blocking.putKeys(q, guid, init.blockingKeys);
    if (init.names) await this.blocking.putNames(q, guid, init.names);
    if (init.comparisonRecord !== undefined) await this.blocking.putComparisonRecord(q, guid, init.comparisonRecord);
    for (const [field, provenance] of Object.entries(init.provenance ?? {}))
      await this.setProvenance(q, guid, field, provenance);
    return this.toPerson(q, await lockLivePerson(q, guid));
  }

  /** Call inside a transaction. A batch costs a few statements, whatever its size. */
  async createMany(q: Queryable, inits: readonly NewPerson[]): Promise<string[]> {
    if (inits.length === 0) return [];
    const now = this.ctx.now();
    const guids = inits.map(() => randomUUID());
    await q.query(
      'INSERT INTO persons (guid, record, consent, created_at, updated_at) SELECT g, r, c, $4, $4 FROM unnest($1::text[], $2::text[], $3::text[]) AS t (g, r, c)',
      [
        guids,
        inits.map((init) => this.ctx.codec.encodeRecord(init.record ?? {})),
        inits.map((init) => JSON.stringify(init.consent ?? {})),
        now,
      ],
    );
    await this.linkNew(
      q,
      inits.flatMap((init, i) => (init.links ?? []).map((link) => ({ ...link, guid: guids[i]! }))),
      now,
    );
    await this.blocking.addNewPersons(
      q,
      inits.map((init, i) => ({
        guid: guids[i]!,
        keys: init.blockingKeys ?? [],
        names: init.names ?? {},
        comparisonRecord: init.comparisonRecord,
      })),
    );
    const provenance = inits.flatMap((init, i) =>
      Object.entries(init.provenance ?? {}).map(([field, p]) => ({ guid: guids[i]!, field, p })),
    );
    if (provenance.length > 0) {
      await q.query(
        'INSERT INTO provenance (guid, field, value, source, source_time) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[])',
        [
          provenance.map((r) => r.guid),
          provenance.map((r) => r.field),
          provenance.map((r) => this.ctx.codec.encodeField(r.field, r.p.value)),
          provenance.map((r) => r.p.source),
          provenance.map((r) => r.p.sourceTime),
        ],
      );
    }
    return guids;
  }

  /** Call inside a transaction. */
  async putMatchIndex(q: Queryable, guid: string, entry: MatchIndexEntry): Promise<void> {
    await lockLivePerson(q, guid);
    await this.blocking.putKeys(q, guid, entry.blockingKeys, entry.keepOtherKeys);
    await this.blocking.putNames(q, guid, entry.names);
    await this.blocking.putComparisonRecord(q, guid, entry.comparisonRecord);
  }

  /** Links of persons created in this transaction, in one statement; the first one taken fails them all. */
  private async linkNew(q: Queryable, links: ReadonlyArray<ExternalLink & { guid: string }>, now: Date): Promise<void> {
    const unique = [...new Map(links.map((l) => [`${l.system}\0${l.externalId}\0${l.guid}`, l])).values()];
    if (unique.length === 0) return;
    const forgotten = await this.firstForgottenLink(
      q,
      unique.map(({ system, externalId }) => ({ system, externalId })),
    );
    if (forgotten) {
      throw new HrError(
        'store.tombstoned',
        `${forgotten.system} id ${forgotten.externalId} belonged to a person who was forgotten; it cannot be linked again.`,
        { system: forgotten.system, externalId: forgotten.externalId },
      );
    }
    const { rows } = await q.query<{ system: string; external_id: string }>(
      `INSERT INTO links (system, external_id, guid, created_at) SELECT s, e, g, $4 FROM unnest($1::text[], $2::text[], $3::text[]) AS t (s, e, g)
       ON CONFLICT DO NOTHING RETURNING system, external_id`,
      [unique.map((l) => l.system), unique.map((l) => l.externalId), unique.map((l) => l.guid), now],
    );
    if (rows.length === unique.length) return;
    const inserted = new Set(rows.map((r) => `${r.system}\0${r.external_id}`));
    const taken =
      unique.find((l) => !inserted.has(`${l.system}\0${l.externalId}`)) ??
      unique.find((l, i) => unique.findIndex((m) => m.system === l.system && m.externalId === l.externalId) !== i)!;
    const owner = (await this.findByExternalId(q, taken.system, taken.externalId)) ?? 'another person of this batch';
    throw new HrError(
      'store.link_conflict',
      `${taken.system} id ${taken.externalId} already belongs to person ${owner}, so it cannot be linked to ${taken.guid}.`,
      { system: taken.system, externalId: taken.externalId, owner, guid: taken.guid },
    );
  }

  async get(q: Queryable, guid: string): Promise<Person | null> {
    const {
      rows: [row],
    } = await q.query<PersonRow>('SELECT * FROM persons WHERE guid = $1', [guid]);
    return row && row.forgotten_at === null ? this.toPerson(q, row) : null;
  }

  async save(
    q: Queryable,
    guid: string,
    record: JsonObject,
    provenance: Record<string, Provenance> = {},
  ): Promise<void> {
    await lockLivePerson(q, guid);
    await q.query('UPDATE persons SET record = $1, updated_at = $2 WHERE guid = $3', [
      this.ctx.codec.encodeRecord(record),
      this.ctx.now(),
      guid,
    ]);
    for (const [field, entry] of Object.entries(provenance)) await this.setProvenance(q, guid, field, entry);
  }

  async setConsent(q: Queryable, guid: string, flags: ConsentFlags): Promise<ConsentFlags> {
    const merged = { ...(JSON.parse((await lockLivePerson(q, guid)).consent) as ConsentFlags), ...flags };
    await q.query('UPDATE persons SET consent = $1, updated_at = $2 WHERE guid = $3', [
      JSON.stringify(merged),
      this.ctx.now(),
      guid,
    ]);
    return merged;
  }

  async findByExternalId(q: Queryable, system: string, externalId: string): Promise<string | null> {
    const {
      rows: [row],
    } = await q.query<{ guid: string }>('SELECT guid FROM links WHERE system = $1 AND external_id = $2', [
      system,
      externalId,
    ]);
    return row?.guid ?? null;
  }

  /** The primary key on (system, externalId) decides between instances linking one id at once. */
  async link(q: Queryable, guid: string, system: string, externalId: string): Promise<{ created: boolean }> {
    await lockLivePerson(q, guid);
    const owner = await this.findByExternalId(q, system, externalId);
    if (owner === null && (await this.isForgottenLink(q, { system, externalId }))) {
      throw new HrError(
        'store.tombstoned',
        `${system} id ${externalId} belonged to a person who was forgotten; it cannot be linked again.`,
        { system, externalId },
      );
    }
    if (owner === null) {
      const { rowCount } = await q.query(
        'INSERT INTO links (system, external_id, guid, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
        [system, externalId, guid, this.ctx.now()],
      );
      if (rowCount === 1) return { created: true };
    }
    const winner = owner ?? (await this.findByExternalId(q, system, externalId));
    if (winner === guid) return { created: false };
    throw new HrError(
      'store.link_conflict',
      `${system} id ${externalId} already belongs to person ${winner}, so it cannot be linked to ${guid}.`,
      { system, externalId, owner: winner, guid },
    );
  }

  async getProvenance(q: Queryable, guid: string): Promise<Record<string, Provenance>> {
    const { rows } = await q.query<ProvenanceRow>(
      'SELECT field, value, source, source_time FROM provenance WHERE guid = $1',
      [guid],
    );
    const out: Record<string, Provenance> = {};
    for (const row of rows) {
      out[row.field] = {
        value: this.ctx.codec.decode(row.value) as Provenance['value'],
        source: row.source,
        sourceTime: row.source_time,
      };
    }
    return out;
  }

  async setProvenance(q: Queryable, guid: string, field: string, provenance: Provenance): Promise<void> {
    await lockLivePerson(q, guid);
    await q.query(
      `INSERT INTO provenance (guid, field, value, source, source_time) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (guid, field) DO UPDATE SET value = excluded.value, source = excluded.source, source_time = excluded.source_time`,
      [guid, field, this.ctx.codec.encodeField(field, provenance.value), provenance.source, provenance.sourceTime],
    );
  }

  private async toPerson(q: Queryable, row: PersonRow): Promise<Person> {
    const { rows: links } = await q.query<{ system: string; external_id: string }>(
      'SELECT system, external_id FROM links WHERE guid = $1 ORDER BY system, external_id',
      [row.guid],
    );
    return {
      guid: row.guid,
      record: this.ctx.codec.decode(row.record) as JsonObject,
      consent: JSON.parse(row.consent) as ConsentFlags,
      links: links.map((l) => ({ system: l.system, externalId: l.external_id })),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }
}
