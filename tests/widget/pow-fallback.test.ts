import { expect } from '@open-wc/testing';
import { sha256 } from '../../widget/api/sha256.js';
import { fakeClock } from './fake-clock.js';
import {
  fillAndPost,
  forgetEverything,
  mountReader,
  postedAfterMinimumAge,
  requestsSince,
  servers,
} from './reader-support.js';
import { formRoot, readThread, uniquePage } from './support.js';

const hex = (b: ArrayBuffer | Uint8Array) =>
  [...new Uint8Array(b)].map((x) => x.toString(16).padStart(2, '0')).join('');

/** Runs `body` as on a plain-http page, which is no secure context and so has no `crypto.subtle`. */
async function withoutWebCrypto<T>(body: () => Promise<T>): Promise<T> {
  Object.defineProperty(crypto, 'subtle', { value: undefined, configurable: true });
  try {
    return await body();
  } finally {
    delete (crypto as { subtle?: unknown }).subtle;
  }
}

describe('the proof of work without Web Crypto', () => {
  afterEach(forgetEverything);

  it('hashes as crypto.subtle does, for the published vectors and strings of every padding length', async () => {
    expect(hex(sha256(new TextEncoder().encode('abc')))).to.equal(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    for (let n = 0; n < 200; n++) {
      const bytes = new TextEncoder().encode(`${'ü'.repeat(n)}${n}`);
      expect(hex(sha256(bytes))).to.equal(hex(await crypto.subtle.digest('SHA-256', bytes)));
    }
  });

  it('still lets a reader on a page without crypto.subtle post to a server that asks for it', async () => {
    const page = uniquePage();
    const time = fakeClock();
    const el = await mountReader({ page, server: servers.pow });
    const start = performance.now();
    const comment = await withoutWebCrypto(async () => {
      expect(crypto.subtle).to.equal(undefined);
      fillAndPost(el, { comment: 'Posted over plain http' });
      return postedAfterMinimumAge(el, time);
    }).finally(time.restore);
    expect(comment.status).to.equal('approved');
    // The challenge was asked for this thread.
    const asked = requestsSince(start, '/api/challenge');
    expect(asked).to.have.length(1);
    expect(new URL(asked[0]!.name).searchParams.get('url')).to.equal(page);
    expect((await readThread(page, servers.pow)).comments.map((c) => c.id)).to.deep.equal([
      comment.id,
    ]);
    expect(formRoot(el).querySelector('[part="status"]')?.textContent?.trim()).to.equal(
      'Your comment was posted.',
    );
  });
});
