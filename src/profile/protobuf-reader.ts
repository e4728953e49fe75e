/**
 * A minimal protocol-buffers wire-format reader (varint, 64-bit, length-delimited and 32-bit
 * fields; https://protobuf.dev/programming-guides/encoding/), enough to walk a message field by
 * field. Integers are read as JavaScript numbers: exact up to 2^53, which ids, counts and
 * nanosecond durations stay below.
 */

/** One field of a message: its number, wire type, and value (a number, or the bytes of a length-delimited field). */
export interface WireField {
  readonly field: number;
  readonly wireType: number;
  readonly value: number | Uint8Array;
}

/** Reads one varint at `pos`; returns it and the position after it. */
function varint(buf: Uint8Array, pos: number): [number, number] {
  let result = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    if (pos >= buf.length) throw new Error('truncated varint');
    const b = buf[pos++];
    result += (b & 0x7f) * scale;
    if (b < 0x80) return [result, pos];
    scale *= 128;
  }
  throw new Error('varint longer than 10 bytes');
}

/** Every field of one message, in order. */
export function readFields(buf: Uint8Array): WireField[] {
  const out: WireField[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [key, p1] = varint(buf, pos);
    const field = Math.floor(key / 8);
    const wireType = key % 8;
    pos = p1;
    if (wireType === 0) {
      const [v, p2] = varint(buf, pos);
      out.push({ field, wireType, value: v });
      pos = p2;
    } else if (wireType === 2) {
      const [len, p2] = varint(buf, pos);
      if (p2 + len > buf.length) throw new Error(`field ${field}: length ${len} runs past the end`);
      out.push({ field, wireType, value: buf.subarray(p2, p2 + len) });
      pos = p2 + len;
    } else if (wireType === 1 || wireType === 5) {
      const size = wireType === 1 ? 8 : 4;
      if (pos + size > buf.length) throw new Error(`field ${field}: truncated fixed-size value`);
      let v = 0;
      for (let i = size - 1; i >= 0; i--) v = v * 256 + buf[pos + i];
      out.push({ field, wireType, value: v });
      pos += size;
    } else {
      throw new Error(`unsupported wire type ${wireType} (field ${field})`);
    }
  }
  return out;
}

/** The integers of a repeated integer field, packed (one length-delimited run) or not. */
export function repeatedInts(fields: readonly WireField[], field: number): number[] {
  const out: number[] = [];
  for (const f of fields) {
    if (f.field !== field) continue;
    if (typeof f.value === 'number') {
      out.push(f.value);
      continue;
    }
    for (let pos = 0; pos < f.value.length; ) {
      const [v, next] = varint(f.value, pos);
      out.push(v);
      pos = next;
    }
  }
  return out;
}

/** The last value of a scalar integer field, or `fallback` when absent. */
export function intField(fields: readonly WireField[], field: number, fallback = 0): number {
  let v = fallback;
  for (const f of fields) if (f.field === field && typeof f.value === 'number') v = f.value;
  return v;
}
