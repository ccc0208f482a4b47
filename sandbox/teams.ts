import { z } from 'zod';
import { jsonBody, parseWith } from './framework/body';
import { describeProblems, errorKit } from './framework/errors';
import { empty, json, text, type Reply } from './framework/reply';
import type { SandboxRequest } from './framework/request';
import { startVendor, type Emulator, type StartOptions } from './server';

/** Facts docs/vendors/teams.md leaves open (docs/vendors/teams.md), and the emulator's choice for each. */
export const TEAMS_UNCONFIRMED = {
  /** docs/vendors/teams.md: Workflows "typically answer 202 Accepted". */
  workflowAcceptedStatus: 202,
  /** Teams' message size limit; not in docs/vendors/teams.md. */
  maxMessageBytes: 28 * 1024,
  /** docs/vendors/teams.md: Adaptive Card versions Workflows render (1.4/1.5 support unconfirmed). */
  cardVersions: ['1.0', '1.1', '1.2', '1.3', '1.4', '1.5'],
  /**
   * A Workflows trigger may accept any JSON and fail later inside the flow run; the emulator refuses
   * an unpostable card at once, with a Logic Apps style error, so a test sees the mistake.
   */
  workflowError: (status: number, message: string, headers?: Record<string, string>) =>
    json(status, { error: { code: status === 429 ? 'TooManyRequests' : 'InvalidRequestContent', message } }, headers),
} as const;

/** docs/vendors/teams.md: the legacy connector never answers 429; throttling comes back inside a 200 body. */
const LEGACY_THROTTLED_BODY = 'Microsoft Teams endpoint returned HTTP error 429';

const Action = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('Action.OpenUrl'), title: z.string().optional(), url: z.url() }),
  z.looseObject({
    type: z.literal('Action.ShowCard'),
    title: z.string().optional(),
    card: z.looseObject({ type: z.literal('AdaptiveCard') }),
  }),
  z.looseObject({
    type: z.literal('Action.ToggleVisibility'),
    title: z.string().optional(),
    targetElements: z.array(z.unknown()).min(1),
  }),
]);
const Element = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('TextBlock'), text: z.string() }),
  z.looseObject({
    type: z.literal('FactSet'),
    facts: z.array(z.object({ title: z.string(), value: z.string() }).strict()),
  }),
  z.looseObject({
    type: z.enum(['Container', 'ColumnSet', 'Image', 'ImageSet', 'RichTextBlock', 'ActionSet', 'Table']),
  }),
]);
const AdaptiveCard = z.looseObject({
  $schema: z.string().optional(),
  type: z.literal('AdaptiveCard'),
  version: z.enum(TEAMS_UNCONFIRMED.cardVersions),
  body: z.array(Element),
  actions: z.array(Action).optional(),
});
const AdaptiveAttachment = z
  .object({
    contentType: z.literal('application/vnd.microsoft.card.adaptive'),
    contentUrl: z.string().nullable().optional(),
    content: AdaptiveCard,
  })
  .strict();

/** docs/vendors/teams.md: Workflows take Adaptive Cards only, in a `message` envelope. */
const WorkflowMessage = z
  .object({ type: z.literal('message'), attachments: z.array(AdaptiveAttachment).min(1) })
  .strict();
/** docs/vendors/teams.md: the legacy connector also takes a MessageCard. */
const MessageCard = z
  .looseObject({
    '@type': z.literal('MessageCard'),
    '@context': z.string(),
    summary: z.string().optional(),
    text: z.string().optional(),
    sections: z.array(z.unknown()).optional(),
  })
  .refine((c) => c.summary || c.text, 'Summary or Text is required.');
const LegacyMessage = z.union([WorkflowMessage, MessageCard]);

export interface TeamsOptions {
  /** Workflow ids served at `/workflows/<id>/triggers/manual/paths/invoke`. */
  workflows?: readonly string[];
  /** Legacy connector ids served at `/webhookb2/<id>`. */
  connectors?: readonly string[];
}

export const TEAMS_DEFAULTS = { workflows: ['sandbox-workflow'], connectors: ['sandbox-connector'] };

const isLegacy = (req: SandboxRequest) => req.path.startsWith('/webhookb2/');
const workflow = errorKit(TEAMS_UNCONFIRMED.workflowError);
const legacy = errorKit((status, message, headers) => text(status, message, headers));
const kitFor = (req: SandboxRequest) => (isLegacy(req) ? legacy : workflow);

export function createTeams(
  options: TeamsOptions = {},
): Emulator<{ messages(): Array<{ hook: string; message: unknown }> }> {
  const workflows = options.workflows ?? TEAMS_DEFAULTS.workflows;
  const connectors = options.connectors ?? TEAMS_DEFAULTS.connectors;
  let messages: Array<{ hook: string; message: unknown }> = [];

  const receive = (known: readonly string[], schema: z.ZodType, accepted: Reply) => (req: SandboxRequest) => {
    const kit = kitFor(req);
    if (!known.includes(req.params.id ?? '')) kit.stop(404, 'Webhook not found');
    if (req.rawBody.length > TEAMS_UNCONFIRMED.maxMessageBytes)
      kit.stop(413, `Message is ${req.rawBody.length} bytes; the limit is ${TEAMS_UNCONFIRMED.maxMessageBytes}`);
    const message = parseWith(schema, jsonBody(req, kit.invalid), (problems) =>
      kit.error(400, describeProblems(problems)),
    );
    messages.push({ hook: req.path, message });
    return accepted;
  };

  return {
    helpers: { messages: () => [...messages] },
    definition: {
      name: 'Microsoft Teams',
      routes: [
        {
          method: 'POST',
          path: '/workflows/:id/triggers/manual/paths/invoke',
          handle: receive(workflows, WorkflowMessage, empty(TEAMS_UNCONFIRMED.workflowAcceptedStatus)),
        },
        { method: 'POST', path: '/webhookb2/:id', handle: receive(connectors, LegacyMessage, text(200, '1')) },
      ],
      error: workflow.error,
      throttled: (_retryAfter, req) =>
        isLegacy(req) ? text(200, LEGACY_THROTTLED_BODY) : workflow.error(429, 'Rate limit is exceeded'),
      snapshot: () => ({ workflows, connectors, messages }),
      reset: () => void (messages = []),
    },
  };
}

export const startTeams = (options: TeamsOptions & StartOptions = {}) => startVendor(createTeams(options), options);
export type TeamsHandle = Awaited<ReturnType<typeof startTeams>>;
