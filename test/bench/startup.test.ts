/**
 * The bench's start-up environments (bench/startup.ts): which variables it removes for the
 * second set of start-up figures, and that it leaves everything else, and the caller's
 * environment, as they were.
 */
import { describe, expect, it } from 'vitest';
import { withoutStartCosts } from '../../bench/startup.ts';

describe('withoutStartCosts', () => {
  it('removes NODE_EXTRA_CA_CERTS when it is set, and nothing else', () => {
    const env = { PATH: '/usr/bin', NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca-certificates.crt', ZRCHECK_BUNDLE_CACHE: '0' };
    const lean = withoutStartCosts(env);
    expect(lean?.removed).toEqual(['NODE_EXTRA_CA_CERTS']);
    expect(lean?.env).toEqual({ PATH: '/usr/bin', ZRCHECK_BUNDLE_CACHE: '0' });
    // The caller's environment is a copy's source, not changed.
    expect(env.NODE_EXTRA_CA_CERTS).toBe('/etc/ssl/certs/ca-certificates.crt');
  });

  it('says there is nothing to remove when no such variable is set, or it is empty', () => {
    expect(withoutStartCosts({ PATH: '/usr/bin' })).toBeUndefined();
    expect(withoutStartCosts({ PATH: '/usr/bin', NODE_EXTRA_CA_CERTS: '' })).toBeUndefined();
  });
});
