// A minimal headless-Chromium driver over the DevTools protocol on a pipe (--remote-debugging-pipe:
// commands on fd 3, replies on fd 4, NUL-terminated JSON). No dependency, no network port, and the
// browser is the system's own (never downloaded). Used by the review page's browser test and to make
// the screenshot in docs/.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** The Chromium executable: $NIANBAO_CHROMIUM, else the first of the usual names on PATH; null if none. */
export function findChromium(): string | null {
  const env = process.env.NIANBAO_CHROMIUM;
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const candidates = env ? [env] : CANDIDATES.flatMap((name) => dirs.map((d) => path.join(d, name)));
  for (const file of candidates) {
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return null;
}

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
}

export class Browser {
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private listeners: Array<(msg: { method: string; params: unknown; sessionId?: string }) => void> = [];
  private buffer = '';

  private constructor(
    private proc: ChildProcess,
    private input: Writable,
    output: Readable,
    private profile: string,
  ) {
    output.setEncoding('utf8');
    output.on('data', (chunk: string) => {
      this.buffer += chunk;
      let end: number;
      while ((end = this.buffer.indexOf('\0')) >= 0) {
        const raw = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 1);
        this.dispatch(JSON.parse(raw));
      }
    });
    proc.on('exit', () => {
      for (const p of this.pending.values()) p.reject(new Error('chromium exited'));
      this.pending.clear();
    });
  }

  static async launch(executable = findChromium()): Promise<Browser> {
    if (!executable) throw new Error('no Chromium found (set NIANBAO_CHROMIUM or install chromium)');
    const profile = mkdtempSync(path.join(os.tmpdir(), 'nianbao-chromium-'));
    const proc = spawn(
      executable,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-extensions',
        '--no-first-run',
        '--no-default-browser-check',
        '--hide-scrollbars',
        '--force-device-scale-factor=1',
        `--user-data-dir=${profile}`,
        '--remote-debugging-pipe',
        'about:blank',
      ],
      { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] },
    );
    proc.stderr?.resume();
    const browser = new Browser(proc, proc.stdio[3] as Writable, proc.stdio[4] as Readable, profile);
    await browser.send('Browser.getVersion');
    return browser;
  }

  private dispatch(msg: { id?: number; result?: unknown; error?: { message: string }; method?: string; params?: unknown; sessionId?: string }): void {
    if (msg.id !== undefined) {
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (msg.error) p?.reject(new Error(msg.error.message));
      else p?.resolve(msg.result);
    } else if (msg.method) {
      for (const l of [...this.listeners]) l({ method: msg.method, params: msg.params, sessionId: msg.sessionId });
    }
  }

  send<T = Record<string, unknown>>(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.input.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0');
    });
  }

  /**
   * Call `fn` with every event `method` (of any target) until the returned function is called. Unlike
   * a loop of waitFor, it misses none: several events may arrive in one read of the pipe.
   */
  on(method: string, fn: (params: unknown) => void): () => void {
    const listener = (m: { method: string; params: unknown }) => {
      if (m.method === method) fn(m.params);
    };
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /** The next event `method` (of `sessionId`), or an error after `timeoutMs`. */
  waitFor(method: string, sessionId: string, timeoutMs = 30_000): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners = this.listeners.filter((l) => l !== listener);
        reject(new Error(`timed out waiting for ${method}`));
      }, timeoutMs);
      const listener = (m: { method: string; params: unknown; sessionId?: string }) => {
        if (m.method !== method || m.sessionId !== sessionId) return;
        clearTimeout(timer);
        this.listeners = this.listeners.filter((l) => l !== listener);
        resolve(m.params);
      };
      this.listeners.push(listener);
    });
  }

  /** A new tab of the given size showing `url`, loaded (the load event has fired). */
  async open(url: string, size = { width: 1280, height: 1000 }): Promise<Page> {
    const { targetId } = await this.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await this.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
    await this.send('Page.enable', {}, sessionId);
    await this.send('Runtime.enable', {}, sessionId);
    await this.send('Emulation.setDeviceMetricsOverride', { ...size, deviceScaleFactor: 1, mobile: false }, sessionId);
    const loaded = this.waitFor('Page.loadEventFired', sessionId);
    await this.send('Page.navigate', { url }, sessionId);
    await loaded;
    return new Page(this, sessionId);
  }

  async close(): Promise<void> {
    await this.send('Browser.close').catch(() => {});
    await new Promise<void>((resolve) => {
      if (this.proc.exitCode !== null || this.proc.signalCode !== null) resolve();
      else {
        const timer = setTimeout(() => this.proc.kill('SIGKILL'), 5000);
        this.proc.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      }
    });
    rmSync(this.profile, { recursive: true, force: true });
  }
}

export class Page {
  constructor(
    private browser: Browser,
    readonly sessionId: string,
  ) {}

  /** Evaluate an expression in the page (promises awaited) and return its JSON value. */
  async evaluate<T>(expression: string): Promise<T> {
    const r = await this.browser.send<{ result: { value: T }; exceptionDetails?: { text: string; exception?: { description?: string } } }>(
      'Runtime.evaluate',
      { expression, returnByValue: true, awaitPromise: true },
      this.sessionId,
    );
    if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
    return r.result.value;
  }

  /** A real mouse click (pressed and released) at the centre of the element `selector` names. */
  async click(selector: string): Promise<void> {
    const at = await this.evaluate<{ x: number; y: number }>(
      `(() => { const e = document.querySelector(${JSON.stringify(selector)}); e.scrollIntoView({ block: 'center' }); const r = e.getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 }; })()`,
    );
    for (const type of ['mousePressed', 'mouseReleased']) {
      await this.browser.send('Input.dispatchMouseEvent', { type, x: at.x, y: at.y, button: 'left', clickCount: 1 }, this.sessionId);
    }
  }

  /** Type text into the focused element, as a keyboard would (IME-style insertion). */
  async type(text: string): Promise<void> {
    await this.browser.send('Input.insertText', { text }, this.sessionId);
  }

  /** Press and release a key (e.g. 'Enter', 'Escape'). */
  async press(key: 'Enter' | 'Escape'): Promise<void> {
    const code = { Enter: 13, Escape: 27 }[key];
    for (const type of ['keyDown', 'keyUp']) {
      await this.browser.send('Input.dispatchKeyEvent', { type, key, code: key, windowsVirtualKeyCode: code, nativeVirtualKeyCode: code }, this.sessionId);
    }
  }

  /** A PNG of the viewport (or of the whole page with fullPage). */
  async screenshot(opts: { fullPage?: boolean } = {}): Promise<Buffer> {
    const r = await this.browser.send<{ data: string }>(
      'Page.captureScreenshot',
      { format: 'png', ...(opts.fullPage ? { captureBeyondViewport: true } : {}) },
      this.sessionId,
    );
    return Buffer.from(r.data, 'base64');
  }
}
