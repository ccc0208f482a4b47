/** BambooHR's `paidPer` values for our pay periods; biweekly and the like have none (docs/vendors/bamboohr.md). */
export const BAMBOOHR_PAID_PER: Readonly<Record<string, string>> = {
  hour: 'Hour',
  day: 'Day',
  week: 'Week',
  month: 'Month',
  quarter: 'Quarter',
  year: 'Year',
};
