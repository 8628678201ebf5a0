import { createHash } from 'node:crypto';
import { unzipSync } from 'fflate';
import { PackZip } from './pack-zip';

function packed(time: Date): { zip: Buffer; sums: string } {
  const chunks: Uint8Array[] = [];
  const zip = new PackZip('evidence-pack-2024', time, (chunk) => chunks.push(chunk));
  zip.add('README.txt', 'read me\n');
  const events = zip.stream('events.jsonl');
  for (let i = 0; i < 3000; i++) events.write(`{"globalPosition":${i}}\n`);
  events.end();
  zip.add('originals/x.xlsx', new Uint8Array([1, 2, 3]), { compress: false });
  const sums = zip.sha256sums();
  zip.end();
  return { zip: Buffer.concat(chunks), sums };
}

describe('PackZip', () => {
  const time = new Date('2025-01-15T09:30:12.000Z');

  it('writes the same bytes for the same entries: one folder, entries in order, the given time', () => {
    const first = packed(time);
    expect(packed(time).zip.equals(first.zip)).toBe(true);
    const entries = unzipSync(first.zip);
    expect(Object.keys(entries)).toEqual([
      'evidence-pack-2024/README.txt',
      'evidence-pack-2024/events.jsonl',
      'evidence-pack-2024/originals/x.xlsx',
    ]);
    expect(Buffer.from(entries['evidence-pack-2024/originals/x.xlsx'])).toEqual(Buffer.from([1, 2, 3]));
    expect(Buffer.from(entries['evidence-pack-2024/events.jsonl']).toString().split('\n')).toHaveLength(3001);
  });

  it("does not depend on the machine's time zone (zip keeps local times)", () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'Asia/Tokyo';
      const tokyo = packed(time).zip;
      process.env.TZ = 'America/New_York';
      expect(packed(time).zip.equals(tokyo)).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('lists every entry as sha256sum -c reads it', () => {
    const sha = (text: string | Uint8Array) => createHash('sha256').update(text).digest('hex');
    const lines = packed(time).sums.trimEnd().split('\n');
    expect(lines[0]).toBe(`${sha('read me\n')}  README.txt`);
    expect(lines[2]).toBe(`${sha(new Uint8Array([1, 2, 3]))}  originals/x.xlsx`);
  });

  it('refuses to grow past what a zip without Zip64 can hold, rather than write wrong offsets', () => {
    const chunks: Uint8Array[] = [];
    const zip = new PackZip('evidence-pack-2024', time, (chunk) => chunks.push(chunk), 1000);
    expect(() => zip.add('originals/big.xlsx', new Uint8Array(2000), { compress: false })).toThrow(
      'the pack would be larger than 1000 bytes, more than a zip without Zip64 can hold',
    );
    expect(Buffer.concat(chunks).byteLength).toBeLessThanOrEqual(1000);
  });

  it('refuses a path that would leave the folder', () => {
    const zip = new PackZip('evidence-pack-2024', time, () => undefined);
    expect(() => zip.add('../escape.txt', 'x')).toThrow('not a plain relative path: ../escape.txt');
    expect(() => zip.add('/etc/passwd', 'x')).toThrow('not a plain relative path');
  });
});
