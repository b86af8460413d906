import { Alert, Button, Group, List, Loader, Progress, Stack, Text } from '@mantine/core';
import { IconAlertCircle, IconDeviceFloppy, IconFileOff, IconSend, IconTrash } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { Page } from '../../components/Page';
import {
  asBackendError,
  BackendError,
  createImport,
  isDesktop,
  previewImport,
  type AccountView,
  type BatchView,
  type ImportPreview,
  type ImportResult,
} from '../../lib/backend';
import { WithAccounts } from '../accounts/NoAccountNotice';
import { useAccountChoice } from '../accounts/useAccountChoice';
import { formatFileSize } from '../accounts/files';
import { BatchPanel } from '../boletos/batch/BatchPanel';
import { CsvTemplateHelp } from './CsvTemplateHelp';
import { DropZone } from './DropZone';
import { addFiles, browserSizeProblem, filesCount, importFiles, readFiles, type ChosenFile, type IncomingFile } from './files';
import { ImportOptions } from './ImportOptions';
import { ImportSummary } from './ImportSummary';
import { PreviewTable } from './PreviewTable';
import { boletosText, documentsText, isFullyImported, isSelectable, selectionCount, skipKeys, type Choices } from './selection';
import { useImportCharges } from './useImportCharges';

/** #/importar: NF-e, NFS-e and CT-e XML, ZIPs and CSV spreadsheets become drafts (or boletos). */
export function ImportScreen() {
  return (
    <Page title="Importar documentos">
      <WithAccounts noAccount="Os documentos importados viram boletos de uma conta do Banco Inter: cadastre antes a conta — ou use a conta de demonstração para conhecer o programa. As duas opções estão em Contas bancárias.">
        {(accounts) => <Importer accounts={accounts} />}
      </WithAccounts>
    </Page>
  );
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'collecting' }
  | { kind: 'reading'; done: number; total: number }
  | { kind: 'checking' };

interface Done {
  result: ImportResult;
  issued: boolean;
  accountId: number;
}

const IDLE: Phase = { kind: 'idle' };

