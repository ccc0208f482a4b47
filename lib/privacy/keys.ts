/**
 * What a field's own name says. A key named like a credential or an identity number is masked
 * whatever the dictionary says, since vendor records and error bodies carry fields no dictionary
 * lists (`socialSecurityNumber`, `driver_license_number`). Names are compared as lower-case words
 * (camelCase, snake_case and kebab-case split), so `business` is not taken for `sin`.
 */

// Each a bounded alternation with no nested quantifier: linear in the key's length.
const CREDENTIAL = /token|secret|passw(?:or)?d|api[-_]?key|signature|authorization|cookie|credential|private[-_]?key/i;

/** Whole words that name an identity, tax, bank or card number on their own. */
const IDENTITY_WORDS = new Set([
  'ssn',
  'sin',
  'nin',
  'nino',
  'tin',
  'itin',
  'iban',
  'bic',
  'cvv',
  'cvc',
  'dob',
  'pan',
  'ssnlast4',
]);

/** Word sequences (joined without separators) that name one. */
const IDENTITY_PHRASES = [
  'socialsecurity',
  'socialinsurance',
  'nationalid',
  'nationalidentity',
  'nationalinsurance',
  'taxid',
  'taxnumber',
  'taxidentification',
  'passportnumber',
  'driverlicense',
  'driverslicense',
  'driverlicence',
  'driverslicence',
  'bankaccount',
  'accountnumber',
  'routingnumber',
  'sortcode',
  'cardnumber',
  'creditcard',
  'dateofbirth',
  'birthdate',
  'steuerid',
  'sozialversicherungsnummer',
  'steueridentifikationsnummer',
];

/** The lower-case words of a key: `socialSecurityNumber` → social, security, number. */
function keyWords(key: string): string[] {
  return key
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z\d]+/)
    .filter(Boolean);
}

export function isCredentialKey(key: string): boolean {
  return CREDENTIAL.test(key);
}

function isIdentityKey(key: string): boolean {
  const words = keyWords(key);
  if (words.some((w) => IDENTITY_WORDS.has(w))) return true;
  const joined = words.join('');
  return IDENTITY_PHRASES.some((phrase) => joined.includes(phrase));
}

/** A key whose value is masked wherever it appears, in any record, with or without a dictionary. */
export const isSecretKey = (key: string): boolean => isCredentialKey(key) || isIdentityKey(key);
