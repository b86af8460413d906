import { Button, Combobox, Group, List, Loader, Paper, Stack, Text, TextInput, useCombobox } from '@mantine/core';
import { IconSearch, IconUserCheck, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import type { PartyDTO, PayerView } from '../../lib/backend';
import { PartyFields } from '../boletos/draft/PartyFields';
import { PAYER_OPTIONS_LIMIT, usePayerOptions } from '../boletos/draft/usePayerOptions';
import type { PartyKey, PickedPayer } from '../boletos/draft/draftValues';
import type { FieldFeedback } from '../charges/ChargesFields';

interface ContractPayerProps {
  picked: PickedPayer | null;
  payer: PartyDTO;
  onPick: (payer: PayerView) => void;
  /** Forgets the picked payer and blanks the payer fields. */
  onClear: () => void;
  onChange: (key: PartyKey, value: string) => void;
  feedback: (path: string) => FieldFeedback;
  /** Problems of the payer's fields while a saved payer is shown without its fields. */
  pickedProblems: string[];
}

/**
 * The contract's payer: one from the register (found by a piece of the name or of the
 * CPF/CNPJ), or typed in here and then saved in the register. The contract always bills the
 * payer as the register has it, so a picked payer is shown, not edited.
 */
export function ContractPayer({ picked, payer, onPick, onClear, onChange, feedback, pickedProblems }: ContractPayerProps) {
  if (picked) {
    const where = [
      [payer.address, payer.number].filter(Boolean).join(', '),
      payer.district,
      [payer.city, payer.uf].filter(Boolean).join('/'),
    ]
      .filter(Boolean)
      .join(' · ');
    return (
      <Paper withBorder p="sm" role="status" aria-label="Pagador do cadastro" data-path="pagador.documento" tabIndex={-1}>
        <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <IconUserCheck size={20} aria-hidden="true" />
            <Stack gap={2}>
              <Text size="sm">
                <strong>{picked.name}</strong>
                {picked.document ? ` (${picked.document})` : ''}
              </Text>
              {where && (
                <Text size="xs" c="dimmed">
                  {where}
                </Text>
              )}
              <Text size="xs" c="dimmed">
                Os boletos saem com os dados do cadastro; para mudá-los, edite o pagador em Pagadores.
              </Text>
            </Stack>
          </Group>
          <Button
            size="compact-sm"
            variant="subtle"
            color="gray"
            leftSection={<IconX size={14} aria-hidden="true" />}
            onClick={onClear}
          >
            Trocar pagador
          </Button>
        </Group>
        {pickedProblems.length > 0 && (
          <Stack gap={4} mt="sm">
            <Text size="sm" c="red.8" fw={500}>
              O cadastro deste pagador está incompleto. Corrija-o em Pagadores e tente de novo:
            </Text>
            <List size="sm" c="red.8">
              {pickedProblems.map((p) => (
                <List.Item key={p}>{p}</List.Item>
              ))}
            </List>
          </Stack>
        )}
      </Paper>
    );
  }

  return (
    <Stack gap="sm">
      <PayerSearch onPick={onPick} />
      <PartyFields prefix="pagador" values={payer} onChange={onChange} feedback={feedback} full />
      <Text size="xs" c="dimmed">
        Um pagador novo fica salvo no cadastro de pagadores. Se o CPF/CNPJ já estiver cadastrado, o contrato usa os
        dados do cadastro.
      </Text>
    </Stack>
  );
}

/** "Buscar no cadastro": arrow keys and Enter choose without leaving the field. */
function PayerSearch({ onPick }: { onPick: (payer: PayerView) => void }) {
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
