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
