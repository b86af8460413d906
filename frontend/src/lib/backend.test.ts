import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  asBackendError,
  BackendError,
  copyText,
  decodeBarcode,
  decodePix,
  getSystemInfo,
  onEvent,
  UNAVAILABLE_MESSAGE,
} from './backend';

type WailsGlobals = { go?: unknown; runtime?: unknown };
const win = window as unknown as WailsGlobals;

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

afterEach(() => {
  delete win.go;
  delete win.runtime;
});

describe('HTTP transport (browser mode)', () => {
  let fetchMock: ReturnType<typeof vi.fn<typeof fetch>>;

  beforeEach(() => {
    fetchMock = vi.fn<typeof fetch>();
    vi.stubGlobal('fetch', fetchMock);
  });

  it('POSTs the arguments as a JSON array to /api/call/<Struct>.<Method>', async () => {
    const info = { bank: '077', bankName: 'Banco Inter S.A.', amountCents: 15130 };
    fetchMock.mockResolvedValue(jsonResponse(200, info));

    const result = await decodeBarcode('07790.00116 12064.449908');

    expect(result).toEqual(info);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('/api/call/Tools.DecodeBarcode');
    expect(init?.method).toBe('POST');
    expect(new Headers(init?.headers).get('Content-Type')).toBe('application/json');
    expect(init?.body).toBe('["07790.00116 12064.449908"]');
    expect(init?.credentials).toBe('same-origin');
  });

  it('sends an empty array for a method without arguments', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, { version: '0.1.0', dataDir: '/tmp/x' }));

    await expect(getSystemInfo()).resolves.toEqual({ version: '0.1.0', dataDir: '/tmp/x' });

    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('/api/call/System.Info');
    expect(init?.body).toBe('[]');
  });

  it('calls Tools.DecodePix for Pix codes', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, { merchantCity: 'ROLANDIA' }));
    await decodePix('000201');
    expect(fetchMock.mock.calls[0][0]).toBe('/api/call/Tools.DecodePix');
    expect(fetchMock.mock.calls[0][1]?.body).toBe('["000201"]');
  });

  it('turns a {code, message} error body into a BackendError', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(422, { code: 'invalid_input', message: 'Linha digitável inválida: campo 2.' }),
    );

    const err = await decodeBarcode('x').catch((e: unknown) => e);

    expect(err).toBeInstanceOf(BackendError);
    expect(err).toMatchObject({ code: 'invalid_input', message: 'Linha digitável inválida: campo 2.' });
  });

  it('keeps the per-field problems of a refused form', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(422, {
        code: 'invalid_input',
        message: 'Há 2 problemas a corrigir.',
        fields: [
          { field: 'pagador.cep', message: 'CEP deve ter 8 dígitos.' },
          { field: 'valor', message: 'Informe o valor.' },
          { nonsense: true },
        ],
      }),
    );

    const err = (await decodeBarcode('x').catch((e: unknown) => e)) as BackendError;

    expect(err.fields).toHaveLength(2);
    expect(err.fieldMessages('pagador.cep')).toEqual(['CEP deve ter 8 dígitos.']);
    expect(err.fieldMessages('pagador.nome')).toEqual([]);
  });

  it('maps a network failure to code "unavailable" with a message that says what to do', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));

    const err = await getSystemInfo().catch((e: unknown) => e);

    expect(err).toBeInstanceOf(BackendError);
    expect(err).toMatchObject({ code: 'unavailable', message: UNAVAILABLE_MESSAGE });
    expect(UNAVAILABLE_MESSAGE).toBe(
      'Não foi possível falar com o Boletos. Verifique se o programa ainda está aberto e tente de novo.',
    );
  });

  it('maps a 401 without a JSON body to "unauthorized"', async () => {
    fetchMock.mockResolvedValue(new Response('unauthorized\n', { status: 401 }));

    const err = await getSystemInfo().catch((e: unknown) => e);

    expect(err).toBeInstanceOf(BackendError);
    expect((err as BackendError).code).toBe('unauthorized');
    expect((err as BackendError).message).toMatch(/Abra de novo o endereço/);
  });

  it('never shows a raw server error body to the user', async () => {
    fetchMock.mockResolvedValue(new Response('panic: runtime error at main.go:42', { status: 500 }));

    const err = (await getSystemInfo().catch((e: unknown) => e)) as BackendError;

    expect(err).toBeInstanceOf(BackendError);
    expect(err.code).toBe('unexpected');
    expect(err.message).not.toContain('panic');
    expect(err.message).toMatch(/Tente de novo/);
  });

  it('rejects a 200 whose body is not JSON', async () => {
    fetchMock.mockResolvedValue(new Response('<html>', { status: 200 }));
    await expect(getSystemInfo()).rejects.toMatchObject({ code: 'unexpected' });
  });
});

