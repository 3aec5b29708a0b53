// Run by a test as a child process: queue messages while offline, then die without any cleanup
// (SIGKILL), as a crashing app would. Usage: tsx crash-publisher.ts OUTBOX_FILE PORT COUNT
import { Outbox } from '../outbox';
import { MqttSession } from '../session';
import { memoryLogger, testProfile } from './fixtures';

const [file, port, count] = process.argv.slice(2);
const session = new MqttSession({
  profile: testProfile({ port: Number(port) }),
  logger: memoryLogger(),
  outbox: Outbox.open({ file: file! }),
});
session.start();
for (let i = 0; i < Number(count); i++)
  await session.publish({ topic: 'crash/test', payload: `c${i}`, qos: 1 });
process.stdout.write(`queued ${count}\n`);
process.kill(process.pid, 'SIGKILL');
