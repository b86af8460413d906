import { Alert, Button, Drawer, EmptyState, Group, Loader, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconSearch, IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { Page } from '../components/Page';
import { DeletePayerModal } from '../features/payers/DeletePayerModal';
import { EMPTY_PAYER, PayerForm, payerToInput } from '../features/payers/PayerForm';
import { PayerList } from '../features/payers/PayerList';
import { SEARCH_LIMIT, usePayerSearch } from '../features/payers/usePayerSearch';
import { createPayer, updatePayer, type PayerInput, type PayerView } from '../lib/backend';
import { RetryAlert } from '../components/RetryAlert';

/** The drawer's state; `key` gives every opening a fresh form. */
interface Editor {
  opened: boolean;
  payer: PayerView | null; // null: a new payer
  key: number;
}

export function PayersPage() {
  const [query, setQuery] = useState('');
  const { state, reload } = usePayerSearch(query);
  const [editor, setEditor] = useState<Editor>({ opened: false, payer: null, key: 0 });
  const [toDelete, setToDelete] = useState<PayerView | null>(null);
  const [saveWarning, setSaveWarning] = useState<{ name: string; warnings: string[] } | null>(null);

  const openEditor = (payer: PayerView | null) => setEditor((e) => ({ opened: true, payer, key: e.key + 1 }));
  const closeEditor = () => setEditor((e) => ({ ...e, opened: false }));

  const editing = editor.payer;
  const save = (input: PayerInput) => (editing ? updatePayer(editing.id, input) : createPayer(input));

  const saved = (payer: PayerView) => {
    closeEditor();
    reload();
    notifications.show({
      color: 'green',
      title: editing ? 'Pagador atualizado' : 'Pagador cadastrado',
      message: payer.name,
    });
    const warnings = payer.warnings ?? [];
    setSaveWarning(warnings.length > 0 ? { name: payer.name, warnings } : null);
  };

  const deleted = (payer: PayerView) => {
    setToDelete(null);
    setSaveWarning(null);
    reload();
    notifications.show({ color: 'green', title: 'Pagador excluído', message: payer.name });
  };

  const pending = state.status === 'ready' && state.query !== query.trim();

  return (
    <Page title="Pagadores">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          type="search"
          label="Buscar pagador"
          placeholder="Parte do nome, CPF ou CNPJ"
          value={query}
          onChange={(event) => setQuery(event.currentTarget.value)}
          leftSection={<IconSearch size={16} aria-hidden="true" />}
          rightSection={pending ? <Loader size="xs" aria-label="Buscando" /> : null}
          autoComplete="off"
          spellCheck={false}
          style={{ flex: '1 1 320px', maxWidth: 520 }}
        />
        <Button leftSection={<IconUserPlus size={18} aria-hidden="true" />} onClick={() => openEditor(null)}>
          Novo pagador
        </Button>
      </Group>

      {saveWarning && (
        <Alert
          color="yellow"
          variant="light"
          title={`${saveWarning.name} foi salvo, mas confira o endereço`}
          icon={<IconAlertTriangle aria-hidden="true" />}
          withCloseButton
          closeButtonLabel="Fechar aviso"
          onClose={() => setSaveWarning(null)}
          maw={760}
        >
          <Stack gap={4}>
            {saveWarning.warnings.map((w) => (
              <Text size="sm" key={w}>
                {w}
              </Text>
            ))}
            <Text size="sm">Se o CEP e a UF estiverem certos, pode seguir assim: o aviso não impede a emissão.</Text>
          </Stack>
        </Alert>
      )}

      <Results state={state} onNew={() => openEditor(null)} onEdit={openEditor} onDelete={setToDelete} onRetry={reload} />

      <Drawer
        opened={editor.opened}
        onClose={closeEditor}
        title={editing ? 'Editar pagador' : 'Novo pagador'}
        position="right"
        size="lg"
      >
        <PayerForm
          key={editor.key}
          initial={editing ? payerToInput(editing) : EMPTY_PAYER}
          save={save}
          onSaved={saved}
          onCancel={closeEditor}
        />
      </Drawer>

      <DeletePayerModal payer={toDelete} onClose={() => setToDelete(null)} onDeleted={deleted} />
    </Page>
  );
}

interface ResultsProps {
  state: ReturnType<typeof usePayerSearch>['state'];
  onNew: () => void;
  onEdit: (payer: PayerView) => void;
  onDelete: (payer: PayerView) => void;
  onRetry: () => void;
}

function Results({ state, onNew, onEdit, onDelete, onRetry }: ResultsProps) {
  if (state.status === 'loading') {
    return (
      <Group gap="xs">
        <Loader size="sm" />
        <Text>Carregando pagadores…</Text>
      </Group>
    );
  }
  if (state.status === 'error') {
    return (
      <RetryAlert title="Não foi possível carregar os pagadores" message={state.error.message} onRetry={onRetry} maw={760} />
    );
  }
  if (state.payers.length === 0 && state.query === '') {
    return (
      <EmptyState
        icon={<IconUsers size={32} aria-hidden="true" />}
        variant="light"
        title="Nenhum pagador cadastrado"
        description="Cadastre aqui os clientes para quem você emite boletos: CPF ou CNPJ, nome e endereço. Cada pagador cadastrado é reaproveitado ao emitir boletos e ao importar documentos (notas fiscais, pedidos, contratos), sem digitar tudo de novo."
        maw={640}
      >
        <EmptyState.Actions>
          <Button leftSection={<IconUserPlus size={18} aria-hidden="true" />} onClick={onNew}>
            Cadastrar o primeiro pagador
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    );
  }
  if (state.payers.length === 0) {
    return (
      <Text role="status">
        Nenhum pagador encontrado para “{state.query}”. Confira a grafia ou busque por outra parte do nome ou do
        CPF/CNPJ.
      </Text>
    );
  }
  const n = state.payers.length;
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed" role="status">
        {n >= SEARCH_LIMIT
          ? `Mostrando os primeiros ${n} pagadores. Digite parte do nome ou do CPF/CNPJ para encontrar outros.`
          : n === 1
            ? '1 pagador'
            : `${n} pagadores`}
      </Text>
      <PayerList payers={state.payers} onEdit={onEdit} onDelete={onDelete} />
    </Stack>
  );
}