describe('Wails transport (desktop webview)', () => {
  it('calls the generated binding, not HTTP', async () => {
    const fetchMock = vi.fn<typeof fetch>();
    vi.stubGlobal('fetch', fetchMock);
    const DecodeBarcode = vi.fn().mockResolvedValue({ bank: '077' });
    win.go = { app: { Tools: { DecodeBarcode } } };

    await expect(decodeBarcode('123')).resolves.toEqual({ bank: '077' });

    expect(DecodeBarcode).toHaveBeenCalledExactlyOnceWith('123');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('normalises the ErrorFormatter rejection to a BackendError', async () => {
    win.go = {
      app: {
        Tools: {
          DecodePix: vi.fn().mockRejectedValue({ code: 'invalid_input', message: 'Pix inválido: CRC.' }),
        },
      },
    };

    const err = await decodePix('x').catch((e: unknown) => e);

    expect(err).toBeInstanceOf(BackendError);
    expect(err).toMatchObject({ code: 'invalid_input', message: 'Pix inválido: CRC.' });
  });

  it('accepts the same error as a JSON string', async () => {
    win.go = {
      app: {
        System: {
          Info: vi.fn().mockRejectedValue(JSON.stringify({ code: 'internal', message: 'Erro interno.' })),
        },
      },
    };
    await expect(getSystemInfo()).rejects.toMatchObject({ code: 'internal', message: 'Erro interno.' });
  });

  it('hides a bare Go error string behind a safe message', async () => {
    win.go = { app: { System: { Info: vi.fn().mockRejectedValue('open /secret/path: permission denied') } } };

    const err = (await getSystemInfo().catch((e: unknown) => e)) as BackendError;

    expect(err).toBeInstanceOf(BackendError);
    expect(err.code).toBe('unexpected');
    expect(err.message).not.toContain('/secret/path');
  });

  it('subscribes to events through the Wails runtime and returns its unsubscribe', () => {
    const off = vi.fn();
    const EventsOnMultiple = vi.fn((_name: string, _cb: (...data: unknown[]) => void, _max: number) => off);
    win.go = { app: {} };
    win.runtime = { EventsOnMultiple };
    const received: unknown[] = [];

    const unsubscribe = onEvent('boleto:changed', (data) => received.push(data));

    expect(EventsOnMultiple).toHaveBeenCalledTimes(1);
    const [name, callback] = EventsOnMultiple.mock.calls[0];
    expect(name).toBe('boleto:changed');
    callback({ id: 7 });
    expect(received).toEqual([{ id: 7 }]);
    unsubscribe();
    expect(off).toHaveBeenCalledTimes(1);
  });
});

describe('events over SSE (browser mode)', () => {
  class FakeEventSource {
    static instances: FakeEventSource[] = [];
    readonly url: string;
    onmessage: ((event: MessageEvent) => void) | null = null;
    closed = false;

    constructor(url: string) {
      this.url = url;
      FakeEventSource.instances.push(this);
    }

    close() {
      this.closed = true;
    }

    emit(data: string) {
      this.onmessage?.(new MessageEvent('message', { data }));
    }
  }

  beforeEach(() => {
    FakeEventSource.instances = [];
    vi.stubGlobal('EventSource', FakeEventSource);
  });

  it('shares one EventSource on /api/events and routes messages by name', () => {
    const changed: unknown[] = [];
    const progress: unknown[] = [];
    const offChanged = onEvent('boleto:changed', (d) => changed.push(d));
    const offProgress = onEvent('batch:progress', (d) => progress.push(d));

    expect(FakeEventSource.instances).toHaveLength(1);
    const source = FakeEventSource.instances[0];
    expect(source.url).toBe('/api/events');

    source.emit(JSON.stringify({ name: 'boleto:changed', data: { id: 1 } }));
    source.emit(JSON.stringify({ name: 'batch:progress', data: { done: 2, total: 5 } }));
    source.emit('not json');
    source.emit(JSON.stringify({ name: 'other', data: 1 }));

    expect(changed).toEqual([{ id: 1 }]);
    expect(progress).toEqual([{ done: 2, total: 5 }]);

    offChanged();
    source.emit(JSON.stringify({ name: 'boleto:changed', data: { id: 2 } }));
    expect(changed).toEqual([{ id: 1 }]);
    expect(source.closed).toBe(false);

    offProgress();
    expect(source.closed).toBe(true);
  });

  it('reopens the stream for a subscriber that comes after the last one left', () => {
    onEvent('a', () => {})();
    expect(FakeEventSource.instances).toHaveLength(1);
    const off = onEvent('a', () => {});
    expect(FakeEventSource.instances).toHaveLength(2);
    expect(FakeEventSource.instances[1].closed).toBe(false);
    off();
  });
});

describe('copyText', () => {
  it('uses the Wails runtime clipboard in the webview', async () => {
    const ClipboardSetText = vi.fn().mockResolvedValue(true);
    win.go = { app: {} };
    win.runtime = { ClipboardSetText };
    await copyText('07790.00116');
    expect(ClipboardSetText).toHaveBeenCalledExactlyOnceWith('07790.00116');
  });

  it('rejects when the Wails runtime could not copy', async () => {
    win.go = { app: {} };
    win.runtime = { ClipboardSetText: vi.fn().mockResolvedValue(false) };
    await expect(copyText('x')).rejects.toThrow();
  });

  it('uses the browser clipboard otherwise', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    await copyText('07790.00116');
    expect(writeText).toHaveBeenCalledExactlyOnceWith('07790.00116');
  });
});

describe('asBackendError', () => {
  it('passes a BackendError through unchanged', () => {
    const refused = new BackendError('invalid_input', 'Confira os dados.');
    expect(asBackendError(refused, 'Tente de novo.')).toBe(refused);
  });

  it('wraps anything else as "unexpected" with the fallback message, keeping the cause', () => {
    const cause = new TypeError('x is undefined');
    const error = asBackendError(cause, 'Não foi possível salvar. Tente de novo.');
    expect(error).toBeInstanceOf(BackendError);
    expect(error.code).toBe('unexpected');
    expect(error.message).toBe('Não foi possível salvar. Tente de novo.');
    expect(error.cause).toBe(cause);
  });
});
