/**
 * Reads an alert out of whatever reached the alert node: a Catch node's message (`msg.error` with
 * `source`), a failure output that sets `msg.error` itself (code, message, vendorMessage, attempts),
 * a ready alert from the health monitor or a flow (`msg.alert`), and the hire record the message
 * still carries (who, and the link back to the ATS).
 */
import { z } from 'zod';
import { SEVERITIES, type Alert, type AlertPerson, type AlertSource, type Severity, type Translate } from './alert';
import { editorLink } from './links';

const Text = z.string().trim().min(1);
const Person = z.object({ name: Text.optional(), guid: Text.optional() });
const Source = z.object({
  nodeId: Text.optional(),
  nodeType: Text.optional(),
  nodeName: z.string().optional(),
  flowId: Text.optional(),
  flowName: z.string().optional(),
});

/** `msg.alert`: every field optional; what is missing is read from the rest of the message. */
export const AlertInput = z.object({
  severity: z.enum(SEVERITIES).optional(),
  category: z.enum(['sync', 'health', 'security']).optional(),
  code: Text.optional(),
  title: Text.optional(),
  detail: z.string().optional(),
  source: Source.optional(),
  subject: Text.optional(),
  person: Person.optional(),
  people: z.array(Person).optional(),
  peopleCount: z.number().int().nonnegative().optional(),
  vendorError: z.string().optional(),
  attempts: z.number().int().nonnegative().optional(),
  links: z.object({ ats: z.string().optional(), editor: z.string().optional() }).optional(),
  facts: z.array(z.object({ label: z.string(), value: z.string() })).optional(),
  firstAt: z.iso.datetime({ offset: true }).optional(),
  lastAt: z.iso.datetime({ offset: true }).optional(),
  count: z.number().int().positive().optional(),
});
export type AlertInput = z.infer<typeof AlertInput>;

/** The parts of `msg.error` we use, whoever set it; anything else is ignored. */
const ErrorInput = z
  .object({
    message: z.string().optional(),
    code: z.string().optional(),
    vendorMessage: z.string().optional(),
    attempts: z.number().optional(),
    details: z.object({ vendorMessage: z.string().optional(), attempts: z.number().optional() }).loose().optional(),
    source: z
      .object({ id: z.string().optional(), type: z.string().optional(), name: z.string().optional() })
      .loose()
      .optional(),
  })
  .loose();

export interface MessageContext {
  t: Translate;
  now: Date;
  /** For messages that say nothing about severity and carry no error. */
  defaultSeverity: Severity;
  /** The type, name and flow of a deployed node, so the alert can say where and link to it. */
  describeNode(id: string): AlertSource | undefined;
  /** The Node-RED editor as people open it, e.g. https://nodered.example.com/ */
  editorUrl?: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** Catch nodes receive `err.toString()`: "HrError: the message". */
const withoutErrorName = (message: string): string => message.replace(/^[A-Za-z]*Error: /, '');

function personOf(msg: Record<string, unknown>): AlertPerson | undefined {
  const record = [msg.canonical, msg.payload].find((r) => isRecord(r) && isRecord(r.person));
  const person = isRecord(record) && isRecord(record.person) ? record.person : {};
  const legal = isRecord(person.legalName) ? person.legalName : isRecord(person.name) ? person.name : {};
  const legalName = [str(legal.first), str(legal.last)].filter(Boolean).join(' ');
  const name = str(person.preferredName) ?? (legalName || undefined);
  const guid = str(msg.personGuid) ?? str(person.guid);
  return name || guid ? { ...(name ? { name } : {}), ...(guid ? { guid } : {}) } : undefined;
}

function atsLinkOf(msg: Record<string, unknown>): string | undefined {
  const record = [msg.canonical, msg.payload].find((r) => isRecord(r) && isRecord(r.application));
  const application = isRecord(record) && isRecord(record.application) ? record.application : {};
  return str(msg.atsUrl) ?? str(application.url);
}

const securityCode = (code: string): boolean => /(^|\.)auth(\.|$)|credential/.test(code);

/** Throws a zod error when `msg.alert` is there but malformed; the node reports it with its field path. */
export function alertFromMessage(msg: Record<string, unknown>, ctx: MessageContext): Alert {
  const input = msg.alert === undefined ? {} : AlertInput.parse(msg.alert);
  const parsedError = ErrorInput.safeParse(msg.error);
  const error = parsedError.success ? parsedError.data : undefined;

  const caughtFrom = error?.source?.id;
  const source: AlertSource | undefined =
    input.source ??
    (caughtFrom
      ? {
          nodeId: caughtFrom,
          nodeType: error?.source?.type,
          nodeName: error?.source?.name,
          ...ctx.describeNode(caughtFrom),
        }
      : undefined);
  const code = input.code ?? str(error?.code) ?? (error ? 'alert.flow_error' : 'alert.message');
  const errorMessage = str(error?.message);
  const people =
    input.people ?? (input.person ? [input.person] : [personOf(msg)].filter((p): p is AlertPerson => p !== undefined));
  const at = ctx.now.toISOString();
  const attempts =
    input.attempts ??
    error?.attempts ??
    error?.details?.attempts ??
    (typeof msg.attempts === 'number' ? msg.attempts : undefined);
  const vendorError = input.vendorError ?? str(error?.vendorMessage) ?? str(error?.details?.vendorMessage);
  const ats = input.links?.ats ?? atsLinkOf(msg);
  const editor = input.links?.editor ?? editorLink(ctx.editorUrl, source);

  return {
    severity: input.severity ?? (error ? 'error' : ctx.defaultSeverity),
    category: input.category ?? (securityCode(code) ? 'security' : 'sync'),
    code,
    title: input.title ?? (errorMessage ? withoutErrorName(errorMessage) : ctx.t('text.untitled')),
    ...(input.detail ? { detail: input.detail } : {}),
    ...(source ? { source } : {}),
    ...(input.subject ? { subject: input.subject } : {}),
    people,
    peopleCount: input.peopleCount ?? people.length,
    ...(vendorError ? { vendorError } : {}),
    ...(attempts !== undefined ? { attempts } : {}),
    links: { ...(ats ? { ats } : {}), ...(editor ? { editor } : {}) },
    facts: input.facts ?? [],
    firstAt: input.firstAt ?? input.lastAt ?? at,
    lastAt: input.lastAt ?? input.firstAt ?? at,
    count: input.count ?? 1,
  };
}
