import type { NodeAPI, Node, NodeDef } from 'node-red';
import type { Request, Response } from 'express';
import { createShell } from '../common/shell';
import { compileMapper, type CompiledMapper, type MapperConfig } from '../../lib/mapping/mapperConfig';
import { checkTable } from '../../lib/mapping/compileTable';
import { sampleHire } from '../../lib/mapping/sampleHire';
import { startingMappings, type MappingTarget } from '../../lib/mapping/startingMappings';
import { startingTables } from '../../lib/mapping/startingTables';
import { tableFromCsv, tableToCsv } from '../../lib/mapping/tableCsv';
import { MappingTable } from '../../lib/mapping/mappingTable';
import { tableTransforms } from '../../lib/mapping/tableTransforms';
import { listedEnv, parseEnvList } from '../../lib/mapping/envAccess';
import type { SecretPolicy } from '../../lib/privacy/policy';
import { defaultPolicy } from '../../lib/dictionary/defaultPolicy';
import { policyFrom } from '../common/dictionaryRef';
import { HrError, toHrError } from '../../lib/errors';
import { checkAgainstCatalogue, parsePastedCatalogue, type CatalogueProblem } from '../../lib/mapping/fieldCatalogue';
import { FieldCatalogue } from '../../lib/vendors/hris/catalogue';
import { describeIssues } from '../../lib/zodIssues';
import { registerCatalogueRoute } from './catalogueRoute';

interface MapperDef extends NodeDef, MapperConfig {
  target: string;
  /** The environment variables env rows may read, separated by commas. */
  envVars?: string;
  /** The data dictionary whose secret policy masks the preview; none: the default one. */
  dictionary?: string;
}

/** What the editor sends to check or preview a mapping that may not be deployed yet. */
type PreviewBody = MapperConfig & {
  sample?: unknown;
  node?: unknown;
  envVars?: unknown;
  dictionary?: unknown;
  catalogue?: unknown;
  fieldList?: unknown;
};

