// Reading the files the user picks (certificate ZIP, .crt, .key, .pfx, the simulator's CA) in
// the browser, before anything is sent to the backend.

/** The largest file the form sends. Inter's ZIP, certificates and keys have a few KB. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** A file the user chose, read and ready to send. */
export interface PickedFile {
  name: string;
  size: number;
  /** Base64 of the raw bytes, without the "data:…;base64," prefix. */
  base64: string;
}

/** The pt-BR refusal for a file above MAX_FILE_BYTES, or null when the size is fine. */
export function fileSizeProblem(file: File): string | null {
  if (file.size <= MAX_FILE_BYTES) return null;
  return (
    `O arquivo “${file.name}” tem ${formatMegabytes(file.size)}; o limite é 5 MB. ` +
    'Os arquivos que o Banco Inter entrega têm poucos KB: confira se escolheu o arquivo certo.'
  );
}

/** Reads a file as base64 (FileReader, no data: prefix). Rejects with a pt-BR message. */
export function readFileBase64(file: File): Promise<string> {
  return read(file, 'dataURL').then((dataUrl) => {
    const comma = dataUrl.indexOf(',');
    return comma < 0 ? '' : dataUrl.slice(comma + 1);
  });
}

/** Reads a text file (e.g. a PEM certificate). Rejects with a pt-BR message. */
export function readFileText(file: File): Promise<string> {
  return read(file, 'text');
}

/** Why `file` could not be read: the message of a read*() rejection, or a pt-BR fallback. */
export function readProblem(err: unknown, file: File): string {
  return err instanceof Error ? err.message : `Não foi possível ler o arquivo “${file.name}”.`;
}

function read(file: File, as: 'dataURL' | 'text'): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () =>
      reject(
        new Error(
          `Não foi possível ler o arquivo “${file.name}”. Verifique se ele ainda existe e se você tem permissão para abri-lo.`,
        ),
      );
    if (as === 'dataURL') reader.readAsDataURL(file);
    else reader.readAsText(file);
  });
}

/** 6_500_000 → "6,2 MB" (one decimal, rounded up, pt-BR). */
export function formatMegabytes(bytes: number): string {
  // Rounded up, so a file just over the limit never reads as "5,0 MB".
  const tenths = Math.ceil((bytes * 10) / (1024 * 1024));
  return `${Math.trunc(tenths / 10)},${tenths % 10} MB`;
}

/** 2048 → "2 KB"; below 1 KB in bytes. For showing what was chosen. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return formatMegabytes(bytes);
}