function Importer({ accounts }: { accounts: AccountView[] }) {
  // ---- files and what is in them --------------------------------------------------------
  const [files, setFiles] = useState<ChosenFile[]>([]);
  const filesRef = useRef<ChosenFile[]>([]);
  const [phase, setPhase] = useState<Phase>(IDLE);
  const [ignored, setIgnored] = useState<string[]>([]);
  const [readProblem, setReadProblem] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [previewError, setPreviewError] = useState<BackendError | null>(null);
  const [choices, setChoices] = useState<Choices>({});
  // Bumped by "Limpar a lista": whatever was still being read for the old list is dropped.
  const generation = useRef(0);

  // ---- options --------------------------------------------------------------------------
  const { accountId, setAccountId, defaults } = useAccountChoice(
    accounts,
    'Não foi possível ler os parâmetros da conta. Tente de novo.',
  );
  const base = defaults.state.status === 'ready' ? defaults.state.data : null;
  const [dueDate, setDueDate] = useState('');
  const dueTouched = useRef(false);
  const charges = useImportCharges(base);

  useEffect(() => {
    if (base && !dueTouched.current) setDueDate(base.dueDate);
  }, [base]);

  // ---- creating -------------------------------------------------------------------------
  const [creating, setCreating] = useState<null | 'draft' | 'issue'>(null);
  const [createError, setCreateError] = useState<BackendError | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const [batch, setBatch] = useState<BatchView | null>(null);
  const [lastBatch, setLastBatch] = useState<BatchView | null>(null);

  const busy = phase.kind !== 'idle' || creating !== null;
  const account = accounts.find((a) => a.id === accountId);

  const replaceFiles = (next: ChosenFile[]) => {
    filesRef.current = next;
    setFiles(next);
  };

  const take = async (incoming: Promise<IncomingFile[]>) => {
    const token = ++generation.current;
    setPhase({ kind: 'collecting' });
    setCreateError(null);
    let list: IncomingFile[];
    try {
      list = await incoming;
    } catch {
      if (token === generation.current) {
        setPhase(IDLE);
        setReadProblem('Não foi possível abrir a pasta. Verifique se você tem permissão para lê-la, ou escolha os arquivos.');
      }
      return;
    }
    if (token !== generation.current) return;
    const added = addFiles(filesRef.current, list);
    setIgnored((old) => [...old, ...added.ignored]);
    if (added.added === 0) {
      setPhase(IDLE);
      setReadProblem(
        added.repeated > 0 && added.ignored.length === 0
          ? 'Estes arquivos já estão na lista.'
          : list.length === 0
            ? 'Nenhum arquivo foi encontrado no que foi solto aqui.'
            : 'Nenhum arquivo XML, ZIP ou CSV entre os arquivos escolhidos.',
      );
      return;
    }
    setReadProblem(null);
    replaceFiles(added.files);
    const read = await readFiles(added.files, (n, total) => {
      if (token === generation.current) setPhase({ kind: 'reading', done: n, total });
    });
    if (token !== generation.current) return;
    replaceFiles(read);
    const payload = importFiles(read);
    const tooBig = isDesktop() ? null : browserSizeProblem(payload);
    if (tooBig || payload.length === 0) {
      setPreview(null);
      setPreviewError(null);
      setReadProblem(tooBig);
      setPhase(IDLE);
      return;
    }
    setPhase({ kind: 'checking' });
    try {
      const p = await previewImport(payload);
      if (token !== generation.current) return;
      setPreview(p);
      setPreviewError(null);
    } catch (err) {
      if (token !== generation.current) return;
      setPreview(null);
      setPreviewError(asBackendError(err, 'Não foi possível ler os documentos. Tente de novo.'));
    }
    setPhase(IDLE);
  };

  const clear = () => {
    generation.current++;
    replaceFiles([]);
    setPhase(IDLE);
    setIgnored([]);
    setReadProblem(null);
    setPreview(null);
    setPreviewError(null);
    setChoices({});
    setCreateError(null);
  };

  const restart = () => {
    clear();
    setDone(null);
    setBatch(null);
    setLastBatch(null);
  };

  const choose = (keys: string[], checked: boolean) => {
    setChoices((old) => {
      const next = { ...old };
      for (const k of keys) next[k] = checked;
      return next;
    });
  };

  const documents = preview?.documents ?? [];
  const count = selectionCount(documents, choices);

  const create = async (issue: boolean) => {
    if (busy || !preview || accountId === null || count.documents === 0) return;
    setCreating(issue ? 'issue' : 'draft');
    setCreateError(null);
    try {
      const stops = await charges.check();
      if (stops.length > 0) {
        throw new BackendError('invalid_input', `Corrija os encargos desta importação: ${stops.join(' ')}`);
      }
      const result = await createImport({
        files: importFiles(filesRef.current),
        accountId,
        dueDate,
        charges: charges.dto,
        skip: skipKeys(documents, choices),
        issue,
      });
      setDone({ result, issued: issue, accountId });
      setBatch(result.batch ?? null);
      setLastBatch(result.batch ?? null);
    } catch (err) {
      setCreateError(
        asBackendError(
          err,
          'Não foi possível importar os documentos. Tente de novo: o que já foi importado não é criado duas vezes.',
        ),
      );
    } finally {
      setCreating(null);
    }
  };

  if (done) {
    return (
      <Stack gap="lg">
        <ImportSummary
          result={done.result}
          issued={done.issued}
          accountId={done.accountId}
          onShowBatch={() => setBatch(lastBatch)}
          onRestart={restart}
        />
        <BatchPanel batch={batch} onClose={() => setBatch(null)} />
      </Stack>
    );
  }

  const fileErrors = [
    ...files.filter((f) => f.readError).map((f) => ({ file: f.name, message: f.readError ?? '' })),
    ...(preview?.fileErrors ?? []),
  ];
  const totalSize = files.reduce((n, f) => n + f.size, 0);
  const withErrors = documents.filter((d) => !isSelectable(d)).length;
  const imported = documents.filter(isFullyImported).length;
  const issueBlocked = account ? !account.directIntegration : false;
  const canCreate =
    !busy && preview !== null && accountId !== null && base !== null && count.documents > 0;

  return (
    <Stack gap="lg">
      <DropZone onFiles={(p) => void take(p)} disabled={busy} />
      <CsvTemplateHelp />

      {files.length > 0 && (
        <Group gap="sm">
          <Text size="sm">
            <strong>{filesCount(files.length)}</strong> na lista ({formatFileSize(totalSize)})
          </Text>
          <Button
            variant="subtle"
            color="gray"
            size="compact-sm"
            leftSection={<IconTrash size={14} aria-hidden="true" />}
            onClick={clear}
            disabled={creating !== null}
          >
            Limpar a lista
          </Button>
        </Group>
      )}

      <Progressing phase={phase} />

      {readProblem && (
        <Alert color="yellow" variant="light" icon={<IconAlertCircle aria-hidden="true" />}>
          {readProblem}
        </Alert>
      )}
      {ignored.length > 0 && <Ignored names={ignored} />}
      {previewError && (
        <Alert color="red" variant="light" title="Os documentos não foram lidos" icon={<IconAlertCircle aria-hidden="true" />}>
          {previewError.message}
        </Alert>
      )}
      {fileErrors.length > 0 && (
        <Alert color="red" variant="light" title="Não foi possível ler" icon={<IconFileOff aria-hidden="true" />}>
          <List size="sm" spacing={4} aria-label="Arquivos que não foram lidos">
            {fileErrors.map((e) => (
              <List.Item key={`${e.file}:${e.message}`}>
                <strong style={{ overflowWrap: 'anywhere' }}>{e.file}</strong>: {e.message}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}

      {preview && (
        <Stack gap="sm">
          <Text size="sm" role="status" aria-label="Documentos encontrados">
            {documents.length === 0 ? (
              'Nenhum documento encontrado nos arquivos.'
            ) : (
              <>
                <strong>
                  {documentsText(documents.length)} {documents.length === 1 ? 'encontrado' : 'encontrados'}
                </strong>
                {withErrors > 0 && ` · ${withErrors} com erro`}
                {imported > 0 && ` · ${imported} já ${imported === 1 ? 'importado' : 'importados'}`}
              </>
            )}
          </Text>
          {documents.length > 0 && (
            <PreviewTable
              documents={documents}
              choices={choices}
              onChoose={choose}
              fallbackDueDate={dueDate || base?.dueDate || ''}
              disabled={busy}
            />
          )}
        </Stack>
      )}

      {preview && documents.length > 0 && (
        <>
          <ImportOptions
            accounts={accounts}
            accountId={accountId}
            onAccount={setAccountId}
            loadingDefaults={accountId !== null && defaults.state.status === 'loading'}
            defaultsError={defaults.state.status === 'error' ? defaults.state.error.message : null}
            dueDate={dueDate}
            onDueDate={(d) => {
              dueTouched.current = true;
              setDueDate(d);
            }}
            charges={charges}
            disabled={creating !== null}
          />

          {createError && (
            <Alert color="red" title="A importação não foi feita" icon={<IconAlertCircle aria-hidden="true" />}>
              {createError.message}
            </Alert>
          )}
          {issueBlocked && (
            <Alert color="gray" variant="light">
              A conta “{account?.name}” está com a integração direta desligada: crie os rascunhos (eles podem ser
              impressos), ou ligue a integração em Contas bancárias para emitir.
            </Alert>
          )}

          <Stack gap="xs">
            <Text size="sm" role="status" aria-label="O que será criado">
              {count.documents === 0
                ? 'Nenhum documento selecionado: marque os documentos que quer importar.'
                : `Serão criados ${boletosText(count.boletos)} de ${documentsText(count.documents)}.`}
              {accountId === null && ' Escolha a conta que emite os boletos.'}
            </Text>
            <Group gap="sm">
              <Button
                variant="default"
                leftSection={<IconDeviceFloppy size={18} aria-hidden="true" />}
                onClick={() => void create(false)}
                loading={creating === 'draft'}
                disabled={!canCreate}
              >
                Criar rascunhos
              </Button>
              <Button
                leftSection={<IconSend size={18} aria-hidden="true" />}
                onClick={() => void create(true)}
                loading={creating === 'issue'}
                disabled={!canCreate || issueBlocked}
              >
                Criar e emitir
              </Button>
            </Group>
          </Stack>
        </>
      )}
    </Stack>
  );
}

function Progressing({ phase }: { phase: Phase }) {
  if (phase.kind === 'idle') return null;
  if (phase.kind === 'reading') {
    return (
      <Stack gap={4} maw={520}>
        <Text size="sm" role="status">
          Lendo {filesCount(phase.total)}… ({phase.done} de {phase.total})
        </Text>
        <Progress
          value={phase.total === 0 ? 100 : (phase.done / phase.total) * 100}
          aria-label="Leitura dos arquivos"
          animated
          striped
        />
      </Stack>
    );
  }
  return (
    <Group gap="xs">
      <Loader size="xs" aria-hidden="true" />
      <Text size="sm" role="status">
        {phase.kind === 'collecting' ? 'Procurando os arquivos…' : 'Conferindo os documentos…'}
      </Text>
    </Group>
  );
}

/** The files left out because they are not documents. */
function Ignored({ names }: { names: string[] }) {
  const shown = names.slice(0, 5);
  return (
    <Alert color="gray" variant="light" title={`${filesCount(names.length)} deixado${names.length === 1 ? '' : 's'} de fora`}>
      <Text size="sm">
        Não {names.length === 1 ? 'é' : 'são'} XML, ZIP nem CSV: {shown.join(', ')}
        {names.length > shown.length && ` e mais ${names.length - shown.length}`}.
      </Text>
    </Alert>
  );
}
