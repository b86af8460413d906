import { NativeSelect, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { asBackendError, setPollInterval, type SettingsView } from '../../lib/backend';
import { formatMinutes } from './format';

/** Fast checks near due dates and while a boleto is processing (retorno.DefaultFastInterval). */
const FAST_MINUTES = 2;
/** With nothing open, the bank is asked this many times less often (retorno.IdleFactor). */
const IDLE_FACTOR = 3;

interface Props {
  settings: SettingsView;
  onSaved: (settings: SettingsView) => void;
}

/** "Verificar pagamentos a cada": saved and applied as soon as it is chosen. */
export function PollIntervalSettings({ settings, onSaved }: Props) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const minutes = settings.pollMinutes;
  const options = settings.pollOptions ?? [];

  const choose = (value: number) => {
    setSaving(true);
    setError(null);
    setPollInterval(value)
      .then((saved) => {
        onSaved(saved);
        notifications.show({
          color: 'green',
          title: 'Configuração salva',
          message: `Os pagamentos serão verificados a cada ${formatMinutes(saved.pollMinutes)}.`,
        });
      })
      .catch((err: unknown) => {
        const e = asBackendError(err, 'Não foi possível salvar o intervalo. Tente de novo.');
        setError(e.fieldMessages('pollMinutes')[0] ?? e.message);
      })
      .finally(() => setSaving(false));
  };

  return (
    <Stack gap="sm" maw={820}>
      <NativeSelect
        label="Verificar pagamentos a cada"
        data={options.map((m) => ({ value: String(m), label: formatMinutes(m) }))}
        value={String(minutes)}
        onChange={(event) => choose(Number(event.currentTarget.value))}
        disabled={saving}
        error={error}
        maw={260}
      />
      <Text size="sm" c="dimmed">
        Enquanto houver boletos em aberto, o programa pergunta ao banco o que foi pago, vencido ou baixado nesse intervalo.
        Perto do vencimento e enquanto um boleto está em processamento, pergunta a cada{' '}
        {formatMinutes(Math.min(FAST_MINUTES, minutes))}; sem boletos em aberto, a cada{' '}
        {formatMinutes(minutes * IDLE_FACTOR)}. “Sincronizar agora”, na lista de boletos, pergunta na hora.
      </Text>
    </Stack>
  );
}
