import { describe, expect, it } from 'vitest';
import { exploreHash } from './explore-hash';

const base = { id: '1', kind: 'alert' as const, transition: 'firing' as const, rule: 'Error_total', title: 'Error_total firing', body: 'x', atMs: 0, labels: {} };

describe('where a live notification opens Explore', () => {
  it('opens Explore at the alert lines: its range in ms and its selector, in the renderer hash format', () => {
    const hash = exploreHash({ ...base, explore: { query: '{filename="/var/log/a b.log"}', fromMs: 1000.4, toMs: 2000.2 } });
    expect(hash).toBe('#/explore?from=1000&to=2001&query=%7Bfilename%3D%22%2Fvar%2Flog%2Fa+b.log%22%7D');
    const params = new URLSearchParams(hash!.split('?')[1]);
    expect(params.get('query')).toBe('{filename="/var/log/a b.log"}');
  });
  it('opens nothing when the alert has no lines to show', () => {
    expect(exploreHash({ ...base, explore: null })).toBeNull();
  });
});
