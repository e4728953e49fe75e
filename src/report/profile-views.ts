/** The report's CPU profiles: per configuration, its runs' stored profiles merged, and the top frames by self time. */
import { FoldedProfile, mergeProfiles, totalSamples } from '../profile/folded';
import { topSelfFrames } from '../profile/self-time';
import { GroupView, ProfileView, ReportModel } from './views';
import { Table } from './tables';

function viewOf(v: GroupView, profiles: ReadonlyMap<string, FoldedProfile>): ProfileView | undefined {
  const runs = v.group.results;
  const withRef = runs.filter((r) => r.cpuProfile !== undefined);
  if (!withRef.length) return undefined;
  const read = runs.flatMap((r) => (r.cpuProfile?.status === 'recorded' && profiles.has(r.id) ? [{ ref: r.cpuProfile, profile: profiles.get(r.id)! }] : []));
  // Repeats profiled by one separate profiling run reference one file: count it once.
  const recorded = read.filter((x, i) => read.findIndex((y) => y.ref.file === x.ref.file) === i);
  const unavailable = [
    ...new Set(
      runs.flatMap((r) => {
        if (r.cpuProfile?.status === 'unavailable') return [`${r.cpuProfile.tool ? `${r.cpuProfile.tool}: ` : ''}${r.cpuProfile.reason}`];
        // A saved baseline keeps the results, not the profile files beside them.
        if (r.cpuProfile?.status === 'recorded' && !profiles.has(r.id)) return [`${r.cpuProfile.file} was not read with the results (a saved baseline keeps no profile files)`];
        return [];
      }),
    ),
  ];
  if (!recorded.length) return { name: v.name, color: v.color, description: `not profiled in ${runs.length} run(s)`, unavailable };
  const profile = mergeProfiles(recorded.map((x) => x.profile));
  const tools = [...new Set(recorded.map((x) => x.ref.tool))].join(', ');
  const intervals = [...new Set(recorded.map((x) => `${+x.ref.sampleIntervalUs.toPrecision(4)} µs`))].join(' / ');
  const seconds = recorded.reduce((s, x) => s + x.ref.durationSeconds, 0);
  return {
    name: v.name,
    color: v.color,
    profile,
    description: `${tools}, one sample per ${intervals}, ${totalSamples(profile)} samples over ${seconds.toFixed(1)} s of load, ${
      recorded.some((x) => x.ref.run === 'separate-run') ? `from a separate profiled run (the ${runs.length} measured run(s) ran without a profiler)` : `${recorded.length} of ${runs.length} run(s)`
    }`,
    unavailable,
  };
}

/** One view per configuration (baseline first) that has a `cpuProfile` on any of its runs. */
export function profileViews(m: ReportModel, profiles: ReadonlyMap<string, FoldedProfile>): ProfileView[] {
  const views = [...(m.reference ? [m.reference] : []), ...m.candidates.map((c) => c.view)];
  return views.map((v) => viewOf(v, profiles)).filter((x): x is ProfileView => x !== undefined);
}

/** The frames with most self time in a configuration's profile. */
export function topFramesTable(v: ProfileView, n = 12): Table | undefined {
  if (!v.profile) return undefined;
  return {
    caption: `${v.name}: top ${n} frames by self time`,
    header: ['frame', 'self samples', 'self share'],
    rows: topSelfFrames(v.profile, n).map((t) => [t.frame, String(t.samples), `${(100 * t.share).toFixed(1)}%`]),
  };
}
