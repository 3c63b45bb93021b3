import { describe, expect, it } from 'vitest';
import { sha256Hex, sha3_256Hex } from './hashes';

describe('hashes as Go computes them', () => {
  it.each([
    ['sha256 of nothing', sha256Hex, '', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['sha3-256 of nothing', sha3_256Hex, '', 'a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a'],
    ['Promtail Sha2Hash test value', sha256Hex, 'this is PII datasalt', '5526fd6f8ad457279cf8ff06453c6cb61bf479fa826e3b099caa6c846f9376f2'],
    ['Promtail Hash test value', sha3_256Hex, 'this is PII datasalt', '0807ea24e992127128b38e4930f7155013786a4999c73a25910318a793847658'],
  ])('computes the %s', (_n, f, input, want) => expect(f(input)).toBe(want));
});
