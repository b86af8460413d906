import { describe, expect, it } from 'vitest';
import { addFiles, browserSizeProblem, BROWSER_MAX_BASE64, entryFiles, isImportable, pickedFiles, type ChosenFile } from './files';

const file = (name: string, content = 'x') => new File([content], name);

describe('addFiles', () => {
  it('keeps documents, CSV, ZIPs and spreadsheets, and leaves the rest out', () => {
    const r = addFiles([], pickedFiles([file('a.XML'), file('b.zip'), file('c.csv'), file('d.xlsx'), file('danfe.pdf'), file('.DS_Store')]));
    expect(r.files.map((f) => f.name)).toEqual(['a.XML', 'b.zip', 'c.csv', 'd.xlsx']);
    expect(r.ignored).toEqual(['danfe.pdf', '.DS_Store']);
    expect(r.added).toBe(4);
    expect(isImportable('nota.Xml')).toBe(true);
  });

  it('drops the same file given again and renames another file with a name already taken', () => {
    const first = addFiles([], pickedFiles([file('nota.xml', 'abc')]));
    const again = addFiles(first.files, pickedFiles([file('nota.xml', 'abc'), file('nota.xml', 'other'), file('nota.xml', 'third!')]));
    expect(again.repeated).toBe(1);
    expect(again.added).toBe(2);
    expect(again.files.map((f) => f.name)).toEqual(['nota.xml', 'nota (2).xml', 'nota (3).xml']);
  });

  it('names a file of a folder by its path', () => {
    const f = file('nfe.xml');
    Object.defineProperty(f, 'webkitRelativePath', { value: 'março/nfe.xml' });
    expect(addFiles([], pickedFiles([f])).files[0].name).toBe('março/nfe.xml');
  });
});

describe('entryFiles', () => {
  it('walks into dropped folders, reading each directory until it answers empty', async () => {
    const fileEntry = (path: string) =>
      ({
        isFile: true,
        isDirectory: false,
        name: path.split('/').pop(),
        fullPath: `/${path}`,
        file: (ok: (f: File) => void) => ok(file(path.split('/').pop() ?? '')),
      }) as unknown as FileSystemEntry;
    const dir = (path: string, chunks: FileSystemEntry[][]) =>
      ({
        isFile: false,
        isDirectory: true,
        fullPath: `/${path}`,
        createReader: () => {
          let i = 0;
          return { readEntries: (ok: (e: FileSystemEntry[]) => void) => ok(chunks[i++] ?? []) };
        },
      }) as unknown as FileSystemEntry;
    const tree = dir('notas', [[fileEntry('notas/a.xml'), dir('notas/sub', [[fileEntry('notas/sub/b.xml')]])], [fileEntry('notas/c.csv')]]);
    const found = await entryFiles([tree, fileEntry('solta.zip')]);
    expect(found.map((f) => f.path)).toEqual(['notas/a.xml', 'notas/sub/b.xml', 'notas/c.csv', 'solta.zip']);
  });
});

describe('browserSizeProblem', () => {
  it('refuses a drop too big for one call from the browser', () => {
    const small: ChosenFile['data'][] = [{ name: 'a.xml', base64: 'x'.repeat(1000) }];
    expect(browserSizeProblem(small.flatMap((f) => (f ? [f] : [])))).toBeNull();
    const big = [{ name: 'a.zip', base64: 'x'.repeat(BROWSER_MAX_BASE64 + 4) }];
    expect(browserSizeProblem(big)).toMatch(/^Os arquivos somam 22,6 MB; pelo navegador, importe até 22,5 MB de cada vez\./);
  });
});
