import { describe, expect, it } from 'vitest';
import { parseManifest, sealManifest } from '../../src/model/manifest.js';
import { manifest } from '../plan/builders.js';

const stored = (text: string): Record<string, unknown> => JSON.parse(text) as Record<string, unknown>;
const snapshot = manifest('20261124T140500Z');

describe('sealManifest and parseManifest', () => {
  it('read back what they wrote, with or without a signing key', () => {
    expect(parseManifest(stored(sealManifest(snapshot, undefined)), 'm', undefined)).toEqual({ ...snapshot, digest: expect.any(String) as string });
    const signed = stored(sealManifest(snapshot, 'k'.repeat(32)));
    expect(signed.hmac).toMatch(/^[0-9a-f]{64}$/);
    expect(parseManifest(signed, 'm', 'k'.repeat(32)).id).toBe(snapshot.id);
  });

  it('refuse, with a key, a manifest that is unsigned, signed with another key, or edited after signing', () => {
    const key = 'k'.repeat(32);
    expect(() => parseManifest(stored(sealManifest(snapshot, undefined)), 'm', key)).toThrow('it is not signed, and the plan sets signing.key');
    expect(() => parseManifest(stored(sealManifest(snapshot, 'other')), 'm', key)).toThrow('its signature does not match signing.key');
    // The forger recomputes the digest, but cannot recompute the HMAC without the key.
    const edited = stored(sealManifest({ ...snapshot, host: 'elsewhere' }, undefined));
    edited.hmac = stored(sealManifest(snapshot, key)).hmac;
    expect(() => parseManifest(edited, 'm', key)).toThrow('its signature does not match signing.key');
  });

  it('ignore the HMAC without a key, and still check the digest', () => {
    const signed = stored(sealManifest(snapshot, 'k'));
    expect(parseManifest(signed, 'm', undefined).id).toBe(snapshot.id);
    expect(() => parseManifest({ ...signed, host: 'x' }, 'm', undefined)).toThrow('its content does not match its digest');
  });
});
