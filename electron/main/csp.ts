/**
 * The renderer's Content-Security-Policy, in one place. The production policy is what the
 * main process (and the web preview server) send as a response header; renderer/index.html
 * carries the same policy as a <meta>, minus `frame-ancestors`, which browsers ignore (with
 * a console warning) when it comes from a <meta>. The build refuses an index.html whose
 * policy differs (see vite.web.config.ts).
 * A dev server additionally needs its HMR websocket and @vitejs/plugin-react's inline
 * preamble script: `devContentSecurityPolicy` allows exactly those, by nonce, never by
 * 'unsafe-inline'. Pure: no electron or node imports, so configs and tests can use it.
 */

type Policy = ReadonlyArray<readonly [directive: string, ...sources: string[]]>;

const PRODUCTION_POLICY: Policy = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self'", "'unsafe-inline'"],
  ['img-src', "'self'", 'data:', 'blob:'],
  ['font-src', "'self'", 'data:'],
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

function serialise(policy: Policy): string {
  return policy.map((directive) => directive.join(' ')).join('; ');
}

/** Directives a <meta> policy cannot carry: only a response header can. */
const HEADER_ONLY_DIRECTIVES = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

/** The policy for built renderers (Electron and web), as a response header. */
export const CONTENT_SECURITY_POLICY = serialise(PRODUCTION_POLICY);

/** The same policy as renderer/index.html's <meta> carries it. */
export const CONTENT_SECURITY_POLICY_META = serialise(PRODUCTION_POLICY.filter(([name]) => !HEADER_ONLY_DIRECTIVES.has(name)));

/**
 * The <meta> policy while a Vite dev server serves the renderer: the production policy plus
 * the inline scripts Vite marks with `nonce` and websockets to the dev server's host.
 *
 * @example devContentSecurityPolicy('abcdefgh') // "…; script-src 'self' 'nonce-abcdefgh'; …"
 */
export function devContentSecurityPolicy(nonce: string): string {
  if (!/^[A-Za-z0-9+/=_-]{8,}$/.test(nonce)) throw new Error('A CSP nonce must be base64 and at least 8 characters.');
  return serialise(
    PRODUCTION_POLICY.filter(([name]) => !HEADER_ONLY_DIRECTIVES.has(name)).map(([name, ...sources]) => {
      if (name === 'script-src') return [name, ...sources, `'nonce-${nonce}'`] as const;
      if (name === 'connect-src') return [name, ...sources, 'ws://localhost:*', 'ws://127.0.0.1:*'] as const;
      return [name, ...sources] as const;
    }),
  );
}

const CSP_META = /<meta\s+http-equiv=["']Content-Security-Policy["']\s+content=(["'])(.*?)\1\s*\/?>/is;

/** The policy in an HTML page's CSP <meta>, or `null` if it has none. */
export function readCspMeta(html: string): string | null {
  const match = CSP_META.exec(html);
  return match ? (match[2] ?? '') : null;
}

/** Puts `policy` in the page's CSP <meta>, replacing the one it has or adding one to <head>. */
export function writeCspMeta(html: string, policy: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
  if (CSP_META.test(html)) return html.replace(CSP_META, () => meta);
  // Right after <meta charset> (which must come first), else at the top of <head>.
  const anchor = /<meta\s+charset=[^>]*>/i.test(html) ? /<meta\s+charset=[^>]*>/i : /<head(?:\s[^>]*)?>/i;
  if (!anchor.test(html)) throw new Error('index.html has no <head> to carry the Content-Security-Policy.');
  return html.replace(anchor, (tag) => `${tag}\n    ${meta}`);
}

/** Whether two policies say the same thing, ignoring spacing and a trailing semicolon. */
export function isSamePolicy(a: string, b: string): boolean {
  const normalise = (policy: string): string =>
    policy
      .split(';')
      .map((directive) => directive.trim().split(/\s+/).join(' '))
      .filter((directive) => directive !== '')
      .join('; ');
  return normalise(a) === normalise(b);
}
