/**
 * Chart pins against recorded chart facts (test/fixtures/charts/chart-index.json, each entry
 * naming the upstream file and tag it was read from): a pinned chart version must exist, and
 * the image pinned beside it must be the app version that chart ships.
 */
import * as fs from 'fs';
import * as path from 'path';
import { OTEL_COLLECTOR_CHART_VERSION, OTEL_COLLECTOR_IMAGE } from '../src/versions';

interface RecordedChart {
  readonly source: string;
  readonly versions: Readonly<Record<string, { readonly appVersion: string }>>;
}
const index: Record<string, RecordedChart> = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'charts', 'chart-index.json'), 'utf8'));

describe('the OpenTelemetry Collector chart pin', () => {
  // opentelemetry-helm-charts: tags opentelemetry-collector-0.158.0 … 0.158.2 exist, 0.158.3 does not;
  // charts/opentelemetry-collector/Chart.yaml at 0.158.2 says `appVersion: 0.153.0`.
  const chart = index['opentelemetry-collector'];

  it('is a chart version that was released', () => {
    expect(Object.keys(chart.versions)).toContain(OTEL_COLLECTOR_CHART_VERSION);
  });

  it('ships the Collector release the pinned image runs', () => {
    expect(chart.versions[OTEL_COLLECTOR_CHART_VERSION]?.appVersion).toBe(OTEL_COLLECTOR_IMAGE.tag);
  });
});
