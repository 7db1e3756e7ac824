// One CLI sub-command: its own --help text and a run() that returns the exit code.
export interface Command {
  name: string;
  summary: string;
  /** The complete --help text. */
  usage: string;
  run(args: string[]): Promise<number>;
}
