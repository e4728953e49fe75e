/**
 * Go's pprof CPU profile (gzipped protocol buffers, as net/http/pprof's /debug/pprof/profile
 * and runtime/pprof write it) to folded stacks. Field numbers from profile.proto
 * (github.com/google/pprof, proto/profile.proto): Profile.sample_type = 1, sample = 2,
 * location = 4, function = 5, string_table = 6, duration_nanos = 10, period = 12;
 * Sample.location_id = 1 (leaf first), value = 2; Location.id = 1, line = 4 (inlined callee
 * first); Line.function_id = 1; Function.id = 1, name = 2; ValueType.type = 1.
 */
import * as zlib from 'zlib';
import { FoldedProfile, foldStacks } from './folded';
import { WireField, intField, readFields, repeatedInts } from './protobuf-reader';

/** A converted pprof CPU profile. */
export interface PprofCpuProfile {
  readonly profile: FoldedProfile;
  /** Time between samples (Profile.period, ns → µs). */
  readonly sampleIntervalUs: number;
  readonly durationSeconds: number;
}

const bytesOf = (f: WireField): Uint8Array => (typeof f.value === 'number' ? new Uint8Array() : f.value);

/** Decodes a pprof profile (gzipped or not); counts come from the `samples` value. */
export function pprofToFolded(data: Uint8Array, source: string): PprofCpuProfile {
  let raw: Uint8Array;
  try {
    raw = data[0] === 0x1f && data[1] === 0x8b ? zlib.gunzipSync(data) : data;
  } catch (err) {
    throw new Error(`${source}: gzip data is corrupt (${(err as Error).message})`);
  }
  let top: WireField[];
  try {
    top = readFields(raw);
  } catch (err) {
    throw new Error(`${source}: not a pprof profile (${(err as Error).message})`);
  }
  const strings = top.filter((f) => f.field === 6).map((f) => Buffer.from(bytesOf(f)).toString('utf8'));
  const sampleTypes = top.filter((f) => f.field === 1).map((f) => strings[intField(readFields(bytesOf(f)), 1)] ?? '');
  if (!sampleTypes.length) throw new Error(`${source}: not a pprof profile (no sample types)`);
  const countIndex = Math.max(0, sampleTypes.indexOf('samples'));
  const functions = new Map<number, string>();
  for (const f of top.filter((x) => x.field === 5)) {
    const fn = readFields(bytesOf(f));
    functions.set(intField(fn, 1), strings[intField(fn, 2)] ?? '(unknown)');
  }
  const locations = new Map<number, string[]>();
  for (const f of top.filter((x) => x.field === 4)) {
    const loc = readFields(bytesOf(f));
    const names = loc.filter((l) => l.field === 4).map((l) => functions.get(intField(readFields(bytesOf(l)), 1)) ?? '(unknown)');
    locations.set(intField(loc, 1), names.length ? names : [`0x${intField(loc, 3).toString(16)}`]);
  }
  const stacks: [string[], number][] = [];
  for (const f of top.filter((x) => x.field === 2)) {
    const s = readFields(bytesOf(f));
    const frames = repeatedInts(s, 1).flatMap((id) => locations.get(id) ?? [`(location ${id})`]);
    stacks.push([frames.reverse(), repeatedInts(s, 2)[countIndex] ?? 0]);
  }
  return { profile: foldStacks(stacks), sampleIntervalUs: intField(top, 12) / 1000, durationSeconds: intField(top, 10) / 1e9 };
}
