import { Group, type ButtonProps } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBook, IconBuildingBank, IconFileDownload, IconPrinter, type Icon } from '@tabler/icons-react';
import { useState } from 'react';
import { asBackendError, isDesktop, openPdf, savePdf, type PrintLayout } from '../../lib/backend';
import { ActionButton } from './ActionButton';

/** One print action: what it does and how it is labelled. */
export type PrintAction = 'print' | 'save' | 'carne' | 'bank';

const ACTIONS: Record<PrintAction, { label: string; icon: Icon; layout: PrintLayout; open: boolean }> = {
  print: { label: 'Imprimir', icon: IconPrinter, layout: 'boleto', open: true },
  save: { label: 'Salvar PDF', icon: IconFileDownload, layout: 'boleto', open: false },
  carne: { label: 'Imprimir carnê', icon: IconBook, layout: 'carne', open: true },
  bank: { label: 'Baixar PDF do banco', icon: IconBuildingBank, layout: 'bank', open: false },
};

interface PrintMenuProps {
  /** The boletos to print, in order. */
  ids: number[];
  /** Which buttons to show, in order; default Imprimir and Salvar PDF. */
  actions?: PrintAction[];
  /** When set, every button is disabled and the tooltip says why. */
  disabledReason?: string;
  /** Style of the first button (the others are "default"). */
  primaryVariant?: ButtonProps['variant'];
  size?: ButtonProps['size'];
}

/**
 * Imprimir / Salvar PDF / Imprimir carnê / Baixar PDF do banco. In the window the PDF opens in
 * the system viewer (where it is printed) or is saved through the system dialog; in the browser
 * it opens in a new tab or downloads.
 */
export function PrintMenu({
  ids,
  actions = ['print', 'save'],
  disabledReason,
  primaryVariant = 'light',
  size = 'sm',
}: PrintMenuProps) {
  const [busy, setBusy] = useState<PrintAction | null>(null);

  const run = async (action: PrintAction) => {
    const { layout, open } = ACTIONS[action];
    setBusy(action);
    try {
      if (open) {
        const where = await openPdf({ ids, layout });
        notifications.show({
          color: 'green',
          title: 'PDF pronto para imprimir',
          message: isDesktop()
            ? `Aberto no visualizador de PDF do computador: imprima por lá. (${where})`
            : 'Aberto em uma nova aba: imprima por lá (Ctrl+P).',
        });
      } else {
        const where = await savePdf({ ids, layout });
        if (where !== null) {
          notifications.show({
            color: 'green',
            title: 'PDF salvo',
            message: isDesktop() ? `Salvo em ${where}.` : `O navegador está baixando ${where}.`,
          });
        }
      }
    } catch (err) {
      notifications.show({
        color: 'red',
        title: 'Não foi possível gerar o PDF',
        message: asBackendError(err, 'Não foi possível gerar o PDF. Tente de novo.').message,
      });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Group gap="xs" wrap="wrap">
      {actions.map((action, i) => {
        const { label, icon: ActionIcon } = ACTIONS[action];
        return (
          <ActionButton
            key={action}
            size={size}
            variant={i === 0 ? primaryVariant : 'default'}
            leftSection={<ActionIcon size={16} aria-hidden="true" />}
            onClick={() => void run(action)}
            loading={busy === action}
            disabled={busy !== null && busy !== action}
            disabledReason={disabledReason ?? (ids.length === 0 ? 'Selecione ao menos um boleto.' : undefined)}
          >
            {label}
          </ActionButton>
        );
      })}
    </Group>
  );
}
