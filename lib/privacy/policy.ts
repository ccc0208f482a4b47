/**
 * The one secret policy: what every log line, node status, alert, debug output, sidebar card, dead
 * letter and mapper preview may show. It is derived from the data dictionary in use (its sensitivity
 * column) and adds what no dictionary has to list: keys named like credentials or identity numbers
 * (keys.ts) and secret-shaped values in any text (patterns.ts).
 *
 * - secret fields are always masked;
 * - personal fields are masked for an audience without the right to see personal data (a read-only
 *   sidebar user, an alert), and shown to one with it;
 * - values read from secret fields of the message the output is about are masked wherever they are
 *   echoed in free text ("987654321 is not a valid SSN").
 */
import { redact, redactText, secretValues } from './redact';

/** What the policy reads of a data dictionary: each field's name and sensitivity. */
export interface SensitivityTable {
  readonly fields: readonly { readonly name: string; readonly sensitivity: string }[];
}

export interface MaskOptions {
  /** Mask the personal fields too (email, phone, address, names…). Default false: only secrets. */
  hidePersonal?: boolean;
  /** Personal fields kept even when hidePersonal is on (an alert keeps the name: "who is concerned"). */
  keepPersonal?: (name: string) => boolean;
  /** The message or record the output is about: its hidden values are masked wherever they are echoed. */
  echoesOf?: unknown;
}

/**
 * A dictionary path as redact() matches it: arrays are transparent there, and the path also matches
 * without its root object, because an output may carry the person or a target record on its own
 * (`nationalId.value` inside msg.payload.person, `dateOfBirth` in a BambooHR record).
 */
function matchPaths(name: string): string[] {
  const plain = name.replace(/\[\]/g, '');
  const segments = plain.split('.');
  return segments.length > 1 ? [plain, segments.slice(1).join('.')] : [plain];
}

/** Short alphabetic values ('year', 'USD', 'work') are codes, not secrets; masking them would garble every text. */
const isWorthMasking = (value: string): boolean => value.length >= 6 || /\d/.test(value);

/** The ways a number is written in free text: 103000, 103,000, 103.000. */
function spellings(value: string): string[] {
  if (!/^\d{4,}(\.\d+)?$/.test(value)) return [value];
  const n = Number(value);
  return [value, n.toLocaleString('en-US'), n.toLocaleString('de-DE')];
}

function endsWith(name: string, paths: readonly string[]): boolean {
  const segments = name.replace(/\[\]/g, '').split('.');
  return paths.some((p) => {
    const tail = p.split('.');
    return (
      tail.length <= segments.length && tail.every((seg, i) => seg === segments[segments.length - tail.length + i])
    );
  });
}

export class SecretPolicy {
  /** Dictionary names of the secret fields, and those of the personal fields. */
  private constructor(
    readonly secretFields: readonly string[],
    readonly personalFields: readonly string[],
  ) {}

  /** The policy of one or more dictionaries (the sidebar serves every deployed one); more secret field names may be added (a store's encrypted fields). */
  static of(
    dictionaries: SensitivityTable | readonly SensitivityTable[],
    moreSecretFields: readonly string[] = [],
  ): SecretPolicy {
    const all = Array.isArray(dictionaries)
      ? (dictionaries as readonly SensitivityTable[])
      : [dictionaries as SensitivityTable];
    const fields = all.flatMap((d) => d.fields);
    const secret = new Set([
      ...fields.filter((f) => f.sensitivity === 'secret').map((f) => f.name),
      ...moreSecretFields,
    ]);
    const personal = new Set(
      fields.filter((f) => f.sensitivity === 'personal' && !secret.has(f.name)).map((f) => f.name),
    );
    return new SecretPolicy([...secret], [...personal]);
  }

  /** The field paths masked for this audience, as redact() matches them. */
  paths(options: Pick<MaskOptions, 'hidePersonal' | 'keepPersonal'> = {}): string[] {
    const personal = options.hidePersonal ? this.personalFields.filter((f) => !options.keepPersonal?.(f)) : [];
    return [...new Set([...this.secretFields, ...personal].flatMap(matchPaths))];
  }

  /** Whether a field (a dictionary or golden-record path, `person.` optional) is secret. */
  isSecretField(name: string): boolean {
    return endsWith(name, this.paths());
  }

  isPersonalField(name: string): boolean {
    return endsWith(name, this.paths({ hidePersonal: true })) && !this.isSecretField(name);
  }

  /** The hidden values of `source`, in each spelling free text may use, longest first. */
  private echoes(source: unknown, paths: readonly string[]): string[] {
    if (source === undefined) return [];
    const values = secretValues(source, paths).filter(isWorthMasking).flatMap(spellings);
    return values.sort((a, b) => b.length - a.length);
  }

  /** A masked deep copy of `value`; the input is never changed. */
  mask<T>(value: T, options: MaskOptions = {}): T {
    const paths = this.paths(options);
    return redact(value, { paths, values: this.echoes(options.echoesOf, paths) });
  }

  /** A masked copy of free text: a log line, a status, a vendor's message. */
  text(text: string, options: MaskOptions = {}): string {
    return redactText(text, { values: this.echoes(options.echoesOf, this.paths(options)) });
  }

  /** A policy for an output that shows what both policies cover (the sidebar, over every dictionary). */
  with(moreSecretFields: readonly string[]): SecretPolicy {
    return new SecretPolicy(
      [...new Set([...this.secretFields, ...moreSecretFields])],
      this.personalFields.filter((f) => !moreSecretFields.includes(f)),
    );
  }
}
