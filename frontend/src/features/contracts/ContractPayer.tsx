import { Button, Group, List, Paper, Stack, Text } from '@mantine/core';
import { IconUserCheck, IconX } from '@tabler/icons-react';
import type { PartyDTO, PayerView } from '../../lib/backend';
import { PartyFields } from '../boletos/draft/PartyFields';
import { PayerSearch } from '../boletos/draft/PayerPicker';
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
