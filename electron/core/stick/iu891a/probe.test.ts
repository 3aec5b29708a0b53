import { describe, expect, it } from 'vitest';
import { handFrame, hex } from './fixtures/hand-built';
import { findIu891aDeviceInfo, iu891aProbeRequest } from './probe';
import { VirtualIu891a } from './virtual-iu891a';

describe('probing a port for an iU891A', () => {
  it('asks for device info after a run of ENDs, and the virtual stick answers it', () => {
    const probe = iu891aProbeRequest();
    expect(probe).toEqual(Buffer.concat([Buffer.alloc(30, 0xc0), handFrame('01 03')]));
    const stick = new VirtualIu891a({ meters: [], uniqueId: '0000abcd' });
    const answer: Buffer[] = [];
    stick.onData((b) => answer.push(b));
    stick.receive(probe);
    expect(findIu891aDeviceInfo(Buffer.concat(answer))).toMatchObject({
      moduleName: 'iU891A-XL',
      uniqueId: '0000ABCD',
    });
  });

  it('finds the answer behind noise and an indication, and nothing in an iM871A’s reply', () => {
    const reply = Buffer.concat([
      hex('00 13'),
      handFrame('09 20 00000000 000005 c4 02 44 00'),
      handFrame('01 04 00 71 01020304'),
    ]);
    expect(findIu891aDeviceInfo(reply)).toMatchObject({ moduleName: 'iU893A-XL', uniqueId: '04030201' });
    expect(findIu891aDeviceInfo(hex('a5 81 10 08 33 00 14 01 78 56 34 12 00 00'))).toBeNull();
    expect(findIu891aDeviceInfo(handFrame('01 04 02'))).toBeNull(); // refused: status 0x02
  });
});
