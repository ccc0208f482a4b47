import { z } from 'zod';
import { CountryCode, E164Phone, IsoDate, Text } from './primitives';

// One name is enough: mononyms exist, and whether a last name is required is the validator's rule, not the model's.
export const PersonName = z.object({ first: Text, middle: Text.optional(), last: Text.optional() });
export type PersonName = z.infer<typeof PersonName>;

// Greenhouse and Merge both use personal|work|other.
export const EmailType = z.enum(['work', 'personal', 'other']);
/**
 * A value the source sent that cannot be read as an address or number, kept as sent with the reason,
 * so the validator stops the hire naming the field instead of the value vanishing.
 */
const Unreadable = Text.optional();

export const Email = z
  .object({ address: Text, type: EmailType, invalid: Unreadable })
  .refine((e) => e.invalid !== undefined || z.email().safeParse(e.address).success, {
    path: ['address'],
    message: 'must be an email address',
  });
export type Email = z.infer<typeof Email>;

// Greenhouse also has "skype", which the vendor module maps to "other".
export const PhoneType = z.enum(['mobile', 'home', 'work', 'other']);
export const Phone = z
  .object({ number: Text, type: PhoneType, invalid: Unreadable })
  .refine((p) => p.invalid !== undefined || E164Phone.safeParse(p.number).success, {
    path: ['number'],
    message: 'must be an E.164 phone number such as +15185551212',
  });
export type Phone = z.infer<typeof Phone>;

export const Address = z.object({
  line1: Text,
  line2: Text.optional(),
  city: Text,
  /** State, province or county, as the country writes it (NY, Ontario). */
  region: Text.optional(),
  postalCode: Text.optional(),
  country: CountryCode,
});
export type Address = z.infer<typeof Address>;

export const NationalIdType = z.enum(['ssn', 'sin', 'nin', 'tax_id', 'other']);
export const NationalId = z.object({ type: NationalIdType, value: Text, country: CountryCode.optional() });
export type NationalId = z.infer<typeof NationalId>;

/** Consent the person gave; absent means not asked, false means refused. Other named flags are allowed. */
export const Consent = z
  .object({ backgroundCheck: z.boolean().optional(), dataProcessing: z.boolean().optional() })
  .catchall(z.boolean());
export type Consent = z.infer<typeof Consent>;

export const Person = z.object({
  /** The package's own persistent id for this person across every system. */
  guid: z.uuid().optional(),
  legalName: PersonName,
  /** The first name the person goes by (BambooHR preferredName, Personio preferred_name). */
  preferredName: Text.optional(),
  emails: z.array(Email),
  phones: z.array(Phone),
  address: Address.optional(),
  /**
   * The address exactly as the source sent it when it has no structure: Greenhouse sends one line
   * ("455 Broadway New York, NY 10280"), and guessing its parts would lose or invent data.
   */
  addressText: Text.optional(),
  dateOfBirth: IsoDate.optional(),
  nationalId: NationalId.optional(),
  consent: Consent.optional(),
});
export type Person = z.infer<typeof Person>;
