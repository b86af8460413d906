import { Alert, Center, Loader, Overlay, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { getSettings } from '../../lib/backend';

interface Props {
  /** The sessionStarted of the session that is ending: a different one means the program is back. */
  since: string;
  /** What the restart is for, e.g. "Restaurando o backup". */
  reason: string;
  /** How often to ask whether the program is back (ms). */
  pollMs?: number;
  /** How long to wait before saying the program did not come back (ms). */
  giveUpMs?: number;
  /** Called once the program answers again; reloads the page by default. */
  onBack?: () => void;
}

function reloadPage() {
  window.location.reload();
}

/**
 * "Reiniciando o Boletos…" over the whole page while the program closes and opens again. In the
 * browser it asks the program until a new session answers, then reloads the page; in the window,
 * the window itself closes and a new one opens.
 */
export function RestartOverlay({ since, reason, pollMs = 1000, giveUpMs = 120_000, onBack = reloadPage }: Props) {
  const [late, setLate] = useState(false);

  useEffect(() => {
    let active = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const started = Date.now();
    const ask = () => {
      getSettings().then(
        (s) => {
          if (!active) return;
          if (s.sessionStarted && s.sessionStarted !== since) {
            active = false;
            onBack();
            return;
          }
          next();
        },
        () => {
          if (active) next(); // closed, or not listening yet
        },
      );
    };
    const next = () => {
      if (Date.now() - started > giveUpMs) setLate(true);
      timer = setTimeout(ask, pollMs);
    };
    timer = setTimeout(ask, pollMs);
    return () => {
      active = false;
      clearTimeout(timer);
    };
  }, [since, pollMs, giveUpMs, onBack]);

  return (
    <Overlay fixed zIndex={1000} backgroundOpacity={0.55} blur={2}>
      <Center h="100%">
        <Paper withBorder shadow="md" radius="md" p="xl" maw={520} role="status" aria-live="polite" aria-label="Reiniciando o Boletos">
          <Stack align="center" gap="sm">
            <Loader aria-hidden="true" />
            <Title order={2} size="h3">
              Reiniciando o Boletos…
            </Title>
            <Text size="sm" ta="center">
              {reason}. O programa fecha e abre de novo; esta página volta sozinha em alguns segundos.
            </Text>
            {late && (
              <Alert color="yellow" title="O programa ainda não voltou">
                <Text size="sm">
                  Se ele não abrir sozinho, abra-o de novo (no modo navegador, rode de novo o comando boletos serve). Nenhum
                  dado se perde: o que foi pedido é feito quando o programa abrir.
                </Text>
              </Alert>
            )}
          </Stack>
        </Paper>
      </Center>
    </Overlay>
  );
}
