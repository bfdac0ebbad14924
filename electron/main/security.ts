/**
 * Hardening that does not belong to any one window: the session's permission, request and
 * CSP policy, and the navigation and pop-up guards every WebContents gets. The app shows
 * only its own page: no remote content, no permissions, no navigation away, no new windows
 * (http(s) links a page tries to open in a new window go to the system browser instead).
 */
import { app, shell, type Session } from 'electron';
import { CONTENT_SECURITY_POLICY } from './csp.ts';
import { isAllowedRequestUrl, isAppUrl, isExternalHttpUrl } from './validate.ts';

export interface SecurityOptions {
  /** The page the main window loads (index.html's file URL, or the dev server's URL). */
  appUrl: string;
  /** The Vite dev server in development, `null` in production. */
  devServerUrl: string | null;
}

/**
 * Denies every permission, cancels every request for remote content, and in production
 * sends the CSP as a response header as well as the page's <meta>. In development the
 * header is left off: the dev server's page carries a dev policy in its <meta> that
 * allows Vite's HMR websocket and its nonce-tagged inline scripts (see vite.web.config.ts).
 */
export function hardenSession(session: Session, { devServerUrl }: SecurityOptions): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    const isAllowed = isAllowedRequestUrl(details.url, devServerUrl);
    if (!isAllowed) console.warn(`Blocked a request for remote content: ${details.url}`);
    callback({ cancel: !isAllowed });
  });
  if (devServerUrl === null) {
    session.webRequest.onHeadersReceived((details, callback) => {
      const headers = Object.fromEntries(
        Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'),
      );
      callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
    });
  }
}

/** Guards every WebContents the app creates (windows, devtools, anything added later). */
export function guardWebContents({ appUrl }: SecurityOptions): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => {
      if (!isAppUrl(event.url, appUrl)) {
        event.preventDefault();
        console.warn(`Blocked navigation away from Marginalia to ${event.url}`);
      }
    });
    contents.on('will-redirect', (event) => {
      if (!isAppUrl(event.url, appUrl)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isExternalHttpUrl(url)) {
        shell.openExternal(url).catch((error: unknown) => console.warn(`Could not open ${url}:`, error));
      }
      return { action: 'deny' };
    });
  });
}
