/**
 * Public surface of the kernel model: profiles, versions, scenarios, setup programs, layouts
 * and the transition system. (The checkable model, with its properties, is src/kernel.)
 */
export type { MapName, FolioInit, FileState, CallerKind, CallerSpec, ActorSpec, VersionSemantics, KernelConfig } from './types.ts';
export { CALLER_KINDS } from './types.ts';
export { PROFILES, DEFAULT_PROFILE, profileById, resolveProfile, allVersionIds } from './profiles/index.ts';
export type { Profile, ProfileId, ProfileFact, ProfileVersion, AssumptionInfo, ResolvedProfile, ProfileBehaviour } from './profiles/index.ts';
export { SCENARIOS, isScenarioId, scenarioApplies, scenariosFor } from './scenarios.ts';
export { scenarioSetup } from './scenarioSetups.ts';
export type { ScenarioId, ScenarioInfo } from './scenarios.ts';
export type { KernelRequest } from './config.ts';
export { buildConfig } from './config.ts';
export { buildKernelSystem, type KernelSystem } from './build.ts';
export { generateLayouts, layoutFromId, callersFor, describeLayout, MAX_LAYOUTS, FLUSHER_MODES, type GeneratedLayout, type FlusherMode } from './layouts.ts';
export { runSetup, programText, type SetupOp, type Geometry } from './setup/ops.ts';
export { reachableStarts, type ReachableStart } from './setup/reachable.ts';
