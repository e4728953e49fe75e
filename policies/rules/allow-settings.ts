/** The `allow` setting several rules share: objects exempt from the rule, by namespace and name. */
import { ALLOW_LIST_SCHEMA, AllowEntry, MESH_AGENT_ALLOW_LIST } from '../../src/policy/allow-list';
import { SettingsSchema } from '../../src/policy/types';

/** Settings of a rule whose only setting is its allow-list. */
export interface AllowSettings {
  readonly allow: readonly AllowEntry[];
}

/** Settings schema of `allow`. */
export const ALLOW_SETTINGS_SCHEMA: SettingsSchema = { allow: ALLOW_LIST_SCHEMA };

/** Default: the mesh and CNI agents, which need node-level access to do their job. */
export const MESH_AGENTS_ALLOWED: AllowSettings = { allow: MESH_AGENT_ALLOW_LIST };

/** Default: nothing is exempt. */
export const NOTHING_ALLOWED: AllowSettings = { allow: [] };
