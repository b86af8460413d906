import { Page } from '../components/Page';
import { UnderConstruction } from '../components/UnderConstruction';

export function BoletosPage() {
  return (
    <Page title="Boletos">
      <UnderConstruction>
        Aqui você verá todos os boletos, dos rascunhos aos liquidados, com filtros por situação, pagador e vencimento, para imprimir, cancelar ou acompanhar cada um.
      </UnderConstruction>
    </Page>
  );
}
