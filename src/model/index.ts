/**
 * Public surface of the kernel model (others depend on exactly these names).
 */
export type { VersionId, ScenarioId, GeneratedLayout, MapName, FolioInit } from './types.ts';
export { VERSIONS } from './versions.ts';
export { SCENARIOS } from './scenarios.ts';
export { ASSUMPTIONS } from './assumptions.ts';
export { KERNEL_PROPERTIES } from '../properties/kernel/index.ts';
export type { KernelRequest } from './config.ts';
export { buildKernelModel, buildKernelCtx, type KernelBuild } from './build.ts';
export { generateLayouts, estimateLayouts, MAX_LAYOUTS } from './layouts.ts';
export { applicableProperties, notApplicableReason } from './applicable.ts';