/** The HRIS's fields the dialog holds: read from a connection, or pasted for a generic HRIS; none: nothing to check against. */
function catalogueOf(body: PreviewBody): FieldCatalogue | undefined {
  if (typeof body.fieldList === 'string' && body.fieldList.trim()) {
    try {
      return parsePastedCatalogue(body.fieldList);
    } catch (err) {
      throw new HrError('mapper.field_list_invalid', `The pasted field list cannot be read: ${(err as Error).message}`);
    }
  }
  if (body.catalogue === undefined || body.catalogue === null) return undefined;
  const parsed = FieldCatalogue.safeParse(body.catalogue);
  if (!parsed.success)
    throw new HrError('mapper.catalogue_invalid', `The field catalogue is not valid: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

/** Table rows as the check reads them; anything else is the compiler's to report. */
const tableRows = (rows: unknown) => (Array.isArray(rows) ? MappingTable.safeParse(rows) : null);

const errorBody = (err: unknown) => {
  const e = toHrError(err);
  return { code: e.code, message: e.message, details: e.details ?? null };
};

export = (RED: NodeAPI) => {
  /** The last canonical record each mapper saw, already redacted, for the editor's preview. */
  const lastSamples = new Map<string, unknown>();

  /** The variables each deployed store reads its key from: never readable by a mapping. */
  const storeKeyNames = (): string[] => {
    const names: string[] = [];
    RED.nodes.eachNode((def) => {
      const keyEnv = (def as NodeDef & { keyEnv?: unknown }).keyEnv;
      if (def.type === 'hr-store' && typeof keyEnv === 'string' && keyEnv) names.push(keyEnv);
    });
    return names;
  };

  /** Listed environment variables as the node sees them (its flow's and global env, then the process's). */
  const envOf = (node: Node | null, listed: unknown) =>
    listedEnv(
      parseEnvList(listed),
      storeKeyNames(),
      (name) => (node ? RED.util.getSetting(node, name) : process.env[name]) ?? undefined,
    );

  /** The preview's policy: the dictionary chosen in the dialog, else the default one. */
  const previewPolicy = (body: PreviewBody): SecretPolicy =>
    typeof body.dictionary === 'string' && body.dictionary ? policyFrom(RED, body.dictionary) : defaultPolicy;

  function HrMapper(this: Node, def: MapperDef) {
    RED.nodes.createNode(this, def);
    const shell = createShell(RED, this);
    let mapper: CompiledMapper | null = null;
    let policy: SecretPolicy = defaultPolicy;
    try {
      policy = policyFrom(RED, def.dictionary);
      shell.usePolicy(policy);
      mapper = compileMapper(def, { env: envOf(this, def.envVars) });
      shell.status('idle', mapper.mode === 'table' ? 'hr-mapper.status.readyTable' : 'hr-mapper.status.readyJsonata');
    } catch (err) {
      shell.refuse(toHrError(err));
    }
    let count = 0;
    let notSentCount = 0;
    shell.own(() => void lastSamples.delete(this.id));

    shell.onInput(async (msg) => {
      lastSamples.set(this.id, policy.mask(msg.payload));
      const record = await mapper!.mapping.map(msg.payload);
      // What no row sends is reported on the message (personal values masked), for the validator and the debug sidebar.
      const notSent = mapper!.coverage?.(msg.payload);
      // The canonical record stays on the message so later nodes (validator, writer) can compare against it.
      (msg as { canonical?: unknown }).canonical = msg.payload;
      (msg as { mapping?: unknown }).mapping = notSent ? { notSent } : {};
      msg.payload = record;
      count += 1;
      notSentCount += notSent?.length ?? 0;
      if (notSentCount) shell.status('warn', 'hr-mapper.status.mappedNotSent', { count, notSent: notSentCount });
      else shell.status('ok', 'hr-mapper.status.mapped', { count });
      return msg;
    });
  }
  RED.nodes.registerType('hr-mapper', HrMapper);

  registerCatalogueRoute(RED);

  const read = RED.auth.needsPermission('hr-mapper.read');
  const write = RED.auth.needsPermission('hr-mapper.write');

  RED.httpAdmin.get('/hr-mapper/transforms', read, (_req: Request, res: Response) => {
    res.json(Object.entries(tableTransforms).map(([name, t]) => ({ name, params: t.params })));
  });

  RED.httpAdmin.get('/hr-mapper/starting/:target', read, (req: Request, res: Response) => {
    const target = req.params.target as MappingTarget;
    if (!Object.hasOwn(startingMappings, target))
      return void res.status(404).json({ error: `no starting mapping for "${target}"` });
    res.json({ target, expression: startingMappings[target], rows: startingTables[target] });
  });

  // The editor checks the table as it is edited, so each wrong row is marked before deploying.
  // With the HRIS's catalogue, also every target the HRIS lacks and every constant outside its list or type.
  RED.httpAdmin.post('/hr-mapper/check', write, (req: Request, res: Response) => {
    const body = (req.body ?? {}) as PreviewBody;
    const problems = checkTable(body.rows, { env: envOf(null, body.envVars) });
    let fieldProblems: CatalogueProblem[] = [];
    try {
      const catalogue = catalogueOf(body);
      const rows = tableRows(body.rows);
      if (catalogue && rows?.success) fieldProblems = checkAgainstCatalogue(rows.data, catalogue);
    } catch (err) {
      return void res.json({ ok: false, problems, fieldProblems, error: errorBody(err) });
    }
    res.json({ ok: problems.length === 0 && fieldProblems.length === 0, problems, fieldProblems });
  });

  // "Try it" in the edit dialog: runs a mapping that has not been deployed yet on a sample; for a
  // table, every row with its source value, the value sent and its error.
  RED.httpAdmin.post('/hr-mapper/preview', write, (req: Request, res: Response) => {
    void (async () => {
      const body = (req.body ?? {}) as PreviewBody;
      const source =
        body.sample !== undefined
          ? 'pasted'
          : typeof body.node === 'string' && lastSamples.has(body.node)
            ? 'last'
            : 'example';
      const sample =
        source === 'pasted' ? body.sample : source === 'last' ? lastSamples.get(body.node as string) : sampleHire();
      const deployed = typeof body.node === 'string' ? RED.nodes.getNode(body.node) : null;
      let mapper: CompiledMapper;
      let policy: SecretPolicy;
      try {
        policy = previewPolicy(body);
        mapper = compileMapper(body, { env: envOf(deployed, body.envVars) });
      } catch (err) {
        return void res.json({ ok: false, source, sample: defaultPolicy.mask(sample), error: errorBody(err) });
      }
      // Whatever the preview shows passes the policy, echoes of the sample's secrets included.
      const shown = <T>(value: T): T => policy.mask(value, { echoesOf: sample });
      const rows = mapper.mode === 'table' ? await mapper.mapping.preview(sample) : undefined;
      const notSent = mapper.coverage ? mapper.coverage(sample) : null;
      // The values this sample would send, checked against the HRIS's fields before a real hire is written.
      let fieldProblems: CatalogueProblem[] = [];
      let catalogueError: ReturnType<typeof errorBody> | undefined;
      try {
        const catalogue = catalogueOf(body);
        const table = tableRows(body.rows);
        if (catalogue && rows && table?.success) {
          fieldProblems = checkAgainstCatalogue(
            table.data,
            catalogue,
            new Map(rows.filter((r) => !r.error).map((r) => [r.row, r.value])),
          );
        }
      } catch (err) {
        catalogueError = errorBody(err);
      }
      const checked = { fieldProblems, ...(catalogueError ? { catalogueError } : {}) };
      try {
        res.json(
          shown({ ok: true, source, sample, result: await mapper.mapping.map(sample), rows, notSent, ...checked }),
        );
      } catch (err) {
        res.json(shown({ ok: false, source, sample, error: errorBody(err), rows, notSent, ...checked }));
      }
    })().catch((err: unknown) => res.status(500).json({ ok: false, error: errorBody(err) }));
  });

  RED.httpAdmin.post('/hr-mapper/csv/export', write, (req: Request, res: Response) => {
    const rows = MappingTable.safeParse((req.body as { rows?: unknown } | undefined)?.rows);
    if (!rows.success) return void res.status(400).json({ error: 'rows must be a mapping table' });
    res.json({ csv: tableToCsv(rows.data) });
  });

  RED.httpAdmin.post('/hr-mapper/csv/import', write, (req: Request, res: Response) => {
    const csv = (req.body as { csv?: unknown } | undefined)?.csv;
    try {
      res.json({ ok: true, rows: tableFromCsv(typeof csv === 'string' ? csv : '') });
    } catch (err) {
      res.json({ ok: false, error: errorBody(err) });
    }
  });
};
