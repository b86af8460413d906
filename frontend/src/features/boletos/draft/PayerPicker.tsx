import { Button, Combobox, Group, Loader, Paper, Text, TextInput, useCombobox } from '@mantine/core';
import { IconSearch, IconUserCheck, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import type { PayerView } from '../../../lib/backend';
import type { PickedPayer } from './draftValues';
import { PAYER_OPTIONS_LIMIT, usePayerOptions } from './usePayerOptions';

interface PayerPickerProps {
  picked: PickedPayer | null;
  onPick: (payer: PayerView) => void;
  /** Forgets the picked payer and blanks the payer fields. */
  onClear: () => void;
}

/**
 * "Buscar no cadastro": finds saved payers by a piece of the name or of the CPF/CNPJ and fills
 * the payer fields with the one chosen. Arrow keys and Enter choose without leaving the field.
 */
export function PayerPicker({ picked, onPick, onClear }: PayerPickerProps) {
  return (
    <>
      <PayerSearch onPick={onPick} maw={520} />

      {picked && (
        <Paper withBorder p="sm" role="status" aria-label="Pagador do cadastro">
          <Group justify="space-between" gap="sm" wrap="wrap">
            <Group gap="xs" wrap="nowrap">
              <IconUserCheck size={20} aria-hidden="true" />
              <div>
                <Text size="sm">
                  Pagador do cadastro: <strong>{picked.name}</strong>
                  {picked.document ? ` (${picked.document})` : ''}
                </Text>
                <Text size="xs" c="dimmed">
                  Mudanças nos campos abaixo valem só para este boleto; o cadastro não muda.
                </Text>
              </div>
            </Group>
            <Button
              size="compact-sm"
              variant="subtle"
              color="gray"
              leftSection={<IconX size={14} aria-hidden="true" />}
              onClick={onClear}
            >
              Limpar pagador
            </Button>
          </Group>
        </Paper>
      )}
    </>
  );
}

/**
 * The search box of the payers' register: a piece of the name or of the CPF/CNPJ lists the
 * saved payers; arrow keys and Enter choose one without leaving the field.
 */
export function PayerSearch({ onPick, maw }: { onPick: (payer: PayerView) => void; maw?: number }) {
  const [query, setQuery] = useState('');
  const options = usePayerOptions(query);
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });

  const payers = options.status === 'ready' ? options.payers : [];
  const searching = options.status === 'loading' || (options.status === 'ready' && options.query !== query.trim());

  const choose = (id: string) => {
    const payer = payers.find((p) => String(p.id) === id);
    if (!payer) return;
    onPick(payer);
    setQuery('');
    combobox.closeDropdown();
  };

  return (
    <Combobox store={combobox} onOptionSubmit={choose} withinPortal={false}>
      <Combobox.Target>
        <TextInput
          type="search"
          label="Buscar no cadastro de pagadores"
          placeholder="Parte do nome, CPF ou CNPJ"
          description="Escolha um pagador já cadastrado, ou preencha os dados abaixo para um pagador novo."
          value={query}
          onChange={(event) => {
            setQuery(event.currentTarget.value);
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex();
          }}
          onFocus={() => combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          leftSection={<IconSearch size={16} aria-hidden="true" />}
          rightSection={searching ? <Loader size="xs" aria-label="Buscando" /> : null}
          autoComplete="off"
          spellCheck={false}
          maw={maw}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={options.status === 'idle'}>
        <Combobox.Options aria-label="Pagadores encontrados">
          {payers.map((p) => (
            <Combobox.Option value={String(p.id)} key={p.id} aria-label={`${p.name} — ${p.documentFormatted}`}>
              <Text size="sm" fw={500}>
                {p.name}
              </Text>
              <Text size="xs" c="dimmed">
                {p.documentFormatted}
                {p.city || p.uf ? ` · ${[p.city, p.uf].filter(Boolean).join('/')}` : ''}
              </Text>
            </Combobox.Option>
          ))}
          {options.status === 'ready' && payers.length === 0 && (
            <Combobox.Empty>Nenhum pagador encontrado. Preencha os dados abaixo para um pagador novo.</Combobox.Empty>
          )}
          {options.status === 'ready' && payers.length >= PAYER_OPTIONS_LIMIT && (
            <Combobox.Footer>
              <Text size="xs" c="dimmed">
                Mostrando os primeiros {payers.length}. Digite mais do nome ou do CPF/CNPJ para achar outros.
              </Text>
            </Combobox.Footer>
          )}
          {options.status === 'loading' && <Combobox.Empty>Buscando…</Combobox.Empty>}
          {options.status === 'error' && <Combobox.Empty>{options.error.message}</Combobox.Empty>}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
