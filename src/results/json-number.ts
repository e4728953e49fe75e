/** Reading a JSON number in place in a larger text, without slicing it out (the k6 JSON fast path). */

/** A JSON number starting at `i` (digits, sign, fraction; exponents via parseFloat); NaN when none. */
export function parseNumber(s: string, i: number): number {
  let neg = false;
  let c = s.charCodeAt(i);
  if (c === 45 /* - */) {
    neg = true;
    c = s.charCodeAt(++i);
  }
  const start = i;
  let int = 0;
  while (c >= 48 && c <= 57) {
    int = int * 10 + (c - 48);
    c = s.charCodeAt(++i);
  }
  if (i === start) return NaN;
  let value = int;
  if (c === 46 /* . */) {
    let frac = 0;
    let scale = 1;
    c = s.charCodeAt(++i);
    while (c >= 48 && c <= 57) {
      frac = frac * 10 + (c - 48);
      scale *= 10;
      c = s.charCodeAt(++i);
    }
    value += frac / scale;
  }
  if (c === 101 || c === 69 /* e E */ || i - start > 15) {
    let end = i;
    while (end < s.length && s[end] !== ',' && s[end] !== '}') end++;
    return parseFloat(s.slice(neg ? start - 1 : start, end));
  }
  return neg ? -value : value;
}
