/** One way to print money across tables, plans and reports: small amounts keep three significant digits. */

/** `0.000135 USD`, `0.0169 USD`, `12.40 USD`. */
export function formatMoney(amount: number, currency = 'USD'): string {
  const a = Math.abs(amount);
  const text = a === 0 ? '0' : a < 0.01 ? amount.toPrecision(3) : a < 1 ? amount.toFixed(4) : amount.toFixed(2);
  return `${text} ${currency}`.trim();
}
