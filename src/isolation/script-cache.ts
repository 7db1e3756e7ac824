// Loads the extraction bundle (dist/bundle/*.cjs, scripts/bundle.ts) with V8's code cache: the
// bytecode of every function a process compiled, saved once (after its first file) and read by the
// processes after it, which then skip parsing and compiling what they run. Node 22 caches the code
// of modules itself (module.enableCompileCache), Node 20 does not; and a cache made after a file was
// extracted also holds the functions compiled lazily while extracting, which a cache made at load
// time would not. Measured on a cold `nianbao extract` of a 5-page text PDF: ~60 ms of CPU less.
//
// The bundle is CommonJS (a script can carry cached data, a module cannot): its chunks require each
// other by relative path, and are loaded here as one small CommonJS loader would; everything else
// goes to Node's require. The cache files sit beside the bundle (dist/bundle/.code-cache/), named by
// a hash of the chunk's text, the Node version and the process's flags (V8 refuses a cache made
// under other flags; it does not check the text, only its length). Where that folder cannot be
// written, processes run without a cache.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/** Sub-folder of the bundle's folder that holds the cache files. */
export const CODE_CACHE_DIR = '.code-cache';

interface Chunk {
  module: { exports: unknown };
  script: vm.Script;
  cacheFile: string;
  /** Whether V8 used a cache file for it (else one is written after the first file). */
  cached: boolean;
}

const chunks = new Map<string, Chunk>();

/** The exports of a chunk of the bundle (an absolute path), loaded once, with its code cache. */
export function requireChunk(file: string): unknown {
  const known = chunks.get(file);
  if (known) return known.module.exports;
  const source = readFileSync(file, 'utf8');
  const cacheFile = cacheFileOf(file, source);
  const cachedData = readIfThere(cacheFile);
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData,
  });
  const chunk: Chunk = {
    module: { exports: {} },
    script,
    cacheFile,
    cached: cachedData !== undefined && !script.cachedDataRejected,
  };
  // Registered before it runs: chunks require each other in a cycle (through the entry chunk).
  chunks.set(file, chunk);
  debug(`${path.basename(file)} (code cache ${chunk.cached ? 'used' : 'not used'})`);
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(chunk.module.exports, chunk.module.exports, requireFrom(file), chunk.module, file, path.dirname(file));
  return chunk.module.exports;
}

/** A chunk's require: the bundle's own chunks (./chunk-….cjs) through requireChunk, the rest through Node's. */
function requireFrom(file: string): NodeJS.Require {
  const node = createRequire(file);
  const req = ((id: string) =>
    id.startsWith('./') && id.endsWith('.cjs')
      ? requireChunk(path.join(path.dirname(file), id))
      : node(id)) as NodeJS.Require;
  return Object.assign(req, { resolve: node.resolve, cache: node.cache, main: node.main, extensions: node.extensions });
}

/**
 * Write the cache of every chunk loaded without one (a new bundle, Node or set of flags). Called
 * once a process has extracted a file, so the cache holds what extracting compiled. Atomic (a temp
 * file renamed), so a process killed meanwhile leaves no partial cache; a failure (a read-only
 * install) leaves the processes without a cache and is not an error.
 */
export function saveCodeCache(): void {
  for (const c of chunks.values()) {
    if (c.cached) continue;
    try {
      mkdirSync(path.dirname(c.cacheFile), { recursive: true });
      const tmp = `${c.cacheFile}.${process.pid}.tmp`;
      writeFileSync(tmp, c.script.createCachedData());
      renameSync(tmp, c.cacheFile);
      c.cached = true;
      debug(`${path.basename(c.cacheFile)} written`);
    } catch {
      return; // not writable: no cache
    }
  }
}

function cacheFileOf(file: string, source: string): string {
  const key = createHash('sha256')
    .update(`${process.version} ${process.arch} ${process.execArgv.join(' ')}\n`)
    .update(source)
    .digest('hex')
    .slice(0, 20);
  return path.join(path.dirname(file), CODE_CACHE_DIR, `${path.basename(file, '.cjs')}.${key}.bin`);
}

function readIfThere(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** NIANBAO_DEBUG=1: which chunks load and whether the cache served them (the pool shows our stderr then). */
function debug(line: string): void {
  if (process.env.NIANBAO_DEBUG) process.stderr.write(`nianbao code cache: ${line}\n`);
}
