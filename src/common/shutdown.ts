import type { INestApplicationContext } from '@nestjs/common';

/**
 * Closes the application on SIGTERM or SIGINT (Nest's shutdown hooks run: readiness turns 503,
 * running requests and jobs finish), then exits. Instead of Nest's enableShutdownHooks, which
 * stops listening after the first signal: under `npm start` the signal often arrives twice (a
 * supervisor signals the process group and npm forwards it too), and the second would then
 * kill the process by default in the middle of its shutdown.
 */
export function closeOnSignals(app: INestApplicationContext, signals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT']): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) return; // already shutting down; keep the listener so a repeat is not fatal
    closing = true;
    // The implementation passes the signal on to the shutdown hooks (the interface omits it).
    void (app as unknown as { close(signal?: string): Promise<void> }).close(signal).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  for (const s of signals) process.on(s, onSignal);
}
