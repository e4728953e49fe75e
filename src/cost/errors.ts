/** Errors of the cost layer: bad pricing input, and answers from a cost API that are not what it should send. */

/** Bad pricing input (unknown node type, negative rate, missing field): each message names the key, the value and what is allowed. */
export class PricingError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.length === 1 ? problems[0] : `${problems.length} pricing problems:\n  - ${problems.join('\n  - ')}`);
    this.name = 'PricingError';
  }
}

/** A response from OpenCost (or Kubecost) that is not a complete allocation response: foreign, truncated or an error. */
export class OpenCostResponseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OpenCostResponseError';
  }
}

/** A short, printable excerpt of a response body for error messages. */
export function excerpt(body: string, max = 120): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > max ? `${flat.slice(0, max - 3)}...` : flat);
}
