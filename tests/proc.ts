// What /proc says of a process, for the tests that watch process trees from outside.
import { readFileSync } from 'node:fs';

/** A process's command line, '' once it is gone. */
export const cmdline = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
};
/** Alive and not a zombie waiting to be reaped. */
export const alive = (pid: number) => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};
