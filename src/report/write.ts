/** Writes report.md and report.html into a folder, each atomically. */
import * as path from 'path';
import { writeFileAtomic } from '../results/store';
import { renderHtml } from './html';
import { renderMarkdown } from './markdown';
import { ReportModel } from './model';

/** Files written by `writeReport`. */
export interface WrittenReport {
  readonly markdown: string;
  readonly html: string;
}

/** Renders the model and writes `<dir>/report.md` and `<dir>/report.html`. */
export function writeReport(dir: string, model: ReportModel): WrittenReport {
  const markdown = path.join(dir, 'report.md');
  const html = path.join(dir, 'report.html');
  writeFileAtomic(markdown, renderMarkdown(model));
  writeFileAtomic(html, renderHtml(model));
  return { markdown, html };
}
