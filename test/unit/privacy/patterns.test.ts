import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MASK } from '../../../lib/mask';
import { maskPatterns } from '../../../lib/privacy/patterns';
import { redactText } from '../../../lib/privacy/redact';

test('a US SSN is masked in any spelling: dashes, spaces, or bare digits after a word naming it', () => {
  assert.equal(maskPatterns('SSN 111223333 on file'), `SSN ${MASK} on file`);
  assert.equal(maskPatterns('ssn: 111-22-3333'), `ssn: ${MASK}`);
  assert.equal(maskPatterns('taxpayer 111 22 3333 confirmed'), `taxpayer ${MASK} confirmed`);
  assert.equal(maskPatterns('Social Security Number is 987654321.'), `Social Security Number is ${MASK}.`);
  assert.equal(maskPatterns('national_id=987654321'), `national_id=${MASK}`);
  assert.equal(maskPatterns('Steuer-ID 12 345 678 901 fehlt'), `Steuer-ID ${MASK} fehlt`);
});

test('a nine-digit number with no word naming an identity stays readable: vendors give ids that length', () => {
  assert.equal(maskPatterns('candidate 123456789 hired'), 'candidate 123456789 hired');
  assert.equal(maskPatterns('phone +14155552671'), 'phone +14155552671');
});

test('a UK National Insurance number is masked with or without spaces; never-issued prefixes are not', () => {
  assert.equal(maskPatterns('NINO AB 12 34 56 C'), `NINO ${MASK}`);
  assert.equal(maskPatterns('ni JT123456C ok'), `ni ${MASK} ok`);
  assert.equal(maskPatterns('ref GB123456A'), 'ref GB123456A');
});

test('cards pass the Luhn check and IBANs their mod-97 check before they are masked', () => {
  assert.equal(maskPatterns('card 4111 1111 1111 1111'), `card ${MASK}`);
  assert.equal(maskPatterns('ref 4111111111111112'), 'ref 4111111111111112');
  assert.equal(maskPatterns('pay to DE89 3704 0044 0532 0130 00 now'), `pay to ${MASK} now`);
  assert.equal(maskPatterns('pay to GB82WEST12345698765432'), `pay to ${MASK}`);
  assert.equal(
    maskPatterns('pay to GB00WEST12345698765432'),
    'pay to GB00WEST12345698765432',
    'wrong check digits: not an IBAN',
  );
});

/** Each pattern over 100,000 characters built to make a backtracking pattern retry every start. */
const ADVERSARIAL = {
  digits: '1'.repeat(100_000),
  spacedDigits: '1 '.repeat(50_000),
  dashedDigits: '1-'.repeat(50_000),
  keywords: 'ssn '.repeat(25_000),
  keywordThenDigits: `ssn ${'1 '.repeat(49_990)}x`,
  ibanLike: `AB12${'A'.repeat(100_000)}`,
  ibanGroups: 'AB12 ABCD '.repeat(10_000),
  ninoLike: 'AB12 '.repeat(20_000),
  bearer: 'Bearer '.repeat(14_000),
};

test('every value pattern runs in linear time over 100,000-character adversarial strings', () => {
  for (const [name, text] of Object.entries(ADVERSARIAL)) {
    const started = process.hrtime.bigint();
    redactText(text);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    // A quadratic pattern takes tens of seconds here; a linear one a few milliseconds.
    assert.ok(ms < 1_000, `${name}: ${ms.toFixed(0)} ms`);
  }
});
