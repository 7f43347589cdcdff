/**
 * The registry of benchmark models (`npm run bench`, `--model NAME`) and the recorded counts
 * they are checked against (expected-counts.json, written by regen-counts.ts). The JSON's
 * shape and the text hashes live here so the writer, the bench and the test agree on them.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bakeryBench } from './bakery.ts';
import { boundedBufferBench } from './boundedbuffer.ts';
import { diningBench } from './dining.ts';
import { germanBench } from './german.ts';
import { twophaseBench } from './twophase.ts';
import type { BenchModel, BenchParams } from './types.ts';
import { zrWbJcBench } from './zr-wb-jc.ts';

export type { BenchModel, BenchParams } from './types.ts';

/** In bench order: the original benchmark first. */
export const BENCH_MODELS: readonly BenchModel[] = [zrWbJcBench, bakeryBench, twophaseBench, diningBench, germanBench, boundedBufferBench];

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const COUNTS_FILE = join(dirname(fileURLToPath(import.meta.url)), 'expected-counts.json');

export function findModel(name: string): BenchModel | undefined {
  return BENCH_MODELS.find((m) => m.name === name);
}

export type InstanceKind = 'small' | 'quick' | 'bench';

/** The instances a model has: `quick` only where it differs from `small`. */
export function instancesOf(m: BenchModel): [InstanceKind, BenchParams][] {
  return [['small', m.small], ...(m.quick ? [['quick', m.quick] as [InstanceKind, BenchParams]] : []), ['bench', m.bench]];
}

export const sha256 = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

/** What regen-counts.ts recorded for one instance. */
export interface InstanceCounts {
  readonly params: BenchParams;
  /** Hashes of what produced the counts: a change without a regen fails the test. */
  readonly murphiSha256: string;
  readonly promelaSha256: string;
  readonly moduleSha256: string;
  readonly zrcheck: { readonly states: number; readonly transitions: number; readonly depth: number };
  readonly rumur: { readonly states: number; readonly rulesFired: number };
  /** SPIN -DNOREDUCE; transitions = its "stored+matched" minus 1 (the initial state). */
  readonly spin: { readonly states: number; readonly transitions: number; readonly depth: number };
  /** SPIN with partial-order reduction (its default build). */
  readonly spinPor: { readonly states: number; readonly transitions: number; readonly depth: number };
  /** SPIN transitions that are no rule firing (see BenchModel.spinExtraTransitions). */
  readonly spinExtraTransitions: number;
}

export interface ExpectedCounts {
  readonly tools: Readonly<Record<string, string>>;
  readonly commands: Readonly<Record<string, string>>;
  readonly models: Readonly<Record<string, { readonly module: string; readonly instances: Partial<Record<InstanceKind, InstanceCounts>> }>>;
}

export function readExpected(): ExpectedCounts | undefined {
  return existsSync(COUNTS_FILE) ? (JSON.parse(readFileSync(COUNTS_FILE, 'utf8')) as ExpectedCounts) : undefined;
}

/** The hashes an instance's recorded counts must carry to be current. */
export function fingerprints(m: BenchModel, params: BenchParams): Pick<InstanceCounts, 'murphiSha256' | 'promelaSha256' | 'moduleSha256'> {
  return {
    murphiSha256: sha256(m.murphi(params)),
    promelaSha256: sha256(m.promela(params)),
    moduleSha256: sha256(readFileSync(join(ROOT, m.module))),
  };
}

/** `--param NAME=VALUE` arguments of the CLI for `params`. */
export function cliParams(params: BenchParams): string[] {
  return Object.entries(params).flatMap(([k, v]) => ['--param', `${k}=${v}`]);
}

export function paramText(params: BenchParams): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}
