// The orphan watchdog of an extraction process. The pool kills a process (and what it spawned) on
// timeout or over the memory cap; if the pool itself dies (kill -9), nobody would, and the process's
// own 'disconnect' handler cannot run while its thread is stuck in a synchronous parse. So a watcher
// outside that thread checks once a second that the process still has the pool as its parent; once
// it has not, it kills the process's descendants (from /proc, else one `ps` listing: macOS, the BSDs),
// each with its process group (soffice leads one of its own), then the process with its group —
// itself included.
//
// The watcher is a shell, not a worker thread: a worker thread boots a second Node environment
// (~50 ms of CPU on every process start, measured on the cold extract), a shell ~2 ms. Its `sleep`
// costs ~1 ms of CPU a second.
import { spawn } from 'node:child_process';

/** How often the watcher looks at the process's parent, in seconds. */
export const WATCHDOG_INTERVAL_S = 1;

/**
 * $1: the extraction process, $2: the pool. The parent pid is read from /proc (`ps` where there is
 * none). The watcher ends quietly when the process is gone (its pid may be reused: never kill then).
 */
const SCRIPT = `
ppid() {
  if [ -r "/proc/$1/stat" ]; then
    read -r s < "/proc/$1/stat" || return 1
    s=\${s##*) }; set -- $s; echo "$2"
  else
    ps -o ppid= -p "$1" || return 1
  fi
}
tree() {
  if [ -d /proc/self/task ]; then
    for f in /proc/$1/task/*/children; do
      [ -r "$f" ] || continue
      for k in $(cat "$f" 2>/dev/null); do tree "$k"; echo "$k"; done
    done
  else
    ps -A -o pid= -o ppid= | awk -v root="$1" '{ kids[$2] = kids[$2] " " $1 }
      END { n = split(kids[root], q, " "); while (n > 0) { p = q[n--]; print p; m = split(kids[p], c, " "); for (i = 1; i <= m; i++) q[++n] = c[i] } }'
  fi
}
while p=$(ppid "$1") && [ "$p" -eq "$2" ]; do sleep ${WATCHDOG_INTERVAL_S}; done
kill -0 "$1" 2>/dev/null || exit 0
[ -n "$p" ] || exit 0
kill -s STOP "$1" 2>/dev/null
for k in $(tree "$1"); do
  [ "$k" = $$ ] || { kill -s KILL -- "-$k" 2>/dev/null; kill -s KILL "$k" 2>/dev/null; }
done
kill -s KILL -- "-$1" 2>/dev/null
kill -s KILL "$1" 2>/dev/null
`;

/**
 * Start the watcher of this process (`pid`) and its parent (`pool`). It runs in this process's
 * group, so killing the group (as the pool does) ends it too. Unref'd: it never keeps us alive.
 */
export function startWatchdog(pid = process.pid, pool = process.ppid): void {
  const sh = spawn('/bin/sh', ['-c', SCRIPT, 'nianbao-watchdog', String(pid), String(pool)], {
    stdio: 'ignore',
  });
  sh.on('error', () => undefined); // no shell: no watcher, as where the pool outlives its processes
  sh.unref();
}
