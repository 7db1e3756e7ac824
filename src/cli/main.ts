// The CLI entry: dispatch to a sub-command, turn errors into one line and an exit code.
import { diskFullError, isNianbaoError, ErrorCodes } from '../errors.js';
import { commands } from './commands/index.js';
import { describeError } from './errors-out.js';
import { EXTRACTOR_VERSION } from '../version.js';

const version = EXTRACTOR_VERSION;

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `nianbao ${version} — 政府信息公开工作年度报告 → typed, checked JSON records

Usage: nianbao <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run 'nianbao <command> --help' for a command's options.`;
}

export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  // No arguments is a usage error: the help goes to stderr (stdout may be a pipe expecting JSON).
  if (!name) {
    process.stderr.write(help() + '\n');
    return ErrorCodes.USAGE;
  }
  if (name === '-h' || name === '--help' || name === 'help') {
    process.stdout.write(help() + '\n');
    return 0;
  }
  if (name === '-V' || name === '--version') {
    process.stdout.write(version + '\n');
    return 0;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    process.stderr.write(`nianbao: unknown command 「${name}」\n\n${help()}\n`);
    return ErrorCodes.USAGE;
  }
  const command = await entry.load();
  if (rest.includes('-h') || rest.includes('--help')) {
    process.stdout.write(command.usage + '\n');
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (e) {
    const known = isNianbaoError(e) ? e : diskFullError(e);
    if (known) {
      process.stderr.write(`nianbao: ${known.toLine()}\n`);
      return known.exitCode;
    }
    process.stderr.write(`nianbao: ${describeError(e)}\n`);
    return ErrorCodes.INTERNAL;
  }
}
