/** Headless Chromium for report tests: the DOM a file renders to, and a screenshot of it. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** Where Debian's chromium package installs the browser. */
export const CHROMIUM = '/usr/bin/chromium';

/** Whether headless Chromium is installed here. */
export const hasChromium = (): boolean => fs.existsSync(CHROMIUM);

function flags(workDir: string): string[] {
  return ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', `--user-data-dir=${path.join(workDir, 'chromium-profile')}`];
}

/** The DOM Chromium builds from `file` (status 0 when it rendered). */
export function dumpDom(file: string, workDir: string): { status: number | null; dom: string } {
  const r = spawnSync(CHROMIUM, [...flags(workDir), '--dump-dom', `file://${file}`], { encoding: 'utf8', timeout: 90_000, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, dom: r.stdout };
}

/** Screenshots `file` into `png`; returns Chromium's exit status. */
export function screenshot(file: string, png: string, workDir: string, size = '1200,2000'): number | null {
  return spawnSync(CHROMIUM, [...flags(workDir), '--hide-scrollbars', `--screenshot=${png}`, `--window-size=${size}`, `file://${file}`], { encoding: 'utf8', timeout: 90_000 }).status;
}

/** The DOM Chromium builds from `file` and the console messages the page logged (errors, warnings, logs). */
export function dumpDomWithConsole(file: string, workDir: string): { status: number | null; dom: string; console: string[] } {
  const r = spawnSync(CHROMIUM, [...flags(workDir), '--enable-logging=stderr', '--v=0', '--dump-dom', `file://${file}`], { encoding: 'utf8', timeout: 90_000, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, dom: r.stdout, console: r.stderr.split('\n').filter((l) => /:CONSOLE[:(]/.test(l)) };
}
