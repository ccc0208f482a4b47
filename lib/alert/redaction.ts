/**
 * What an alert may never carry, by the secret policy of the node's dictionary (lib/privacy): its
 * secret fields, always, and its personal fields other than the name (which the alert needs to say
 * who is concerned), unless the user lets them through. Their values are collected from the incoming
 * message and masked wherever they show up in the alert's text (vendors echo the offending value:
 * "123456789 is not a valid SSN"); the policy's value patterns mask national ids and cards on top.
 */
import type { SecretPolicy } from '../privacy/policy';
import type { Alert } from './alert';

/** The fields that name the person: kept, because "who is concerned" is half of an alert. */
const NAME_FIELD = /^person\.(legalName(\.|$)|preferredName$)/;

export interface AlertRedactionOptions {
  /** Mask personal fields (email, phone, address…) too; the name always stays. Default true. */
  hidePersonal?: boolean;
  /** More field paths to mask, e.g. a custom `salary` field the dictionary does not know. */
  extraPaths?: readonly string[];
}

export interface AlertRedactor {
  /** The field paths this redactor masks (for tests and the help text). */
  readonly paths: readonly string[];
  /** Returns the alert with every sensitive value found in `source` (the incoming message) masked. */
  redact(alert: Alert, source: unknown): Alert;
}

export function alertRedactor(policy: SecretPolicy, options: AlertRedactionOptions = {}): AlertRedactor {
  const own = policy.with(options.extraPaths ?? []);
  const audience = {
    hidePersonal: options.hidePersonal !== false,
    keepPersonal: (name: string) => NAME_FIELD.test(name),
  };
  return {
    paths: own.paths(audience),
    redact: (alert, source) => own.mask(alert, { ...audience, echoesOf: source }),
  };
}
