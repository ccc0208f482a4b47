import { z } from 'zod';
import { jsonBody, parseWith } from './framework/body';
import { errorKit } from './framework/errors';
import { text } from './framework/reply';
import { startVendor, type Emulator, type StartOptions } from './server';

/** Facts docs/vendors/slack.md marks unverified (docs/vendors/slack.md): Block Kit limits and the error → status mapping. */
export const SLACK_UNCONFIRMED = {
  limits: {
    text: 40_000,
    blocks: 50,
    sectionText: 3000,
    headerText: 150,
    sectionFields: 10,
    fieldText: 2000,
    contextElements: 10,
    actionsElements: 25,
    buttonText: 75,
    url: 3000,
  },
  /** Errors are plain-text codes (docs/vendors/slack.md); statuses per code are not confirmed. */
  statusOf: { invalid_payload: 400, no_text: 400, no_service: 404, rate_limited: 429 },
} as const;

const L = SLACK_UNCONFIRMED.limits;
const plain = (max: number) =>
  z.object({ type: z.literal('plain_text'), text: z.string().min(1).max(max), emoji: z.boolean().optional() }).strict();
const textObject = (max: number) =>
  z.discriminatedUnion('type', [
    plain(max),
    z
      .object({ type: z.literal('mrkdwn'), text: z.string().min(1).max(max), verbatim: z.boolean().optional() })
      .strict(),
  ]);
const url = z.url().max(L.url);
const image = { image_url: url, alt_text: z.string().min(1) };
const blockId = { block_id: z.string().max(255).optional() };

/** The Block Kit blocks docs/vendors/slack.md lists, plus image; strict, as Slack refuses unknown properties. */
const Block = z.discriminatedUnion('type', [
  z.object({ type: z.literal('header'), text: plain(L.headerText), ...blockId }).strict(),
  z
    .object({
      type: z.literal('section'),
      text: textObject(L.sectionText).optional(),
      fields: z.array(textObject(L.fieldText)).min(1).max(L.sectionFields).optional(),
      accessory: z.unknown().optional(),
      ...blockId,
    })
    .strict()
    .refine((s) => s.text || s.fields, 'a section needs text or fields'),
  z
    .object({
      type: z.literal('context'),
      elements: z
        .array(z.union([textObject(L.sectionText), z.object({ type: z.literal('image'), ...image }).strict()]))
        .min(1)
        .max(L.contextElements),
      ...blockId,
    })
    .strict(),
  z.object({ type: z.literal('divider'), ...blockId }).strict(),
  z
    .object({
      type: z.literal('actions'),
      elements: z
        .array(
          z
            .object({
              type: z.literal('button'),
              text: plain(L.buttonText),
              url: url.optional(),
              action_id: z.string().optional(),
              value: z.string().optional(),
              style: z.enum(['primary', 'danger']).optional(),
            })
            .strict(),
        )
        .min(1)
        .max(L.actionsElements),
      ...blockId,
    })
    .strict(),
  z.object({ type: z.literal('image'), ...image, title: plain(2000).optional(), ...blockId }).strict(),
]);

const Message = z.object({
  text: z.string().max(L.text).optional(),
  blocks: z.array(Block).max(L.blocks).optional(),
  username: z.string().optional(),
  icon_emoji: z.string().optional(),
  icon_url: z.string().optional(),
  unfurl_links: z.boolean().optional(),
  unfurl_media: z.boolean().optional(),
  mrkdwn: z.boolean().optional(),
});
export type SlackMessage = z.infer<typeof Message>;

export interface SlackOptions {
  /** Secret webhook paths, `/services/T…/B…/…` (docs/vendors/slack.md); any other path is `no_service`. */
  hooks?: readonly string[];
}

export const SLACK_DEFAULTS = { hooks: ['/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX'] };

type ErrorCode = keyof typeof SLACK_UNCONFIRMED.statusOf;
const { error, stop } = errorKit((status, code, headers) => text(status, code, headers));
const answerAs = (code: ErrorCode) => error(SLACK_UNCONFIRMED.statusOf[code], code);
const refuseAs = (code: ErrorCode): never => stop(SLACK_UNCONFIRMED.statusOf[code], code);

export function createSlack(
  options: SlackOptions = {},
): Emulator<{ messages(hook?: string): Array<{ hook: string; message: SlackMessage }> }> {
  const hooks = options.hooks ?? SLACK_DEFAULTS.hooks;
  let messages: Array<{ hook: string; message: SlackMessage }> = [];

  return {
    helpers: { messages: (hook?: string) => messages.filter((m) => !hook || m.hook === hook) },
    definition: {
      name: 'Slack incoming webhooks',
      routes: [
        {
          method: 'POST',
          path: '/services/:team/:bot/:secret',
          handle: (req) => {
            if (!hooks.includes(req.path)) refuseAs('no_service');
            const message = parseWith(
              Message,
              jsonBody(req, () => answerAs('invalid_payload')),
              () => answerAs('invalid_payload'),
            );
            if (!message.text && !message.blocks?.length) refuseAs('no_text');
            messages.push({ hook: req.path, message });
            return text(200, 'ok');
          },
        },
      ],
      // Any other path is a hook that does not exist, which Slack reports as no_service.
      error: (status, message) => (status === 404 ? answerAs('no_service') : error(status, message)),
      throttled: () => answerAs('rate_limited'),
      snapshot: () => ({ hooks, messages }),
      reset: () => void (messages = []),
    },
  };
}

export const startSlack = (options: SlackOptions & StartOptions = {}) => startVendor(createSlack(options), options);
export type SlackHandle = Awaited<ReturnType<typeof startSlack>>;
