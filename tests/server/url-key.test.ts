import { describe, expect, it } from 'vitest';
import { threadKey } from '../../server/domain/url-key.js';

describe('threadKey', () => {
  it('lower-cases scheme and host and drops the default port and fragment', () => {
    expect(threadKey('HTTPS://News.Example.COM:443/Path/Story#comments')).toBe(
      'https://news.example.com/Path/Story',
    );
    expect(threadKey('http://news.example:80/a')).toBe('http://news.example/a');
  });

  it('keeps a non-default port and the case of the path', () => {
    expect(threadKey('http://news.example:8080/A/b')).toBe('http://news.example:8080/A/b');
  });

  it('removes tracking parameters and sorts the rest by name', () => {
    expect(
      threadKey('https://n.example/a?utm_source=x&z=1&fbclid=abc&a=2&gclid=q&UTM_Medium=m'),
    ).toBe('https://n.example/a?a=2&z=1');
  });

  it('keeps repeated parameters in their original order', () => {
    expect(threadKey('https://n.example/a?b=2&a=x&b=1')).toBe('https://n.example/a?a=x&b=2&b=1');
  });

  it('drops an empty query and credentials', () => {
    expect(threadKey('https://user:pw@n.example/a?')).toBe('https://n.example/a');
    expect(threadKey('https://n.example/a?utm_campaign=z')).toBe('https://n.example/a');
  });

  it('gives one key for every way a reader reaches the same article', () => {
    const keys = new Set(
      [
        'https://news.example/story?id=7',
        'HTTPS://NEWS.EXAMPLE/story?id=7#comment-3',
        'https://news.example:443/story?utm_source=twitter&id=7',
        'https://news.example/story?id=7&fbclid=xyz',
      ].map(threadKey),
    );
    expect([...keys]).toEqual(['https://news.example/story?id=7']);
  });

  it('upper-cases percent-encoding and decodes unreserved characters (RFC 3986, 6.2.2)', () => {
    expect(threadKey('https://n.example/a%2fb%3f/%7Euser/%41%2D%5F%2E%30')).toBe(
      'https://n.example/a%2Fb%3F/~user/A-_.0',
    );
    expect(threadKey('https://n.example/s?q=%e2%82%ac&%6Eame=%7e')).toBe(
      'https://n.example/s?name=~&q=%E2%82%AC',
    );
  });

  it('gives an IRI and its percent-encoded form one key', () => {
    const keys = new Set(
      [
        'https://blog.example/café/über?q=日本',
        'https://blog.example/caf%C3%A9/%C3%BCber?q=%E6%97%A5%E6%9C%AC',
        'https://blog.example/caf%c3%a9/%c3%bcber/?q=%e6%97%a5%e6%9c%ac',
      ].map(threadKey),
    );
    expect([...keys]).toEqual(['https://blog.example/caf%C3%A9/%C3%BCber?q=%E6%97%A5%E6%9C%AC']);
    expect(threadKey('https://bücher.example/a')).toBe(
      threadKey('https://xn--bcher-kva.example/a'),
    );
  });

  it('makes /a and /a/ one thread, keeping the root and the query as they are', () => {
    expect(threadKey('https://n.example/a/')).toBe('https://n.example/a');
    expect(threadKey('https://n.example/a//')).toBe('https://n.example/a');
    expect(threadKey('https://n.example/a/?p=1/')).toBe('https://n.example/a?p=1/');
    expect(threadKey('https://n.example/')).toBe('https://n.example/');
    expect(threadKey('https://n.example')).toBe('https://n.example/');
  });

  it('keeps reserved characters and plus signs as sent, since they may mean something to the site', () => {
    expect(threadKey('https://n.example/a?q=a+b&r=a%20b&s=x%26y')).toBe(
      'https://n.example/a?q=a+b&r=a%20b&s=x%26y',
    );
  });

  it('gives every key back unchanged when normalised again', () => {
    for (const raw of [
      'https://n.example/a%2fb/?z=%7e&a=1#x',
      'https://blog.example/café/?q=日本&utm_source=x',
      'HTTP://N.EXAMPLE:80/%7Euser//',
    ]) {
      const key = threadKey(raw)!;
      expect(threadKey(key), raw).toBe(key);
    }
  });

  it('refuses anything that is not an absolute http(s) address', () => {
    for (const bad of [
      'javascript:alert(1)',
      'data:text/html,hi',
      'file:///etc/passwd',
      '/relative/path',
      'news.example/a',
      '',
      'ftp://n.example/',
    ]) {
      expect(threadKey(bad), bad).toBeNull();
    }
  });
});
