import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseOfferFields } from '../../../../lib/vendors/ats/offerFieldSettings';

const refused = (field: RegExp) => (err: Error & { code?: string }) => err.code === 'ats.payload_invalid' && field.test(err.message);

test('the connection’s offer fields are read from the flow as an object or as JSON text, blanks left out', () => {
  assert.deepEqual(parseOfferFields({ pay: ' base_salary ', startDate: 'start_date', payPeriod: '', declaredPayPeriod: '' }), { pay: 'base_salary', startDate: 'start_date' });
  assert.deepEqual(parseOfferFields('{"startDate":"start_date","declaredPayPeriod":"month"}'), { startDate: 'start_date', declaredPayPeriod: 'month' });
  assert.equal(parseOfferFields(''), undefined);
  assert.equal(parseOfferFields({}), undefined);
});

test('offer fields with an unknown setting, a period that is not one, or text that is not JSON are refused naming it', () => {
  assert.throws(() => parseOfferFields({ salary: 'x' }), refused(/salary/));
  assert.throws(() => parseOfferFields({ declaredPayPeriod: 'yearly' }), refused(/declaredPayPeriod/));
  assert.throws(() => parseOfferFields('{pay:'), refused(/not JSON/));
});
