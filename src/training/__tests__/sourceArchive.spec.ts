/**
 * @jest-environment ./src/aws/__tests__/jsdomWithStreams.js
 */
import { execFileSync } from 'child_process';
import { existsSync } from 'fs';
import { gunzipSync } from 'zlib';
import { unpackTar } from 'modern-tar';
import {
  ARCHIVE_MTIME,
  buildSourceArchive,
  SourceArchiveError
} from '../sourceArchive';

const PYTHON = `${__dirname}/../../../.venv/bin/python`;

const FILES = [
  { path: 'train.py', content: 'print("héllo")\n' },
  { path: 'requirements.txt', content: 'transformers==4.44.0\n' },
  { path: 'utils/text.py', content: 'def clean(s):\n    return s.strip()\n' },
  { path: './utils/__init__.py', content: '' },
  {
    path: `${'deep/'.repeat(30)}module_with_a_long_name.py`,
    content: 'X = 1\n'
  }
];

/** The tar headers read by hand: what any tar reader sees. */
function ustarNames(tar: Uint8Array): string[] {
  const names: string[] = [];
  const text = (from: number, length: number) =>
    new TextDecoder().decode(tar.subarray(from, from + length)).replace(/\0.*$/s, '');
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const name = text(offset, 100);
    if (name === '') {
      break;
    }
    const size = parseInt(text(offset + 124, 12), 8);
    names.push(`${text(offset + 156, 1)}:${name}:${text(offset + 100, 8)}`);
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return names;
}

describe('buildSourceArchive', () => {
  it('puts the files at the archive root with their folders, gzip-compressed', async () => {
    const archive = await buildSourceArchive(FILES);
    expect([...archive.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    const entries = await unpackTar(gunzipSync(archive));
    const files = entries.filter(entry => entry.header.type === 'file');
    expect(
      files.map(entry => [
        entry.header.name,
        new TextDecoder().decode(entry.data)
      ])
    ).toEqual(FILES.map(file => [file.path.replace(/^\.\//, ''), file.content]));
    const folders = entries
      .filter(entry => entry.header.type === 'directory')
      .map(entry => entry.header.name);
    expect(folders.slice(0, 2)).toEqual(['utils/', 'deep/']);
    for (const entry of entries) {
      expect(entry.header.mode).toBe(
        entry.header.type === 'directory' ? 0o755 : 0o644
      );
      expect(entry.header.mtime).toEqual(ARCHIVE_MTIME);
    }
  });

  it('writes plain ustar headers for short names', async () => {
    const tar = gunzipSync(await buildSourceArchive(FILES.slice(0, 3)));
    expect(ustarNames(tar)).toEqual([
      '0:train.py:0000644',
      '0:requirements.txt:0000644',
      '5:utils/:0000755',
      '0:utils/text.py:0000644'
    ]);
  });

  it('makes the same bytes for the same sources', async () => {
    const first = await buildSourceArchive(FILES);
    await new Promise(resolve => setTimeout(resolve, 1100));
    const second = await buildSourceArchive(FILES);
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
  });

  it.each([
    ['/etc/passwd', /absolute path/],
    ['../secrets.py', /outside the source directory/],
    ['', /outside the source directory/]
  ])('refuses the path %j', async (path, message) => {
    await expect(
      buildSourceArchive([{ path, content: '' }])
    ).rejects.toThrow(message);
  });

  it('refuses a path given twice and a file that is also a folder', async () => {
    await expect(
      buildSourceArchive([
        { path: 'a.py', content: '' },
        { path: './a.py', content: '' }
      ])
    ).rejects.toThrow(SourceArchiveError);
    await expect(
      buildSourceArchive([
        { path: 'lib', content: '' },
        { path: 'lib/x.py', content: '' }
      ])
    ).rejects.toThrow(/both a file and a folder/);
  });

  // The training container unpacks the archive with Python's tarfile.
  (existsSync(PYTHON) ? it : it.skip)(
    'unpacks with Python tarfile as the SageMaker container does',
    async () => {
      const archive = await buildSourceArchive(FILES);
      const script = [
        'import io, json, sys, tarfile',
        'data = sys.stdin.buffer.read()',
        'out = {}',
        "with tarfile.open(fileobj=io.BytesIO(data), mode='r:gz') as tar:",
        '    for m in tar.getmembers():',
        '        body = tar.extractfile(m).read().decode() if m.isfile() else None',
        "        out[m.name] = [m.isdir(), oct(m.mode), m.mtime, m.uid, body]",
        'print(json.dumps(out))'
      ].join('\n');
      const output = execFileSync(PYTHON, ['-c', script], {
        input: Buffer.from(archive)
      }).toString();
      const members = JSON.parse(output) as Record<
        string,
        [boolean, string, number, number, string | null]
      >;
      const mtime = ARCHIVE_MTIME.getTime() / 1000;
      for (const file of FILES) {
        const name = file.path.replace(/^\.\//, '');
        expect(members[name]).toEqual([false, '0o644', mtime, 0, file.content]);
      }
      expect(members['utils']).toEqual([true, '0o755', mtime, 0, null]);
      expect(Object.keys(members)).toHaveLength(FILES.length + 31);
    }
  );
});
