import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  CONTENT_SECURITY_POLICY_META,
  devContentSecurityPolicy,
  isSamePolicy,
  readCspMeta,
  writeCspMeta,
} from '../../../electron/main/csp.ts';

const page = `<!doctype html>
<html>
  <head>
    <meta charset="UTF-8" />
    <meta
      http-equiv="Content-Security-Policy"
      content="default-src 'self'; script-src 'self'"
    />
    <title>Marginalia</title>
  </head>
</html>`;

describe('CONTENT_SECURITY_POLICY', () => {
  it('is the strict policy the renderer ships with', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });

  it('leaves frame-ancestors out of the <meta> version, where browsers ignore it', () => {
    expect(CONTENT_SECURITY_POLICY_META).toBe(CONTENT_SECURITY_POLICY.replace("; frame-ancestors 'none'", ''));
  });
});

describe('devContentSecurityPolicy', () => {
  it('adds the nonce to script-src and the HMR websocket to connect-src, and nothing else', () => {
    const policy = devContentSecurityPolicy('abcdefgh12');
    expect(policy).toContain("script-src 'self' 'nonce-abcdefgh12';");
    expect(policy).toContain("connect-src 'self' ws://localhost:* ws://127.0.0.1:*;");
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it('refuses a nonce that could break out of the policy', () => {
    expect(() => devContentSecurityPolicy("x'; script-src *")).toThrow();
  });
});

describe('readCspMeta', () => {
  it('reads a multi-line <meta>', () => {
    expect(readCspMeta(page)).toBe("default-src 'self'; script-src 'self'");
  });

  it('returns null for a page without one', () => {
    expect(readCspMeta('<html><head></head></html>')).toBeNull();
  });
});

describe('writeCspMeta', () => {
  it('replaces the policy of an existing <meta>', () => {
    const html = writeCspMeta(page, "default-src 'none'");
    expect(readCspMeta(html)).toBe("default-src 'none'");
    expect(html.match(/Content-Security-Policy/g)).toHaveLength(1);
  });

  it('adds a <meta> after <meta charset> when the page has none', () => {
    const html = writeCspMeta('<html><head><meta charset="utf-8"><title>x</title></head></html>', "default-src 'none'");
    expect(html.indexOf('charset')).toBeLessThan(html.indexOf('Content-Security-Policy'));
    expect(readCspMeta(html)).toBe("default-src 'none'");
  });
});

describe('isSamePolicy', () => {
  it('ignores spacing and a trailing semicolon', () => {
    expect(isSamePolicy("default-src  'self';script-src 'self';", "default-src 'self'; script-src 'self'")).toBe(true);
  });

  it('notices an added source', () => {
    expect(isSamePolicy("default-src 'self' https:", "default-src 'self'")).toBe(false);
  });
});
