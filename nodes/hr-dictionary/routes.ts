/**
 * The editor's helpers for the dictionary table. Parsing and validation run here, in the runtime, with
 * lib/dictionary, so the dialog reports exactly what a deploy would: a bad CSV row by line and
 * column, a bad field by its name.
 */
import type { NodeAPI } from 'node-red';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { dictionaryFromCsv, dictionaryToCsv } from '../../lib/dictionary/csvDictionary';
import { defaultDictionary } from '../../lib/dictionary/defaultDictionary';
import { dictionaryFromJson } from '../../lib/dictionary/jsonDictionary';
import { toHrError } from '../../lib/errors';
import { describeIssues } from '../../lib/zodIssues';

const ParseCsvBody = z.object({ csv: z.string(), version: z.string().trim().min(1).default('1') });
const ParseJsonBody = z.object({ json: z.unknown().refine((v) => v !== undefined, 'is required') });
const ToCsvBody = z.object({ dictionary: z.unknown() });

/**
 * Parses the request body and runs the work. A dictionary with problems is an answer, not a failed
 * request: 200 with `ok: false` and the problems (a 4xx would also land in the browser's console).
 */
function answer<T extends z.ZodType>(schema: T, work: (body: z.infer<T>) => Record<string, unknown>) {
  return (req: Request, res: Response) => {
    const body = schema.safeParse(req.body ?? {});
    if (!body.success)
      return void res.status(400).json({
        ok: false,
        error: { code: 'dictionary.request_invalid', message: describeIssues(body.error), problems: [] },
      });
    try {
      res.json({ ok: true, ...work(body.data) });
    } catch (err) {
      const e = toHrError(err);
      res.json({ ok: false, error: { code: e.code, message: e.message, problems: e.details?.problems ?? [] } });
    }
  };
}

export function registerDictionaryRoutes(RED: NodeAPI): void {
  const read = RED.auth.needsPermission('hr-dictionary.read');
  const write = RED.auth.needsPermission('hr-dictionary.write');

  RED.httpAdmin.get('/hr-dictionary/default', read, (_req: Request, res: Response) => {
    res.json({ dictionary: defaultDictionary });
  });

  RED.httpAdmin.post(
    '/hr-dictionary/parse-csv',
    write,
    answer(ParseCsvBody, ({ csv, version }) => ({ dictionary: dictionaryFromCsv(csv, { version }) })),
  );

  RED.httpAdmin.post(
    '/hr-dictionary/parse-json',
    write,
    answer(ParseJsonBody, ({ json }) => ({ dictionary: dictionaryFromJson(json) })),
  );

  RED.httpAdmin.post(
    '/hr-dictionary/to-csv',
    read,
    answer(ToCsvBody, ({ dictionary }) => ({ csv: dictionaryToCsv(dictionaryFromJson(dictionary)) })),
  );
}
