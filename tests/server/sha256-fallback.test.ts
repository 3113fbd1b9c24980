import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solveChallenge } from '../../widget/api/pow.js';
import { sha256 } from '../../widget/api/sha256.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('the widget’s JavaScript SHA-256', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
    [
      '00112233445566778899aabbccddeeff4711',
      'a49c1671b691c9278ab9010768046eae4b7ada72f4181efea95628e8bc0c6723',
    ],
  ])('hashes %j to the published digest', (input, digest) => {
    expect(hex(sha256(utf8(input)))).toBe(digest);
  });

  it('hashes a million a’s (many blocks) to the published digest', () => {
    expect(hex(sha256(utf8('a'.repeat(1_000_000))))).toBe(
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    );
  });

  it('agrees with Node’s SHA-256 on any input, across every padding boundary', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(hex(sha256(bytes))).toBe(createHash('sha256').update(bytes).digest('hex'));
      }),
      { numRuns: 400 },
    );
  });
});

describe('solveChallenge without Web Crypto (a plain-http page)', () => {
  it('finds the hidden number with the JavaScript SHA-256', async () => {
    Object.defineProperty(globalThis.crypto, 'subtle', { value: undefined, configurable: true });
    try {
      expect(globalThis.crypto.subtle).toBeUndefined();
      const solution = await solveChallenge({
        algorithm: 'SHA-256',
        challenge: 'a49c1671b691c9278ab9010768046eae4b7ada72f4181efea95628e8bc0c6723',
        salt: '00112233445566778899aabbccddeeff',
        maxnumber: 10_000,
        issuedAt: '2016-05-31T06:24:00.000Z',
        expiresAt: '2016-05-31T06:34:00.000Z',
        signature: '0'.repeat(64),
      });
      expect(solution?.number).toBe(4711);
    } finally {
      delete (globalThis.crypto as { subtle?: unknown }).subtle;
    }
    expect(globalThis.crypto.subtle).toBeDefined();
  });
});
