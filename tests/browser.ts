// The system's Chromium driven by playwright-core (never a downloaded browser), for the tests that
// look at pages as a person would. Screenshots go to test-artifacts/ (gitignored) unless
// NIANBAO_SCREENSHOT_DIR names another folder.
import { accessSync, constants, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

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

/** Why a browser test cannot run here (printed by the skipped test file), or null. */
export function browserSkipReason(test: string): string | null {
  return findChromium()
    ? null
    : `${test}: SKIPPED — no Chromium on PATH (install Debian's \`chromium\`, or set NIANBAO_CHROMIUM)`;
}

/** A headless Chromium (the system's), one per test file. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium()!,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--force-device-scale-factor=1'],
  });
}

/** Where a test keeps its screenshots (made if missing). */
export function artifactsDir(): string {
  const dir = process.env.NIANBAO_SCREENSHOT_DIR ?? path.resolve(__dirname, '..', 'test-artifacts');
  mkdirSync(dir, { recursive: true });
  return dir;
}
