// Preloaded into the api child by `npm run bench -- --profile` (node --import). The benchmark
// writes "start" or "stop <label>" into BENCH_PROFILE_CONTROL; this polls the file and runs the
// V8 CPU profiler through the inspector, writing <dir>/<label>.cpuprofile on stop, then
// acknowledges in <control>.ack. A file, not a signal: Nest's shutdown hooks treat SIGUSR2
// as a shutdown signal, and --cpu-prof does not survive the SIGTERM Nest re-raises.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { dirname, join } from 'node:path';

const control = process.env.BENCH_PROFILE_CONTROL;
if (control) {
  const session = new Session();
  session.connect();
  let last = '';
  let busy = false;
  const poll = async () => {
    if (busy || !existsSync(control)) return;
    const command = readFileSync(control, 'utf8').trim();
    if (command === last) return;
    busy = true;
    last = command;
    try {
      if (command === 'start') {
        await session.post('Profiler.enable');
        await session.post('Profiler.setSamplingInterval', { interval: 200 });
        await session.post('Profiler.start');
      } else if (command.startsWith('stop ')) {
        const { profile } = await session.post('Profiler.stop');
        writeFileSync(join(dirname(control), `${command.slice(5)}.cpuprofile`), JSON.stringify(profile));
      }
      writeFileSync(`${control}.ack`, command);
    } finally {
      busy = false;
    }
  };
  setInterval(() => void poll(), 100).unref();
}
