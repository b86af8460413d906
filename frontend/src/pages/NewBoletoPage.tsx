import { Alert } from '@mantine/core';
import { useParams } from 'react-router-dom';
import { Page } from '../components/Page';
import { EditDraftScreen, NewDraftScreen } from '../features/boletos/draft/DraftScreens';

/** #/boletos/novo (a new boleto avulso) and #/boletos/:id/editar (a draft, or a boleto that failed). */
export function NewBoletoPage() {
  const { id } = useParams();
  if (id === undefined) return <NewDraftScreen />;
  const n = Number(id);
  if (!Number.isSafeInteger(n) || n <= 0) {
    return (
      <Page title="Editar boleto">
        <Alert color="red" title="Boleto não encontrado" maw={720}>
          O endereço “{id}” não é de um boleto. Abra o boleto pela lista de boletos.
        </Alert>
      </Page>
    );
  }
  return <EditDraftScreen key={n} id={n} />;
}
