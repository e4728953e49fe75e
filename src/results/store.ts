/**
 * The plain-file results store: one JSON file per RunResult under `<dir>/<experiment>/<id>.json`,
 * written atomically (temp file in the same folder, fsync, rename). Reading reports every
 * corrupt, foreign or outdated file by path; nothing is skipped silently.
 */
import * as fs from 'fs';
import * as path from 'path';
import { describeIssue } from '../config/errors';
import { RUN_RESULT_KIND, RUN_RESULT_VERSION, RunResult, RunResultInput, RunResultSchema } from './run-result';

/** Default results folder, relative to the working directory. */
export const DEFAULT_RESULTS_DIR = 'results';

/** One or more result files could not be read; `problems` names each file and why. */
export class ResultsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.length === 1 ? problems[0] : `${problems.length} result files could not be read:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ResultsError';
  }
}

/** Writes `content` to `file` atomically: readers see the old file or the whole new one. */
export function writeFileAtomic(file: string, content: string): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  const fd = fs.openSync(tmp, 'w', 0o644);
  try {
    fs.writeSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  try {
    const dfd = fs.openSync(dir, 'r');
    fs.fsyncSync(dfd);
    fs.closeSync(dfd);
  } catch {
    // Directory fsync is not supported everywhere; the rename itself is atomic.
  }
}

/** Validates a RunResult and stores it; returns the file written. */
export function writeRunResult(dir: string, result: RunResultInput): string {
  const parsed = RunResultSchema.safeParse(result);
  if (!parsed.success) {
    throw new Error(`refusing to write an invalid RunResult: ${parsed.error.issues.map((i) => describeIssue(i, result, '')).join('; ')}`);
  }
  const file = path.join(dir, parsed.data.experiment, `${parsed.data.id}.json`);
  writeFileAtomic(file, `${JSON.stringify(parsed.data, null, 2)}\n`);
  return file;
}

/** Parses one RunResult document; throws a message that starts with the file's name. */
export function parseRunResult(text: string, file: string): RunResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new Error(`${file}: not valid JSON (${(err as Error).message}) — truncated or corrupt?`);
  }
  const obj = doc as { kind?: unknown; version?: unknown } | null;
  if (!obj || typeof obj !== 'object' || obj.kind !== RUN_RESULT_KIND) {
    throw new Error(`${file}: not a perflab RunResult (kind is ${JSON.stringify(obj?.kind)}, expected ${JSON.stringify(RUN_RESULT_KIND)})`);
  }
  if (obj.version !== RUN_RESULT_VERSION) {
    throw new Error(`${file}: RunResult version ${JSON.stringify(obj.version)} is not supported; this perflab reads version ${RUN_RESULT_VERSION}`);
  }
  const parsed = RunResultSchema.safeParse(doc);
  if (!parsed.success) {
    throw new Error(`${file}: invalid RunResult: ${parsed.error.issues.slice(0, 5).map((i) => describeIssue(i, doc, '')).join('; ')}`);
  }
  return parsed.data;
}

/** Reads one RunResult file. */
export function readRunResult(file: string): RunResult {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  return parseRunResult(text, file);
}

/** Every `*.json` file under `dir` (recursively, dot files skipped), sorted. */
export function jsonFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...jsonFilesUnder(p));
    else if (entry.isFile() && entry.name.endsWith('.json') && !entry.name.startsWith('.')) out.push(p);
  }
  return out.sort();
}

/**
 * Loads results from files and folders (folders are searched recursively for `*.json`).
 * Throws a ResultsError naming every file that is missing, corrupt, foreign or of another version.
 */
export function loadResults(paths: readonly string[]): RunResult[] {
  return loadResultFiles(paths).map((e) => e.result);
}

/** A RunResult and the file it was read from (files it references, like its CPU profile, sit beside it). */
export interface StoredResult {
  readonly file: string;
  readonly result: RunResult;
}

/** As `loadResults`, with each result's file. */
export function loadResultFiles(paths: readonly string[]): StoredResult[] {
  const problems: string[] = [];
  const results: StoredResult[] = [];
  for (const p of paths) {
    let files: string[];
    try {
      files = fs.statSync(p).isDirectory() ? jsonFilesUnder(p) : [p];
    } catch {
      problems.push(`${p}: no such file or folder`);
      continue;
    }
    for (const f of files) {
      try {
        results.push({ file: f, result: readRunResult(f) });
      } catch (err) {
        problems.push((err as Error).message);
      }
    }
  }
  if (problems.length) throw new ResultsError(problems);
  return results;
}
