import { randomUUID } from 'node:crypto';
import { HrError } from '../../errors';
import type { ConsentFlags, ExternalLink, JsonObject, MatchIndexEntry, NewPerson, Person, Provenance } from '../types';
import { inTransaction, toDate, type SqliteContext } from './context';
import type { SqliteBlocking } from './blocking';

interface PersonRow {
  guid: string;
  record: string;
  consent: string;
  created_at: number;
  updated_at: number;
  forgotten_at: number | null;
}

interface ProvenanceRow {
  field: string;
  value: string;
  source: string;
  source_time: number;
}

/** Persons, their external links, consent and field provenance. */
export class SqliteIdentity {
  private readonly insertPerson;
  private readonly selectPerson;
  private readonly updateRecord;
  private readonly updateConsent;
  private readonly selectLinks;
  private readonly selectLinkOwner;
  private readonly insertLink;
  private readonly selectProvenance;
  private readonly upsertProvenance;

  constructor(
    private readonly ctx: SqliteContext,
    private readonly blocking: SqliteBlocking,
    private readonly isForgottenLink: (link: ExternalLink) => boolean,
  ) {
    const { db } = ctx;
    this.insertPerson = db.prepare<[string, string, string, number, number]>(
      'INSERT INTO persons (guid, record, consent, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.selectPerson = db.prepare<[string], PersonRow>('SELECT * FROM persons WHERE guid = ?');
    this.updateRecord = db.prepare<[string, number, string]>(
      'UPDATE persons SET record = ?, updated_at = ? WHERE guid = ?',
    );
    this.updateConsent = db.prepare<[string, number, string]>(
      'UPDATE persons SET consent = ?, updated_at = ? WHERE guid = ?',
    );
    this.selectLinks = db.prepare<[string], { system: string; external_id: string }>(
      'SELECT system, external_id FROM links WHERE guid = ? ORDER BY system, external_id',
    );
    this.selectLinkOwner = db
      .prepare<[string, string], string>('SELECT guid FROM links WHERE system = ? AND external_id = ?')
      .pluck();
    this.insertLink = db.prepare<[string, string, string, number]>(
      'INSERT INTO links (system, external_id, guid, created_at) VALUES (?, ?, ?, ?)',
    );
    this.selectProvenance = db.prepare<[string], ProvenanceRow>(
      'SELECT field, value, source, source_time FROM provenance WHERE guid = ?',
    );
    this.upsertProvenance = db.prepare<[string, string, string, string, number]>(
      `INSERT INTO provenance (guid, field, value, source, source_time) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (guid, field) DO UPDATE SET value = excluded.value, source = excluded.source, source_time = excluded.source_time`,
    );
  }

  create(init: NewPerson): Person {
    return inTransaction(this.ctx.db, () => {
      const guid = this.insertNew(init, this.ctx.now());
      if (init.names) this.blocking.putNames(guid, init.names);
      return this.toPerson(this.requireLive(guid));
    });
  }

  createMany(inits: readonly NewPerson[]): string[] {
    return inTransaction(this.ctx.db, () => {
      const now = this.ctx.now();
      const guids = inits.map((init) => this.insertNew(init, now));
      this.blocking.addNamesOfNewPersons(guids.map((guid, i) => ({ guid, names: inits[i]?.names ?? {} })));
      return guids;
    });
  }

  /** Keys, names and comparison record together, as a lookup reads them. */
  putMatchIndex(guid: string, entry: MatchIndexEntry): void {
    inTransaction(this.ctx.db, () => {
      this.requireLive(guid);
      if (entry.keepOtherKeys) this.blocking.addKeys(guid, entry.blockingKeys);
      else this.blocking.putKeys(guid, entry.blockingKeys);
      this.blocking.putNames(guid, entry.names);
      this.blocking.putComparisonRecord(guid, entry.comparisonRecord);
    });
  }

  /**
   * Everything of a new person but the names, whose counts the callers keep (one by one, or per batch).
   * Call inside a transaction: the person is new, so nothing of theirs needs reading or replacing first.
   */
  private insertNew(init: NewPerson, now: number): string {
    const guid = randomUUID();
    this.insertPerson.run(
      guid,
      this.ctx.codec.encodeRecord(init.record ?? {}),
      JSON.stringify(init.consent ?? {}),
      now,
      now,
    );
    for (const { system, externalId } of init.links ?? []) this.linkChecked(guid, system, externalId, now);
    if (init.blockingKeys) this.blocking.addKeys(guid, init.blockingKeys);
    if (init.comparisonRecord !== undefined) this.blocking.putComparisonRecord(guid, init.comparisonRecord);
    for (const [field, p] of Object.entries(init.provenance ?? {})) {
      this.upsertProvenance.run(
        guid,
        field,
        this.ctx.codec.encodeField(field, p.value),
        p.source,
        p.sourceTime.getTime(),
      );
    }
    return guid;
  }

  private linkChecked(guid: string, system: string, externalId: string, now: number): { created: boolean } {
    const owner = this.selectLinkOwner.get(system, externalId);
    if (owner === guid) return { created: false };
    if (owner !== undefined) {
      throw new HrError(
        'store.link_conflict',
        `${system} id ${externalId} already belongs to person ${owner}, so it cannot be linked to ${guid}.`,
        { system, externalId, owner, guid },
      );
    }
    if (this.isForgottenLink({ system, externalId })) {
      throw new HrError(
        'store.tombstoned',
        `${system} id ${externalId} belonged to a person who was forgotten; it cannot be linked again.`,
        { system, externalId },
      );
    }
    this.insertLink.run(system, externalId, guid, now);
    return { created: true };
  }

  get(guid: string): Person | null {
    const row = this.selectPerson.get(guid);
    return row && row.forgotten_at === null ? this.toPerson(row) : null;
  }

  save(guid: string, record: JsonObject, provenance: Record<string, Provenance> = {}): void {
    inTransaction(this.ctx.db, () => {
      this.requireLive(guid);
      this.updateRecord.run(this.ctx.codec.encodeRecord(record), this.ctx.now(), guid);
      for (const [field, entry] of Object.entries(provenance)) this.setProvenance(guid, field, entry);
    });
  }

  setConsent(guid: string, flags: ConsentFlags): ConsentFlags {
    return inTransaction(this.ctx.db, () => {
      const merged = { ...(JSON.parse(this.requireLive(guid).consent) as ConsentFlags), ...flags };
      this.updateConsent.run(JSON.stringify(merged), this.ctx.now(), guid);
      return merged;
    });
  }

  findByExternalId(system: string, externalId: string): string | null {
    return this.selectLinkOwner.get(system, externalId) ?? null;
  }

  link(guid: string, system: string, externalId: string): { created: boolean } {
    return inTransaction(this.ctx.db, () => {
      this.requireLive(guid);
      return this.linkChecked(guid, system, externalId, this.ctx.now());
    });
  }

  getProvenance(guid: string): Record<string, Provenance> {
    const out: Record<string, Provenance> = {};
    for (const row of this.selectProvenance.all(guid)) {
      out[row.field] = {
        value: this.ctx.codec.decode(row.value) as Provenance['value'],
        source: row.source,
        sourceTime: toDate(row.source_time),
      };
    }
    return out;
  }

  setProvenance(guid: string, field: string, provenance: Provenance): void {
    inTransaction(this.ctx.db, () => {
      this.requireLive(guid);
      this.upsertProvenance.run(
        guid,
        field,
        this.ctx.codec.encodeField(field, provenance.value),
        provenance.source,
        provenance.sourceTime.getTime(),
      );
    });
  }

  requireLive(guid: string): PersonRow {
    const row = this.selectPerson.get(guid);
    if (!row) throw new HrError('store.person_not_found', `No person ${guid} in the store.`, { guid });
    if (row.forgotten_at !== null)
      throw new HrError('store.person_forgotten', `Person ${guid} was forgotten and can no longer be changed.`, {
        guid,
      });
    return row;
  }

  private toPerson(row: PersonRow): Person {
    return {
      guid: row.guid,
      record: this.ctx.codec.decode(row.record) as JsonObject,
      consent: JSON.parse(row.consent) as ConsentFlags,
      links: this.selectLinks.all(row.guid).map((l) => ({ system: l.system, externalId: l.external_id })),
      createdAt: toDate(row.created_at),
      updatedAt: toDate(row.updated_at),
    };
  }
}
