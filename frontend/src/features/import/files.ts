// The files of an import as the user hands them over — dropped (files, folders), picked with
// "Escolher arquivos" or "Escolher pasta" — sorted out and read in the browser before they are
// sent to the backend, which reads the documents in them.

import { toImportFile, type ImportFile } from '../../lib/backend';
import { formatMegabytes } from '../accounts/files';

/** What the file inputs accept. */
export const ACCEPT = '.xml,.zip,.csv';

/** Sent to the backend: documents, ZIPs of them and CSV spreadsheets. */
const DOCUMENT_EXTENSIONS = ['.xml', '.zip', '.csv'];
/** Sent too, so that the backend says how to save them as CSV. */
const SPREADSHEET_EXTENSIONS = ['.xlsx', '.xls', '.ods'];

/**
 * In the browser (`boletos serve`) one call carries at most 32 MB of JSON: the base64 of the
 * files (4/3 of their size) must stay under it. The desktop window has no such limit.
 */
export const BROWSER_MAX_BASE64 = 30 * 1024 * 1024;

/** How many files are read at the same time. */
const READ_CONCURRENCY = 4;

/** A file as it came: the File and its path inside the folder it came in ("" when alone). */
export interface IncomingFile {
  file: File;
  /** "notas/marco/nfe-1234.xml" for a file of a folder; its name otherwise. */
  path: string;
}

/** A file of the import: a unique name (the backend's documents point to it) and its data. */
export interface ChosenFile {
  name: string;
  size: number;
  file: File;
  /** Null until it is read. */
  data: ImportFile | null;
  /** Why it could not be read (then data stays null). */
  readError?: string;
}

/** What adding files did. */
export interface Added {
  files: ChosenFile[];
  /** How many were new. */
  added: number;
  /** Names of the files left out: they are not documents (PDFs, images…). */
  ignored: string[];
  /** How many were already in the list (same name and size). */
  repeated: number;
}

function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot).toLowerCase();
}

/** True for the files the backend reads (or explains): XML, ZIP, CSV and spreadsheets. */
export function isImportable(name: string): boolean {
  const ext = extension(name);
  return DOCUMENT_EXTENSIONS.includes(ext) || SPREADSHEET_EXTENSIONS.includes(ext);
}

/** "nota.xml" taken → "nota (2).xml", "nota (3).xml"… */
function uniqueName(name: string, taken: Set<string>): string {
  if (!taken.has(name)) return name;
  const ext = extension(name);
  const base = ext ? name.slice(0, -ext.length) : name;
  for (let n = 2; ; n++) {
    const candidate = `${base} (${n})${name.slice(name.length - ext.length)}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * Adds files to the import's list. Files that are not XML, ZIP or CSV are left out (a folder
 * often holds the DANFE PDFs too); a file with the same name and size as one in the list is the
 * same file dropped again; another file with a name already taken gets "(2)" after its name, so
 * every document points to one file.
 */
export function addFiles(current: ChosenFile[], incoming: IncomingFile[]): Added {
  const files = [...current];
  const taken = new Set(current.map((f) => f.name));
  const ignored: string[] = [];
  let added = 0;
  let repeated = 0;
  for (const { file, path } of incoming) {
    const name = path || file.name;
    if (!isImportable(name)) {
      ignored.push(name);
      continue;
    }
    if (files.some((f) => f.name === name && f.size === file.size)) {
      repeated++;
      continue;
    }
    const unique = uniqueName(name, taken);
    taken.add(unique);
    files.push({ name: unique, size: file.size, file, data: null });
    added++;
  }
  return { files, added, ignored, repeated };
}

/** The files a file input gave: with their folder path when a folder was picked. */
export function pickedFiles(files: File[]): IncomingFile[] {
  return files.map((file) => ({ file, path: file.webkitRelativePath || file.name }));
}

/**
 * The entries of a drop. Must be called inside the drop event: the browser empties the
 * DataTransfer right after it. Null when the browser cannot tell folders apart (then the plain
 * file list is used).
 */
export function dropEntries(dt: DataTransfer): FileSystemEntry[] | null {
  const items = Array.from(dt.items ?? []).filter((item) => item.kind === 'file');
  if (items.length === 0 || typeof items[0].webkitGetAsEntry !== 'function') return null;
  const entries = items.map((item) => item.webkitGetAsEntry());
  return entries.every((e): e is FileSystemEntry => e !== null) ? entries : null;
}

/** Every file of the dropped entries, folders walked into, with their paths. */
export async function entryFiles(entries: FileSystemEntry[]): Promise<IncomingFile[]> {
  const out: IncomingFile[] = [];
  const walk = async (entry: FileSystemEntry): Promise<void> => {
    if (entry.isFile) {
      const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
      out.push({ file, path: entry.fullPath.replace(/^\/+/, '') || file.name });
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      // readEntries answers in chunks (100 in Chromium) until an empty one.
      for (;;) {
        const chunk = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
        if (chunk.length === 0) break;
        for (const child of chunk) await walk(child);
      }
    }
  };
  for (const entry of entries) await walk(entry);
  return out;
}

/**
 * Reads the files that were not read yet (base64 of their bytes), a few at a time; `onProgress`
 * says how many of them are done. Resolves with the list, each file read or with its readError.
 */
export async function readFiles(
  files: ChosenFile[],
  onProgress: (done: number, total: number) => void,
): Promise<ChosenFile[]> {
  const out = [...files];
  const todo = out.map((_, i) => i).filter((i) => out[i].data === null && out[i].readError === undefined);
  let done = 0;
  let next = 0;
  onProgress(0, todo.length);
  const worker = async () => {
    while (next < todo.length) {
      const i = todo[next++];
      const f = out[i];
      try {
        out[i] = { ...f, data: await toImportFile(f.file, f.name) };
      } catch {
        out[i] = {
          ...f,
          readError: 'O arquivo não pôde ser lido neste computador. Verifique se ele ainda existe e se você tem permissão para abri-lo.',
        };
      }
      onProgress(++done, todo.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, todo.length) }, worker));
  return out;
}

/** The files read, as the backend takes them. */
export function importFiles(files: ChosenFile[]): ImportFile[] {
  return files.flatMap((f) => (f.data ? [f.data] : []));
}

/** The refusal when the files are too big to send at once from the browser, or null. */
export function browserSizeProblem(files: ImportFile[]): string | null {
  const size = files.reduce((sum, f) => sum + f.base64.length, 0);
  if (size <= BROWSER_MAX_BASE64) return null;
  const raw = Math.round((size * 3) / 4);
  return (
    `Os arquivos somam ${formatMegabytes(raw)}; pelo navegador, importe até ${formatMegabytes((BROWSER_MAX_BASE64 * 3) / 4)} ` +
    'de cada vez. Clique em “Limpar a lista” e importe os arquivos em partes.'
  );
}

/** "1 arquivo", "12 arquivos". */
export function filesCount(n: number): string {
  return n === 1 ? '1 arquivo' : `${n} arquivos`;
}
