import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Outbox, OutboxFullError, OutboxLockedError } from './outbox';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
function journal(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-outbox-'));
  dirs.push(dir);
  return path.join(dir, 'profile.outbox.jsonl');
}
const message = (text: string, qos: 0 | 1 | 2 = 1) => ({
  topic: 'v2/1/x/data',
  payload: Buffer.from(text),
  qos,
  retain: false,
});
const texts = (outbox: Outbox) => [...outbox.values()].map((e) => e.payload.toString());

describe('Outbox', () => {
  it('never writes a message that leaves within the burst it was added in (QoS 0 sent at once)', async () => {
    const file = journal();
    const outbox = Outbox.open({ file });
    const sizeBefore = fs.statSync(file).size;
    outbox.remove(outbox.append(message('gone at once', 0)).id);
    outbox.append(message('stays'));
    await Promise.resolve();
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toContain(Buffer.from('gone at once').toString('base64'));
    expect(text.length).toBeGreaterThan(sizeBefore);
    outbox.close();
  });

  it('keeps a message marked memory-only off the disk until it has to wait, then journals it', async () => {
    const file = journal();
    const outbox = Outbox.open({ file });
    const b64 = (t: string) => Buffer.from(t).toString('base64');
    const sent = outbox.append(message('on the wire', 0), { journal: false });
    const waiting = outbox.append(message('still waiting', 0), { journal: false });
    await Promise.resolve();
    outbox.remove(sent.id);
    expect(fs.readFileSync(file, 'utf8')).not.toContain(b64('still waiting'));
    outbox.persistWaiting(); // the connection dropped: what is left now waits for the next one
    expect(fs.readFileSync(file, 'utf8')).toContain(b64('still waiting'));
    expect(fs.readFileSync(file, 'utf8')).not.toContain(b64('on the wire'));
    outbox.append(message('at shutdown', 0), { journal: false });
    outbox.close();
    const reopened = Outbox.open({ file });
    expect(texts(reopened)).toEqual(['still waiting', 'at shutdown']);
    expect(reopened.get(waiting.id)?.payload.toString()).toBe('still waiting');
    reopened.close();
  });

  it('sends a message journaled late (memory-only, then waiting) before newer ones after a restart', async () => {
    const file = journal();
    const outbox = Outbox.open({ file });
    outbox.append(message('older, on its way', 0), { journal: false });
    outbox.append(message('newer, waiting'));
    await Promise.resolve(); // the newer one's line is written first
    outbox.persistWaiting();
    outbox.close();
    const reopened = Outbox.open({ file });
    expect(texts(reopened)).toEqual(['older, on its way', 'newer, waiting']);
    reopened.close();
  });

  it('journals the removal of a memory-only message once compaction has written it to disk', async () => {
    const file = journal();
    const outbox = Outbox.open({ file });
    const big = 'x'.repeat(200_000);
    const backlog = Array.from({ length: 30 }, () => outbox.append(message(big)).id);
    await Promise.resolve();
    const live = outbox.append(message('live QoS 0', 0), { journal: false });
    for (const id of backlog) outbox.remove(id);
    await new Promise((r) => setTimeout(r, 20)); // the batched deletes, then compaction
    outbox.remove(live.id);
    outbox.close();
    const reopened = Outbox.open({ file });
    expect(texts(reopened)).toEqual([]);
    reopened.close();
  });

  it('keeps messages in order and forgets removed ones', () => {
    const outbox = Outbox.open({ file: journal() });
    const ids = ['a', 'b', 'c', 'd'].map((t) => outbox.append(message(t)).id);
    outbox.remove(ids[1]!);
    expect(texts(outbox)).toEqual(['a', 'c', 'd']);
    expect(outbox.stats()).toMatchObject({ count: 3, bytes: 3 * (11 + 1) });
    outbox.close();
  });

  it('survives closing and reopening: same order, properties, and ids never reused', () => {
    const file = journal();
    const first = Outbox.open({ file });
    first.append(message('one'));
    const two = first.append({
      ...message('two', 2),
      retain: true,
      properties: { contentType: 'application/json', correlationData: '0a0b' },
    });
    first.append(message('three', 0));
    first.remove(first.ids()[0]!);
    first.close();
    const again = Outbox.open({ file });
    expect(texts(again)).toEqual(['two', 'three']);
    expect(again.get(two.id)).toMatchObject({
      qos: 2,
      retain: true,
      properties: { contentType: 'application/json', correlationData: '0a0b' },
    });
    expect(again.append(message('four')).id).toBeGreaterThan(two.id + 1);
    again.close();
  });

  it('ignores a torn last line (a crash while writing) and unreadable lines, and says so', () => {
    const file = journal();
    const outbox = Outbox.open({ file });
    outbox.append(message('kept-1'));
    outbox.append(message('kept-2'));
    outbox.close();
    fs.appendFileSync(file, '{"id":99,"t":"x","q":1,"p":"AAA\n');
    fs.appendFileSync(file, '{"id":100,"t":"v2/1/x/data","q":1,"r":false,"p":"aGFsZg=="'); // no newline: torn
    const reopened = Outbox.open({ file });
    expect(texts(reopened)).toEqual(['kept-1', 'kept-2']);
    expect(reopened.recovered).toEqual({ messages: 2, tornLines: 1, corruptLines: 1 });
    reopened.close();
    expect(fs.readFileSync(file, 'utf8').endsWith('\n')).toBe(true);
  });

  it('refuses a message when full (by count or by bytes) and keeps the old ones', () => {
    const byCount = Outbox.open({ file: null, maxMessages: 2 });
    byCount.append(message('1'));
    byCount.append(message('2'));
    expect(() => byCount.append(message('3'))).toThrow(OutboxFullError);
    expect(texts(byCount)).toEqual(['1', '2']);
    const byBytes = Outbox.open({ file: null, maxBytes: 40 });
    byBytes.append(message('0123456789'));
    expect(() => byBytes.append(message('0123456789abcdefghijklmnop'))).toThrow(/outbox is full/);
  });

  it('lets one process at a time use a file, and takes over a lock left by a dead one', () => {
    const file = journal();
    const outbox = Outbox.open({ file });
    expect(() => Outbox.open({ file })).toThrow(OutboxLockedError);
    outbox.close();
    const dead = spawnSync(process.execPath, [
      '-e',
      'process.stdout.write(String(process.pid))',
    ]).stdout.toString();
    fs.writeFileSync(`${file}.lock`, dead);
    Outbox.open({ file }).close();
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
  });

  it('compacts the journal once most of it is acknowledged', async () => {
    const file = journal();
    const outbox = Outbox.open({ file });
    const payload = 'x'.repeat(2000);
    for (let i = 0; i < 3000; i++) {
      const { id } = outbox.append(message(payload));
      await Promise.resolve(); // the add line is written at the end of the burst
      outbox.remove(id);
    }
    outbox.append(message('last'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fs.statSync(file).size).toBeLessThan(4 * 1024 * 1024 + 10_000);
    outbox.close();
    const reopened = Outbox.open({ file });
    expect(texts(reopened)).toEqual(['last']);
    reopened.close();
  });
});
