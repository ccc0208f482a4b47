/** The alert node's settings as the editor saves them, parsed once at deploy. */
import { z } from 'zod';
import { SEVERITIES } from '../../lib/alert/alert';
import { CHANNEL_KINDS } from '../../lib/alert/channels';
import { parseDigestTime } from '../../lib/alert/digest';

const number = (min: number, fallback: number) =>
  z.preprocess((v) => (v === '' || v === undefined || v === null ? fallback : Number(v)), z.number().min(min));

export const AlertConfig = z.object({
  channel: z.enum(CHANNEL_KINDS).default('slack'),
  editorUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]).default(''),
  severity: z.enum(SEVERITIES).default('error'),
  /** Seconds. */
  groupWindow: number(0, 60),
  ratePerMinute: number(0, 20),
  digest: z.boolean().default(false),
  digestTime: z
    .string()
    .default('08:00')
    .refine((v) => parseDigestTime(v) !== null, 'must be a time of day as HH:MM'),
  /** Alerts below this severity wait for the digest. */
  digestBelow: z.enum(SEVERITIES).default('error'),
  hidePersonal: z.boolean().default(true),
  secretFields: z.string().default(''),
});
export type AlertConfig = z.infer<typeof AlertConfig>;

/** The channel URL is the credential (docs/vendors/slack.md, docs/vendors/teams.md): http(s) only. */
export const ChannelUrl = z.url({ protocol: /^https?$/, error: 'must be the http(s) URL the channel gave you' });
